import type { DecodedCapture, DecodedConnection, DecodedFrame } from '../model/decoded.ts';
import { isFrameSpan, type Span } from '../model/span.ts';

/** Where one displayed byte comes from, as a key: `f<frame>:<offset>` or `b<buffer>:<offset>`. */
export type ByteLoc = string;

/** Frame and buffer lookup for resolving spans to bytes without re-parsing anything. */
export class ByteSource {
  private readonly frames = new Map<number, DecodedFrame>();
  constructor(
    capture: DecodedCapture,
    private readonly conn?: DecodedConnection,
  ) {
    for (const f of capture.frames) this.frames.set(f.number, f);
  }

  frame(n: number): DecodedFrame | undefined {
    return this.frames.get(n);
  }

  /** The bytes under a span (truncated where the capture was cut). */
  bytes(span: Span): Uint8Array {
    const src = isFrameSpan(span) ? this.frames.get(span.frame)?.data : this.conn?.buffers[span.buffer];
    if (!src) return new Uint8Array(0);
    return src.subarray(span.offset, Math.min(src.length, span.offset + span.length));
  }

  /** The bytes of several spans, concatenated, with the location of each byte. */
  resolve(spans: readonly Span[]): { bytes: Uint8Array; locs: ByteLoc[] } {
    const parts = spans.map((s) => this.bytes(s));
    const total = parts.reduce((n, p) => n + p.length, 0);
    const bytes = new Uint8Array(total);
    const locs: ByteLoc[] = [];
    let at = 0;
    spans.forEach((s, i) => {
      const p = parts[i]!;
      bytes.set(p, at);
      at += p.length;
      for (let k = 0; k < p.length; k++) locs.push(locOf(s, k));
    });
    return { bytes, locs };
  }
}

/** The location key of byte `k` of a span. */
export function locOf(span: Span, k: number): ByteLoc {
  return isFrameSpan(span) ? `f${span.frame}:${span.offset + k}` : `b${span.buffer}:${span.offset + k}`;
}

/** A short human text for where a span lies: `#6 @0x0042+5` or `plaintext-3 @0x0000+12`. */
export function spanText(span: Span): string {
  const where = isFrameSpan(span) ? `#${span.frame}` : span.buffer;
  return `${where} @0x${span.offset.toString(16).padStart(4, '0')}+${span.length}`;
}
