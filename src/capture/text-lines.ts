// Helpers shared by the text-dump readers: lines, hex tokens and the line shapes we recognise.
import type { CaptureProblem } from './frame.ts';
import type { RawFrame } from './chunks.ts';

/** `openssl s_client -debug` block header: `write to 0x... [0x...] (154 bytes => 154 (0x9A))`. */
export const DEBUG_HEADER = /^\s*(write to|read from) (?:0x)?[0-9a-f]+ \[(?:0x)?[0-9a-f]+\] \((\d+) bytes => (-?\d+)/i;
/** `openssl s_client -msg` message header: `>>> TLS 1.2, Handshake [length 0095], ClientHello`. */
export const MSG_HEADER = /^(>>>|<<<) (.*?)\[length ([0-9a-f]+)\]/i;
/** A tcpdump -x/-X hex line: `\t0x0010:  7f00 0001 ...`. */
export const TCPDUMP_HEX_LINE = /^\s*0x([0-9a-f]{4,8}):(\s+)(.*)$/i;

/** What a text reader returns: frames in order plus the problems it met. */
export interface TextRead {
  frames: RawFrame[];
  problems: CaptureProblem[];
}

/** Splits text into lines (LF or CRLF), without the line ends. */
export function splitLines(text: string): string[] {
  return text.split(/\r?\n/);
}

/**
 * True when bytes look like text: no NUL bytes and mostly printable. Binary garbage must not be
 * read whole as a "text dump" only to fail at the end.
 */
export function looksLikeText(bytes: Uint8Array): boolean {
  const n = Math.min(bytes.length, 4096);
  let odd = 0;
  for (let i = 0; i < n; i++) {
    const b = bytes[i]!;
    if (b === 0) return false;
    if (b < 0x09 || (b > 0x0d && b < 0x20) || b === 0x7f) odd++;
  }
  return odd * 20 <= n;
}

/** Bytes of space-separated hex tokens of any even length ("4500", "16", "0a0b0c"); undefined if one is not hex. */
export function hexTokensToBytes(tokens: readonly string[]): number[] | undefined {
  const out: number[] = [];
  for (const token of tokens) {
    if (!/^(?:[0-9a-f]{2})+$/i.test(token)) return undefined;
    for (let i = 0; i < token.length; i += 2) out.push(parseInt(token.slice(i, i + 2), 16));
  }
  return out;
}

/**
 * Splits the part of a dump line after its offset into hex tokens and the ASCII column: the hex
 * tokens are separated by single spaces, the ASCII column starts after a run of 2+ spaces.
 */
export function hexBeforeAsciiColumn(rest: string): string[] {
  const hexPart = rest.trim().split(/ {2,}|\t/)[0] ?? '';
  return hexPart.length ? hexPart.split(' ') : [];
}

/** Bytes as lower-case hex pairs separated by spaces, for messages. */
export function hexPreview(bytes: Uint8Array, count = 4): string {
  return Array.from(bytes.subarray(0, count), (b) => b.toString(16).padStart(2, '0')).join(' ');
}
