import type { DecodedCapture, DecodedConnection, DecodedFrame } from '../model/decoded.ts';
import { isFrameSpan, type Span } from '../model/span.ts';

/** Where a span's bytes live, as a short key: `f<frame>` or `b<buffer>`. */
export function sourceKey(span: Span): string {
  return isFrameSpan(span) ? `f${span.frame}` : `b${span.buffer}`;
}

/** One contiguous piece of a view: `length` bytes of `src` from `offset`, shown from view position `at`. */
export interface ViewPiece {
  src: string;
  offset: number;
  length: number;
  at: number;
}

/**
 * Bytes laid out for display (a record's stream, a whole frame) with where each run came from.
 * Positions are looked up per span, never per byte: a 64 KB loopback frame costs one piece.
 */
export class ByteView {
  constructor(
    readonly bytes: Uint8Array,
    readonly pieces: readonly ViewPiece[],
  ) {}

  /** The view position of byte `k` of a span, if the view holds it. */
  position(span: Span, k = 0): number | undefined {
    const src = sourceKey(span);
    const off = span.offset + k;
    for (const p of this.pieces) if (p.src === src && off >= p.offset && off < p.offset + p.length) return p.at + off - p.offset;
    return undefined;
  }

  /** Calls `fn(position)` for every byte of the spans that the view holds. */
  eachPosition(spans: readonly Span[], fn: (pos: number) => void): void {
    for (const s of spans) {
      const src = sourceKey(s);
      for (const p of this.pieces) {
        if (p.src !== src) continue;
        const lo = Math.max(s.offset, p.offset);
        const hi = Math.min(s.offset + s.length, p.offset + p.length);
        for (let o = lo; o < hi; o++) fn(p.at + o - p.offset);
      }
    }
  }
}

// Frame n is capture.frames[n - 1] in every capture the pipeline makes (numbered from 1 in file
// order), including a streamed one whose array grows as frames are read: looked up there first.
// Captures put together otherwise (excerpts, tests) fall back to one index by number per capture
// (building it per connection made 5,000 connections quadratic).
const frameIndex = new WeakMap<DecodedCapture, Map<number, DecodedFrame>>();

function frameOf(capture: DecodedCapture, n: number): DecodedFrame | undefined {
  const direct = capture.frames[n - 1];
  if (direct?.number === n) return direct;
  let m = frameIndex.get(capture);
  if (!m) {
    m = new Map();
    for (const f of capture.frames) m.set(f.number, f);
    frameIndex.set(capture, m);
  }
  return m.get(n);
}

/** Frame and buffer lookup for resolving spans to bytes without re-parsing anything. */
export class ByteSource {
  constructor(
    private readonly capture: DecodedCapture,
    private readonly conn?: DecodedConnection,
  ) {}

  frame(n: number): DecodedFrame | undefined {
    return frameOf(this.capture, n);
  }

  /** The bytes under a span (truncated where the capture was cut). */
  bytes(span: Span): Uint8Array {
    const src = isFrameSpan(span) ? this.frame(span.frame)?.data : this.conn?.buffers[span.buffer];
    if (!src) return new Uint8Array(0);
    return src.subarray(span.offset, Math.min(src.length, span.offset + span.length));
  }

  /** The bytes of several spans, concatenated, as a view that knows where each run came from. */
  resolve(spans: readonly Span[]): ByteView {
    const parts = spans.map((s) => this.bytes(s));
    const total = parts.reduce((n, p) => n + p.length, 0);
    const bytes = new Uint8Array(total);
    const pieces: ViewPiece[] = [];
    let at = 0;
    spans.forEach((s, i) => {
      const p = parts[i]!;
      bytes.set(p, at);
      if (p.length > 0) pieces.push({ src: sourceKey(s), offset: s.offset, length: p.length, at });
      at += p.length;
    });
    return new ByteView(bytes, pieces);
  }

  /** A whole captured frame as a view. */
  frameView(n: number): ByteView | undefined {
    const fr = this.frame(n);
    if (!fr) return undefined;
    return new ByteView(fr.data, [{ src: `f${n}`, offset: 0, length: fr.data.length, at: 0 }]);
  }
}

/** A short human text for where a span lies: `#6 @0x0042+5` or `plaintext-3 @0x0000+12`. */
export function spanText(span: Span): string {
  const where = isFrameSpan(span) ? `#${span.frame}` : span.buffer;
  return `${where} @0x${span.offset.toString(16).padStart(4, '0')}+${span.length}`;
}
