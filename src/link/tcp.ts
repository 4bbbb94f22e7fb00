import type { Cursor } from '../model/cursor.ts';
import { bitField, childCursor, flag, lastField, maskedField, peekUint } from './bits.ts';
import type { LayerContext, NextLayer } from './layer.ts';
import { readTcpOptions } from './tcp-options.ts';

/** The fixed part of the TCP header: 20 bytes, data offset 5 (RFC 9293 §3.1). */
const MIN_HEADER = 20;

/** Control bits of the first header byte (below the data offset) and the second, as Wireshark names them. */
const FLAG_BITS_HIGH = [
  bitField({ name: 'Reserved', filter: 'tcp.flags.res', mask: 0x0e }),
  bitField({ name: 'Accurate ECN', filter: 'tcp.flags.ae', mask: 0x01, bool: true }),
] as const;
const FLAG_BITS_LOW = [
  bitField({ name: 'Congestion Window Reduced', filter: 'tcp.flags.cwr', mask: 0x80, bool: true }),
  bitField({ name: 'ECN-Echo', filter: 'tcp.flags.ece', mask: 0x40, bool: true }),
  bitField({ name: 'Urgent', filter: 'tcp.flags.urg', mask: 0x20, bool: true }),
  bitField({ name: 'Acknowledgment', filter: 'tcp.flags.ack', mask: 0x10, bool: true }),
  bitField({ name: 'Push', filter: 'tcp.flags.push', mask: 0x08, bool: true }),
  bitField({ name: 'Reset', filter: 'tcp.flags.reset', mask: 0x04, bool: true }),
  bitField({ name: 'Syn', filter: 'tcp.flags.syn', mask: 0x02, bool: true }),
  bitField({ name: 'Fin', filter: 'tcp.flags.fin', mask: 0x01, bool: true }),
] as const;
const HEADER_LENGTH = bitField({ name: 'Header Length', filter: 'tcp.hdr_len', mask: 0xf0, scale: 4, format: (v) => `${v * 4} bytes (${v})` });
const FLAGS = bitField({ name: 'Flags', filter: 'tcp.flags', mask: 0x0fff, format: (v) => `0x${v.toString(16).padStart(3, '0')} (${tcpFlagNames(v)})` });

/** `SYN, ACK`-style summary of the flag bits, lowest bit first as Wireshark writes it (`0x018 (PSH, ACK)`). */
export function tcpFlagNames(flags: number): string {
  const names = ['FIN', 'SYN', 'RST', 'PSH', 'ACK', 'URG', 'ECE', 'CWR', 'AE'];
  const set = names.filter((_, i) => flags & (1 << i));
  return set.length ? set.join(', ') : '<None>';
}

/** Data offset and the 12 control bits: one 16-bit word whose subfields Wireshark shows over 1 or 2 bytes. */
function readOffsetAndFlags(s: Cursor): { dataOffset: number; flags: number } {
  s.need(2, 'Data Offset and Flags');
  const hdrLen = maskedField(s, 1, HEADER_LENGTH);
  if (hdrLen < MIN_HEADER) flag(lastField(s), `data offset ${hdrLen / 4} (${hdrLen} bytes) is less than the minimum 5 (20 bytes)`);
  const flags = peekUint(s, 2) & 0x0fff;
  maskedField(s, 2, FLAGS);
  const parent = lastField(s);
  const high = childCursor(s, parent, 0, 1);
  for (const b of FLAG_BITS_HIGH) maskedField(high, 1, b);
  const low = childCursor(s, parent, 1, 1);
  for (const b of FLAG_BITS_LOW) maskedField(low, 1, b);
  s.skip(2);
  return { dataOffset: hdrLen, flags };
}

/** TCP header (RFC 9293 §3.1) with its options; records the segment's payload location for reassembly. */
export function readTcpHeader(r: Cursor, ctx: LayerContext): NextLayer | undefined {
  const start = r.pos;
  const offsetByte = r.peek8(12);
  const declared = offsetByte === undefined ? MIN_HEADER : (offsetByte >> 4) * 4;
  const hdrLen = Math.max(declared, MIN_HEADER);
  const head = r.struct('Transmission Control Protocol', 'tcp', hdrLen, (s) => {
    const srcPort = s.u16('Source Port', 'tcp.srcport');
    const dstPort = s.u16('Destination Port', 'tcp.dstport');
    const seq = s.u32('Sequence Number (raw)', 'tcp.seq_raw');
    const ack = s.u32('Acknowledgment number (raw)', 'tcp.ack_raw');
    const { dataOffset, flags } = readOffsetAndFlags(s);
    const window = s.u16('Window', 'tcp.window_size_value');
    s.u16('Checksum', 'tcp.checksum', undefined, { display: `0x${(s.peek16() ?? 0).toString(16).padStart(4, '0')}` });
    s.u16('Urgent Pointer', 'tcp.urgent_pointer');
    if (s.remaining > 0) s.struct(`Options: (${s.remaining} bytes)`, 'tcp.options', s.remaining, readTcpOptions);
    return { srcPort, dstPort, seq, ack, flags, window, dataOffset };
  });
  if (!head) return undefined;
  r.out[r.out.length - 1]!.display = `Transmission Control Protocol, Src Port: ${head.srcPort}, Dst Port: ${head.dstPort}`;
  if (head.dataOffset < MIN_HEADER) {
    // Where the payload starts is unknown: say so over the bytes rather than guess.
    if (r.remaining > 0) r.malformed('segment data not decoded: the TCP data offset is less than 5');
    return undefined;
  }
  const payloadOffset = start + head.dataOffset;
  const payloadLength = Math.max(0, r.end - payloadOffset);
  const segmentLength = Math.max(0, ctx.declaredEnd - payloadOffset);
  const { srcPort, dstPort, seq, ack, flags, window } = head;
  ctx.result.tcp = { srcPort, dstPort, seq, ack, flags, window, payloadOffset, payloadLength, segmentLength };
  if (payloadLength > 0) r.bytes(`TCP payload (${payloadLength} bytes)`, 'tcp.payload', payloadLength);
  return undefined;
}
