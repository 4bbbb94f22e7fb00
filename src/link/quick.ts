import { LinkType, type Frame } from '../capture/frame.ts';
import { formatIpv4, formatIpv6 } from './address.ts';
import type { FrameDecode } from './layer.ts';
import { NULL_FAMILY_ETHERTYPE } from './registries.ts';

/** IPv6 extension headers skipped on the way to TCP (RFC 8200 §4); a fragment header stops the walk. */
const SKIPPABLE_EXTENSIONS = new Set([0, 43, 60]);

/** Where the network header starts and which one it is, per link type; undefined when unknown. */
function networkStart(frame: Frame): { at: number; type: number } | undefined {
  const d = frame.data;
  const be16 = (o: number): number => (d[o]! << 8) | d[o + 1]!;
  switch (frame.linkType) {
    case LinkType.ETHERNET: {
      let at = 12;
      while (at + 2 <= d.length && (be16(at) === 0x8100 || be16(at) === 0x88a8)) at += 4;
      return at + 2 <= d.length ? { at: at + 2, type: be16(at) } : undefined;
    }
    case LinkType.LINUX_SLL:
      return d.length >= 16 ? { at: 16, type: be16(14) } : undefined;
    case LinkType.LINUX_SLL2:
      return d.length >= 20 ? { at: 20, type: be16(0) } : undefined;
    case LinkType.NULL:
    case LinkType.LOOP: {
      if (d.length < 4) return undefined;
      const be = ((d[0]! << 24) | (d[1]! << 16) | (d[2]! << 8) | d[3]!) >>> 0;
      const le = ((d[3]! << 24) | (d[2]! << 16) | (d[1]! << 8) | d[0]!) >>> 0;
      const fam = frame.linkType === LinkType.LOOP || (be & 0xffff) !== 0 || le > 0xffff ? be : le;
      const type = NULL_FAMILY_ETHERTYPE.get(fam);
      return type === undefined ? undefined : { at: 4, type };
    }
    default: {
      const v = d.length > 0 ? d[0]! >> 4 : 0;
      const raw = frame.linkType === LinkType.RAW || frame.linkType === LinkType.IPV4 || frame.linkType === LinkType.IPV6;
      return raw && (v === 4 || v === 6) ? { at: 0, type: v === 4 ? 0x0800 : 0x86dd } : undefined;
    }
  }
}

/**
 * The IP addresses and TCP header values of a frame without building any fields: the fast path
 * reassembly takes on large captures. It follows the same rules as `decodeFrameHeaders` (a test
 * checks both agree on every fixture frame) and gives up, returning no `tcp`, where that would
 * report something malformed.
 */
export function quickDecode(frame: Frame): FrameDecode {
  const result: FrameDecode = { fields: [], truncated: frame.data.length < frame.origLength };
  const d = frame.data;
  const net = networkStart(frame);
  if (!net) return result;
  let at = net.at;
  let proto: number;
  let end: number;
  if (net.type === 0x0800 && at + 20 <= d.length) {
    const ihl = (d[at]! & 0x0f) * 4;
    const total = (d[at + 2]! << 8) | d[at + 3]!;
    result.ip = { version: 4, src: formatIpv4(d.subarray(at + 12, at + 16)), dst: formatIpv4(d.subarray(at + 16, at + 20)) };
    const fragment = (d[at + 6]! & 0x20) !== 0 || (((d[at + 6]! & 0x1f) << 8) | d[at + 7]!) !== 0;
    if (ihl < 20 || (total !== 0 && total < ihl) || fragment || at + ihl > d.length) return result;
    proto = d[at + 9]!;
    end = total === 0 ? frame.origLength : at + total;
    at += ihl;
  } else if (net.type === 0x86dd && at + 40 <= d.length) {
    const plen = (d[at + 4]! << 8) | d[at + 5]!;
    result.ip = { version: 6, src: formatIpv6(d.subarray(at + 8, at + 24)), dst: formatIpv6(d.subarray(at + 24, at + 40)) };
    end = plen === 0 ? d.length : at + 40 + plen;
    proto = d[at + 6]!;
    at += 40;
    while (SKIPPABLE_EXTENSIONS.has(proto)) {
      if (at + 8 > d.length) return result;
      const len = (d[at + 1]! + 1) * 8;
      if (at + len > d.length) return result;
      proto = d[at]!;
      at += len;
    }
  } else return result;
  if (proto !== 6 || at + 20 > d.length) return result;
  const hdr = (d[at + 12]! >> 4) * 4;
  if (hdr < 20 || at + 20 > Math.min(end, d.length)) return result;
  const be16 = (o: number): number => (d[o]! << 8) | d[o + 1]!;
  const be32 = (o: number): number => ((d[o]! << 24) | (d[o + 1]! << 16) | (d[o + 2]! << 8) | d[o + 3]!) >>> 0;
  const payloadOffset = at + hdr;
  result.tcp = {
    srcPort: be16(at),
    dstPort: be16(at + 2),
    seq: be32(at + 4),
    ack: be32(at + 8),
    flags: be16(at + 12) & 0x0fff,
    window: be16(at + 14),
    payloadOffset,
    payloadLength: Math.max(0, Math.min(end, d.length) - payloadOffset),
    segmentLength: Math.max(0, end - payloadOffset),
  };
  return result;
}
