// The connection table of the reassembler. Looking a connection up happens once per packet, so
// IPv4 keys are numbers made from the header bytes (no address text, no key string per packet);
// IPv6 keeps text keys, being rarer and four times wider.

/** An endpoint's identity: an IPv4 endpoint id (a number, see ipv4EndpointId) or `address|port` text. */
export type EndpointId = number | string;

/** An IPv4 endpoint as one exact number: address * 65536 + port (48 bits, safe in a double). */
export function ipv4EndpointId(address: number, port: number): number {
  return address * 0x10000 + port;
}

/** A small-integer hash of the unordered endpoint pair (V8 keeps such Map keys unboxed). */
function mix(lo: number, hi: number): number {
  let h = Math.imul(lo % 0x100000000 | 0, 0x9e3779b1) ^ Math.imul(Math.floor(lo / 0x100000000) | 0, 0x85ebca6b);
  h = Math.imul(h ^ (h >>> 15), 0x2c1b3c6d) ^ Math.imul(hi % 0x100000000 | 0, 0xcc9e2d51);
  h ^= Math.imul(Math.floor(hi / 0x100000000) | 0, 0x1b873593);
  h = Math.imul(h ^ (h >>> 13), 0x5bd1e995);
  return (h ^ (h >>> 16)) & 0x3fffffff;
}

interface Entry<T> {
  lo: number;
  hi: number;
  value: T;
}

/** The same text key for both directions: the two endpoint ids in sorted order. */
function textKey(a: EndpointId, b: EndpointId): string {
  const ka = String(a);
  const kb = String(b);
  return ka < kb ? `${ka}>${kb}` : `${kb}>${ka}`;
}

/**
 * Values keyed by an unordered pair of endpoints (the same key for both directions): IPv4 pairs
 * by their numeric ids, anything else by text. Hash collisions of IPv4 pairs are resolved exactly.
 */
export class PairTable<T> {
  private readonly numeric = new Map<number, Entry<T> | Entry<T>[]>();
  private readonly text = new Map<string, T>();

  /** The value of endpoints `a` and `b` (in either order). */
  get(a: EndpointId, b: EndpointId): T | undefined {
    if (typeof a === 'number' && typeof b === 'number') return this.getIds(a, b);
    return this.text.get(textKey(a, b));
  }

  /** Sets (or replaces) the value of endpoints `a` and `b`. */
  set(a: EndpointId, b: EndpointId, value: T): void {
    if (typeof a === 'number' && typeof b === 'number') this.setIds(a, b, value);
    else this.text.set(textKey(a, b), value);
  }

  /** Removes endpoints `a` and `b`, only while they still map to `value`. */
  delete(a: EndpointId, b: EndpointId, value: T): void {
    if (typeof a === 'number' && typeof b === 'number') this.deleteIds(a, b, value);
    else {
      const key = textKey(a, b);
      if (this.text.get(key) === value) this.text.delete(key);
    }
  }

  private getIds(a: number, b: number): T | undefined {
    const lo = a < b ? a : b;
    const hi = a < b ? b : a;
    const bucket = this.numeric.get(mix(lo, hi));
    if (bucket === undefined) return undefined;
    if (!Array.isArray(bucket)) return bucket.lo === lo && bucket.hi === hi ? bucket.value : undefined;
    for (const e of bucket) if (e.lo === lo && e.hi === hi) return e.value;
    return undefined;
  }

  private setIds(a: number, b: number, value: T): void {
    const lo = a < b ? a : b;
    const hi = a < b ? b : a;
    const h = mix(lo, hi);
    const bucket = this.numeric.get(h);
    if (bucket === undefined) {
      this.numeric.set(h, { lo, hi, value });
      return;
    }
    const list = Array.isArray(bucket) ? bucket : [bucket];
    const found = list.find((e) => e.lo === lo && e.hi === hi);
    if (found) found.value = value;
    else list.push({ lo, hi, value });
    if (list.length === 1) this.numeric.set(h, list[0]!);
    else if (!Array.isArray(bucket)) this.numeric.set(h, list);
  }

  private deleteIds(a: number, b: number, value: T): void {
    const lo = a < b ? a : b;
    const hi = a < b ? b : a;
    const h = mix(lo, hi);
    const bucket = this.numeric.get(h);
    if (bucket === undefined) return;
    const list = (Array.isArray(bucket) ? bucket : [bucket]).filter((e) => !(e.lo === lo && e.hi === hi && e.value === value));
    if (list.length === 0) this.numeric.delete(h);
    else this.numeric.set(h, list.length === 1 ? list[0]! : list);
  }
}
