import type { Cursor } from '../model/cursor.ts';
import { formatIpv4 } from './address.ts';
import { bitField, childCursor, lastField, maskedField } from './bits.ts';

/** How the data of one IPv4 option is laid out after its type and length octets. */
type OptionBody = (s: Cursor) => void;

/** An IPv4 option in the registry: name, Wireshark's subtree filter, body reader. */
interface Ipv4OptionDef {
  name: string;
  filter: string;
  body?: OptionBody;
}

/** Route options (RFC 791 §3.1 "Loose/Strict Source and Record Route", "Record Route"): a pointer and addresses. */
function readRouteData(s: Cursor): void {
  s.u8('Pointer', 'ip.opt.ptr');
  while (s.remaining >= 4) {
    const b = s.bytes('IP Address', 'ip.opt.addr', 4);
    lastField(s).value = formatIpv4(b);
  }
}

// Bit fields of the options, registered once (bitField).
const OVERFLOW = bitField({ name: 'Overflow', filter: 'ip.opt.overflow', mask: 0xf0 });
const TIMESTAMP_FLAG = bitField({ name: 'Flag', filter: 'ip.opt.flag', mask: 0x0f });
const TYPE_BITS = [
  bitField({ name: 'Copy on fragmentation', filter: 'ip.opt.type.copy', mask: 0x80, format: (v) => (v ? 'Yes' : 'No') }),
  bitField({ name: 'Class', filter: 'ip.opt.type.class', mask: 0x60 }),
  bitField({ name: 'Number', filter: 'ip.opt.type.number', mask: 0x1f }),
] as const;

/** Router Alert (RFC 2113 §2.1): a 16-bit value, 0 = examine packet. */
function readRouterAlert(s: Cursor): void {
  s.u16('Router Alert', 'ip.opt.ra');
}

/** Internet Timestamp (RFC 791 §3.1): pointer, overflow/flag nibbles, then timestamps (with addresses for flags 1 and 3). */
function readTimestamp(s: Cursor): void {
  s.u8('Pointer', 'ip.opt.ptr');
  s.need(1, 'Overflow/Flag');
  maskedField(s, 1, OVERFLOW);
  const flag = maskedField(s, 1, TIMESTAMP_FLAG);
  s.skip(1);
  while (s.remaining >= 4) {
    if (flag !== 0 && s.remaining >= 8) {
      const b = s.bytes('Address', 'ip.opt.time_stamp_addr', 4);
      lastField(s).value = formatIpv4(b);
    }
    s.u32('Time stamp', 'ip.opt.time_stamp');
  }
}

/** IANA "ip-parameters" option types (copy/class/number packed in one octet). */
const IPV4_OPTIONS: ReadonlyMap<number, Ipv4OptionDef> = new Map<number, Ipv4OptionDef>([
  [0x00, { name: 'End of Options List (EOL)', filter: 'ip.options.eol' }],
  [0x01, { name: 'No-Operation (NOP)', filter: 'ip.options.nop' }],
  [0x82, { name: 'Security', filter: 'ip.options.security' }],
  [0x83, { name: 'Loose Source Route', filter: 'ip.options.route', body: readRouteData }],
  [0x44, { name: 'Time Stamp', filter: 'ip.options.timestamp', body: readTimestamp }],
  [0x85, { name: 'Extended Security', filter: 'ip.options.ext_security' }],
  [0x86, { name: 'Commercial Security', filter: 'ip.options.cipso' }],
  [0x07, { name: 'Record Route', filter: 'ip.options.record_route', body: readRouteData }],
  [0x88, { name: 'Stream ID', filter: 'ip.options.sid' }],
  [0x89, { name: 'Strict Source Route', filter: 'ip.options.source_route', body: readRouteData }],
  [0x0b, { name: 'MTU Probe', filter: 'ip.options.mtu_probe' }],
  [0x0c, { name: 'MTU Reply', filter: 'ip.options.mtu_reply' }],
  [0x52, { name: 'Traceroute', filter: 'ip.options.traceroute' }],
  [0x94, { name: 'Router Alert', filter: 'ip.options.routeralert', body: readRouterAlert }],
  [0x95, { name: 'Selective Directed Broadcast', filter: 'ip.options.sdb' }],
  [0x19, { name: 'Quick-Start', filter: 'ip.options.qs' }],
]);

/** The option type octet and its copied/class/number subfields (RFC 791 §3.1). */
function readOptionType(s: Cursor, name: string): number {
  const type = s.u8('Type', 'ip.opt.type', undefined, { display: `${s.peek8() ?? 0} (${name})` });
  const sub = childCursor(s, lastField(s), -1, 1);
  for (const spec of TYPE_BITS) maskedField(sub, 1, spec);
  return type;
}

/** IPv4 options (RFC 791 §3.1): single-octet EOL/NOP, else type, length (counting both) and data. */
export function readIpv4Options(s: Cursor): void {
  while (s.remaining > 0) {
    const type = s.peek8()!;
    const def = IPV4_OPTIONS.get(type) ?? { name: `Unknown (0x${type.toString(16).padStart(2, '0')})`, filter: 'ip.options.unknown' };
    if (type === 0x00) {
      s.struct(`IP Option - ${def.name}`, def.filter, 1, (o) => readOptionType(o, def.name));
      // After EOL the rest of the header is padding up to the 32-bit boundary.
      if (s.remaining > 0) s.bytes('Padding', 'ip.opt.padding', s.remaining);
      return;
    }
    if (type === 0x01) {
      s.struct(`IP Option - ${def.name}`, def.filter, 1, (o) => readOptionType(o, def.name));
      continue;
    }
    const len = s.peek8(1);
    if (len === undefined || len < 2) {
      s.malformed(len === undefined ? `option ${def.name} has no length octet` : `option ${def.name} has length ${len}, less than 2`);
      return;
    }
    s.struct(`IP Option - ${def.name}`, def.filter, len, (o) => {
      readOptionType(o, def.name);
      o.u8('Length', 'ip.opt.len');
      if (def.body) def.body(o);
      else if (o.remaining > 0) o.bytes('Data', undefined, o.remaining, { kb: 'ip.opt.data' });
    });
  }
}
