// Detects the input format from its content, never from the file name (DESIGN.md).
import { CaptureError, type CaptureFormat } from './frame.ts';
import { isPcapMagic } from './pcap.ts';
import { isPcapngMagic } from './pcapng.ts';
import { DEBUG_HEADER, MSG_HEADER, TCPDUMP_HEX_LINE, hexPreview, looksLikeText, splitLines } from './text-lines.ts';
import { isHexDumpLine } from './text-hex.ts';

/** How many leading lines of a text input are looked at to decide its kind. */
const SNIFF_LINES = 400;

/** The error for input that is no capture we read, naming its first bytes. */
export function notACapture(head: Uint8Array): CaptureError {
  return new CaptureError(
    `not a capture: expected pcap, pcapng, or a tcpdump/openssl/hex text dump; first bytes ${hexPreview(head)}`,
    0,
  );
}

/** The binary format announced by the first four bytes, if any. */
export function sniffBinary(head: Uint8Array): 'pcap' | 'pcapng' | undefined {
  if (head.length < 4) return undefined;
  const first4 = ((head[0]! << 24) | (head[1]! << 16) | (head[2]! << 8) | head[3]!) >>> 0;
  if (isPcapMagic(first4)) return 'pcap';
  if (isPcapngMagic(first4)) return 'pcapng';
  return undefined;
}

/** The text dump kind of `text`, if its lines look like one we read. */
export function sniffText(text: string): CaptureFormat | undefined {
  const lines = splitLines(text).slice(0, SNIFF_LINES);
  if (lines.some((l) => DEBUG_HEADER.test(l))) return 'openssl-debug';
  if (lines.some((l) => MSG_HEADER.test(l))) return 'openssl-msg';
  if (lines.some((l) => TCPDUMP_HEX_LINE.test(l))) return 'tcpdump-text';
  const filled = lines.filter((l) => l.trim() !== '');
  if (filled.length > 0 && filled.every(isHexDumpLine)) return 'hex';
  return undefined;
}

/** Detects the format of an input from its first bytes (binary) or its whole text. */
export function sniffFormat(bytes: Uint8Array): CaptureFormat {
  if (bytes.length === 0) {
    throw new CaptureError('empty input: expected pcap, pcapng, or a tcpdump/openssl/hex text dump', 0);
  }
  const binary = sniffBinary(bytes);
  if (binary) return binary;
  if (looksLikeText(bytes)) {
    const kind = sniffText(new TextDecoder().decode(bytes));
    if (kind) return kind;
  }
  throw notACapture(bytes);
}
