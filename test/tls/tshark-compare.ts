// Our TLS fields in tshark's coordinates, for the PDML comparison. tshark places a field that
// lies in reassembled bytes at an offset in the reassembled buffer (the TLS record for a record
// over several TCP segments, the handshake message for one over several records), reported in
// the frame that completed the reassembly; we keep exact frame spans. This converts ours.
import type { Field } from '../../src/model/field.ts';
import { isFrameSpan, type FrameSpan } from '../../src/model/span.ts';

function frameSpans(f: Field): FrameSpan[] {
  return f.spans.filter(isFrameSpan);
}

function contains(outer: readonly FrameSpan[], inner: readonly FrameSpan[]): boolean {
  return inner.every((s) => outer.some((o) => o.frame === s.frame && o.offset <= s.offset && s.offset + s.length <= o.offset + o.length));
}

/** Offset of `span`'s first byte within the bytes of `context` (its spans in order), or -1. */
function offsetIn(context: readonly FrameSpan[], span: FrameSpan): number {
  let before = 0;
  for (const c of context) {
    if (c.frame === span.frame && c.offset <= span.offset && span.offset < c.offset + c.length) return before + span.offset - c.offset;
    before += c.length;
  }
  return -1;
}

/**
 * Every field with a filter, flattened into one-span copies at tshark's (frame, pos, size),
 * grouped by frame. `accept` picks filter names.
 */
export function inTsharkCoordinates(records: readonly Field[], accept: (filter: string) => boolean): Map<number, Field[]> {
  const byFrame = new Map<number, Field[]>();
  const add = (frame: number, f: Field, pos: number, size: number): void => {
    const copy: Field = { name: f.name, filter: f.filter!, spans: [{ frame, offset: pos, length: size }] };
    if (f.value !== undefined) copy.value = f.value;
    if (f.malformed !== undefined) copy.malformed = f.malformed;
    const list = byFrame.get(frame) ?? [];
    list.push(copy);
    byFrame.set(frame, list);
  };
  const walk = (f: Field, context: FrameSpan[] | undefined, parent: FrameSpan[] | undefined): void => {
    const spans = frameSpans(f);
    let ctx = context;
    // A record over several frames, or a handshake message whose bytes lie outside its record.
    if (f.filter === 'tls.record' && new Set(spans.map((s) => s.frame)).size > 1) ctx = spans;
    else if (f.filter === 'tls.handshake' && parent && spans.length > 0 && !contains(parent, spans) && (f.children?.length ?? 0) > 0) ctx = spans;
    if (f.filter && accept(f.filter) && spans.length > 0) {
      const size = spans.reduce((n, s) => n + s.length, 0);
      if (ctx) {
        const pos = offsetIn(ctx, spans[0]!);
        add(ctx[ctx.length - 1]!.frame, f, pos, size);
      } else add(spans[0]!.frame, f, spans[0]!.offset, size);
    }
    for (const c of f.children ?? []) walk(c, ctx, f.filter === 'tls.record' ? spans : parent);
  };
  for (const r of records) walk(r, undefined, undefined);
  return byFrame;
}
