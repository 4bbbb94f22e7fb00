import type { Cursor } from '../model/cursor.ts';
import { formatIpv6 } from './address.ts';
import { bitField, childCursor, flag, lastField, maskedField } from './bits.ts';
import type { LayerContext, NextLayer } from './layer.ts';
import { DSCP_NAMES, ECN_NAMES, IP_PROTOCOLS } from './registries.ts';

/** An IPv6 address field whose value is its RFC 5952 text. */
function readIpv6Address(s: Cursor, name: string, filter: string): string {
  const text = formatIpv6(s.bytes(name, filter, 16));
  lastField(s).value = text;
  return text;
}

/** Options of a Hop-by-Hop or Destination Options header (RFC 8200 §4.2): Pad1, PadN, or type-length-value. */
function readIpv6Options(s: Cursor): void {
  while (s.remaining > 0) {
    const type = s.peek8()!;
    if (type === 0) {
      s.annotate('Pad1', 'ipv6.opt.pad1', 1);
      s.skip(1);
      continue;
    }
    const len = s.peek8(1);
    if (len === undefined) {
      s.malformed('option type without a length octet');
      return;
    }
    s.struct(type === 1 ? 'PadN' : `Option 0x${type.toString(16)}`, undefined, 2 + len, (o) => {
      o.u8('Type', 'ipv6.opt.type');
      o.u8('Length', 'ipv6.opt.length');
      if (o.remaining > 0) o.bytes(type === 1 ? 'PadN' : 'Data', type === 1 ? 'ipv6.opt.padn' : undefined, o.remaining);
    });
  }
}

/** Reads the Next Header and Hdr Ext Len octets common to most extension headers; returns the header's byte length. */
function readNextAndLength(s: Cursor, prefix: string): { next: number; bytes: number } {
  const next = s.u8('Next Header', `${prefix}.nxt`, IP_PROTOCOLS);
  const len = s.u8('Length', `${prefix}.len`, undefined, { display: `Length: ${s.peek8() ?? 0} (${((s.peek8() ?? 0) + 1) * 8} bytes)` });
  return { next, bytes: (len + 1) * 8 };
}

/** Hop-by-Hop (RFC 8200 §4.3) or Destination Options (§4.6) header. */
function readOptionsHeader(prefix: string): (s: Cursor) => number {
  return (s) => {
    const { next } = readNextAndLength(s, prefix);
    readIpv6Options(s);
    return next;
  };
}

/** Routing header (RFC 8200 §4.4): type and segments left, then type-specific data. */
function readRoutingHeader(s: Cursor): number {
  const { next } = readNextAndLength(s, 'ipv6.routing');
  s.u8('Type', 'ipv6.routing.type');
  s.u8('Segments Left', 'ipv6.routing.segleft');
  if (s.remaining > 0) s.bytes('Type-Specific Data', 'ipv6.routing.unknown_data', s.remaining);
  return next;
}

// Bit fields of the headers, registered once (bitField).
const FRAGMENT_WORD = [
  bitField({ name: 'Offset', filter: 'ipv6.fraghdr.offset', mask: 0xfff8 }),
  bitField({ name: 'Reserved bits', filter: 'ipv6.fraghdr.reserved_bits', mask: 0x0006 }),
  bitField({ name: 'More Fragments', filter: 'ipv6.fraghdr.more', mask: 0x0001, bool: true }),
] as const;
const VERSION = bitField({ name: 'Version', filter: 'ipv6.version', mask: 0xf0 });
const TRAFFIC_CLASS = bitField({ name: 'Traffic Class', filter: 'ipv6.tclass', mask: 0x0ff00000, format: (v) => `0x${v.toString(16).padStart(2, '0')}` });
const DSCP = bitField({ name: 'Differentiated Services Codepoint', filter: 'ipv6.tclass.dscp', mask: 0x0fc00000, lookup: DSCP_NAMES });
const ECN = bitField({ name: 'Explicit Congestion Notification', filter: 'ipv6.tclass.ecn', mask: 0x00300000, lookup: ECN_NAMES });
const FLOW_LABEL = bitField({ name: 'Flow Label', filter: 'ipv6.flow', mask: 0x0fffff, format: (v) => `0x${v.toString(16).padStart(5, '0')}` });

/** Fragment header (RFC 8200 §4.5): always 8 bytes. */
function readFragmentHeader(s: Cursor): number {
  const next = s.u8('Next header', 'ipv6.fraghdr.nxt', IP_PROTOCOLS);
  s.u8('Reserved octet', 'ipv6.fraghdr.reserved_octet');
  s.need(2, 'Offset and flags');
  for (const spec of FRAGMENT_WORD) maskedField(s, 2, spec);
  s.skip(2);
  s.u32('Identification', 'ipv6.fraghdr.ident');
  return next;
}

/** An extension header in the registry: its name, filter, fixed length (else from Hdr Ext Len) and reader. */
interface ExtensionDef {
  name: string;
  filter: string;
  fixedLength?: number;
  read: (s: Cursor) => number;
}

/** IANA "ipv6-parameters" extension header types we decode. */
const EXTENSION_HEADERS: ReadonlyMap<number, ExtensionDef> = new Map([
  [0, { name: 'IPv6 Hop-by-Hop Option', filter: 'ipv6.hopopts', read: readOptionsHeader('ipv6.hopopts') }],
  [43, { name: 'Routing Header for IPv6', filter: 'ipv6.routing', read: readRoutingHeader }],
  [44, { name: 'Fragment Header for IPv6', filter: 'ipv6.fraghdr', fixedLength: 8, read: readFragmentHeader }],
  [60, { name: 'Destination Options for IPv6', filter: 'ipv6.dstopts', read: readOptionsHeader('ipv6.dstopts') }],
]);

/** The fixed 40-byte IPv6 header (RFC 8200 §3). */
function readIpv6Fixed(s: Cursor, ctx: LayerContext): { plen: number; next: number } {
  s.need(4, 'Version, Traffic Class, Flow Label');
  maskedField(s, 1, VERSION);
  maskedField(s, 4, TRAFFIC_CLASS);
  const tc = childCursor(s, lastField(s), 0, 4);
  maskedField(tc, 4, DSCP);
  maskedField(tc, 4, ECN);
  s.skip(1);
  maskedField(s, 3, FLOW_LABEL);
  s.skip(3);
  const plen = s.u16('Payload Length', 'ipv6.plen');
  const next = s.u8('Next Header', 'ipv6.nxt', IP_PROTOCOLS);
  s.u8('Hop Limit', 'ipv6.hlim');
  const src = readIpv6Address(s, 'Source Address', 'ipv6.src');
  const dst = readIpv6Address(s, 'Destination Address', 'ipv6.dst');
  ctx.result.ip = { version: 6, src, dst };
  return { plen, next };
}

/** IPv6 header and its extension headers (RFC 8200 §3, §4); the payload is bounded by Payload Length. */
export function readIpv6Header(r: Cursor, ctx: LayerContext): NextLayer | undefined {
  const start = r.pos;
  const fixed = r.struct('Internet Protocol Version 6', 'ipv6', 40, (s) => readIpv6Fixed(s, ctx));
  if (!fixed) return undefined;
  const plenField = r.out[r.out.length - 1]!.children!.find((f) => f.filter === 'ipv6.plen')!;
  // Payload Length 0 means a jumbogram or segmentation offload: take the frame's length.
  const end = fixed.plen === 0 ? r.end : start + 40 + fixed.plen;
  if (end > r.end && !ctx.result.truncated) {
    flag(plenField, `payload length ${fixed.plen} points past the frame: only ${r.end - start - 40} bytes follow the IPv6 header`);
  }
  let next = fixed.next;
  for (let def = EXTENSION_HEADERS.get(next); def; def = EXTENSION_HEADERS.get(next)) {
    const lenOctet = r.peek8(1);
    const bytes = def.fixedLength ?? (lenOctet === undefined ? r.remaining : (lenOctet + 1) * 8);
    const found = r.struct(def.name, def.filter, bytes, def.read);
    if (found === undefined) return undefined;
    if (def.filter === 'ipv6.fraghdr') {
      r.add({ name: 'Fragment', spans: r.spans(r.pos - 6, 2), kb: 'ipv6.fragment', display: 'IPv6 fragment: wirebook does not reassemble IP fragments, the payload is not decoded' });
      return undefined;
    }
    next = found;
  }
  return { table: 'ip', type: next, end } satisfies NextLayer;
}
