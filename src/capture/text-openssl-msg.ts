// `openssl s_client -msg` output: ">>>" (sent by s_client: client→server) and "<<<" blocks, each
//   <<< TLS 1.2, RecordHeader [length 0005]
//       16 03 03 00 41
//   <<< TLS 1.2, Handshake [length 0041], ServerHello
//       02 00 00 3d 03 03 ...
// -msg shows record headers as sent, but message bodies as plaintext after decryption and
// reassembly. So a record's body is known only when the messages that follow its header fill it
// exactly; otherwise (encrypted records, application data, which -msg never prints) the frame holds
// the 5-byte header alone with origLength covering the unseen body, and a problem says so.
import type { RawFrame } from './chunks.ts';
import { LinkType, type Direction } from './frame.ts';
import { MSG_HEADER, hexTokensToBytes, splitLines, type TextRead } from './text-lines.ts';

const HEX_BYTES_LINE = /^\s+((?:[0-9a-f]{2}\s?)+)\s*$/i;
const HANDSHAKE = 0x16;

/** A record header seen, waiting for the messages that make up its body. */
interface PendingRecord {
  header: Uint8Array;
  bodyLength: number;
  line: number;
}

/** Per-direction state: record headers not yet filled, and message bytes seen since them. */
interface DirectionState {
  pending: PendingRecord[];
  body: number[];
}

/** A -msg block: its header line and the hex bytes under it. */
interface MsgBlock {
  direction: Direction;
  kind: string;
  length: number;
  line: number;
  bytes: number[];
}

/** Reads `s_client -msg` text, rebuilding each direction's record stream where the text allows. */
export function readOpensslMsgText(text: string): TextRead {
  const problems: TextRead['problems'] = [];
  const frames: RawFrame[] = [];
  const state: Record<Direction, DirectionState> = { c2s: { pending: [], body: [] }, s2c: { pending: [], body: [] } };
  for (const block of readMsgBlocks(text, problems)) {
    const dir = state[block.direction];
    if (/RecordHeader/i.test(block.kind)) {
      readRecordHeader(block, dir, frames, problems);
    } else if (dir.pending.length === 0) {
      problems.push({ message: `line ${block.line}: ${block.kind.trim()} has no record header before it (older OpenSSL -msg output); its bytes are not placed in the stream`, line: block.line });
    } else {
      dir.body.push(...block.bytes);
      const wanted = dir.pending.reduce((n, r) => n + r.bodyLength, 0);
      if (dir.body.length === wanted) emitFilled(block.direction, dir, frames);
      else if (dir.body.length > wanted) emitUnfilled(block.direction, dir, frames, problems);
    }
  }
  emitUnfilled('c2s', state.c2s, frames, problems);
  emitUnfilled('s2c', state.s2c, frames, problems);
  frames.sort((a, b) => (a.line ?? 0) - (b.line ?? 0));
  problems.sort((a, b) => (a.line ?? 0) - (b.line ?? 0));
  return { frames, problems };
}

/** Splits the text into header + hex blocks; other text (certificates, session info) is skipped. */
function readMsgBlocks(text: string, problems: TextRead['problems']): MsgBlock[] {
  const blocks: MsgBlock[] = [];
  let current: MsgBlock | undefined;
  const lines = splitLines(text);
  for (let i = 0; i < lines.length; i++) {
    const line = lines[i]!;
    const header = MSG_HEADER.exec(line);
    if (header) {
      current = { direction: header[1] === '>>>' ? 'c2s' : 's2c', kind: header[2]!, length: parseInt(header[3]!, 16), line: i + 1, bytes: [] };
      blocks.push(current);
      continue;
    }
    const hex = current ? HEX_BYTES_LINE.exec(line) : null;
    if (current && hex) {
      const bytes = hexTokensToBytes(hex[1]!.trim().split(/\s+/));
      if (bytes) current.bytes.push(...bytes);
      else problems.push({ message: `line ${i + 1}: bad hex "${line.trim().slice(0, 60)}"`, line: i + 1 });
    } else {
      current = undefined;
    }
  }
  for (const b of blocks) {
    if (b.bytes.length !== b.length) {
      problems.push({ message: `line ${b.line}: the header announces ${b.length} bytes but ${b.bytes.length} are shown`, line: b.line });
    }
  }
  return blocks;
}

/**
 * A RecordHeader block. Earlier headers still waiting in this direction are given up on, unless
 * they and this one are handshake records with no message seen yet: one handshake message can
 * span several records, and -msg prints it once, after all their headers.
 */
function readRecordHeader(block: MsgBlock, dir: DirectionState, frames: RawFrame[], problems: TextRead['problems']): void {
  const header = Uint8Array.from(block.bytes);
  if (header.length < 5) {
    problems.push({ message: `line ${block.line}: record header of ${header.length} bytes is too short`, line: block.line });
    return;
  }
  const fragmentsOfOneMessage =
    dir.body.length === 0 && header[0] === HANDSHAKE && dir.pending.every((r) => r.header[0] === HANDSHAKE);
  if (!fragmentsOfOneMessage) emitUnfilled(block.direction, dir, frames, problems);
  // TLS headers end in the 16-bit body length (5 bytes); DTLS ones too (13 bytes).
  const bodyLength = (header[header.length - 2]! << 8) | header[header.length - 1]!;
  dir.pending.push({ header, bodyLength, line: block.line });
}

function streamFrame(direction: Direction, data: Uint8Array, origLength: number, line: number): RawFrame {
  return { timeNs: 0n, linkType: LinkType.WIREBOOK_STREAM, data, origLength, interfaceId: 0, line, direction };
}

/** The messages seen fill the waiting records exactly: each record becomes header + body. */
function emitFilled(direction: Direction, dir: DirectionState, frames: RawFrame[]): void {
  let at = 0;
  for (const r of dir.pending) {
    const data = new Uint8Array(r.header.length + r.bodyLength);
    data.set(r.header, 0);
    data.set(dir.body.slice(at, at + r.bodyLength), r.header.length);
    at += r.bodyLength;
    frames.push(streamFrame(direction, data, data.length, r.line));
  }
  dir.pending = [];
  dir.body = [];
}

/** The waiting records' bodies are not in the text: each frame holds its header only. */
function emitUnfilled(direction: Direction, dir: DirectionState, frames: RawFrame[], problems: TextRead['problems']): void {
  for (const r of dir.pending) {
    problems.push({
      message: `line ${r.line}: the ${r.bodyLength}-byte body of this record is not shown by -msg (encrypted or application data); the frame holds its ${r.header.length}-byte header only`,
      line: r.line,
    });
    frames.push(streamFrame(direction, r.header, r.header.length + r.bodyLength, r.line));
  }
  dir.pending = [];
  dir.body = [];
}
