// Plain hex pastes: bare bytes ("16 03 01 00 61", "1603010061", "0x16, 0x03"), or dump lines
// with offsets (xxd "00000000: 1603 0100 ...", hexdump -C "00000000  16 03 ... |...|",
// OpenSSL BIO_dump "0000 - 16 03 01 00-61 ..."). The bytes become one client-to-server stream frame.
import { LinkType } from './frame.ts';
import { hexBeforeAsciiColumn, hexTokensToBytes, splitLines, type TextRead } from './text-lines.ts';

/** One parsed line: its bytes and, when it carried one, its offset. */
interface HexLine {
  offset?: number;
  bytes: number[];
}

/** `offset: rest`, `offset - rest`, or a long (xxd/hexdump) offset followed by two spaces. */
const OFFSET_PREFIX = /^(?:0x)?([0-9a-f]+)(?::\s*|\s+-\s+)(.*)$|^([0-9a-f]{6,})\s{2,}(.*)$/i;

/** Reads a line after its offset: hexdump -C's `|ascii|`, BIO_dump's `-` join, the ASCII column. */
function readDumpLineBody(rest: string): number[] | undefined {
  const withoutBars = rest.replace(/\s*\|.*\|\s*$/, '');
  if (withoutBars !== rest) return hexTokensToBytes(withoutBars.trim().split(/\s+/));
  const joined = rest.replace(/([0-9a-f]{2})-([0-9a-f]{2})/gi, '$1 $2');
  return hexTokensToBytes(hexBeforeAsciiColumn(joined));
}

/** Reads bare hex: tokens separated by spaces or commas, each optionally prefixed 0x or \x. */
function readBareHex(line: string): number[] | undefined {
  const tokens = line
    .trim()
    .split(/[\s,]+/)
    .filter((t) => t !== '')
    .map((t) => t.replace(/^(?:0x|\\x)/i, ''));
  const joined = tokens.every((t) => t.length === 2) ? tokens : tokens.flatMap((t) => t.split(/\\x/i));
  return hexTokensToBytes(joined);
}

/** Parses one non-blank line of a hex paste; undefined when it is not hex. */
export function readHexLine(line: string): HexLine | undefined {
  const bare = readBareHex(line);
  if (bare) return { bytes: bare };
  const m = OFFSET_PREFIX.exec(line.trim());
  if (!m) return undefined;
  const offsetText = m[1] ?? m[3] ?? '';
  const bytes = readDumpLineBody(m[2] ?? m[4] ?? '');
  return bytes ? { offset: parseInt(offsetText, 16), bytes } : undefined;
}

/** True for a line that reads as hex (used by the sniffer: every line of a hex paste must). */
export function isHexDumpLine(line: string): boolean {
  return readHexLine(line) !== undefined;
}

/** Reads a plain hex paste into one WIREBOOK_STREAM frame (client to server). */
export function readHexText(text: string): TextRead {
  const problems: TextRead['problems'] = [];
  const bytes: number[] = [];
  let firstLine: number | undefined;
  const lines = splitLines(text);
  for (let i = 0; i < lines.length; i++) {
    const line = lines[i]!;
    if (line.trim() === '') continue;
    const lineNo = i + 1;
    const parsed = readHexLine(line);
    if (!parsed) {
      problems.push({ message: `line ${lineNo}: not hex bytes: "${line.trim().slice(0, 60)}"; the bytes end before it`, line: lineNo });
      break;
    }
    if (parsed.offset !== undefined && parsed.offset !== bytes.length) {
      problems.push({
        message: `line ${lineNo}: offset 0x${parsed.offset.toString(16)} does not continue the previous line (expected 0x${bytes.length.toString(16)}); the bytes end before it`,
        line: lineNo,
      });
      break;
    }
    firstLine ??= lineNo;
    bytes.push(...parsed.bytes);
  }
  if (bytes.length === 0) return { frames: [], problems };
  const data = Uint8Array.from(bytes);
  return {
    frames: [
      { timeNs: 0n, linkType: LinkType.WIREBOOK_STREAM, data, origLength: data.length, interfaceId: 0, line: firstLine ?? 1, direction: 'c2s' },
    ],
    problems,
  };
}
