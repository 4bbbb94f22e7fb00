import { LinkType, type Frame } from '../capture/frame.ts';
import { FrameByteMap } from '../model/bytemap.ts';
import { Cursor, guarded } from '../model/cursor.ts';
import { walkFields, type Field } from '../model/field.ts';
import { readEthernetHeader, readVlanTag } from './ethernet.ts';
import { readIpv4Header } from './ipv4.ts';
import { readIpv6Header } from './ipv6.ts';
import type { FrameDecode, LayerContext, LayerReader, NextLayer } from './layer.ts';
import { readLoopHeader, readNullHeader } from './null.ts';
import { readSll2Header, readSllHeader } from './sll.ts';
import { readTcpHeader } from './tcp.ts';
import { readUdpHeader } from './udp.ts';

export type { FrameDecode, TcpInfo } from './layer.ts';

/** Raw IP: the version nibble says which header follows (tcpdump.org LINKTYPE_RAW). */
const readRawIp: LayerReader = (r) => {
  const v = (r.peek8() ?? 0) >> 4;
  return v === 4 || v === 6 ? { table: 'ethertype', type: v === 4 ? 0x0800 : 0x86dd } : undefined;
};

/** The first header of each link type. */
const LINK_READERS: ReadonlyMap<number, LayerReader> = new Map<number, LayerReader>([
  [LinkType.ETHERNET, readEthernetHeader],
  [LinkType.LINUX_SLL, readSllHeader],
  [LinkType.LINUX_SLL2, readSll2Header],
  [LinkType.NULL, readNullHeader],
  [LinkType.LOOP, readLoopHeader],
  [LinkType.RAW, readRawIp],
  [LinkType.IPV4, () => ({ table: 'ethertype', type: 0x0800 })],
  [LinkType.IPV6, () => ({ table: 'ethertype', type: 0x86dd })],
]);

/** Headers that follow an EtherType (also reached from SLL, null/loopback and raw IP). */
const ETHERTYPE_READERS: ReadonlyMap<number, LayerReader> = new Map<number, LayerReader>([
  [0x0800, readIpv4Header],
  [0x86dd, readIpv6Header],
  [0x8100, readVlanTag],
  [0x88a8, readVlanTag],
]);

/** Headers that follow an IP protocol number / IPv6 next header. */
const IP_READERS: ReadonlyMap<number, LayerReader> = new Map<number, LayerReader>([
  [6, readTcpHeader],
  [17, readUdpHeader],
]);

const TABLES = { ethertype: ETHERTYPE_READERS, ip: IP_READERS } as const;

/** Decodes and annotates the link, IP and TCP (or UDP) headers of one frame; never throws on bad bytes. */
export function decodeFrameHeaders(frame: Frame): FrameDecode {
  const result: FrameDecode = { fields: [], truncated: frame.data.length < frame.origLength };
  const data = frame.data;
  const map = new FrameByteMap(frame.number);
  const ctx: LayerContext = { frame, result, declaredEnd: frame.origLength };
  let reader = LINK_READERS.get(frame.linkType);
  let pos = 0;
  let end = data.length;
  let layerStart = 0;
  while (reader) {
    const r = new Cursor(data, map, result.fields, pos, end);
    layerStart = pos;
    const next: NextLayer | undefined = guarded(() => reader!(r, ctx));
    pos = r.pos;
    if (!next) break;
    if (next.end !== undefined) {
      ctx.declaredEnd = next.end;
      end = Math.min(end, next.end);
    }
    reader = TABLES[next.table].get(next.type);
  }
  addTrailer(result, map, data, pos, end, ctx);
  if (result.truncated) {
    const spans = map.locate(layerStart, data.length - layerStart);
    result.fields.push({
      name: 'Frame truncated',
      filter: '_ws.short',
      spans,
      malformed: `frame cut by the capture's snaplen: ${data.length} of ${frame.origLength} bytes captured`,
    });
  }
  if (frame.rebuiltHeader) markRebuilt(result.fields, frame.rebuiltHeader);
  return result;
}

/** Says on every field inside the rebuilt header bytes that its value was not in the input. */
function markRebuilt(fields: Field[], rebuilt: { length: number; note: string }): void {
  const inside = (f: Field): boolean => f.spans.length > 0 && f.spans.every((s) => s.offset + s.length <= rebuilt.length);
  for (const top of fields) {
    if (!inside(top)) continue;
    top.display = `${top.display ?? top.name} (${rebuilt.note})`;
    for (const f of walkFields(top.children ?? [])) if (inside(f)) f.display = `${f.display ?? String(f.value ?? '')} [rebuilt]`;
  }
}

/** Bytes after the outermost payload (Ethernet pads short frames to 60 bytes) become one named leaf. */
function addTrailer(result: FrameDecode, map: FrameByteMap, data: Uint8Array, pos: number, end: number, ctx: LayerContext): void {
  if (end >= data.length || pos > end) return;
  const r = new Cursor(data, map, result.fields, end, data.length);
  const filter = ctx.trailerFilter;
  r.bytes(filter === 'eth.padding' ? 'Padding' : 'Trailer', filter, r.remaining, filter ? undefined : { kb: 'link.trailer' });
}
