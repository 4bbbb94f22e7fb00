import { pushSpan, type Span } from './span.ts';

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
  constructor(readonly segments: readonly StreamSegment[]) {}

  /** Index of the segment holding `offset`, or -1. */
  private find(offset: number): number {
    let lo = 0;
    let hi = this.segments.length - 1;
    while (lo <= hi) {
      const mid = (lo + hi) >>> 1;
      const s = this.segments[mid]!;
      if (offset < s.start) hi = mid - 1;
      else if (offset >= s.start + s.length) lo = mid + 1;
      else return mid;
    }
    return -1;
  }

  locate(offset: number, length: number): Span[] {
    const spans: Span[] = [];
    let i = this.find(offset);
    let at = offset;
    const end = offset + length;
    while (i >= 0 && i < this.segments.length && at < end) {
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
