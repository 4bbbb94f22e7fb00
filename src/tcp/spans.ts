import { SegmentByteMap } from '../model/bytemap.ts';
import type { Span } from '../model/span.ts';
import type { DirectedStream, StreamChunk } from './types.ts';

/** The byte map of one chunk: chunk offsets to `(frame, offset)` spans. */
export function chunkByteMap(chunk: StreamChunk): SegmentByteMap {
  return new SegmentByteMap(chunk.segments);
}

/** The frame spans of `length` stream bytes at stream offset `offset` (bytes inside gaps have none). */
export function streamSpans(stream: DirectedStream, offset: number, length: number): Span[] {
  const out: Span[] = [];
  const end = offset + length;
  for (const c of stream.chunks) {
    const from = Math.max(offset, c.start);
    const to = Math.min(end, c.start + c.bytes.length);
    if (from < to) out.push(...chunkByteMap(c).locate(from - c.start, to - from));
  }
  return out;
}

/** All bytes of a direction in stream order, gaps left out (what `follow,tcp,raw` prints). */
export function streamBytes(stream: DirectedStream): Uint8Array {
  const total = stream.chunks.reduce((n, c) => n + c.bytes.length, 0);
  const out = new Uint8Array(total);
  let at = 0;
  for (const c of stream.chunks) {
    out.set(c.bytes, at);
    at += c.bytes.length;
  }
  return out;
}
