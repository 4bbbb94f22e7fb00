/** Where bytes are: in a captured frame (numbered from 1, as Wireshark does) or in a derived buffer. */
export interface FrameSpan {
  frame: number;
  offset: number;
  length: number;
}

/** Bytes that exist only after decoding (e.g. the plaintext of a record), named by buffer id. */
export interface BufferSpan {
  buffer: string;
  offset: number;
  length: number;
}

export type Span = FrameSpan | BufferSpan;

/** True when the span points into a frame's captured bytes. */
export function isFrameSpan(span: Span): span is FrameSpan {
  return (span as FrameSpan).frame !== undefined;
}

/** Total number of bytes the spans cover. */
export function spansLength(spans: readonly Span[]): number {
  let n = 0;
  for (const s of spans) n += s.length;
  return n;
}

/** Appends a span, merging it into the previous one when they are contiguous in the same place. */
export function pushSpan(spans: Span[], next: Span): void {
  if (next.length <= 0) return;
  const last = spans[spans.length - 1];
  if (last && last.offset + last.length === next.offset) {
    if (isFrameSpan(last) && isFrameSpan(next) && last.frame === next.frame) {
      last.length += next.length;
      return;
    }
    if (!isFrameSpan(last) && !isFrameSpan(next) && last.buffer === next.buffer) {
      last.length += next.length;
      return;
    }
  }
  spans.push({ ...next });
}
