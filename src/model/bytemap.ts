import { isFrameSpan, pushSpan, type Span } from './span.ts';

/**
 * Maps a byte range of some decoded source (a frame, a reassembled TCP stream, a plaintext
 * buffer) back to where those bytes are: the spans of the annotation model.
 */
export interface ByteMap {
  locate(offset: number, length: number): Span[];
}

/** Bytes that are a slice of one frame, starting at `base` within the frame. */
export class FrameByteMap implements ByteMap {
  constructor(
    readonly frame: number,
    readonly base = 0,
  ) {}
  locate(offset: number, length: number): Span[] {
    return length > 0 ? [{ frame: this.frame, offset: this.base + offset, length }] : [];
  }
}

/** Bytes of a named derived buffer (e.g. the plaintext of a decrypted record). */
export class BufferByteMap implements ByteMap {
  constructor(
    readonly buffer: string,
    readonly base = 0,
  ) {}
  locate(offset: number, length: number): Span[] {
    return length > 0 ? [{ buffer: this.buffer, offset: this.base + offset, length }] : [];
  }
}

/** One contiguous piece of a reassembled stream and the frame bytes it was copied from. */
export interface StreamSegment {
  /** Offset of the piece within the reassembled bytes. */
  start: number;
  length: number;
  frame: number;
  /** Offset of the piece within the frame's captured bytes. */
  frameOffset: number;
}

/** A range of the mapped bytes: `length` bytes from `start`. */
interface ByteRange {
  start: number;
  length: number;
}

/**
 * Bytes mapped by a sorted, non-overlapping list of ranges, each of which a subclass turns into
 * spans. Lookups remember the range of the last one: decoders read forward, so the next lookup is
 * usually there or in the range just after.
 */
abstract class RangeByteMap<R extends ByteRange> implements ByteMap {
  private hint = 0;

  constructor(private readonly ranges: readonly R[]) {}

  /** The span of `length` bytes from offset `from`, inside range `r`. */
  protected abstract span(r: R, from: number, length: number): Span;

  /** Index of the range holding `offset`, or -1. */
  protected find(offset: number): number {
    const rs = this.ranges;
    const h = this.hint;
    const r = rs[h];
    if (r !== undefined && offset >= r.start) {
      if (offset < r.start + r.length) return h;
      const n = rs[h + 1];
      if (n !== undefined && offset >= n.start && offset < n.start + n.length) return (this.hint = h + 1);
    }
    let lo = 0;
    let hi = rs.length - 1;
    while (lo <= hi) {
      const mid = (lo + hi) >>> 1;
      const m = rs[mid]!;
      if (offset < m.start) hi = mid - 1;
      else if (offset >= m.start + m.length) lo = mid + 1;
      else return (this.hint = mid);
    }
    return -1;
  }

  locate(offset: number, length: number): Span[] {
    let i = this.find(offset);
    if (i < 0 || length <= 0) return [];
    const rs = this.ranges;
    const first = rs[i]!;
    const end = offset + length;
    // The common case: the bytes lie in one range, one span.
    if (end <= first.start + first.length) return [this.span(first, offset, length)];
    const spans: Span[] = [];
    let at = offset;
    while (i < rs.length && at < end) {
      const r = rs[i]!;
      const from = Math.max(at, r.start);
      const to = Math.min(end, r.start + r.length);
      if (to > from) pushSpan(spans, this.span(r, from, to - from));
      at = to;
      i++;
    }
    return spans;
  }
}

/** Bytes reassembled from several frames: a sorted, non-overlapping list of segments. */
export class SegmentByteMap extends RangeByteMap<StreamSegment> {
  constructor(readonly segments: readonly StreamSegment[]) {
    super(segments);
  }

  /** The frame holding the byte at `offset`, or 0 (what `locate(offset, 1)` would name, without building it). */
  frameAt(offset: number): number {
    const i = this.find(offset);
    return i < 0 ? 0 : this.segments[i]!.frame;
  }

  protected span(s: StreamSegment, from: number, length: number): Span {
    return { frame: s.frame, offset: s.frameOffset + (from - s.start), length };
  }
}

/** One piece of a FlatByteMap: `length` bytes at `start` here are at `offset` of a frame or a buffer. */
interface FlatPiece {
  start: number;
  length: number;
  frame: number | undefined;
  buffer: string | undefined;
  offset: number;
}

/** The spans of `inner` over `[0, length)` as pieces laid end to end. */
function flatPieces(inner: ByteMap, length: number): FlatPiece[] {
  const pieces: FlatPiece[] = [];
  let at = 0;
  for (const s of inner.locate(0, length)) {
    pieces.push({ start: at, length: s.length, frame: isFrameSpan(s) ? s.frame : undefined, buffer: isFrameSpan(s) ? undefined : s.buffer, offset: s.offset });
    at += s.length;
  }
  return pieces;
}

/**
 * Another map's `[0, length)` resolved once into its final pieces, so that the many lookups of a
 * decoder cost a search instead of a walk through layered maps (handshake messages joined from
 * several records). Gives exactly the spans the inner map gives.
 */
export class FlatByteMap extends RangeByteMap<FlatPiece> {
  constructor(inner: ByteMap, length: number) {
    super(flatPieces(inner, length));
  }

  protected span(p: FlatPiece, from: number, length: number): Span {
    const offset = p.offset + (from - p.start);
    return p.frame !== undefined ? { frame: p.frame, offset, length } : { buffer: p.buffer!, offset, length };
  }
}

/** A sub-range of another map, shifted: offset 0 here is `base` there. */
export class ShiftedByteMap implements ByteMap {
  constructor(
    readonly inner: ByteMap,
    readonly base: number,
  ) {}
  locate(offset: number, length: number): Span[] {
    return this.inner.locate(this.base + offset, length);
  }
}
