// A deliberately small stand-in for the real pipeline, used only by render tests while
// `src/decode.ts` has not landed (and to craft hostile inputs): classic pcap with Ethernet,
// IPv4/IPv6, TCP in-order reassembly, TLS records, handshake headers, hello fields and
// extensions, alerts. It produces the same Field shapes (Wireshark filter names) as the decoder.
import type { DecodedCapture, DecodedConnection, DecodedFrame, MessageRef } from '../../../src/model/decoded.ts';
import type { Field } from '../../../src/model/field.ts';
import { SegmentByteMap, type StreamSegment } from '../../../src/model/bytemap.ts';
import type { Span } from '../../../src/model/span.ts';
import { toHex } from '../../../src/model/hex.ts';

interface Seg {
  frame: number;
  payloadOffset: number;
  length: number;
  timeNs: bigint;
}

const HS: Record<number, string> = {
  0: 'HelloRequest', 1: 'ClientHello', 2: 'ServerHello', 4: 'NewSessionTicket', 8: 'EncryptedExtensions',
  11: 'Certificate', 12: 'ServerKeyExchange', 13: 'CertificateRequest', 14: 'ServerHelloDone',
  15: 'CertificateVerify', 16: 'ClientKeyExchange', 20: 'Finished',
};
const CT: Record<number, string> = { 20: 'ChangeCipherSpec', 21: 'Alert', 22: 'Handshake', 23: 'ApplicationData' };

function f(name: string, filter: string | undefined, spans: Span[], value?: string | number, display?: string, children?: Field[]): Field {
  const out: Field = { name, spans };
  if (filter) out.filter = filter;
  if (value !== undefined) out.value = value;
  if (display !== undefined) out.display = display;
  if (children) out.children = children;
  return out;
}

/** Reads a classic little-endian pcap with Ethernet frames. */
export function readPcap(file: Uint8Array): DecodedFrame[] {
  const dv = new DataView(file.buffer, file.byteOffset, file.byteLength);
  const frames: DecodedFrame[] = [];
  let at = 24;
  while (at + 16 <= file.length) {
    const sec = dv.getUint32(at, true);
    const usec = dv.getUint32(at + 4, true);
    const caplen = dv.getUint32(at + 8, true);
    const orig = dv.getUint32(at + 12, true);
    const data = file.slice(at + 16, at + 16 + caplen);
    frames.push({ number: frames.length + 1, timeNs: BigInt(sec) * 1_000_000_000n + BigInt(usec) * 1000n, origLength: orig, data, fields: [] });
    at += 16 + caplen;
  }
  return frames;
}

interface Tcp { src: string; dst: string; sport: number; dport: number; flags: number; payloadOffset: number }

function ipText(b: Uint8Array, off: number, v6: boolean): string {
  if (!v6) return `${b[off]}.${b[off + 1]}.${b[off + 2]}.${b[off + 3]}`;
  const parts: string[] = [];
  for (let i = 0; i < 16; i += 2) parts.push(((b[off + i]! << 8) | b[off + i + 1]!).toString(16));
  return parts.join(':').replace(/(^|:)0(:0)+(:|$)/, '::');
}

/** Annotates Ethernet/IP/TCP headers of one frame (filters as Wireshark names them). */
function linkFields(fr: DecodedFrame): Tcp | undefined {
  const d = fr.data;
  const n = fr.number;
  const sp = (offset: number, length: number): Span[] => [{ frame: n, offset, length }];
  const u16 = (o: number): number => (d[o]! << 8) | d[o + 1]!;
  const etherType = u16(12);
  fr.fields.push(f('Ethernet II', 'eth', sp(0, 14), undefined, undefined, [
    f('Destination', 'eth.dst', sp(0, 6), toHex(d, 0, 6)),
    f('Source', 'eth.src', sp(6, 6), toHex(d, 6, 12)),
    f('Type', 'eth.type', sp(12, 2), etherType, '0x' + etherType.toString(16).padStart(4, '0')),
  ]));
  let tcpAt: number;
  let src: string;
  let dst: string;
  if (etherType === 0x0800) {
    const ihl = (d[14]! & 15) * 4;
    src = ipText(d, 26, false);
    dst = ipText(d, 30, false);
    fr.fields.push(f('Internet Protocol Version 4', 'ip', sp(14, ihl), undefined, `${src} → ${dst}`, [
      f('Version', 'ip.version', sp(14, 1), 4, '4'),
      f('Header Length', 'ip.hdr_len', sp(14, 1), ihl, `${ihl} bytes`),
      f('Total Length', 'ip.len', sp(16, 2), u16(16)),
      f('Time to Live', 'ip.ttl', sp(22, 1), d[22]!),
      f('Protocol', 'ip.proto', sp(23, 1), d[23]!, d[23] === 6 ? 'TCP (6)' : String(d[23])),
      f('Source Address', 'ip.src', sp(26, 4), src),
      f('Destination Address', 'ip.dst', sp(30, 4), dst),
    ]));
    if (d[23] !== 6) return undefined;
    tcpAt = 14 + ihl;
  } else if (etherType === 0x86dd) {
    src = `[${ipText(d, 22, true)}]`;
    dst = `[${ipText(d, 38, true)}]`;
    fr.fields.push(f('Internet Protocol Version 6', 'ipv6', sp(14, 40), undefined, undefined, [
      f('Version', 'ipv6.version', sp(14, 1), 6),
      f('Payload Length', 'ipv6.plen', sp(18, 2), u16(18)),
      f('Next Header', 'ipv6.nxt', sp(20, 1), d[20]!),
      f('Hop Limit', 'ipv6.hlim', sp(21, 1), d[21]!),
      f('Source Address', 'ipv6.src', sp(22, 16), src),
      f('Destination Address', 'ipv6.dst', sp(38, 16), dst),
    ]));
    if (d[20] !== 6) return undefined;
    tcpAt = 54;
  } else return undefined;
  const thl = (d[tcpAt + 12]! >> 4) * 4;
  const t = tcpAt;
  fr.fields.push(f('Transmission Control Protocol', 'tcp', sp(t, thl), undefined, undefined, [
    f('Source Port', 'tcp.srcport', sp(t, 2), u16(t)),
    f('Destination Port', 'tcp.dstport', sp(t + 2, 2), u16(t + 2)),
    f('Sequence Number (raw)', 'tcp.seq_raw', sp(t + 4, 4), toHex(d, t + 4, t + 8)),
    f('Acknowledgment Number (raw)', 'tcp.ack_raw', sp(t + 8, 4), toHex(d, t + 8, t + 12)),
    f('Header Length', 'tcp.hdr_len', sp(t + 12, 1), thl, `${thl} bytes`),
    f('Flags', 'tcp.flags', sp(t + 13, 1), d[t + 13]!, '0x' + d[t + 13]!.toString(16).padStart(3, '0')),
    f('Window', 'tcp.window_size_value', sp(t + 14, 2), u16(t + 14)),
    f('Checksum', 'tcp.checksum', sp(t + 16, 2), '0x' + toHex(d, t + 16, t + 18)),
    f('Urgent Pointer', 'tcp.urgent_pointer', sp(t + 18, 2), u16(t + 18)),
    ...(thl > 20 ? [f('Options', 'tcp.options', sp(t + 20, thl - 20), toHex(d, t + 20, t + thl))] : []),
  ]));
  return { src, dst, sport: u16(t), dport: u16(t + 2), flags: d[t + 13]!, payloadOffset: t + thl };
}

/** A cursor over reassembled stream bytes that yields fields with frame spans. */
class Reader {
  at = 0;
  constructor(readonly bytes: Uint8Array, readonly map: SegmentByteMap, readonly base: number) {}
  spans(off: number, len: number): Span[] { return this.map.locate(this.base + off, len); }
  u(n: number): number { let v = 0; for (let i = 0; i < n; i++) v = v * 256 + this.bytes[this.base + this.at + i]!; return v; }
  num(name: string, filter: string, n: number, display?: (v: number) => string): Field {
    const v = this.u(n);
    const out = f(name, filter, this.spans(this.at, n), v, display ? display(v) : undefined);
    this.at += n;
    return out;
  }
  raw(name: string, filter: string | undefined, n: number, display?: string): Field {
    const v = toHex(this.bytes, this.base + this.at, this.base + this.at + n);
    const out = f(name, filter, this.spans(this.at, n), v, display);
    this.at += n;
    return out;
  }
}

function readHello(r: Reader, end: number, client: boolean, sni: { value?: string }): Field[] {
  const out: Field[] = [];
  out.push(r.num('Version', 'tls.handshake.version', 2, (v) => '0x' + v.toString(16).padStart(4, '0')));
  out.push(r.raw('Random', 'tls.handshake.random', 32));
  const sidLen = r.u(1);
  out.push(r.num('Session ID Length', 'tls.handshake.session_id_length', 1));
  if (sidLen) out.push(r.raw('Session ID', 'tls.handshake.session_id', sidLen));
  if (client) {
    const csLen = r.u(2);
    out.push(r.num('Cipher Suites Length', 'tls.handshake.cipher_suites_length', 2));
    const start = r.at;
    const suites: Field[] = [];
    for (let i = 0; i < csLen / 2; i++) suites.push(r.num('Cipher Suite', 'tls.handshake.ciphersuite', 2, (v) => '0x' + v.toString(16).padStart(4, '0')));
    out.push(f(`Cipher Suites (${csLen / 2} suites)`, 'tls.handshake.ciphersuites', r.spans(start, csLen), undefined, undefined, suites));
    const cmLen = r.u(1);
    out.push(r.num('Compression Methods Length', 'tls.handshake.comp_methods_length', 1));
    const cms = r.at;
    const methods: Field[] = [];
    for (let i = 0; i < cmLen; i++) methods.push(r.num('Compression Method', 'tls.handshake.comp_method', 1));
    out.push(f('Compression Methods', 'tls.handshake.comp_methods', r.spans(cms, cmLen), undefined, undefined, methods));
  } else {
    out.push(r.num('Cipher Suite', 'tls.handshake.ciphersuite', 2, (v) => '0x' + v.toString(16).padStart(4, '0')));
    out.push(r.num('Compression Method', 'tls.handshake.comp_method', 1));
  }
  if (r.at >= end) return out;
  out.push(r.num('Extensions Length', 'tls.handshake.extensions_length', 2));
  while (r.at + 4 <= end) {
    const start = r.at;
    const type = r.u(2);
    const kids = [r.num('Type', 'tls.handshake.extension.type', 2), r.num('Length', 'tls.handshake.extension.len', 2)];
    const len = kids[1]!.value as number;
    if (type === 0 && client && len > 5) {
      kids.push(r.num('Server Name list length', 'tls.handshake.extensions_server_name_list_len', 2));
      kids.push(r.num('Server Name Type', 'tls.handshake.extensions_server_name_type', 1));
      const nl = r.u(2);
      kids.push(r.num('Server Name length', 'tls.handshake.extensions_server_name_len', 2));
      const name = new TextDecoder().decode(r.bytes.subarray(r.base + r.at, r.base + r.at + nl));
      sni.value = name;
      const nf = f('Server Name', 'tls.handshake.extensions_server_name', r.spans(r.at, nl), name);
      r.at += nl;
      kids.push(nf);
    } else if (len > 0) kids.push(r.raw('Data', undefined, len));
    out.push(f(`Extension: type ${type} (len=${len})`, 'tls.handshake.extension', r.spans(start, 4 + len), undefined, undefined, kids));
  }
  return out;
}

/** Decodes frames into the annotation model (a small subset; see the header comment). */
export function miniDecode(file: Uint8Array): DecodedCapture {
  const frames = readPcap(file);
  const conns = new Map<string, { client: string; server: string; first: number; c2s: Seg[]; s2c: Seg[] }>();
  for (const fr of frames) {
    const t = linkFields(fr);
    if (!t) continue;
    const a = `${t.src}:${t.sport}`;
    const b = `${t.dst}:${t.dport}`;
    const key = [a, b].sort().join('|');
    let c = conns.get(key);
    if (!c) { c = { client: a, server: b, first: fr.number, c2s: [], s2c: [] }; conns.set(key, c); }
    const len = fr.data.length - t.payloadOffset;
    if (len > 0) (a === c.client ? c.c2s : c.s2c).push({ frame: fr.number, payloadOffset: t.payloadOffset, length: len, timeNs: fr.timeNs });
  }
  const connections: DecodedConnection[] = [];
  for (const c of conns.values()) {
    const id = connections.length + 1;
    const conn: DecodedConnection = { id, client: c.client, server: c.server, firstFrame: c.first, messages: [], fields: [], buffers: {} };
    const sni: { value?: string } = {};
    const timed: { t: bigint; field: Field; refs: MessageRef[] }[] = [];
    for (const dir of ['c2s', 's2c'] as const) {
      const segs = c[dir];
      const parts: Uint8Array[] = [];
      const mapSegs: StreamSegment[] = [];
      let total = 0;
      for (const s of segs) {
        parts.push(frames[s.frame - 1]!.data.subarray(s.payloadOffset, s.payloadOffset + s.length));
        mapSegs.push({ start: total, length: s.length, frame: s.frame, frameOffset: s.payloadOffset });
        total += s.length;
      }
      const bytes = new Uint8Array(total);
      let o = 0;
      for (const p of parts) { bytes.set(p, o); o += p.length; }
      const map = new SegmentByteMap(mapSegs);
      let at = 0;
      let encrypted = false;
      while (at + 5 <= total) {
        const r = new Reader(bytes, map, at);
        const type = r.u(1);
        if (!CT[type]) break;
        const len = (bytes[at + 3]! << 8) | bytes[at + 4]!;
        const firstFrame = map.locate(at, 1)[0] as { frame: number };
        const timeNs = frames[firstFrame.frame - 1]!.timeNs;
        const kids: Field[] = [
          r.num('Content Type', 'tls.record.content_type', 1, (v) => `${CT[v]} (${v})`),
          r.num('Version', 'tls.record.version', 2, (v) => '0x' + v.toString(16).padStart(4, '0')),
          r.num('Length', 'tls.record.length', 2),
        ];
        const refs: MessageRef[] = [];
        const end = 5 + len;
        if (type === 22 && !encrypted) {
          while (r.at + 4 <= end) {
            const hs = r.at;
            const ht = r.u(1);
            const hl = (bytes[at + hs + 1]! << 16) | (bytes[at + hs + 2]! << 8) | bytes[at + hs + 3]!;
            const hk = [r.num('Handshake Type', 'tls.handshake.type', 1, (v) => `${HS[v] ?? 'unknown'} (${v})`), r.num('Length', 'tls.handshake.length', 3)];
            if (ht === 1 || ht === 2) hk.push(...readHello(r, hs + 4 + hl, ht === 1, sni));
            else if (hl > 0) hk.push(r.raw('Body', undefined, hl));
            r.at = hs + 4 + hl;
            const hf = f(`Handshake Protocol: ${HS[ht] ?? ht}`, 'tls.handshake', r.spans(hs, 4 + hl), undefined, undefined, hk);
            kids.push(hf);
            refs.push({ dir, frame: (r.spans(hs, 1)[0] as { frame: number }).frame, type: HS[ht] ?? `Handshake ${ht}`, timeNs, field: hf });
          }
        } else if (type === 21 && len === 2 && !encrypted) {
          const lvl = r.num('Level', 'tls.alert_message.level', 1, (v) => (v === 1 ? 'Warning (1)' : 'Fatal (2)'));
          const desc = r.num('Description', 'tls.alert_message.desc', 1);
          const af = f('Alert Message', 'tls.alert_message', r.spans(5, 2), undefined, undefined, [lvl, desc]);
          kids.push(af);
          refs.push({ dir, frame: firstFrame.frame, type: `Alert (${lvl.value === 1 ? 'warning' : 'fatal'}, ${String(desc.value)})`, timeNs, field: af });
        } else if (type === 20) {
          kids.push(r.num('Change Cipher Spec Message', 'tls.change_cipher_spec', len));
          encrypted = true;
        } else if (len > 0) {
          const label = type === 23 ? 'Encrypted Application Data' : 'Encrypted Handshake Message';
          kids.push(r.raw(label, type === 23 ? 'tls.app_data' : undefined, len, `encrypted, ${len} bytes`));
        }
        const rec = f(`TLS Record Layer: ${CT[type]}`, 'tls.record', map.locate(at, Math.min(end, total - at)), undefined, undefined, kids);
        if (refs.length === 0) refs.push({ dir, frame: firstFrame.frame, type: type === 22 ? 'EncryptedHandshake' : CT[type]!, timeNs, field: rec });
        timed.push({ t: timeNs, field: rec, refs });
        at += end;
      }
    }
    timed.sort((x, y) => (x.t < y.t ? -1 : x.t > y.t ? 1 : 0));
    for (const x of timed) { conn.fields.push(x.field); conn.messages.push(...x.refs); }
    if (sni.value !== undefined) conn.sni = sni.value;
    conn.version = 'TLS 1.2';
    connections.push(conn);
  }
  return { input: { format: 'pcap', frames: frames.length, bytes: file.length, sha256: '' }, problems: [], frames, connections };
}
