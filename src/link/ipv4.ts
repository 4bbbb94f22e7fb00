import type { Cursor } from '../model/cursor.ts';
import { formatIpv4 } from './address.ts';
import { bitField, childCursor, flag, lastField, maskedField } from './bits.ts';
import { readIpv4Options } from './ipv4-options.ts';
import type { LayerContext, NextLayer } from './layer.ts';
import { DSCP_NAMES, ECN_NAMES, IP_PROTOCOLS } from './registries.ts';

/** The fixed part of the IPv4 header: 20 bytes, IHL 5 (RFC 791 §3.1). */
const MIN_HEADER = 20;

// The bit fields of the header, registered once (bitField).
const VERSION = bitField({ name: 'Version', filter: 'ip.version', mask: 0xf0 });
const HEADER_LENGTH = bitField({ name: 'Header Length', filter: 'ip.hdr_len', mask: 0x0f, scale: 4, format: (v) => `${v * 4} bytes (${v})` });
const DSCP = bitField({ name: 'Differentiated Services Codepoint', filter: 'ip.dsfield.dscp', mask: 0xfc, lookup: DSCP_NAMES });
const ECN = bitField({ name: 'Explicit Congestion Notification', filter: 'ip.dsfield.ecn', mask: 0x03, lookup: ECN_NAMES });
const FLAGS = bitField({ name: 'Flags', filter: 'ip.flags', mask: 0xe0, format: (v) => `0x${v.toString(16)}` });
const FLAG_BITS = [
  bitField({ name: 'Reserved bit', filter: 'ip.flags.rb', mask: 0x80, bool: true }),
  bitField({ name: "Don't fragment", filter: 'ip.flags.df', mask: 0x40, bool: true }),
  bitField({ name: 'More fragments', filter: 'ip.flags.mf', mask: 0x20, bool: true }),
] as const;
const FRAGMENT_OFFSET = bitField({ name: 'Fragment Offset', filter: 'ip.frag_offset', mask: 0x1fff, scale: 8 });

/** `0x1234` for the u16 at the cursor: identifiers and checksums read better in hex. */
export function hex16(s: Cursor): string {
  return `0x${(s.peek16() ?? 0).toString(16).padStart(4, '0')}`;
}

/** An IPv4 address field whose value is its dotted-quad text. */
export function readIpv4Address(s: Cursor, name: string, filter: string): string {
  const text = formatIpv4(s.bytes(name, filter, 4));
  lastField(s).value = text;
  return text;
}

/** Version/IHL, DSCP/ECN and flags/fragment-offset: the bit-packed words of the IPv4 header. */
function readIpv4Words(s: Cursor): { ihl: number } {
  s.need(1, 'Version and Header Length');
  maskedField(s, 1, VERSION);
  const hdrLen = maskedField(s, 1, HEADER_LENGTH);
  const ihl = hdrLen / 4;
  if (ihl < 5) flag(lastField(s), `header length ${hdrLen} bytes (IHL ${ihl}) is less than the minimum 20 bytes (IHL 5)`);
  s.skip(1);
  s.u8('Differentiated Services Field', 'ip.dsfield');
  const ds = childCursor(s, lastField(s), -1, 1);
  maskedField(ds, 1, DSCP);
  maskedField(ds, 1, ECN);
  return { ihl };
}

/** Flags and fragment offset (RFC 791 §3.1, RFC 3514 for the reserved "evil" bit); returns whether this is a fragment. */
function readFragmentWord(s: Cursor): boolean {
  s.need(2, 'Flags and Fragment Offset');
  const flags = maskedField(s, 1, FLAGS);
  const fl = childCursor(s, lastField(s), 0, 1);
  for (const spec of FLAG_BITS) maskedField(fl, 1, spec);
  // The offset counts 8-byte units; the field's value is the byte offset, as Wireshark shows it.
  const offset = maskedField(s, 2, FRAGMENT_OFFSET);
  s.skip(2);
  return (flags & 0x1) !== 0 || offset !== 0;
}

/** IPv4 header (RFC 791 §3.1), options included; the payload is bounded by Total Length. */
export function readIpv4Header(r: Cursor, ctx: LayerContext): NextLayer | undefined {
  const start = r.pos;
  const ihlByte = r.peek8();
  const declared = ihlByte === undefined ? MIN_HEADER : (ihlByte & 0x0f) * 4;
  // A bogus IHL still lets us show the 20 fixed bytes; the payload start is then unknown.
  const hdrLen = Math.max(declared, MIN_HEADER);
  return r.struct('Internet Protocol Version 4', 'ip', hdrLen, (s) => {
    const { ihl } = readIpv4Words(s);
    const totalLength = s.u16('Total Length', 'ip.len');
    const lenField = lastField(s);
    s.u16('Identification', 'ip.id', undefined, { display: hex16(s) });
    const fragment = readFragmentWord(s);
    s.u8('Time to Live', 'ip.ttl');
    const proto = s.u8('Protocol', 'ip.proto', IP_PROTOCOLS);
    s.u16('Header Checksum', 'ip.checksum', undefined, { display: hex16(s) });
    const src = readIpv4Address(s, 'Source Address', 'ip.src');
    const dst = readIpv4Address(s, 'Destination Address', 'ip.dst');
    ctx.result.ip = { version: 4, src, dst };
    if (s.remaining > 0) s.struct(`Options: (${s.remaining} bytes)`, undefined, s.remaining, readIpv4Options, { kb: 'ip.options' });
    if (ihl < 5) return undefined;
    // Total Length 0 is what TCP segmentation offload leaves in captures: take the frame's length.
    const wireEnd = start + totalLength;
    if (totalLength === 0) lenField.display = 'Total Length: 0 (assumed TCP segmentation offload)';
    else if (totalLength < declared) {
      flag(lenField, `total length ${totalLength} is less than the header length ${declared}`);
      return undefined;
    } else if (wireEnd > r.data.length && !ctx.result.truncated) {
      flag(lenField, `total length ${totalLength} points past the frame: only ${r.data.length - start} bytes from the IP header on`);
    }
    if (fragment) {
      s.add({ name: 'Fragment', spans: s.spans(start + 6, 2), kb: 'ip.fragment', display: 'IPv4 fragment: wirebook does not reassemble IP fragments, the payload is not decoded' });
      return undefined;
    }
    return { table: 'ip', type: proto, end: totalLength === 0 ? undefined : wireEnd } satisfies NextLayer;
  });
}
