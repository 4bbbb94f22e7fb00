import type { Cursor } from '../model/cursor.ts';
import { formatMac } from './address.ts';
import { bitField, childCursor, lastField, maskedField, type MaskSpec } from './bits.ts';
import type { LayerContext, NextLayer } from './layer.ts';
import { ETHERTYPES } from './registries.ts';

/** EtherType values below this are IEEE 802.3 length fields, not protocol numbers (IEEE 802.3 §3.2.6). */
const MIN_ETHERTYPE = 0x0600;

/** The LG and IG bits of a MAC address's first octet, for each address field. */
function macBits(filter: string): readonly [MaskSpec, MaskSpec] {
  return [
    bitField({ name: 'LG bit', filter: `${filter}.lg`, mask: 0x020000, format: (v) => (v ? 'Locally administered address' : 'Globally unique address') }),
    bitField({ name: 'IG bit', filter: `${filter}.ig`, mask: 0x010000, format: (v) => (v ? 'Group address (multicast/broadcast)' : 'Individual address (unicast)') }),
  ];
}
const MAC_BITS = { 'eth.dst': macBits('eth.dst'), 'eth.src': macBits('eth.src') } as const;

/** The 802.1Q Tag Control Information word. */
const VLAN_TCI: readonly MaskSpec[] = [
  bitField({ name: 'Priority', filter: 'vlan.priority', mask: 0xe000 }),
  bitField({ name: 'DEI', filter: 'vlan.dei', mask: 0x1000, bool: true }),
  bitField({ name: 'ID', filter: 'vlan.id', mask: 0x0fff }),
];

/** A MAC address field with the two flag bits of its first octet, as Wireshark shows them. */
function readMac(r: Cursor, name: string, filter: 'eth.dst' | 'eth.src'): void {
  r.need(6, name);
  const mac = formatMac(r.data.subarray(r.pos, r.pos + 6));
  r.annotate(name, filter, 6, mac);
  // The LG and IG bits live in the first octet; Wireshark shows them over the 3-byte OUI.
  const bits = childCursor(r, lastField(r), 0, 3);
  const [lg, ig] = MAC_BITS[filter];
  maskedField(bits, 3, lg);
  maskedField(bits, 3, ig);
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
    for (const spec of VLAN_TCI) maskedField(s, 2, spec);
    s.skip(2);
    return { table: 'ethertype', type: s.u16('Type', 'vlan.etype', ETHERTYPES) } satisfies NextLayer;
  });
}
