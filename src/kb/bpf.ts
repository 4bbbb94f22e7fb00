import type { PayloadTest } from './types.ts';

// The TCP payload starts after the TCP header, whose length is the high nibble of TCP byte 12
// in 32-bit words: ((x & 0xf0) >> 2) turns that nibble into bytes in one step.
const V4_PAYLOAD = '((tcp[12] & 0xf0) >> 2)';
// libpcap 1.10's tcp[] only addresses TCP over IPv4 ("ip6 and tcp[...]" rejects every packet),
// so IPv6 is addressed from the IPv6 header: fixed 40 bytes, TCP header length at ip6[40+12].
const V6_PAYLOAD = '40 + ((ip6[52] & 0xf0) >> 2)';

function test(base: string, at: string, t: PayloadTest): string {
  const pos = t.offset === 0 ? `${base}[${at}]` : `${base}[${at} + ${t.offset}]`;
  const hex = '0x' + t.value.toString(16).padStart(2, '0');
  return t.mask === undefined ? `${pos} = ${hex}` : `${pos} & 0x${t.mask.toString(16)} = ${hex}`;
}

/**
 * A tcpdump capture filter that matches TCP segments whose payload passes every test, over IPv4
 * (any IP options, any TCP header length) and IPv6 (TCP directly after the fixed header).
 */
export function bpfFilter(tests: readonly PayloadTest[]): string {
  const v4 = tests.map((t) => test('tcp', V4_PAYLOAD, t)).join(' and ');
  const v6 = tests.map((t) => test('ip6', V6_PAYLOAD, t)).join(' and ');
  return `(ip and ${v4}) or (ip6 and ip6[6] = 6 and ${v6})`;
}

/** Said next to every capture filter we show: what BPF can and cannot see. */
export const BPF_CAVEAT =
  'A capture filter looks at one TCP segment at a time and only at fixed offsets from the start of its payload. ' +
  'It matches a record only when that record header is the first thing in the segment: a record that starts in the middle ' +
  'of a segment (after another record) or continues from the previous segment is not matched, and a segment that merely ' +
  'continues an earlier record can match by accident if its first bytes happen to look like a header. Wireshark, in contrast, ' +
  'lists a record that spans segments under the frame where it completes, so the two tools can name different frames. The IPv6 half assumes ' +
  'no extension headers between IPv6 and TCP. Add `and port 443` (or your port) to keep other traffic out.';
