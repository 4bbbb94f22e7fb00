import { be32 } from '../capture/chunks.ts';
import { LinkType, type Frame } from '../capture/frame.ts';
import { formatIpv4, formatIpv6 } from './address.ts';
import type { FrameDecode, TcpInfo } from './layer.ts';
import { NULL_FAMILY_ETHERTYPE } from './registries.ts';

/**
 * What the quick walk found in one frame, as plain numbers and offsets (no strings, no objects):
 * reassembly reuses one of these for every frame, so the hot path allocates nothing.
 */
export interface QuickHeaders extends TcpInfo {
  /** 4 or 6 when an IP header was found (even if the walk stopped there), else 0. */
  ipVersion: 0 | 4 | 6;
  /** Offset of the source address in the frame; the destination follows it (4 or 16 bytes on). */
  addrOffset: number;
}

/** A zeroed QuickHeaders to reuse across frames. */
export function newQuickHeaders(): QuickHeaders {
  return { ipVersion: 0, addrOffset: 0, srcPort: 0, dstPort: 0, seq: 0, ack: 0, flags: 0, window: 0, payloadOffset: 0, payloadLength: 0, segmentLength: 0 };
}

/** IPv6 extension headers skipped on the way to TCP (RFC 8200 §4); a fragment header stops the walk. */
function skippableExtension(proto: number): boolean {
  return proto === 0 || proto === 43 || proto === 60;
}

// A module-level helper rather than a closure: tsx compiles with keepNames, which would wrap
// every closure made per frame in a defineProperty call.
function be16(d: Uint8Array, o: number): number {
  return (d[o]! << 8) | d[o + 1]!;
}

/**
 * Where the network header starts and which one it is, per link type, packed as
 * `offset * 0x10000 + ethertype` so no object is made per frame; -1 when unknown.
 */
function networkStart(linkType: number, d: Uint8Array): number {
  switch (linkType) {
    case LinkType.ETHERNET: {
      let at = 12;
      while (at + 2 <= d.length && (be16(d, at) === 0x8100 || be16(d, at) === 0x88a8)) at += 4;
      return at + 2 <= d.length ? (at + 2) * 0x10000 + be16(d, at) : -1;
    }
    case LinkType.LINUX_SLL:
      return d.length >= 16 ? 16 * 0x10000 + be16(d, 14) : -1;
    case LinkType.LINUX_SLL2:
      return d.length >= 20 ? 20 * 0x10000 + be16(d, 0) : -1;
    case LinkType.NULL:
    case LinkType.LOOP: {
      if (d.length < 4) return -1;
      const be = be32(d, 0);
      const le = ((d[3]! << 24) | (d[2]! << 16) | (d[1]! << 8) | d[0]!) >>> 0;
      const fam = linkType === LinkType.LOOP || (be & 0xffff) !== 0 || le > 0xffff ? be : le;
      const type = NULL_FAMILY_ETHERTYPE.get(fam);
      return type === undefined ? -1 : 4 * 0x10000 + type;
    }
    default: {
      const v = d.length > 0 ? d[0]! >> 4 : 0;
      const raw = linkType === LinkType.RAW || linkType === LinkType.IPV4 || linkType === LinkType.IPV6;
      return raw && (v === 4 || v === 6) ? (v === 4 ? 0x0800 : 0x86dd) : -1;
    }
  }
}

/**
 * The quick header walk into `out`: true when the frame holds a TCP header reassembly can use.
 * `out.ipVersion` is set whenever an IP header was found, even when the walk stops after it.
 */
export function quickWalk(frame: Frame, out: QuickHeaders): boolean {
  out.ipVersion = 0;
  const d = frame.data;
  const net = networkStart(frame.linkType, d);
  if (net < 0) return false;
  let at = Math.floor(net / 0x10000);
  const type = net % 0x10000;
  let proto: number;
  let end: number;
  if (type === 0x0800 && at + 20 <= d.length) {
    const ihl = (d[at]! & 0x0f) * 4;
    const total = be16(d, at + 2);
    out.ipVersion = 4;
    out.addrOffset = at + 12;
    const fragment = (d[at + 6]! & 0x20) !== 0 || (((d[at + 6]! & 0x1f) << 8) | d[at + 7]!) !== 0;
    if (ihl < 20 || (total !== 0 && total < ihl) || fragment || at + ihl > d.length) return false;
    proto = d[at + 9]!;
    end = total === 0 ? frame.origLength : at + total;
    at += ihl;
  } else if (type === 0x86dd && at + 40 <= d.length) {
    const plen = be16(d, at + 4);
    out.ipVersion = 6;
    out.addrOffset = at + 8;
    end = plen === 0 ? d.length : at + 40 + plen;
    proto = d[at + 6]!;
    at += 40;
    while (skippableExtension(proto)) {
      if (at + 8 > d.length) return false;
      const len = (d[at + 1]! + 1) * 8;
      if (at + len > d.length) return false;
      proto = d[at]!;
      at += len;
    }
  } else return false;
  if (proto !== 6 || at + 20 > d.length) return false;
  const hdr = (d[at + 12]! >> 4) * 4;
  if (hdr < 20 || at + 20 > Math.min(end, d.length)) return false;
  const payloadOffset = at + hdr;
  out.srcPort = be16(d, at);
  out.dstPort = be16(d, at + 2);
  out.seq = be32(d, at + 4);
  out.ack = be32(d, at + 8);
  out.flags = be16(d, at + 12) & 0x0fff;
  out.window = be16(d, at + 14);
  out.payloadOffset = payloadOffset;
  out.payloadLength = Math.max(0, Math.min(end, d.length) - payloadOffset);
  out.segmentLength = Math.max(0, end - payloadOffset);
  return true;
}

/** The source (`which` 0) or destination (1) address of a walked frame in its usual text form. */
export function quickAddress(frame: Frame, h: QuickHeaders, which: 0 | 1): string {
  const d = frame.data;
  if (h.ipVersion === 4) return formatIpv4(d.subarray(h.addrOffset + which * 4, h.addrOffset + (which + 1) * 4));
  return formatIpv6(d.subarray(h.addrOffset + which * 16, h.addrOffset + (which + 1) * 16));
}

/**
 * The quick walk's findings in the form `decodeFrameHeaders` gives them (IP addresses and TCP
 * header values, no fields), so the two can be compared: the walk reassembly takes follows the
 * same rules (a test checks both agree on every fixture frame) and gives up, finding no TCP, where
 * the full decode would report something malformed.
 */
export function quickDecode(frame: Frame): FrameDecode {
  const result: FrameDecode = { fields: [], truncated: frame.data.length < frame.origLength };
  const h = newQuickHeaders();
  const isTcp = quickWalk(frame, h);
  if (h.ipVersion === 0) return result;
  result.ip = { version: h.ipVersion, src: quickAddress(frame, h, 0), dst: quickAddress(frame, h, 1) };
  if (!isTcp) return result;
  result.tcp = {
    srcPort: h.srcPort,
    dstPort: h.dstPort,
    seq: h.seq,
    ack: h.ack,
    flags: h.flags,
    window: h.window,
    payloadOffset: h.payloadOffset,
    payloadLength: h.payloadLength,
    segmentLength: h.segmentLength,
  };
  return result;
}
