import { bitPattern, Cursor, type Lookup } from '../model/cursor.ts';
import type { Field, FieldValue } from '../model/field.ts';

/** One field made of some bits of a header word (Wireshark's bitmask items, e.g. `ip.hdr_len`). */
export interface MaskSpec {
  name: string;
  filter?: string;
  mask: number;
  lookup?: Lookup;
  bool?: boolean;
  /** Multiplier for the value (header lengths count 32-bit words; the field shows bytes). */
  scale?: number;
  /** Text after the bit picture; defaults to the (looked-up) value. */
  format?: (value: number) => string;
}

/** Display texts of registered specs by their bits' value: a header field shows few distinct values. */
const displayCache = new WeakMap<MaskSpec, Map<number, string>>();
/** Distinct values remembered per spec (a flow label has a million; flags have a handful). */
const CACHED_VALUES = 256;

/**
 * Registers a bit field once, as Wireshark registers its header fields: maskedField then keeps the
 * display text of each value it has seen for this spec, instead of drawing it again on every frame.
 */
export function bitField(spec: MaskSpec): MaskSpec {
  displayCache.set(spec, new Map());
  return spec;
}

/** The big-endian unsigned value of `width` bytes at the cursor (the caller has checked they exist). */
export function peekUint(r: Cursor, width: number, ahead = 0): number {
  let v = 0;
  for (let i = 0; i < width; i++) v = v * 256 + r.data[r.pos + ahead + i]!;
  return v;
}

/** Adds a field over the `width` bytes at the cursor for the bits in `spec.mask`, without moving it; returns the scaled value. */
export function maskedField(r: Cursor, width: number, spec: MaskSpec): number {
  const raw = peekUint(r, width);
  const low = spec.mask & -spec.mask;
  const bitsValue = Math.floor((raw & spec.mask) / low);
  const scaled = bitsValue * (spec.scale ?? 1);
  const value: FieldValue = spec.bool ? bitsValue !== 0 : scaled;
  const cache = displayCache.get(spec);
  let display = cache?.get(bitsValue);
  if (display === undefined) {
    display = maskedDisplay(width, spec, raw, bitsValue, scaled);
    if (cache && cache.size < CACHED_VALUES) cache.set(bitsValue, display);
  }
  r.annotate(spec.name, spec.filter, width, value, { display });
  return scaled;
}

/** `0100 .... = Version: 4`: the bit picture, the name and the (looked-up) value. */
function maskedDisplay(width: number, spec: MaskSpec, raw: number, bitsValue: number, scaled: number): string {
  let shown: string;
  if (spec.format) shown = spec.format(bitsValue);
  else if (spec.bool) shown = bitsValue ? 'Set' : 'Not set';
  else if (spec.lookup) {
    const name = typeof spec.lookup === 'function' ? spec.lookup(bitsValue) : spec.lookup.get(bitsValue);
    shown = `${name ?? 'Unknown'} (${bitsValue})`;
  } else shown = String(scaled);
  return `${bitPattern(width, spec.mask, raw)} = ${spec.name}: ${shown}`;
}

/** A cursor whose fields become children of `parent`, over `length` bytes starting `ahead` bytes past `r`'s position. */
export function childCursor(r: Cursor, parent: Field, ahead: number, length: number): Cursor {
  const children = (parent.children ??= []);
  return new Cursor(r.data, r.map, children, r.pos + ahead, r.pos + ahead + length);
}

/** The last field a cursor added (the one a read just produced). */
export function lastField(r: Cursor): Field {
  return r.out[r.out.length - 1]!;
}

/** Flags a field as malformed with a reason, keeping its value: the bytes are there but say something impossible. */
export function flag(field: Field, reason: string): void {
  field.malformed = reason;
}
