import type { StreamSegment } from '../model/bytemap.ts';
import type { Field } from '../model/field.ts';
import type { Direction } from '../capture/frame.ts';
import { BLOCK_MASK, BLOCK_SHIFT, BLOCK_SIZE, type StreamStorage } from './storage.ts';
import type { DirectedStream, SegmentFate, StreamChunk, StreamGap } from './types.ts';

/** Payload bytes of one segment placed at a stream offset. */
export interface Piece {
  start: number;
  /**
   * The bytes: a view into the frame while the segment is being placed (nothing is copied for
   * bytes already delivered), an owned copy once buffered, so frames and file chunks are not kept.
   */
  bytes: Uint8Array;
  frame: number;
  /** Offset of `bytes[0]` within the frame's captured bytes. */
  frameOffset: number;
}

/**
 * A chunk being built: contiguous bytes from stream offset `start`, in fixed-size staging blocks,
 * or `packed` into exact-size bytes once the stream has probably ended (see `compact`).
 */
interface OpenChunk {
  start: number;
  blocks: Uint8Array[];
  packed?: Uint8Array;
  length: number;
  segments: StreamSegment[];
}

/** Bytes of `p` from stream offset `from` to `to` (both inside the piece). */
function slice(p: Piece, from: number, to: number): Uint8Array {
  return p.bytes.subarray(from - p.start, to - p.start);
}

/** A piece cut to stream offsets `[from, to)`, its frame offset moved along (still a view). */
function cut(p: Piece, from: number, to: number): Piece {
  return { start: from, bytes: slice(p, from, to), frame: p.frame, frameOffset: p.frameOffset + (from - p.start) };
}

/** Like `cut`, with the bytes copied: for pieces that wait in the buffer. */
function owned(p: Piece, from: number, to: number): Piece {
  return { start: from, bytes: p.bytes.slice(from - p.start, to - p.start), frame: p.frame, frameOffset: p.frameOffset + (from - p.start) };
}

/** True when `length` bytes of `a` at `ai` differ from those of `b` at `bi`. */
function differ(a: Uint8Array, ai: number, b: Uint8Array, bi: number, length: number): boolean {
  for (let i = 0; i < length; i++) if (a[ai + i] !== b[bi + i]) return true;
  return false;
}

/** True when `length` delivered bytes of `c` at chunk offset `ci` differ from those of `b` at `bi`. */
function differDelivered(c: OpenChunk, ci: number, b: Uint8Array, bi: number, length: number): boolean {
  if (c.packed) return differ(c.packed, ci, b, bi, length);
  for (let i = 0; i < length; i++) {
    const at = ci + i;
    if (c.blocks[at >>> BLOCK_SHIFT]![at & BLOCK_MASK] !== b[bi + i]) return true;
  }
  return false;
}

function openChunk(start: number): OpenChunk {
  return { start, blocks: [], length: 0, segments: [] };
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
    private readonly storage: StreamStorage,
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
    if (this.pending.length > 0) this.drain();
    return fate;
  }

  /**
   * Moves delivered bytes from staging blocks into exact-size storage, giving the blocks back:
   * for a connection that has closed, so staging memory serves open ones. Bytes that still
   * arrive afterwards are placed as before (the chunk is unpacked first): results do not change.
   */
  compact(): void {
    for (const c of this.chunks) {
      if (c.packed || c.length === 0) continue;
      c.packed = this.pack(c);
      this.storage.giveBlocks(c.blocks);
      c.blocks = [];
    }
  }

  /** Closes the direction (once: the reassembler finishes each connection once): pieces still waiting behind a hole start new chunks after a gap. */
  finish(): DirectedStream {
    while (this.pending.length > 0) {
      const p = this.pending[0]!;
      const gap: StreamGap = { start: this.next, length: p.start - this.next, afterFrame: this.lastFrame };
      this.gaps.push(gap);
      this.note('Missing bytes', 'tcp.analysis.lost_segment', p, 0, p.bytes.length, `${gap.length} bytes of the ${this.dir} stream were not captured (stream offsets ${gap.start}-${gap.start + gap.length - 1}); decoding resumes at offset ${p.start}`);
      this.chunks.push(openChunk(p.start));
      this.next = p.start;
      this.drain();
    }
    this.stream.chunks = this.chunks.filter((c) => c.segments.length > 0).map((c) => this.closeChunk(c));
    for (const c of this.chunks) this.storage.giveBlocks(c.blocks);
    this.stream.gaps = this.gaps;
    // The staging blocks went back to the storage; only the finished chunks stay.
    this.chunks = [];
    return this.stream;
  }

  /** The finished chunk, its bytes in exact-size storage. */
  private closeChunk(c: OpenChunk): StreamChunk {
    return { start: c.start, bytes: c.packed ?? this.pack(c), segments: c.segments };
  }

  /** A chunk's staged bytes copied into exact-size storage. */
  private pack(c: OpenChunk): Uint8Array {
    const bytes = this.storage.allocFinal(c.length);
    for (let i = 0, at = 0; at < c.length; i++, at += BLOCK_SIZE) {
      const block = c.blocks[i]!;
      bytes.set(c.length - at >= BLOCK_SIZE ? block : block.subarray(0, c.length - at), at);
    }
    return bytes;
  }

  /** Appends a piece that starts exactly at `next`. */
  private deliver(p: Piece): void {
    let chunk = this.chunks[this.chunks.length - 1];
    if (!chunk) {
      chunk = openChunk(p.start);
      this.chunks.push(chunk);
    }
    chunk.segments.push({ start: p.start - chunk.start, length: p.bytes.length, frame: p.frame, frameOffset: p.frameOffset });
    this.append(chunk, p.bytes);
    this.next = p.start + p.bytes.length;
    this.lastFrame = p.frame;
  }

  /** Copies bytes to the end of a chunk, taking staging blocks as it fills them. */
  private append(c: OpenChunk, bytes: Uint8Array): void {
    if (c.packed) this.unpack(c);
    let from = 0;
    while (from < bytes.length) {
      const within = c.length & BLOCK_MASK;
      if (within === 0) c.blocks.push(this.storage.takeBlock());
      const n = Math.min(BLOCK_SIZE - within, bytes.length - from);
      c.blocks[c.blocks.length - 1]!.set(from === 0 && n === bytes.length ? bytes : bytes.subarray(from, from + n), within);
      from += n;
      c.length += n;
    }
  }

  /** Puts a packed chunk's bytes back into staging blocks, so it can grow again. */
  private unpack(c: OpenChunk): void {
    const packed = c.packed!;
    c.packed = undefined;
    c.length = 0;
    this.append(c, packed);
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
    const segs = chunk.segments;
    // Segments are sorted and contiguous: start at the last one beginning at or before `from`.
    for (let k = Math.max(0, lowerBound(segs, from - chunk.start + 1) - 1); k < segs.length && chunk.start + segs[k]!.start < to; k++) {
      const s = segs[k]!;
      const a = Math.max(from, chunk.start + s.start);
      const b = Math.min(to, chunk.start + s.start + s.length);
      if (a < b && differDelivered(chunk, a - chunk.start, p.bytes, a - p.start, b - a)) {
        conflict = true;
        this.note('Conflicting retransmission', 'tcp.segment.overlap.conflict', p, a - p.start, b - a, `bytes at stream offsets ${a}-${b - 1} differ from the copy in frame ${s.frame}; the first copy is kept`);
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
        this.pending.splice(i, 0, owned(p, at, end));
        return conflict ? 'conflict' : 'placed';
      }
      const qEnd = q.start + q.bytes.length;
      if (qEnd <= at) {
        i++;
        continue;
      }
      if (q.start > at) {
        this.pending.splice(i, 0, owned(p, at, q.start));
        placed = true;
        i++;
        at = q.start;
        continue;
      }
      const b = Math.min(end, qEnd);
      if (differ(q.bytes, at - q.start, p.bytes, at - p.start, b - at)) {
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

/** Index of the first item starting at or after `start` in items sorted by start (pending pieces, chunk segments). */
function lowerBound(items: readonly { start: number }[], start: number): number {
  let lo = 0;
  let hi = items.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (items[mid]!.start < start) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}
