import type { Cursor } from '../model/cursor.ts';
import type { LayerContext, NextLayer } from './layer.ts';

/** UDP header (RFC 768): ports, length, checksum; the payload is left undecoded. */
export function readUdpHeader(r: Cursor, ctx: LayerContext): NextLayer | undefined {
  const ports = r.struct('User Datagram Protocol', 'udp', 8, (s) => {
    const srcPort = s.u16('Source Port', 'udp.srcport');
    const dstPort = s.u16('Destination Port', 'udp.dstport');
    s.u16('Length', 'udp.length');
    s.u16('Checksum', 'udp.checksum', undefined, { display: `0x${(s.peek16() ?? 0).toString(16).padStart(4, '0')}` });
    return { srcPort, dstPort };
  });
  if (!ports) return undefined;
  ctx.result.udp = ports;
  if (r.remaining > 0) r.bytes(`UDP payload (${r.remaining} bytes)`, 'udp.payload', r.remaining);
  return undefined;
}
