import type { StreamSegment } from '../model/bytemap.ts';
import type { Field } from '../model/field.ts';
import type { Direction } from '../capture/frame.ts';
import type { DirectedStream, SegmentFate, StreamChunk, StreamGap } from './types.ts';

/** Payload bytes of one segment (a copy: frames are not kept) placed at a stream offset. */
export interface Piece {
  start: number;
  bytes: Uint8Array;
  frame: number;
  /** Offset of `bytes[0]` within the frame's captured bytes. */
  frameOffset: number;
}

/** A chunk being built: contiguous pieces from `start`. */
interface OpenChunk {
  start: number;
  parts: Piece[];
  segments: StreamSegment[];
}

/** Bytes of `p` from stream offset `from` to `to` (both inside the piece). */
function slice(p: Piece, from: number, to: number): Uint8Array {
  return p.bytes.subarray(from - p.start, to - p.start);
}

/** A piece cut to stream offsets `[from, to)`, its frame offset moved along. */
function cut(p: Piece, from: number, to: number): Piece {
  return { start: from, bytes: slice(p, from, to), frame: p.frame, frameOffset: p.frameOffset + (from - p.start) };
}

/** True when two equal-length byte arrays differ. */
function differ(a: Uint8Array, b: Uint8Array): boolean {
  for (let i = 0; i < a.length; i++) if (a[i] !== b[i]) return true;
  return false;
}

/**
 * Reassembles one direction of a TCP connection: delivers contiguous bytes, buffers segments
 * that arrive early, keeps the first copy of bytes seen twice (noting a conflicting retransmission),
 * and at the end turns holes nobody filled into gaps. Offsets are relative sequence numbers.
 */
export class DirectionAssembler {
  /** Raw sequence number of stream offset 0, once known. */
  base: number | undefined;
  /** Stream offset just past the bytes delivered so far. */
  next = 0;
  private chunks: OpenChunk[] = [];
  private pending: Piece[] = [];
  private gaps: StreamGap[] = [];
  private lastFrame = 0;
  readonly stream: DirectedStream = { chunks: [], gaps: [] };

  constructor(
    readonly dir: Direction,
    private readonly notes: Field[],
  ) {}

  /** Places one segment's payload; says what it was (new, retransmitted, early, overlapping). */
  push(piece: Piece): SegmentFate {
    if (piece.bytes.length === 0) return 'no-payload';
    let p = piece;
    const end = p.start + p.bytes.length;
    if (p.start < 0) {
      // Bytes before the first sequence number seen: the capture began after they were sent.
      this.note('Bytes before the capture start', 'tcp.analysis.before_start', p, 0, Math.min(-p.start, p.bytes.length), `${Math.min(-p.start, p.bytes.length)} bytes precede the first byte seen of this direction and are not placed`);
      if (end <= 0) return 'retransmission';
      p = cut(p, 0, end);
    }
    let fate: SegmentFate = 'new';
    if (p.start < this.next) {
      const to = Math.min(end, this.next);
      fate = end <= this.next ? 'retransmission' : 'overlap';
      if (this.conflictsWithDelivered(p, p.start, to)) fate = 'conflicting-overlap';
      if (end <= this.next) return fate;
      p = cut(p, this.next, end);
    }
    if (p.start > this.next) {
      const placed = this.buffer(p);
      if (placed === 'conflict') return 'conflicting-overlap';
      return placed === 'none' ? 'retransmission' : fate === 'new' ? 'out-of-order' : fate;
    }
    this.deliver(p);
    this.drain();
    return fate;
  }

  /** Closes the direction: pieces still waiting behind a hole start new chunks after a gap. */
  finish(): DirectedStream {
    while (this.pending.length > 0) {
      const p = this.pending[0]!;
      const gap: StreamGap = { start: this.next, length: p.start - this.next, afterFrame: this.lastFrame };
      this.gaps.push(gap);
      this.note('Missing bytes', 'tcp.analysis.lost_segment', p, 0, p.bytes.length, `${gap.length} bytes of the ${this.dir} stream were not captured (stream offsets ${gap.start}-${gap.start + gap.length - 1}); decoding resumes at offset ${p.start}`);
      this.chunks.push({ start: p.start, parts: [], segments: [] });
      this.next = p.start;
      this.drain();
    }
    this.stream.chunks = this.chunks.filter((c) => c.parts.length > 0).map(closeChunk);
    this.stream.gaps = this.gaps;
    return this.stream;
  }

  /** Appends a piece that starts exactly at `next`. */
  private deliver(p: Piece): void {
    let chunk = this.chunks[this.chunks.length - 1];
    if (!chunk) {
      chunk = { start: p.start, parts: [], segments: [] };
      this.chunks.push(chunk);
    }
    chunk.segments.push({ start: p.start - chunk.start, length: p.bytes.length, frame: p.frame, frameOffset: p.frameOffset });
    chunk.parts.push(p);
    this.next = p.start + p.bytes.length;
    this.lastFrame = p.frame;
  }

  /** Delivers buffered pieces that have become contiguous. */
  private drain(): void {
    while (this.pending.length > 0 && this.pending[0]!.start <= this.next) {
      const p = this.pending.shift()!;
      const end = p.start + p.bytes.length;
      if (end > this.next) this.deliver(cut(p, this.next, end));
    }
  }

  /** Compares a piece's bytes in `[from, to)` with the bytes already delivered there. */
  private conflictsWithDelivered(p: Piece, from: number, to: number): boolean {
    const chunk = this.chunks[this.chunks.length - 1];
    if (!chunk) return false;
    let conflict = false;
    // Parts are sorted and contiguous: start at the last one beginning at or before `from`.
    const first = Math.max(0, lowerBound(chunk.parts, from + 1) - 1);
    for (let k = first; k < chunk.parts.length && chunk.parts[k]!.start < to; k++) {
      const part = chunk.parts[k]!;
      const a = Math.max(from, part.start);
      const b = Math.min(to, part.start + part.bytes.length);
      if (a < b && differ(slice(part, a, b), slice(p, a, b))) {
        conflict = true;
        this.note('Conflicting retransmission', 'tcp.segment.overlap.conflict', p, a - p.start, b - a, `bytes at stream offsets ${a}-${b - 1} differ from the copy in frame ${part.frame}; the first copy is kept`);
      }
    }
    return conflict;
  }

  /** Buffers an early piece, keeping only bytes no buffered piece already has (first copy wins). */
  private buffer(p: Piece): 'placed' | 'none' | 'conflict' {
    let conflict = false;
    let placed = false;
    let at = p.start;
    const end = p.start + p.bytes.length;
    let i = lowerBound(this.pending, p.start);
    if (i > 0 && end > this.pending[i - 1]!.start) i--;
    while (at < end) {
      const q = this.pending[i];
      if (!q || q.start >= end) {
        this.pending.splice(i, 0, cut(p, at, end));
        return conflict ? 'conflict' : 'placed';
      }
      const qEnd = q.start + q.bytes.length;
      if (qEnd <= at) {
        i++;
        continue;
      }
      if (q.start > at) {
        this.pending.splice(i, 0, cut(p, at, q.start));
        placed = true;
        i++;
        at = q.start;
        continue;
      }
      const b = Math.min(end, qEnd);
      if (differ(slice(q, at, b), slice(p, at, b))) {
        conflict = true;
        this.note('Conflicting retransmission', 'tcp.segment.overlap.conflict', p, at - p.start, b - at, `bytes at stream offsets ${at}-${b - 1} differ from the copy in frame ${q.frame}; the first copy is kept`);
      }
      at = b;
      i++;
    }
    return conflict ? 'conflict' : placed ? 'placed' : 'none';
  }

  /** Adds a reassembly note over `length` bytes of a piece. */
  private note(name: string, filter: string, p: Piece, from: number, length: number, reason: string): void {
    const span = { frame: p.frame, offset: p.frameOffset + from, length };
    this.notes.push({ name, filter, spans: [span], malformed: reason, display: `${name} (${this.dir})` });
  }
}

/** Index of the first pending piece starting at or after `start`. */
function lowerBound(pieces: readonly Piece[], start: number): number {
  let lo = 0;
  let hi = pieces.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (pieces[mid]!.start < start) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

/** Concatenates a chunk's parts into one byte array. */
function closeChunk(c: OpenChunk): StreamChunk {
  const length = c.parts.reduce((n, p) => n + p.bytes.length, 0);
  const bytes = new Uint8Array(length);
  let at = 0;
  for (const p of c.parts) {
    bytes.set(p.bytes, at);
    at += p.bytes.length;
  }
  return { start: c.start, bytes, segments: c.segments };
}
