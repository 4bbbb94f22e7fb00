// Which link header a pasted packet starts with. tcpdump -x/-X dumps start at the IP header,
// -xx/-XX at the link header (Ethernet, or Linux cooked for `-i any`): the text does not say which,
// so we look for an IP header whose length field agrees with the bytes.
import { LinkType } from './frame.ts';

/** The chosen link type, where its IP header starts, and a note when the guess is weak. */
export interface DetectedLink {
  linkType: number;
  ipOffset: number;
  problem?: string;
}

const ETHERTYPE_IPV4 = 0x0800;
const ETHERTYPE_IPV6 = 0x86dd;

function u16(b: Uint8Array, at: number): number {
  return ((b[at] ?? 0) << 8) | (b[at + 1] ?? 0);
}

/** The IP packet length announced by an IPv4/IPv6 header at `at`, if there is a plausible one. */
function ipLengthAt(b: Uint8Array, at: number): number | undefined {
  if (b.length < at + 4) return undefined;
  const version = b[at]! >> 4;
  if (version === 4) {
    const ihl = (b[at]! & 0x0f) * 4;
    const total = u16(b, at + 2);
    return ihl >= 20 && total >= ihl ? total : undefined;
  }
  if (version === 6 && b.length >= at + 6) return 40 + u16(b, at + 4);
  return undefined;
}

/** The IP length of a frame of `linkType` (as detectLinkType chose it). */
export function ipLengthOf(b: Uint8Array, linkType: number): number | undefined {
  const at = CANDIDATES.find((c) => c.linkType === linkType)?.ipOffset;
  return at === undefined ? undefined : ipLengthAt(b, at);
}

interface Candidate {
  linkType: number;
  ipOffset: number;
  /** The link header's protocol field says IP. */
  saysIp: (b: Uint8Array) => boolean;
}

const isIpEthertype = (t: number): boolean => t === ETHERTYPE_IPV4 || t === ETHERTYPE_IPV6;

const CANDIDATES: readonly Candidate[] = [
  { linkType: LinkType.RAW, ipOffset: 0, saysIp: () => true },
  { linkType: LinkType.ETHERNET, ipOffset: 14, saysIp: (b) => isIpEthertype(u16(b, 12)) },
  { linkType: LinkType.LINUX_SLL, ipOffset: 16, saysIp: (b) => isIpEthertype(u16(b, 14)) },
  { linkType: LinkType.LINUX_SLL2, ipOffset: 20, saysIp: (b) => isIpEthertype(u16(b, 0)) },
];

/**
 * Scores each way to read the bytes: 2 when an IP header sits where the link header puts it and
 * its length fills the rest exactly, 1 when it is shorter (Ethernet padding) or longer (cut by
 * snaplen), 0 otherwise. The best wins; ties keep the order raw IP, Ethernet, SLL, SLL2.
 */
export function detectLinkType(b: Uint8Array): DetectedLink {
  let best: { c: Candidate; score: number } | undefined;
  for (const c of CANDIDATES) {
    if (!c.saysIp(b)) continue;
    const length = ipLengthAt(b, c.ipOffset);
    if (length === undefined) continue;
    const score = length === b.length - c.ipOffset ? 2 : 1;
    if (!best || score > best.score) best = { c, score };
  }
  if (best) return { linkType: best.c.linkType, ipOffset: best.c.ipOffset };
  return { linkType: LinkType.RAW, ipOffset: 0, problem: 'no IP header found at the start of the packet or after an Ethernet or Linux cooked header; read as raw IP' };
}
