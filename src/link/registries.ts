/** Number-to-name tables for the link, IP and TCP headers (IANA registries, trimmed to what captures carry). */

/** IEEE 802 EtherTypes (IANA "ieee-802-numbers"). */
export const ETHERTYPES: ReadonlyMap<number, string> = new Map([
  [0x0800, 'IPv4'],
  [0x0806, 'ARP'],
  [0x8100, '802.1Q Virtual LAN'],
  [0x88a8, '802.1ad Provider Bridging'],
  [0x86dd, 'IPv6'],
  [0x8035, 'RARP'],
  [0x8847, 'MPLS unicast'],
  [0x8848, 'MPLS multicast'],
  [0x8863, 'PPPoE Discovery'],
  [0x8864, 'PPPoE Session'],
  [0x888e, '802.1X Authentication'],
  [0x88cc, 'LLDP'],
  [0x9000, 'Loopback'],
]);

/** IANA "protocol-numbers": the IPv4 Protocol and IPv6 Next Header values. */
export const IP_PROTOCOLS: ReadonlyMap<number, string> = new Map([
  [0, 'IPv6 Hop-by-Hop Option'],
  [1, 'ICMP'],
  [2, 'IGMP'],
  [4, 'IPIP'],
  [6, 'TCP'],
  [17, 'UDP'],
  [41, 'IPv6'],
  [43, 'Routing Header for IPv6'],
  [44, 'Fragment Header for IPv6'],
  [47, 'Generic Routing Encapsulation'],
  [50, 'Encap Security Payload'],
  [51, 'Authentication Header'],
  [58, 'ICMPv6'],
  [59, 'IPv6 No Next Header'],
  [60, 'Destination Options for IPv6'],
  [132, 'SCTP'],
  [136, 'UDPLite'],
]);

/** BSD loopback address families: the values differ by OS, so every known one is listed. */
export const NULL_FAMILIES: ReadonlyMap<number, string> = new Map([
  [2, 'IP'],
  [7, 'OSI'],
  [23, 'IPX'],
  [24, 'IPv6 (NetBSD, OpenBSD, BSD/OS)'],
  [28, 'IPv6 (FreeBSD, DragonFlyBSD)'],
  [30, 'IPv6 (Darwin)'],
]);

/** Which null.family values carry IPv4 or IPv6. */
export const NULL_FAMILY_ETHERTYPE: ReadonlyMap<number, number> = new Map([
  [2, 0x0800],
  [24, 0x86dd],
  [28, 0x86dd],
  [30, 0x86dd],
]);

/** Linux `PACKET_*` packet types (linux/if_packet.h), as SLL and SLL2 carry them. */
export const SLL_PACKET_TYPES: ReadonlyMap<number, string> = new Map([
  [0, 'Unicast to us'],
  [1, 'Broadcast'],
  [2, 'Multicast'],
  [3, 'Unicast to another host'],
  [4, 'Sent by us'],
]);

/** Linux `ARPHRD_*` hardware types (linux/if_arp.h) seen in cooked captures. */
export const ARPHRD_TYPES: ReadonlyMap<number, string> = new Map([
  [1, 'Ethernet'],
  [24, 'IEEE 1394'],
  [512, 'PPP'],
  [772, 'Loopback'],
  [776, 'IPv6-in-IPv4'],
  [778, 'GRE'],
  [823, 'IPv6 GRE'],
  [0xfffe, 'None'],
  [0xffff, 'Void'],
]);

/** Hardware types whose SLL address is a MAC address (shown as sll.src.eth). */
export const ARPHRD_ETHERNET_LIKE: ReadonlySet<number> = new Set([1, 772]);

/** Differentiated Services codepoints (RFC 2474, 4594, 8622). */
export const DSCP_NAMES: ReadonlyMap<number, string> = new Map([
  [0, 'Default'],
  [1, 'Lower Effort'],
  [8, 'Class Selector 1'],
  [10, 'Assured Forwarding 11'],
  [12, 'Assured Forwarding 12'],
  [14, 'Assured Forwarding 13'],
  [16, 'Class Selector 2'],
  [18, 'Assured Forwarding 21'],
  [20, 'Assured Forwarding 22'],
  [22, 'Assured Forwarding 23'],
  [24, 'Class Selector 3'],
  [26, 'Assured Forwarding 31'],
  [28, 'Assured Forwarding 32'],
  [30, 'Assured Forwarding 33'],
  [32, 'Class Selector 4'],
  [34, 'Assured Forwarding 41'],
  [36, 'Assured Forwarding 42'],
  [38, 'Assured Forwarding 43'],
  [40, 'Class Selector 5'],
  [44, 'Voice Admit'],
  [46, 'Expedited Forwarding'],
  [48, 'Class Selector 6'],
  [56, 'Class Selector 7'],
]);

/** ECN codepoints (RFC 3168 §5). */
export const ECN_NAMES: ReadonlyMap<number, string> = new Map([
  [0, 'Not ECN-Capable Transport'],
  [1, 'ECN-Capable Transport codepoint ECT(1)'],
  [2, 'ECN-Capable Transport codepoint ECT(0)'],
  [3, 'Congestion Experienced'],
]);
