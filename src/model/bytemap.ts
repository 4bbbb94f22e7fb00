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

/** Bytes reassembled from several frames: a sorted, non-overlapping list of segments. */
export class SegmentByteMap implements ByteMap {
  /** Segment of the last lookup: decoders read forward, so the next lookup is usually there or just after. */
  private hint = 0;

  constructor(readonly segments: readonly StreamSegment[]) {}

  /** Index of the segment holding `offset`, or -1. */
  private find(offset: number): number {
    const segs = this.segments;
    const h = this.hint;
    const s = segs[h];
    if (s !== undefined && offset >= s.start) {
      if (offset < s.start + s.length) return h;
      const n = segs[h + 1];
      if (n !== undefined && offset >= n.start && offset < n.start + n.length) return (this.hint = h + 1);
    }
    let lo = 0;
    let hi = segs.length - 1;
    while (lo <= hi) {
      const mid = (lo + hi) >>> 1;
      const m = segs[mid]!;
      if (offset < m.start) hi = mid - 1;
      else if (offset >= m.start + m.length) lo = mid + 1;
      else return (this.hint = mid);
    }
    return -1;
  }

  /** The frame holding the byte at `offset`, or 0 (what `locate(offset, 1)` would name, without building it). */
  frameAt(offset: number): number {
    const i = this.find(offset);
    return i < 0 ? 0 : this.segments[i]!.frame;
  }

  locate(offset: number, length: number): Span[] {
    let i = this.find(offset);
    if (i < 0 || length <= 0) return [];
    const first = this.segments[i]!;
    const end = offset + length;
    // The common case: the bytes lie in one segment, one span.
    if (end <= first.start + first.length) return [{ frame: first.frame, offset: first.frameOffset + (offset - first.start), length }];
    const spans: Span[] = [];
    let at = offset;
    while (i < this.segments.length && at < end) {
      const s = this.segments[i]!;
      const from = Math.max(at, s.start);
      const to = Math.min(end, s.start + s.length);
      if (to > from) pushSpan(spans, { frame: s.frame, offset: s.frameOffset + (from - s.start), length: to - from });
      at = to;
      i++;
    }
    return spans;
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

/**
 * Another map's `[0, length)` resolved once into its final pieces, so that the many lookups of a
 * decoder cost a search instead of a walk through layered maps (handshake messages joined from
 * several records). Gives exactly the spans the inner map gives.
 */
export class FlatByteMap implements ByteMap {
  private readonly pieces: FlatPiece[] = [];
  private hint = 0;

  constructor(inner: ByteMap, length: number) {
    let at = 0;
    for (const s of inner.locate(0, length)) {
      this.pieces.push({ start: at, length: s.length, frame: isFrameSpan(s) ? s.frame : undefined, buffer: isFrameSpan(s) ? undefined : s.buffer, offset: s.offset });
      at += s.length;
    }
  }

  private find(offset: number): number {
    const ps = this.pieces;
    const h = this.hint;
    const p = ps[h];
    if (p !== undefined && offset >= p.start && offset < p.start + p.length) return h;
    let lo = 0;
    let hi = ps.length - 1;
    while (lo <= hi) {
      const mid = (lo + hi) >>> 1;
      const m = ps[mid]!;
      if (offset < m.start) hi = mid - 1;
      else if (offset >= m.start + m.length) lo = mid + 1;
      else return (this.hint = mid);
    }
    return -1;
  }

  private span(p: FlatPiece, from: number, length: number): Span {
    const offset = p.offset + (from - p.start);
    return p.frame !== undefined ? { frame: p.frame, offset, length } : { buffer: p.buffer!, offset, length };
  }

  locate(offset: number, length: number): Span[] {
    let i = this.find(offset);
    if (i < 0 || length <= 0) return [];
    const first = this.pieces[i]!;
    const end = offset + length;
    if (end <= first.start + first.length) return [this.span(first, offset, length)];
    const spans: Span[] = [];
    let at = offset;
    while (i < this.pieces.length && at < end) {
      const p = this.pieces[i]!;
      const from = Math.max(at, p.start);
      const to = Math.min(end, p.start + p.length);
      if (to > from) pushSpan(spans, this.span(p, from, to - from));
      at = to;
      i++;
    }
    return spans;
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
