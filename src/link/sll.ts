import type { Cursor } from '../model/cursor.ts';
import { formatIpv4, formatMac } from './address.ts';
import { lastField } from './bits.ts';
import type { LayerContext, NextLayer } from './layer.ts';
import { ARPHRD_ETHERNET_LIKE, ARPHRD_TYPES, ETHERTYPES, SLL_PACKET_TYPES } from './registries.ts';

/** ARPHRD values whose protocol field is a GRE protocol type (shown as sll.gretype). */
const ARPHRD_GRE = new Set([778, 823]);

/** The 8-byte link-layer address slot: the address (per its type and length) and the unused rest. */
function readSllAddress(s: Cursor, hatype: number, halen: number): void {
  const len = Math.min(halen, 8);
  if (len === 6 && ARPHRD_ETHERNET_LIKE.has(hatype)) {
    const b = s.bytes('Source', 'sll.src.eth', 6);
    lastField(s).value = formatMac(b);
  } else if (len === 4 && ARPHRD_GRE.has(hatype)) {
    const b = s.bytes('Source', 'sll.src.ipv4', 4);
    lastField(s).value = formatIpv4(b);
  } else if (len > 0) s.bytes('Source', 'sll.src.other', len);
  if (len < 8) s.bytes('Unused', 'sll.unused', 8 - len);
}

/** The protocol field: an EtherType, a GRE type, or a Linux `ETH_P_*` value below 0x600. */
function readSllProtocol(s: Cursor, hatype: number): NextLayer | undefined {
  const type = s.peek16();
  if (type !== undefined && ARPHRD_GRE.has(hatype)) s.u16('Protocol', 'sll.gretype', ETHERTYPES);
  else if (type !== undefined && type < 0x600) s.u16('Protocol', 'sll.ltype');
  else s.u16('Protocol', 'sll.etype', ETHERTYPES);
  return type !== undefined && type >= 0x600 ? { table: 'ethertype', type } : undefined;
}

/** Linux cooked capture v1 header (tcpdump.org LINKTYPE_LINUX_SLL, 16 bytes). */
export function readSllHeader(r: Cursor, ctx: LayerContext): NextLayer | undefined {
  ctx.trailerFilter = 'sll.trailer';
  return r.struct('Linux cooked capture v1', 'sll', 16, (s) => {
    s.u16('Packet type', 'sll.pkttype', SLL_PACKET_TYPES);
    const hatype = s.u16('Link-layer address type', 'sll.hatype', ARPHRD_TYPES);
    const halen = s.u16('Link-layer address length', 'sll.halen');
    readSllAddress(s, hatype, halen);
    return readSllProtocol(s, hatype);
  });
}

/** Linux cooked capture v2 header (tcpdump.org LINKTYPE_LINUX_SLL2, 20 bytes; what `tcpdump -i any` writes). */
export function readSll2Header(r: Cursor, ctx: LayerContext): NextLayer | undefined {
  ctx.trailerFilter = 'sll.trailer';
  return r.struct('Linux cooked capture v2', 'sll', 20, (s) => {
    const type = s.u16('Protocol', 'sll.etype', ETHERTYPES);
    // tshark 4.0 gives these two reserved bytes no field name.
    s.u16('Reserved (MBZ)', undefined, undefined, { kb: 'sll.reserved' });
    s.u32('Interface index', 'sll.ifindex');
    const hatype = s.u16('Link-layer address type', 'sll.hatype', ARPHRD_TYPES);
    s.u8('Packet type', 'sll.pkttype', SLL_PACKET_TYPES);
    const halen = s.u8('Link-layer address length', 'sll.halen');
    readSllAddress(s, hatype, halen);
    return type >= 0x600 ? ({ table: 'ethertype', type } satisfies NextLayer) : undefined;
  });
}
