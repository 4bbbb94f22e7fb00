import type { Cursor } from '../model/cursor.ts';
import type { LayerContext, NextLayer } from './layer.ts';
import { NULL_FAMILIES, NULL_FAMILY_ETHERTYPE } from './registries.ts';

/**
 * BSD loopback header (tcpdump.org LINKTYPE_NULL / LINKTYPE_LOOP): a 4-byte address family.
 * LINKTYPE_NULL stores it in the capturing host's byte order, so both orders are tried; a
 * value that is only plausible byte-swapped (its low 16 bits zero) is read little-endian.
 * LINKTYPE_LOOP (OpenBSD) is always big-endian.
 */
export function readNullHeader(r: Cursor, _ctx: LayerContext, bigEndianOnly = false): NextLayer | undefined {
  return r.struct('Null/Loopback', 'null', 4, (s) => {
    s.need(4, 'Family');
    const d = s.data;
    const p = s.pos;
    const be = ((d[p]! << 24) | (d[p + 1]! << 16) | (d[p + 2]! << 8) | d[p + 3]!) >>> 0;
    const le = ((d[p + 3]! << 24) | (d[p + 2]! << 16) | (d[p + 1]! << 8) | d[p]!) >>> 0;
    const family = bigEndianOnly || (be & 0xffff) !== 0 || le > 0xffff ? be : le;
    const name = NULL_FAMILIES.get(family) ?? 'Unknown';
    s.annotate('Family', 'null.family', 4, family, { display: `${name} (${family})` });
    s.skip(4);
    const type = NULL_FAMILY_ETHERTYPE.get(family);
    return type === undefined ? undefined : ({ table: 'ethertype', type } satisfies NextLayer);
  });
}

/** LINKTYPE_LOOP: the same header, always in network byte order. */
export function readLoopHeader(r: Cursor, ctx: LayerContext): NextLayer | undefined {
  return readNullHeader(r, ctx, true);
}
