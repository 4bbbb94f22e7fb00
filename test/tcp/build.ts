/** Test helper: handcrafted Ethernet/IPv4/TCP frames for reassembly and hostile-input tests. */
import { LinkType, type Frame } from '../../src/capture/frame.ts';

/** What a handcrafted TCP segment carries. */
export interface SegmentSpec {
  src?: string;
  dst?: string;
  sport: number;
  dport: number;
  seq: number;
  ack?: number;
  /** FIN 0x01, SYN 0x02, RST 0x04, PSH 0x08, ACK 0x10. */
  flags: number;
  payload?: Uint8Array | string;
  /** TCP options bytes (padded to 4 by the caller). */
  options?: number[];
}

/** Bytes of a dotted quad. */
function ipBytes(a: string): number[] {
  return a.split('.').map(Number);
}

/** An Ethernet II + IPv4 + TCP frame. */
export function tcpFrame(number: number, s: SegmentSpec): Frame {
  const payload = typeof s.payload === 'string' ? Buffer.from(s.payload) : (s.payload ?? new Uint8Array());
  const opts = s.options ?? [];
  const tcpLen = 20 + opts.length;
  const ipLen = 20 + tcpLen + payload.length;
  const b = Buffer.alloc(14 + ipLen);
  b.set([0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 0x08, 0x00], 0);
  b.set([0x45, 0, ipLen >> 8, ipLen & 0xff, 0, 1, 0x40, 0, 64, 6, 0, 0, ...ipBytes(s.src ?? '10.0.0.1'), ...ipBytes(s.dst ?? '10.0.0.2')], 14);
  const t = 34;
  b.writeUInt16BE(s.sport, t);
  b.writeUInt16BE(s.dport, t + 2);
  b.writeUInt32BE(s.seq >>> 0, t + 4);
  b.writeUInt32BE((s.ack ?? 0) >>> 0, t + 8);
  b[t + 12] = (tcpLen / 4) << 4;
  b[t + 13] = s.flags;
  b.writeUInt16BE(65535, t + 14);
  b.set(opts, t + 20);
  b.set(payload, t + tcpLen);
  return { number, timeNs: BigInt(number), linkType: LinkType.ETHERNET, data: new Uint8Array(b), origLength: b.length, interfaceId: 0 };
}
