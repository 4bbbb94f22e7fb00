// Decoding the same bytes again gives the same fields, only at other positions: a server sends its
// certificate chain on every connection (5,000 times in a bench capture). A memo keeps the fields
// of a decode once, with spans relative to its first byte, and re-creates them at each new place.
import { BufferByteMap } from './bytemap.ts';
import { Cursor, Overrun } from './cursor.ts';
import type { Field } from './field.ts';
import { isFrameSpan, type Span } from './span.ts';

/** The buffer name of template spans; never seen outside this file. */
const RELATIVE = '\u0000memo';
const RELATIVE_MAP = new BufferByteMap(RELATIVE);

/** The fields one decode of some bytes produced, spans relative to the first byte. */
interface Template {
  fields: Field[];
  /** Where the decode left the cursor, relative to its start. */
  pos: number;
  /** The decode ended with an Overrun (already recorded as a malformed field). */
  overrun: boolean;
}

/** Decoded templates by content; bounded, so hostile captures with many distinct inputs cannot grow it. */
export class DecodeMemo {
  private readonly templates = new Map<string, Template | null>();

  constructor(
    private readonly maxEntries = 512,
    private readonly maxBytes = 1 << 16,
  ) {}

  /**
   * Reads `[r.pos, r.end)` with `body`, or re-creates the fields a previous read of the same bytes
   * made: same fields, spans located through `r.map`. Behaves as `body(r)` (advances `r`, throws
   * Overrun when the body did), provided `body` depends on nothing but those bytes.
   */
  read(r: Cursor, body: (c: Cursor) => void): void {
    const length = r.end - r.pos;
    if (length === 0 || length > this.maxBytes) return body(r);
    const key = Buffer.from(r.data.buffer, r.data.byteOffset + r.pos, length).toString('latin1');
    let t = this.templates.get(key);
    if (t === undefined) {
      t = record(r.data.slice(r.pos, r.end), body);
      if (this.templates.size >= this.maxEntries) this.templates.clear();
      this.templates.set(key, t);
    }
    if (t === null) return body(r);
    const base = r.pos;
    for (const f of t.fields) r.out.push(instantiate(f, r, base));
    r.pos = base + t.pos;
    if (t.overrun) throw new Overrun('memoized decode overran');
  }
}

/** Decodes `bytes` alone; null when its fields cannot be re-created faithfully (spans not plain ranges of the input). */
function record(bytes: Uint8Array, body: (c: Cursor) => void): Template | null {
  const fields: Field[] = [];
  const c = new Cursor(bytes, RELATIVE_MAP, fields, 0, bytes.length);
  let overrun = false;
  try {
    body(c);
  } catch (e) {
    if (!(e instanceof Overrun)) throw e;
    overrun = true;
  }
  return fields.every(relativeOnly) ? { fields, pos: c.pos, overrun } : null;
}

/** True when every span below is one relative range (what a cursor over the input gives). */
function relativeOnly(f: Field): boolean {
  if (f.spans.length > 1) return false;
  const s = f.spans[0];
  if (s !== undefined && (isFrameSpan(s) || s.buffer !== RELATIVE)) return false;
  return f.children === undefined || f.children.every(relativeOnly);
}

/** A fresh copy of a template field, its spans located at `base` of `r`. */
function instantiate(t: Field, r: Cursor, base: number): Field {
  const s = t.spans[0];
  const spans: Span[] = s === undefined ? [] : r.spans(base + s.offset, s.length);
  const f: Field = { name: t.name, spans };
  if (t.filter !== undefined) f.filter = t.filter;
  if (t.value !== undefined) f.value = t.value;
  if (t.display !== undefined) f.display = t.display;
  if (t.kb !== undefined) f.kb = t.kb;
  if (t.malformed !== undefined) f.malformed = t.malformed;
  if (t.children !== undefined) {
    const children: Field[] = new Array(t.children.length);
    for (let i = 0; i < t.children.length; i++) children[i] = instantiate(t.children[i]!, r, base);
    f.children = children;
  }
  return f;
}
