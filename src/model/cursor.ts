import type { ByteMap } from './bytemap.ts';
import { MALFORMED_FILTER, type Field, type FieldValue } from './field.ts';
import { hexNumber, toHex } from './hex.ts';
import type { Span } from './span.ts';

/** Names the values of an integer field: a registry table or a function. */
export type Lookup = ReadonlyMap<number, string> | ((value: number) => string | undefined);

/** Optional extras for a field a cursor adds. */
export interface FieldOpts {
  /** Display text; by default derived from the value and the lookup. */
  display?: string;
  /** Knowledge-base key when it differs from the filter name. */
  kb?: string;
}

/** The length prefix and the body of a TLS vector `<floor..ceiling>` (RFC 8446 §3.4). */
export interface VectorSpec extends FieldOpts {
  name: string;
  filter?: string;
  lengthName: string;
  lengthFilter?: string;
  lengthBytes: 1 | 2 | 3 | 4;
}

/**
 * Raised when a read needs more bytes than its enclosing structure has. The cursor has already
 * recorded a malformed field for it; the nearest `struct` catches it and closes that structure.
 */
export class Overrun extends Error {
  constructor(reason: string) {
    super(reason);
    this.name = 'Overrun';
  }
}

function lookupName(lookup: Lookup | undefined, value: number): string | undefined {
  if (!lookup) return undefined;
  return typeof lookup === 'function' ? lookup(value) : lookup.get(value);
}

/**
 * Reads big-endian wire structures and records every read as a field with its exact spans, so
 * annotation offsets can never drift from the bytes (DESIGN.md, "How decoders are written").
 * A cursor covers `[pos, end)` of `data`; `map` turns offsets in `data` into spans.
 */
export class Cursor {
  pos: number;

  constructor(
    readonly data: Uint8Array,
    readonly map: ByteMap,
    readonly out: Field[],
    start = 0,
    readonly end = data.length,
  ) {
    this.pos = start;
  }

  /** Bytes left before the end of this cursor. */
  get remaining(): number {
    return this.end - this.pos;
  }

  /** The spans of `length` bytes at absolute offset `offset` of `data`. */
  spans(offset: number, length: number): Span[] {
    return this.map.locate(offset, length);
  }

  /** The byte `ahead` bytes from the current position, or undefined past the end. */
  peek8(ahead = 0): number | undefined {
    const at = this.pos + ahead;
    return at < this.end ? this.data[at] : undefined;
  }

  /** The big-endian u16 `ahead` bytes from the current position, or undefined past the end. */
  peek16(ahead = 0): number | undefined {
    const at = this.pos + ahead;
    return at + 2 <= this.end ? (this.data[at]! << 8) | this.data[at + 1]! : undefined;
  }

  /** Adds a field built elsewhere to this cursor's output. */
  add(field: Field): Field {
    this.out.push(field);
    return field;
  }

  /** Adds a field over `length` bytes at the current position without advancing. */
  annotate(name: string, filter: string | undefined, length: number, value?: FieldValue, opts?: FieldOpts): Field {
    return this.add(this.makeField(name, filter, this.pos, length, value, opts));
  }

  /** Records a malformed field over the next `length` bytes (default: all that remain) and skips them. */
  malformed(reason: string, length = this.remaining): Field {
    const n = Math.max(0, Math.min(length, this.remaining));
    const f: Field = { name: 'Malformed', filter: MALFORMED_FILTER, spans: this.spans(this.pos, n), malformed: reason };
    this.pos += n;
    return this.add(f);
  }

  /** Throws Overrun (after recording it) unless `n` bytes remain. */
  need(n: number, what: string): void {
    if (n <= this.remaining) return;
    const reason = `${what}: needs ${n} bytes, only ${this.remaining} remain`;
    this.malformed(reason);
    throw new Overrun(reason);
  }

  private makeField(
    name: string,
    filter: string | undefined,
    offset: number,
    length: number,
    value: FieldValue | undefined,
    opts: FieldOpts | undefined,
  ): Field {
    const f: Field = { name, spans: this.spans(offset, length) };
    if (filter !== undefined) f.filter = filter;
    if (value !== undefined) f.value = value;
    if (opts?.display !== undefined) f.display = opts.display;
    if (opts?.kb !== undefined) f.kb = opts.kb;
    return f;
  }

  /** Reads an unsigned big-endian integer of 1 to 4 bytes as a field. */
  uint(bytes: 1 | 2 | 3 | 4, name: string, filter?: string, lookup?: Lookup, opts?: FieldOpts): number {
    this.need(bytes, name);
    let v = 0;
    for (let i = 0; i < bytes; i++) v = v * 256 + this.data[this.pos + i]!;
    const f = this.makeField(name, filter, this.pos, bytes, v, opts);
    if (f.display === undefined && lookup) f.display = `${hexNumber(v, bytes)} (${lookupName(lookup, v) ?? 'unknown'})`;
    this.add(f);
    this.pos += bytes;
    return v;
  }

  /** Reads a u8 field. */
  u8(name: string, filter?: string, lookup?: Lookup, opts?: FieldOpts): number {
    return this.uint(1, name, filter, lookup, opts);
  }

  /** Reads a big-endian u16 field. */
  u16(name: string, filter?: string, lookup?: Lookup, opts?: FieldOpts): number {
    return this.uint(2, name, filter, lookup, opts);
  }

  /** Reads a big-endian u24 field (handshake and certificate lengths). */
  u24(name: string, filter?: string, lookup?: Lookup, opts?: FieldOpts): number {
    return this.uint(3, name, filter, lookup, opts);
  }

  /** Reads a big-endian u32 field. */
  u32(name: string, filter?: string, lookup?: Lookup, opts?: FieldOpts): number {
    return this.uint(4, name, filter, lookup, opts);
  }

  /** Reads a big-endian u64 field; its value is a decimal string. */
  u64(name: string, filter?: string, opts?: FieldOpts): bigint {
    this.need(8, name);
    let v = 0n;
    for (let i = 0; i < 8; i++) v = (v << 8n) | BigInt(this.data[this.pos + i]!);
    this.add(this.makeField(name, filter, this.pos, 8, v.toString(), opts));
    this.pos += 8;
    return v;
  }

  /** Reads `length` opaque bytes as a field whose value is their hex. */
  bytes(name: string, filter: string | undefined, length: number, opts?: FieldOpts): Uint8Array {
    this.need(length, name);
    const b = this.data.subarray(this.pos, this.pos + length);
    this.add(this.makeField(name, filter, this.pos, length, toHex(b), opts));
    this.pos += length;
    return b;
  }

  /** Reads `length` bytes as text (latin1 unless told), the value being the text. */
  text(name: string, filter: string | undefined, length: number, encoding: 'latin1' | 'utf8' | 'ascii' = 'latin1', opts?: FieldOpts): string {
    this.need(length, name);
    const s = Buffer.from(this.data.buffer, this.data.byteOffset + this.pos, length).toString(encoding);
    this.add(this.makeField(name, filter, this.pos, length, s, opts));
    this.pos += length;
    return s;
  }

  /** Reads everything that remains as one opaque field (may be empty: then no field is added). */
  rest(name: string, filter?: string, opts?: FieldOpts): Uint8Array {
    if (this.remaining === 0) return this.data.subarray(this.pos, this.pos);
    return this.bytes(name, filter, this.remaining, opts);
  }

  /** Skips `n` bytes without a field (the caller annotates them some other way). */
  skip(n: number): void {
    this.pos = Math.min(this.end, this.pos + n);
  }

  /**
   * Adds a field over the next `length` bytes (all that remain when undefined) whose children
   * are read by `body` through a sub-cursor over exactly those bytes. A length that overruns is
   * clipped and recorded; bytes the body leaves unread become a malformed leaf; an Overrun in the
   * body closes this structure only. Returns what the body returned, or undefined when cut short.
   */
  struct<T>(
    name: string,
    filter: string | undefined,
    length: number | undefined,
    body: (r: Cursor, field: Field) => T,
    opts?: FieldOpts,
  ): T | undefined {
    let len = length ?? this.remaining;
    const children: Field[] = [];
    const field = this.makeField(name, filter, this.pos, Math.min(len, this.remaining), undefined, opts);
    field.children = children;
    this.add(field);
    const sub = new Cursor(this.data, this.map, children, this.pos, this.pos + Math.min(len, this.remaining));
    if (len > this.remaining) {
      field.malformed = `length ${len} exceeds the ${this.remaining} bytes that remain`;
      len = this.remaining;
    }
    let result: T | undefined;
    try {
      result = body(sub, field);
    } catch (e) {
      if (!(e instanceof Overrun)) throw e;
      result = undefined;
    }
    if (sub.pos < sub.end) {
      sub.malformed(`${sub.end - sub.pos} bytes left over after ${name}`);
    }
    this.pos += len;
    return result;
  }

  /** Reads a length-prefixed vector: the length field, then a struct over exactly that many bytes. */
  vector<T>(spec: VectorSpec, body: (r: Cursor, field: Field) => T): T | undefined {
    const n = this.uint(spec.lengthBytes, spec.lengthName, spec.lengthFilter);
    const { display, kb } = spec;
    return this.struct(spec.name, spec.filter, n, body, { display, kb });
  }

  /** Adds bit-field children to `parent`, each over the parent's bytes (Wireshark's flag subtrees). */
  bits(parent: Field, width: number, value: number, defs: readonly BitDef[]): void {
    const children = (parent.children ??= []);
    for (const d of defs) {
      const v = Math.floor((value & d.mask) / (d.mask & -d.mask));
      const f: Field = { name: d.name, spans: parent.spans.map((s) => ({ ...s })), value: d.bool ? v !== 0 : v };
      if (d.filter) f.filter = d.filter;
      f.display = `${bitPattern(width, d.mask, value)} = ${d.name}: ${d.bool ? (v ? 'Set' : 'Not set') : (lookupName(d.lookup, v) ?? String(v))}`;
      children.push(f);
    }
  }
}

/** One named bit or group of bits in a flags field. */
export interface BitDef {
  name: string;
  filter?: string;
  mask: number;
  bool?: boolean;
  lookup?: Lookup;
}

/** Wireshark-style bit picture: `.... ..1.` for mask 0x02 of a 1-byte field. */
export function bitPattern(width: number, mask: number, value: number): string {
  let s = '';
  for (let i = width * 8 - 1; i >= 0; i--) {
    const bit = 2 ** i;
    s += Math.floor(mask / bit) % 2 ? (Math.floor(value / bit) % 2 ? '1' : '0') : '.';
    if (i % 4 === 0 && i > 0) s += ' ';
  }
  return s;
}

/** Runs a top-level decode, turning an escaping Overrun into the malformed field already recorded. */
export function guarded<T>(body: () => T): T | undefined {
  try {
    return body();
  } catch (e) {
    if (e instanceof Overrun) return undefined;
    throw e;
  }
}
