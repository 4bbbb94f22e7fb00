import type { Cursor } from '../model/cursor.ts';
import { formatMac } from './address.ts';
import { childCursor, lastField, maskedField } from './bits.ts';
import type { LayerContext, NextLayer } from './layer.ts';
import { ETHERTYPES } from './registries.ts';

/** EtherType values below this are IEEE 802.3 length fields, not protocol numbers (IEEE 802.3 §3.2.6). */
const MIN_ETHERTYPE = 0x0600;

/** A MAC address field with the two flag bits of its first octet, as Wireshark shows them. */
function readMac(r: Cursor, name: string, filter: 'eth.dst' | 'eth.src'): void {
  r.need(6, name);
  const mac = formatMac(r.data.subarray(r.pos, r.pos + 6));
  r.annotate(name, filter, 6, mac);
  // The LG and IG bits live in the first octet; Wireshark shows them over the 3-byte OUI.
  const bits = childCursor(r, lastField(r), 0, 3);
  maskedField(bits, 3, { name: 'LG bit', filter: `${filter}.lg`, mask: 0x020000, format: (v) => (v ? 'Locally administered address' : 'Globally unique address') });
  maskedField(bits, 3, { name: 'IG bit', filter: `${filter}.ig`, mask: 0x010000, format: (v) => (v ? 'Group address (multicast/broadcast)' : 'Individual address (unicast)') });
  r.skip(6);
}

/** Ethernet II header (IEEE 802.3 §3.1.1, DIX framing): destination, source, EtherType. */
export function readEthernetHeader(r: Cursor, ctx: LayerContext): NextLayer | undefined {
  ctx.trailerFilter = 'eth.padding';
  return r.struct('Ethernet II', 'eth', 14, (s) => {
    readMac(s, 'Destination', 'eth.dst');
    readMac(s, 'Source', 'eth.src');
    const type = s.peek16();
    if (type !== undefined && type < MIN_ETHERTYPE) {
      // An 802.3 frame: the field is a length and an LLC header follows, which we do not decode.
      s.u16('Length', 'eth.len');
      return undefined;
    }
    return { table: 'ethertype', type: s.u16('Type', 'eth.type', ETHERTYPES) } satisfies NextLayer;
  });
}

/** 802.1Q tag after a 0x8100 EtherType (IEEE 802.1Q §9.6): priority, DEI, VLAN id, inner EtherType. */
export function readVlanTag(r: Cursor): NextLayer | undefined {
  return r.struct('802.1Q Virtual LAN', 'vlan', 4, (s) => {
    s.need(2, 'Tag Control Information');
    maskedField(s, 2, { name: 'Priority', filter: 'vlan.priority', mask: 0xe000 });
    maskedField(s, 2, { name: 'DEI', filter: 'vlan.dei', mask: 0x1000, bool: true });
    maskedField(s, 2, { name: 'ID', filter: 'vlan.id', mask: 0x0fff });
    s.skip(2);
    return { table: 'ethertype', type: s.u16('Type', 'vlan.etype', ETHERTYPES) } satisfies NextLayer;
  });
}
