// Link, IP and TCP header fields (IEEE 802.3, RFC 791, RFC 8200, RFC 9293).
import { entry, type KbEntry } from '../types.ts';

const n = (key: string, title: string, rfc: string, what: string, read: string, pitfalls = ''): KbEntry =>
  entry(key, title, rfc, key, what, read, pitfalls);
const IP4 = 'RFC 791 §3.1';
const IP6 = 'RFC 8200 §3';
const TCP = 'RFC 9293 §3.1';

export const netEntries: KbEntry[] = [
  n('eth.dst', 'Destination MAC', 'IEEE 802.3', 'The next hop\'s hardware address.', 'All zeros on loopback captures.'),
  n('eth.src', 'Source MAC', 'IEEE 802.3', 'The sender\'s hardware address.', 'All zeros on loopback captures.'),
  n('eth.type', 'EtherType', 'IEEE 802.3', 'What the frame carries.', '0x0800 IPv4, 0x86dd IPv6, 0x8100 a VLAN tag.'),
  n('ip.version', 'IP version', IP4, 'High nibble of the first IP byte.', '4 here; the low nibble of the same byte is the header length.'),
  n('ip.hdr_len', 'IP header length', IP4, 'Low nibble of the first byte, in 4-byte words.', '5 means 20 bytes, no options: the 0x45 you see in every dump.', 'Filters that assume 20 bytes break on packets with IP options; tcp[] in BPF handles it for you.'),
  n('ip.dsfield', 'DS field / ECN', 'RFC 2474; RFC 3168', 'Priority marking and congestion bits.', 'Usually 0.'),
  n('ip.len', 'Total length', IP4, 'IP header plus payload, in bytes.', 'Subtract IP and TCP header lengths to get the TCP payload size.', 'Smaller than the frame means Ethernet padding; larger means a truncated capture (snaplen).'),
  n('ip.id', 'Identification', IP4, 'Tags fragments of one datagram.', 'Often a counter; meaningless when DF is set.'),
  n('ip.flags', 'Flags', IP4, 'Don\'t Fragment and More Fragments bits.', '0x4000 with the offset is DF set, the normal case for TCP.'),
  n('ip.frag_offset', 'Fragment offset', IP4, 'Where a fragment belongs.', '0 for unfragmented packets.'),
  n('ip.ttl', 'Time to live', IP4, 'Hops left before routers drop it.', 'Start values 64, 128 and 255 hint at the sender\'s OS.'),
  n('ip.proto', 'Protocol', IP4, 'What the IP payload is.', '6 is TCP.'),
  n('ip.checksum', 'Header checksum', IP4, 'Checksum of the IP header only.', 'Often 0 or "wrong" in captures taken on the sending host: the network card fills it in later.'),
  n('ip.src', 'Source address', IP4, 'Sender IPv4 address.', 'Four bytes, one per dotted number.'),
  n('ip.dst', 'Destination address', IP4, 'Receiver IPv4 address.', 'Four bytes, one per dotted number.'),
  n('ipv6.version', 'IP version', IP6, 'High nibble of the first byte.', '6 here.'),
  n('ipv6.tclass', 'Traffic class', IP6, 'Priority and ECN, like IPv4\'s DS field.', 'Usually 0.'),
  n('ipv6.flow', 'Flow label', IP6, '20 bits that let routers keep a flow together.', 'Often random per connection.'),
  n('ipv6.plen', 'Payload length', IP6, 'Bytes after the fixed 40-byte header.', 'Includes extension headers and TCP.'),
  n('ipv6.nxt', 'Next header', IP6, 'What follows the IPv6 header.', '6 is TCP; other values may be extension headers, which shift TCP (and break simple capture filters).'),
  n('ipv6.hlim', 'Hop limit', IP6, 'IPv6\'s TTL.', '64 is common.'),
  n('ipv6.src', 'Source address', IP6, 'Sender IPv6 address.', '16 bytes; ::1 is loopback.'),
  n('ipv6.dst', 'Destination address', IP6, 'Receiver IPv6 address.', '16 bytes.'),
  n('tcp.srcport', 'Source port', TCP, 'The sender\'s port.', 'The client usually uses a high ephemeral port.'),
  n('tcp.dstport', 'Destination port', TCP, 'The receiver\'s port.', '443 for HTTPS; these fixtures use 10000-10999.'),
  n('tcp.seq_raw', 'Sequence number', TCP, 'Position of the first payload byte in the sender\'s byte stream.', 'Wireshark shows it relative to the SYN; the raw value is random.', 'Jumps forward mean lost segments; repeats mean retransmissions.'),
  n('tcp.ack_raw', 'Acknowledgment number', TCP, 'The next byte the sender expects from the other side.', 'Valid when the ACK flag is set.'),
  n('tcp.hdr_len', 'TCP header length', TCP, 'High nibble of byte 12, in 4-byte words.', '0x80 means 32 bytes (20 plus 12 of options, e.g. timestamps); 0xa0 means 40.', 'This is why a capture filter must compute the payload offset instead of assuming 20.'),
  n('tcp.flags', 'Flags', TCP, 'SYN, ACK, PSH, FIN, RST and friends.', '0x018 is PSH+ACK: data. 0x004 RST aborts the connection at once.', 'A RST with no close_notify before it means the TLS session was cut off.'),
  n('tcp.window_size_value', 'Window', TCP, 'How many more bytes the sender can accept, before scaling.', 'Multiply by the scale factor negotiated in the SYNs.'),
  n('tcp.checksum', 'Checksum', TCP, 'Checksum over a pseudo-header, TCP header and payload.', 'Often unverifiable in captures made on the sending host (offloading).'),
  n('tcp.urgent_pointer', 'Urgent pointer', TCP, 'Obsolete out-of-band marker.', 'Zero.'),
  n('tcp.options', 'Options', 'RFC 9293 §3.2; RFC 7323', 'MSS, window scale, SACK, timestamps.', 'Timestamps (kind 8, 10 bytes) plus two NOPs make the common 12 bytes of options.'),
];
