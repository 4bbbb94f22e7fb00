// Small reading idioms shared by the TLS message readers, built on the model's Cursor.
import type { ByteMap } from '../model/bytemap.ts';
import { Cursor, Overrun, type FieldOpts } from '../model/cursor.ts';
import { pushSpan, type Span } from '../model/span.ts';
import type { Field } from '../model/field.ts';

/**
 * Reads `length` bytes through a sub-cursor whose fields go into the SAME list as `r`'s (the
 * body of a handshake message sits directly under its `tls.handshake` field, as in Wireshark).
 * A length that overruns, bytes left over and an Overrun inside are all recorded, never thrown.
 */
export function flat<T>(r: Cursor, length: number, what: string, body: (b: Cursor) => T): T | undefined {
  let len = length;
  if (len > r.remaining) {
    r.malformed(`${what}: length ${length} exceeds the ${r.remaining} bytes that remain`, 0);
    len = r.remaining;
  }
  const b = new Cursor(r.data, r.map, r.out, r.pos, r.pos + len);
  let result: T | undefined;
  try {
    result = body(b);
  } catch (e) {
    if (!(e instanceof Overrun)) throw e;
  }
  if (b.pos < b.end) b.malformed(`${b.end - b.pos} bytes left over after ${what}`);
  r.skip(len);
  return result;
}

/** Reads `length` opaque bytes as a field, adding nothing when the length is 0 (as Wireshark does). */
export function opaque(r: Cursor, name: string, filter: string | undefined, length: number, opts?: FieldOpts): Uint8Array {
  if (length === 0) return r.data.subarray(r.pos, r.pos);
  return r.bytes(name, filter, length, opts);
}

/** A length-prefixed opaque value `opaque x<..2^(8n)-1>`: the length field, then the bytes. */
export function prefixed(
  r: Cursor,
  lengthBytes: 1 | 2 | 3,
  lengthName: string,
  lengthFilter: string | undefined,
  name: string,
  filter: string | undefined,
  opts?: FieldOpts,
): Uint8Array {
  const n = r.uint(lengthBytes, lengthName, lengthFilter);
  return opaque(r, name, filter, n, opts);
}

/** A piece of a byte map: `length` bytes at `start` here are `base..` of `map`. */
export interface Piece {
  start: number;
  length: number;
  map: ByteMap;
  base: number;
}

/** Bytes concatenated from several places (handshake fragments from several records). */
export class PiecewiseByteMap implements ByteMap {
  constructor(readonly pieces: readonly Piece[]) {}
  locate(offset: number, length: number): Span[] {
    const spans: Span[] = [];
    const end = offset + length;
    for (const p of this.pieces) {
      const from = Math.max(offset, p.start);
      const to = Math.min(end, p.start + p.length);
      if (to > from) for (const s of p.map.locate(p.base + (from - p.start), to - from)) pushSpan(spans, s);
    }
    return spans;
  }
}

/** Builds a field that is not read from a cursor (a placeholder or a summary), with given spans. */
export function syntheticField(name: string, filter: string | undefined, spans: Span[], extra?: Partial<Field>): Field {
  const f: Field = { name, spans, ...extra };
  if (filter !== undefined) f.filter = filter;
  return f;
}
