// Record framing (RFC 5246 §6.2, RFC 8446 §5.1): cuts one direction's reassembled stream into
// records, SSLv2 records and bytes that are not records, before any of them is interpreted. Framing
// needs no handshake state, so both directions are framed first and then decoded in wire order.
import type { Direction } from '../capture/frame.ts';
import { SegmentByteMap } from '../model/bytemap.ts';
import type { DirectedStream, StreamChunk } from '../tcp/types.ts';
import { plausibleSslv2Header } from './sslv2.ts';

/** RFC 5246 §6.2.3: TLSCiphertext.length must not exceed 2^14 + 2048. */
export const MAX_RECORD_LENGTH = 16384 + 2048;

/** The problem of junk units holding the plaintext before TLS starts (a STARTTLS preamble). */
export const PREAMBLE = 'before TLS starts';

/** A piece of one direction's stream, framed. */
export interface FramedUnit {
  kind: 'record' | 'sslv2' | 'junk';
  dir: Direction;
  chunk: StreamChunk;
  map: SegmentByteMap;
  /** Start and end (exclusive) of the unit in `chunk.bytes`. */
  start: number;
  end: number;
  /** For records: header fields; `declaredEnd` may lie past `end` when the record is cut off. */
  contentType?: number;
  version?: number;
  length?: number;
  headerLength?: number;
  declaredEnd?: number;
  /** Why the bytes are junk, or why the record is broken (unknown type, too long). */
  problem?: string;
  /** Frames of the first and last byte, and the frame from which the unit can be decoded (for ordering). */
  firstFrame: number;
  lastFrame: number;
  readyFrame: number;
}

/** True when 5 bytes at `at` look like a TLS record header (known type, SSL 3.0-TLS 1.3, sane length). */
export function plausibleRecordHeader(b: Uint8Array, at: number, end: number): boolean {
  if (at + 5 > end) return false;
  const type = b[at]!;
  const len = (b[at + 3]! << 8) | b[at + 4]!;
  return type >= 20 && type <= 24 && b[at + 1] === 3 && b[at + 2]! <= 4 && len <= MAX_RECORD_LENGTH && (len > 0 || type === 23);
}

/**
 * A stronger test for resynchronising inside junk: the header is plausible and the record after
 * it is plausible too, or the record ends the chunk exactly, or the chunk ends inside its body
 * (some body byte arrived), or what follows it is too short to judge. A header that is all the
 * chunk has left (no body byte) is not enough on its own; `frameDirection` needs no search when a
 * chunk starts where the previous record declared its end.
 */
function resyncPoint(b: Uint8Array, at: number, end: number): boolean {
  if (!plausibleRecordHeader(b, at, end)) return false;
  const next = at + 5 + ((b[at + 3]! << 8) | b[at + 4]!);
  return next === end || (next > end && at + 5 < end) || plausibleRecordHeader(b, next, end) || (next < end && end - next < 5);
}

/** The first offset ≥ `from` where a record plausibly starts, or `end`. */
export function findResync(b: Uint8Array, from: number, end: number): number {
  for (let at = from; at + 5 <= end; at++) if (resyncPoint(b, at, end)) return at;
  return end;
}

/** True when a direction's stream starts like TLS (a record or an SSLv2 hello). */
export function looksLikeTls(b: Uint8Array, at = 0): boolean {
  return plausibleRecordHeader(b, at, b.length) || plausibleSslv2Header(b, at, b.length, true);
}

/** What a unit says about its bytes; `makeUnit` adds where they lie and their frames. */
export type UnitParts = Omit<FramedUnit, 'dir' | 'chunk' | 'map' | 'firstFrame' | 'lastFrame' | 'readyFrame'>;

/**
 * A unit of `place`'s direction and chunk, built key by key (no spread): one object shape for
 * every unit, here and in the STARTTLS preamble split, keeps the driver's reads fast.
 */
export function makeUnit(place: Pick<FramedUnit, 'dir' | 'chunk' | 'map'>, u: UnitParts, firstFrame: number, lastFrame: number, readyFrame: number): FramedUnit {
  const unit: FramedUnit = { kind: u.kind, dir: place.dir, chunk: place.chunk, map: place.map, start: u.start, end: u.end, firstFrame, lastFrame, readyFrame };
  if (u.contentType !== undefined) unit.contentType = u.contentType;
  if (u.version !== undefined) unit.version = u.version;
  if (u.length !== undefined) unit.length = u.length;
  if (u.headerLength !== undefined) unit.headerLength = u.headerLength;
  if (u.declaredEnd !== undefined) unit.declaredEnd = u.declaredEnd;
  if (u.problem !== undefined) unit.problem = u.problem;
  return unit;
}

/**
 * Frames one direction: every byte from `tlsStart` on ends up in exactly one unit. `preamble`
 * bytes before it (STARTTLS) and bytes in a stream that is not TLS become junk units. A chunk after
 * a gap starts with a record when it starts exactly where the previous chunk's last record declared
 * its end (the gap was that record's body: openssl -msg shows only the headers of encrypted
 * records); otherwise the next record header is searched for (`findResync`).
 */
export function frameDirection(dir: Direction, stream: DirectedStream, tlsStart: number | undefined): FramedUnit[] {
  const units: FramedUnit[] = [];
  let ready = 0;
  let sslv2 = false;
  let first = true;
  // Stream offset where the last record of the previous chunk declared its end (none after junk).
  let recordEnd: number | undefined;
  for (const chunk of stream.chunks) {
    const map = new SegmentByteMap(chunk.segments);
    const b = chunk.bytes;
    const end = b.length;
    const place = { dir, chunk, map };
    const push = (u: UnitParts): void => {
      const firstFrame = map.frameAt(u.start);
      const lastFrame = map.frameAt(Math.max(u.start, u.end - 1));
      // A unit can be decoded once all of its bytes and everything before it have arrived.
      ready = Math.max(ready, lastFrame, firstFrame);
      units.push(makeUnit(place, u, firstFrame, lastFrame, ready));
    };
    let at = 0;
    if (tlsStart === undefined) {
      push({ kind: 'junk', start: 0, end, problem: 'not TLS' });
      continue;
    }
    if (chunk.start + end <= tlsStart) {
      push({ kind: 'junk', start: 0, end, problem: PREAMBLE });
      continue;
    }
    if (chunk.start < tlsStart) {
      at = tlsStart - chunk.start;
      push({ kind: 'junk', start: 0, end: at, problem: PREAMBLE });
    } else if ((!first || chunk.start > tlsStart) && chunk.start !== recordEnd) {
      // After a gap the next record header is somewhere in this chunk: look for it.
      const to = findResync(b, 0, end);
      if (to > 0) push({ kind: 'junk', start: 0, end: to, problem: 'bytes after a stream gap, before the next record header' });
      at = to;
    }
    if (first && at < end && plausibleSslv2Header(b, at, end, true)) sslv2 = true;
    first = false;
    recordEnd = undefined;
    while (at < end) {
      if (sslv2 && !plausibleRecordHeader(b, at, end) && plausibleSslv2Header(b, at, end, false)) {
        const three = (b[at]! & 0x80) === 0;
        const len = three ? ((b[at]! & 0x3f) << 8) | b[at + 1]! : ((b[at]! & 0x7f) << 8) | b[at + 1]!;
        const hl = three ? 3 : 2;
        const declaredEnd = at + hl + len;
        push({ kind: 'sslv2', start: at, end: Math.min(end, declaredEnd), length: len, headerLength: hl, declaredEnd });
        recordEnd = chunk.start + declaredEnd;
        at = Math.min(end, declaredEnd);
        continue;
      }
      if (end - at < 5) {
        push({ kind: 'junk', start: at, end, problem: `${end - at} bytes: too few for a record header (cut off by a stream gap or the end of the capture)` });
        recordEnd = undefined;
        break;
      }
      sslv2 = sslv2 && !plausibleRecordHeader(b, at, end);
      const type = b[at]!;
      const version = (b[at + 1]! << 8) | b[at + 2]!;
      const len = (b[at + 3]! << 8) | b[at + 4]!;
      let problem: string | undefined;
      if (type < 20 || type > 26) problem = `unknown content type ${type} (0x${type.toString(16)})`;
      else if (len > MAX_RECORD_LENGTH) problem = `record length ${len} exceeds 2^14+2048 = ${MAX_RECORD_LENGTH} (RFC 5246 §6.2.3)`;
      else if (b[at + 1] !== 3) problem = `version 0x${version.toString(16).padStart(4, '0')} is not SSL 3.0-TLS 1.3`;
      if (problem) {
        // Skip past the broken header, then to the next place a record plausibly starts.
        const to = findResync(b, at + 1, end);
        push({ kind: 'record', start: at, end: to, contentType: type, version, length: len, headerLength: 5, declaredEnd: at + 5 + len, problem });
        recordEnd = undefined;
        at = to;
        continue;
      }
      const declaredEnd = at + 5 + len;
      push({ kind: 'record', start: at, end: Math.min(end, declaredEnd), contentType: type, version, length: len, headerLength: 5, declaredEnd });
      recordEnd = chunk.start + declaredEnd;
      at = Math.min(end, declaredEnd);
    }
  }
  return units;
}

/** Merges both directions' units into wire order: by the frame that makes each decodable. */
export function mergeByTime(c2s: FramedUnit[], s2c: FramedUnit[]): FramedUnit[] {
  const out: FramedUnit[] = [];
  let i = 0;
  let j = 0;
  while (i < c2s.length || j < s2c.length) {
    const a = c2s[i];
    const b = s2c[j];
    if (a && (!b || a.readyFrame <= b.readyFrame)) {
      out.push(a);
      i++;
    } else if (b) {
      out.push(b);
      j++;
    }
  }
  return out;
}
