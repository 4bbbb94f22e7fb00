// `openssl s_client -debug` output: each BIO read or write is a header line
//   write to 0x5628d5cfca50 [0x5628d5d0f0d0] (154 bytes => 154 (0x9A))
// followed by BIO_dump lines "0000 - 16 03 01 00 95 01 00 00-91 03 03 d4 8c c3 46 66   ....".
// s_client is the client, so a write is client→server and a read server→client. Each block
// becomes one stream frame; text between blocks (certificates, session info) is ignored.
import type { RawFrame } from './chunks.ts';
import { LinkType, type Direction } from './frame.ts';
import { DEBUG_HEADER, hexTokensToBytes, splitLines, type TextRead } from './text-lines.ts';

/** A BIO_dump line: 4+ hex digit offset, " - ", then hex bytes (a '-' after the 8th) and ASCII. */
const BIO_DUMP_LINE = /^(\s*)([0-9a-f]{4,}) - (.*)$/i;
/** OpenSSL 0.9.7 ended a dump whose tail was spaces or NULs with this line instead of the bytes. */
const SPACES_NULS = /^<SPACES\/NULS>\s*$/;

/** One read or write block being collected. */
interface DebugBlock {
  direction: Direction;
  line: number;
  /** Leading whitespace of the header line; the block's dump lines have the same. */
  indent: string;
  length: number;
  bytes: number[];
  /** Set after a broken line or the truncation marker: later dump lines of the block are ignored. */
  stopped: boolean;
  /** A problem was already recorded for this block. */
  reported: boolean;
  truncatedAt?: number;
}

/** Where BIO_dump puts the ASCII column: 16 slots of "hh" plus a separator, then two spaces. */
const HEX_FIELD = 48;

/**
 * Reads a BIO_dump line body laid out exactly as OpenSSL prints it, checking the ASCII column
 * against the bytes; undefined when the line does not have that layout (e.g. it was cut).
 */
export function readBioDumpLine(rest: string): number[] | undefined {
  if (rest.length < HEX_FIELD + 2 || rest.slice(HEX_FIELD, HEX_FIELD + 2) !== '  ') return undefined;
  const bytes: number[] = [];
  for (let slot = 0; slot < 16; slot++) {
    const cell = rest.slice(slot * 3, slot * 3 + 3);
    if (cell === '   ') continue;
    if (!/^[0-9a-f]{2}[ -]$/i.test(cell) || bytes.length !== slot) return undefined;
    bytes.push(parseInt(cell.slice(0, 2), 16));
  }
  const ascii = rest.slice(HEX_FIELD + 2).trimEnd();
  const expected = bytes.map((b) => (b >= 0x20 && b <= 0x7e ? String.fromCharCode(b) : '.')).join('');
  return bytes.length > 0 && ascii.length <= expected.length && expected.startsWith(ascii) ? bytes : undefined;
}

/** How many leading characters of a line body fit BIO_dump's hex field (where it was cut). */
function bioFieldPrefix(rest: string): number {
  let k = 0;
  for (; k < Math.min(rest.length, HEX_FIELD); k++) {
    const ch = rest[k]!;
    const fits = k % 3 === 2 ? ch === ' ' || ch === '-' : /[0-9a-f]/i.test(ch);
    if (!fits) break;
  }
  return k;
}

/**
 * A dump line cut short by other output (stderr lines written in the middle of it) continues on
 * a later line. Finds the line whose text completes the cut line into a valid dump line.
 */
function spliceInterruptedLine(lines: readonly string[], index: number, rest: string): { rest: string; lineIndex: number } | undefined {
  const longest = bioFieldPrefix(rest);
  for (let j = index + 1; j < Math.min(lines.length, index + 512); j++) {
    const candidate = lines[j]!;
    if (DEBUG_HEADER.test(candidate) || BIO_DUMP_LINE.test(candidate)) return undefined;
    // The cut may fall inside what looks like hex ("d6 9depth=2": the 'd' is the other output's).
    for (let cut = longest; cut > 0; cut--) {
      const joined = rest.slice(0, cut) + candidate;
      if (readBioDumpLine(joined)) return { rest: joined, lineIndex: j };
    }
  }
  return undefined;
}

/** The bytes of a BIO_dump line body (hex before the ASCII column; "00-5d" joins bytes 8 and 9). */
export function readBioDumpBytes(rest: string): number[] | undefined {
  const hexPart = rest.split(/ {2,}/)[0] ?? '';
  const tokens = hexPart.trim().split(/[ -]/).filter((t) => t !== '');
  return tokens.length > 0 && tokens.every((t) => t.length === 2) ? hexTokensToBytes(tokens) : undefined;
}

/** Reads `s_client -debug` text into one WIREBOOK_STREAM frame per read/write block. */
export function readOpensslDebugText(text: string): TextRead {
  const problems: TextRead['problems'] = [];
  const frames: RawFrame[] = [];
  let block: DebugBlock | undefined;
  const close = (): void => {
    if (block) finishBlock(block, frames, problems);
    block = undefined;
  };
  const lines = splitLines(text);
  const spliced = new Set<number>();
  for (let i = 0; i < lines.length; i++) {
    if (spliced.has(i)) continue;
    const line = lines[i]!;
    const lineNo = i + 1;
    const header = DEBUG_HEADER.exec(line);
    if (header) {
      close();
      const transferred = Number(header[3]);
      // "=> -1" or "=> 0": the call moved no bytes and no dump follows.
      if (transferred > 0) {
        const direction: Direction = header[1]!.toLowerCase() === 'write to' ? 'c2s' : 's2c';
        block = { direction, line: lineNo, indent: /^\s*/.exec(line)![0], length: transferred, bytes: [], stopped: false, reported: false };
      }
      continue;
    }
    const dump = BIO_DUMP_LINE.exec(line);
    // Other text (stderr lines, certificates, the HTTP response) can sit inside a block when
    // stdout and stderr were captured together: it neither ends the block nor adds to it.
    // Dump lines of a block are indented like its header (s_client's session ticket dump is not ours).
    if (!dump || !block || dump[1] !== block.indent) continue;
    let rest = dump[3]!;
    if (!SPACES_NULS.test(rest.trim()) && !readBioDumpLine(rest)) {
      const joined = spliceInterruptedLine(lines, i, rest);
      if (joined) {
        spliced.add(joined.lineIndex);
        rest = joined.rest;
        problems.push({ message: `line ${lineNo}: dump line interrupted by other output; completed with line ${joined.lineIndex + 1}`, line: lineNo });
      }
    }
    readDumpLine(block, parseInt(dump[2]!, 16), rest, lineNo, problems);
  }
  close();
  return { frames, problems };
}

/** Adds one BIO_dump line to the block, or records why it cannot be used. */
function readDumpLine(block: DebugBlock, offset: number, rest: string, lineNo: number, problems: TextRead['problems']): void {
  if (block.stopped) return;
  const expected = block.bytes.length;
  if (SPACES_NULS.test(rest.trim())) {
    block.stopped = true;
    block.truncatedAt = lineNo;
    return;
  }
  const bytes = readBioDumpLine(rest) ?? readBioDumpBytes(rest);
  if (!bytes) {
    problems.push({ message: `line ${lineNo}: bad hex in dump line "${rest.trim().slice(0, 60)}"; the block keeps its first ${expected} bytes`, line: lineNo });
    block.stopped = true;
    block.reported = true;
  } else if (offset !== expected) {
    problems.push({
      message: `line ${lineNo}: dump offset ${offset.toString(16).padStart(4, '0')} does not continue the previous line (expected ${expected.toString(16).padStart(4, '0')}); ${offset > expected ? `${offset - expected} bytes are missing, ` : ''}the block keeps its first ${expected} bytes`,
      line: lineNo,
    });
    block.stopped = true;
    block.reported = true;
  } else {
    block.bytes.push(...bytes);
  }
}

/**
 * Emits the block as a frame. Bytes elided as <SPACES/NULS> are filled with NULs (said in a
 * problem): in TLS they are nearly always zero lengths or the null compression method, and
 * leaving them out would shift every later byte of the stream. Other missing bytes stay missing:
 * the frame's origLength counts them, so the stream gets a gap of that size.
 */
function finishBlock(block: DebugBlock, frames: RawFrame[], problems: TextRead['problems']): void {
  const shown = block.bytes.length;
  if (block.truncatedAt !== undefined && shown < block.length) {
    problems.push({
      message: `line ${block.truncatedAt}: <SPACES/NULS>: the last ${block.length - shown} of the ${block.length} bytes are spaces or NULs that OpenSSL did not print; they are filled in as NUL (0x00), the usual value in TLS, though a space (0x20) cannot be ruled out`,
      line: block.truncatedAt,
    });
    while (block.bytes.length < block.length) block.bytes.push(0);
  } else if (shown !== block.length && !block.reported) {
    problems.push({
      message: `line ${block.line}: the header announces ${block.length} bytes but the dump shows ${shown}`,
      line: block.line,
    });
  }
  if (shown === 0) return;
  const data = Uint8Array.from(block.bytes.slice(0, block.length));
  frames.push({
    timeNs: 0n,
    linkType: LinkType.WIREBOOK_STREAM,
    data,
    origLength: Math.max(block.length, data.length),
    interfaceId: 0,
    line: block.line,
    direction: block.direction,
  });
}
