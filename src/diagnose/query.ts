// A tiny query layer over the annotation model, by Wireshark filter name (like a display filter),
// so the rules never depend on the decoders' internals.
import type { DecodedCapture, DecodedConnection } from '../model/decoded.ts';
import { findField, visitFields, type Field, type FieldValue } from '../model/field.ts';
import { isFrameSpan, type Span } from '../model/span.ts';

/** Every field below `roots` (depth-first) with this filter name, and this value when given. */
export function fieldsOf(roots: readonly Field[] | DecodedConnection | Field, filter: string, value?: FieldValue): Field[] {
  const list = Array.isArray(roots) ? roots : 'fields' in roots && 'messages' in roots ? roots.fields : [roots as Field];
  const out: Field[] = [];
  visitFields(list, (f) => {
    if (f.filter === filter && (value === undefined || f.value === value)) out.push(f);
  });
  return out;
}

/** Like fieldsOf, but not below another match (a decoder may nest a field inside one of the same name). */
export function outermost(root: Field, filter: string): Field[] {
  const out: Field[] = [];
  const visit = (fs: readonly Field[]): void => {
    for (const f of fs) {
      if (f.filter === filter) out.push(f);
      else if (f.children) visit(f.children);
    }
  };
  visit([root]);
  return out;
}

/** The first field with this filter name below (or at) `root`. */
export function first(root: Field | undefined, filter: string): Field | undefined {
  return root ? findField([root], filter) : undefined;
}

/** A field's value as a number (decoders store integers as numbers, 64-bit ones as decimal strings). */
export function num(f: Field | undefined): number | undefined {
  if (!f) return undefined;
  if (typeof f.value === 'number') return f.value;
  if (typeof f.value === 'string' && /^\d+$/.test(f.value)) return Number(f.value);
  return undefined;
}

/** Numbers of every field with this filter below `root`. */
export function nums(root: Field | undefined, filter: string): number[] {
  if (!root) return [];
  const out: number[] = [];
  for (const f of fieldsOf(root, filter)) {
    const n = num(f);
    if (n !== undefined) out.push(n);
  }
  return out;
}

/** A field's value as text (hex for byte strings). */
export function text(f: Field | undefined): string | undefined {
  if (!f || f.value === undefined) return undefined;
  return String(f.value);
}

/** Concatenated spans of the given fields (the evidence of a finding). */
export function spansOf(...fields: (Field | undefined)[]): Span[] {
  const out: Span[] = [];
  for (const f of fields) if (f) for (const s of f.spans) out.push({ ...s });
  return out;
}

/** The bytes under a field's spans, resolved against the capture's frames and the connection's buffers. */
export function bytesOf(capture: DecodedCapture, conn: DecodedConnection, f: Field): Uint8Array | undefined {
  let total = 0;
  for (const s of f.spans) total += s.length;
  if (total === 0) return undefined;
  const out = new Uint8Array(total);
  let at = 0;
  for (const s of f.spans) {
    const src = isFrameSpan(s) ? capture.frames[s.frame - 1]?.data : conn.buffers[s.buffer];
    if (!src || s.offset + s.length > src.length) return undefined;
    out.set(src.subarray(s.offset, s.offset + s.length), at);
    at += s.length;
  }
  return out;
}

/** Lower-case hex of a byte string. */
export function hex(b: Uint8Array): string {
  let s = '';
  for (const x of b) s += x.toString(16).padStart(2, '0');
  return s;
}
