// Values of primitive DER elements (X.690 §8): OIDs, strings, times, small integers, as text.

import { toHex } from '../../model/hex.ts';

/** Universal tag numbers we name (X.680 §8.6). */
export const UNIVERSAL = {
  BOOLEAN: 1,
  INTEGER: 2,
  BIT_STRING: 3,
  OCTET_STRING: 4,
  NULL: 5,
  OID: 6,
  UTF8String: 12,
  SEQUENCE: 16,
  SET: 17,
  PrintableString: 19,
  T61String: 20,
  IA5String: 22,
  UTCTime: 23,
  GeneralizedTime: 24,
  UniversalString: 28,
  BMPString: 30,
} as const;

/** A short display of a primitive universal value (strings, integers, OIDs, times). */
export function primitiveDisplay(h: { cls: number; tag: number }, b: Uint8Array): string | undefined {
  if (h.cls !== 0) return undefined;
  switch (h.tag) {
    case UNIVERSAL.BOOLEAN: return b.length === 1 ? String(b[0] !== 0) : undefined;
    case UNIVERSAL.INTEGER: return b.length <= 6 ? String(integerValue(b)) : `0x${toHex(b)}`;
    case UNIVERSAL.OID: return decodeOid(b);
    case UNIVERSAL.NULL: return 'NULL';
    case UNIVERSAL.UTCTime:
    case UNIVERSAL.GeneralizedTime: return decodeTime(h.tag, b) ?? latin1(b);
    case 12: case 18: case 19: case 20: case 22: case 26: return decodeString(h.tag, b);
    default: return undefined;
  }
}

/** A (signed, two's complement) INTEGER of up to 6 bytes as a number. */
export function integerValue(b: Uint8Array): number {
  let v = b.length > 0 && b[0]! & 0x80 ? -1 : 0;
  for (const x of b) v = v * 256 + x;
  return v;
}

/** Dotted-decimal form of an OBJECT IDENTIFIER's content (X.690 §8.19); `undefined` when ill-formed. */
export function decodeOid(b: Uint8Array): string | undefined {
  if (b.length === 0 || b[b.length - 1]! & 0x80) return undefined;
  const arcs: bigint[] = [];
  let v = 0n;
  for (const x of b) {
    v = (v << 7n) | BigInt(x & 0x7f);
    if (!(x & 0x80)) {
      arcs.push(v);
      v = 0n;
    }
  }
  const first = arcs[0]!;
  const head = first < 40n ? [0n, first] : first < 80n ? [1n, first - 40n] : [2n, first - 80n];
  return [...head, ...arcs.slice(1)].join('.');
}

function latin1(b: Uint8Array): string {
  return Buffer.from(b.buffer, b.byteOffset, b.length).toString('latin1');
}

/** Text of a string type: UTF8String as UTF-8, BMPString as UTF-16BE, UniversalString as UTF-32BE, else latin1. */
export function decodeString(tag: number, b: Uint8Array): string {
  if (tag === UNIVERSAL.UTF8String) return Buffer.from(b.buffer, b.byteOffset, b.length).toString('utf8');
  if (tag === UNIVERSAL.BMPString) {
    let s = '';
    for (let i = 0; i + 1 < b.length; i += 2) s += String.fromCharCode((b[i]! << 8) | b[i + 1]!);
    return s;
  }
  if (tag === UNIVERSAL.UniversalString) {
    let s = '';
    for (let i = 0; i + 3 < b.length; i += 4) s += String.fromCodePoint(((b[i]! << 24) | (b[i + 1]! << 16) | (b[i + 2]! << 8) | b[i + 3]!) >>> 0);
    return s;
  }
  return latin1(b);
}

/**
 * ISO 8601 form of a UTCTime or GeneralizedTime (RFC 5280 §4.1.2.5: UTCTime years 50-99 are
 * 19xx, 00-49 are 20xx). Undefined when the text is not a time.
 */
export function decodeTime(tag: number, b: Uint8Array): string | undefined {
  const s = latin1(b);
  const m = tag === UNIVERSAL.UTCTime
    ? /^(\d{2})(\d{2})(\d{2})(\d{2})(\d{2})(\d{2})?(Z|[+-]\d{4})$/.exec(s)
    : /^(\d{4})(\d{2})(\d{2})(\d{2})(\d{2})?(\d{2})?(?:[.,](\d+))?(Z|[+-]\d{4})?$/.exec(s);
  if (!m) return undefined;
  let year = Number(m[1]);
  if (tag === UNIVERSAL.UTCTime) year += year >= 50 ? 1900 : 2000;
  const frac = tag === UNIVERSAL.GeneralizedTime && m[7] ? `.${m[7]}` : '';
  const zone = (tag === UNIVERSAL.UTCTime ? m[7] : m[8]) ?? '';
  const z = zone === 'Z' || zone === '' ? 'Z' : `${zone.slice(0, 3)}:${zone.slice(3)}`;
  return `${String(year).padStart(4, '0')}-${m[2]}-${m[3]}T${m[4]}:${m[5] ?? '00'}:${m[6] ?? '00'}${frac}${z}`;
}

