// The per-connection driver: frames both directions into records, decodes them in wire order with
// the handshake state they need, and builds the DecodedConnection and the TlsSession.
import type { Direction } from '../capture/frame.ts';
import { BufferByteMap } from '../model/bytemap.ts';
import { Cursor } from '../model/cursor.ts';
import type { DecodedConnection, MessageRef } from '../model/decoded.ts';
import { MALFORMED_FILTER, type Field } from '../model/field.ts';
import { isFrameSpan } from '../model/span.ts';
import type { Connection, Endpoint } from '../tcp/types.ts';
import { decodeContent, decodeHandshake, encryptedLeaf, isProtected, type ContentSink } from './content.ts';
import { annotatePreamble, findTlsStart, preambleMessageType, splitPreamble, type StartTlsProtocol } from './deps.ts';
import { HandshakeJoiner } from './handshake/reassembly.ts';
import { cipherSuiteName, contentTypes, protocolVersions, versionLabel } from './names.ts';
import { findResync, frameDirection, looksLikeTls, mergeByTime, PREAMBLE, type FramedUnit } from './record.ts';
import { isTls13, newSession, type RecordDecrypter, type TlsRecordInfo, type TlsSession } from './session.ts';
import { readSslv2ClientHello, readSslv2RecordHeader, sslv2MessageName } from './sslv2.ts';

/** One line of `wirebook summary`: a record (or an SSLv2 record, or bytes that are not records). */
export interface RecordSummary {
  /** Record number within the connection, from 1, in wire order. */
  number: number;
  dir: Direction;
  frame: number;
  timeNs: bigint;
  kind: 'record' | 'sslv2' | 'data';
  contentType?: number;
  version?: number;
  length: number;
  encrypted: boolean;
  messages: string[];
  field: Field;
}

/** The TLS view of one connection. */
export interface TlsConnectionDecode {
  /** False when neither direction looked like TLS: the streams are opaque data leaves. */
  isTls: boolean;
  decoded: DecodedConnection;
  session: TlsSession;
  records: RecordSummary[];
}

/** `ip:port`, IPv6 addresses in brackets. */
export function formatEndpoint(e: Endpoint): string {
  return e.address.includes(':') ? `[${e.address}]:${e.port}` : `${e.address}:${e.port}`;
}

const contentTitles: ReadonlyMap<number, string> = new Map([
  [20, 'Change Cipher Spec Protocol'],
  [21, 'Alert Protocol'],
  [22, 'Handshake Protocol'],
  [23, 'Application Data Protocol'],
  [24, 'Heartbeat Protocol'],
]);

/** Where TLS starts in each direction: at 0 when the client's first bytes look like TLS, after a STARTTLS preamble, or nowhere. */
function tlsStarts(conn: Connection): { c2s?: number; s2c?: number; protocol?: StartTlsProtocol } {
  const found = findTlsStart(conn);
  if (found) return found;
  const c0 = conn.c2s.chunks[0];
  const s0 = conn.s2c.chunks[0];
  const c = c0 && c0.start === 0 && looksLikeTls(c0.bytes);
  const s = s0 && s0.start === 0 && looksLikeTls(s0.bytes);
  if (c || s) return { c2s: 0, s2c: 0 };
  // A capture that began mid-connection: TLS if a record boundary can be found in the first chunk.
  if (!conn.startSeen) {
    const at = c0 ? findResync(c0.bytes, 0, c0.bytes.length) : undefined;
    const bt = s0 ? findResync(s0.bytes, 0, s0.bytes.length) : undefined;
    if ((c0 && at! < c0.bytes.length) || (s0 && bt! < s0.bytes.length)) return { c2s: c0?.start ?? 0, s2c: s0?.start ?? 0 };
  }
  return {};
}

/** Decodes one connection's TLS (SSL 2.0-compatible hello to TLS 1.3), calling `decrypter` for protected records. */
export function decodeTlsConnection(conn: Connection, opts: { decrypter?: RecordDecrypter } = {}): TlsConnectionDecode {
  const starts = tlsStarts(conn);
  const isTls = starts.c2s !== undefined || starts.s2c !== undefined;
  // A STARTTLS preamble is cut into its messages so both directions' lines interleave as on the wire.
  const frame = (dir: Direction): FramedUnit[] => splitPreamble(frameDirection(dir, conn[dir], starts[dir]), starts.protocol);
  const units = mergeByTime(frame('c2s'), frame('s2c'));
  const d = new Driver(conn, opts.decrypter, starts.protocol);
  for (const u of units) d.unit(u);
  d.finish();
  const s = d.session;
  const decoded: DecodedConnection = {
    id: conn.id,
    client: formatEndpoint(conn.client),
    server: formatEndpoint(conn.server),
    firstFrame: conn.firstFrame,
    messages: d.messages,
    fields: d.fields,
    buffers: d.buffers,
  };
  if (s.version !== undefined) decoded.version = nameOf(s.version);
  if (s.cipherSuite !== undefined) decoded.cipherSuite = cipherSuiteName(s.cipherSuite);
  const sni = s.clientHellos[0]?.extensions.serverName;
  if (sni !== undefined) decoded.sni = sni;
  return { isTls, decoded, session: s, records: d.records };
}

function nameOf(version: number): string {
  return (typeof protocolVersions === 'function' ? protocolVersions(version) : undefined) ?? `0x${version.toString(16)}`;
}

class Driver {
  readonly session = newSession();
  readonly messages: MessageRef[] = [];
  readonly fields: Field[] = [];
  readonly buffers: Record<string, Uint8Array> = {};
  readonly records: RecordSummary[] = [];
  private readonly times = new Map<number, bigint>();
  private readonly joiners = { c2s: new HandshakeJoiner(), s2c: new HandshakeJoiner() };
  private readonly decryptedJoiners = { c2s: new HandshakeJoiner(), s2c: new HandshakeJoiner() };
  private readonly lastRecord: { c2s?: Field; s2c?: Field } = {};
  private readonly lastChunk: { c2s?: unknown; s2c?: unknown } = {};

  constructor(
    readonly conn: Connection,
    readonly decrypter: RecordDecrypter | undefined,
    readonly preamble?: StartTlsProtocol,
  ) {
    for (const s of conn.segments) if (!this.times.has(s.frame)) this.times.set(s.frame, s.timeNs);
  }

  private timeOf(frame: number): bigint {
    return this.times.get(frame) ?? 0n;
  }

  private frameOf = (field: Field): number => {
    for (const s of field.spans) if (isFrameSpan(s)) return s.frame;
    for (const c of field.children ?? []) {
      const f = this.frameOf(c);
      if (f) return f;
    }
    return 0;
  };

  unit(u: FramedUnit): void {
    // A stream gap between chunks cuts any message being joined.
    if (this.lastChunk[u.dir] !== undefined && this.lastChunk[u.dir] !== u.chunk) this.flush(u.dir);
    this.lastChunk[u.dir] = u.chunk;
    if (u.kind === 'junk') this.junk(u);
    else if (u.kind === 'sslv2') this.sslv2(u);
    else this.record(u);
  }

  private summary(u: FramedUnit, field: Field, kind: RecordSummary['kind'], encrypted: boolean, messages: string[]): void {
    const row: RecordSummary = { number: this.records.length + 1, dir: u.dir, frame: u.firstFrame, timeNs: this.timeOf(u.firstFrame), kind, length: u.end - u.start, encrypted, messages, field };
    if (u.contentType !== undefined) row.contentType = u.contentType;
    if (u.version !== undefined) row.version = u.version;
    if (u.length !== undefined) row.length = u.length;
    this.records.push(row);
  }

  private junk(u: FramedUnit): void {
    const r = new Cursor(u.chunk.bytes, u.map, this.fields, u.start, u.end);
    if (u.problem === PREAMBLE && this.preamble) {
      annotatePreamble(r, this.preamble, u.dir);
      const line = this.fields[this.fields.length - 1]!;
      // The ladder shows the plaintext exchange that led to the upgrade, in wire order before TLS.
      const type = preambleMessageType(u.chunk.bytes, u.start, u.end, this.preamble, u.dir);
      if (type !== undefined) this.messages.push({ dir: u.dir, frame: u.firstFrame, type, timeNs: this.timeOf(u.firstFrame), field: line, starttls: this.preamble });
      this.summary(u, line, 'data', false, [line.name]);
      return;
    }
    if (u.problem === 'not TLS' || u.problem === PREAMBLE) r.rest('Data', 'data.data', { display: `${u.end - u.start} bytes (${u.problem})` });
    else r.malformed(u.problem ?? 'not a record');
    const f = this.fields[this.fields.length - 1]!;
    this.summary(u, f, 'data', false, []);
  }

  private recordInfo(u: FramedUnit, encrypted: boolean): TlsRecordInfo {
    const b = u.chunk.bytes;
    const hl = u.headerLength ?? 5;
    const info: TlsRecordInfo = {
      dir: u.dir,
      index: this.session[u.dir].records.length,
      contentType: u.contentType ?? 0,
      version: u.version ?? 0,
      header: b.slice(u.start, Math.min(u.end, u.start + hl)),
      fragment: b.slice(Math.min(u.end, u.start + hl), u.end),
      frame: u.firstFrame,
      lastFrame: u.lastFrame,
      streamOffset: u.chunk.start + u.start,
      encrypted,
    };
    this.session[u.dir].records.push(info);
    return info;
  }

  private record(u: FramedUnit): void {
    const ct = u.contentType!;
    const version = u.version!;
    const len = u.length!;
    const r = new Cursor(u.chunk.bytes, u.map, this.fields, u.start, u.end);
    const protectedNow = u.problem === undefined && isProtected(this.session, u.dir, ct, len);
    const info = this.recordInfo(u, protectedNow);
    const ctName = contentTitles.get(ct) ?? `Content Type ${ct}`;
    let titles: string[] = [];
    const field = r.struct(`${versionLabel(version)} Record Layer: ${ctName}`, 'tls.record', u.end - u.start, (rec, f) => {
      // A protected TLS 1.3 record's type is always application_data: Wireshark calls it the opaque type.
      const opaque = protectedNow && isTls13(this.session);
      rec.u8(opaque ? 'Opaque Type' : 'Content Type', opaque ? 'tls.record.opaque_type' : 'tls.record.content_type', contentTypes, { display: `${contentTypes.get(ct) ?? 'unknown'} (${ct})` });
      rec.u16('Version', 'tls.record.version', protocolVersions);
      rec.u16('Length', 'tls.record.length');
      if (u.problem) {
        f.malformed = u.problem;
        rec.malformed(`${u.problem}; skipped to the next plausible record header`);
        return f;
      }
      const bodyEnd = rec.end;
      const body = new Cursor(rec.data, rec.map, rec.out, rec.pos, bodyEnd);
      const s = this.sink(u.dir, u.lastFrame, f, version, protectedNow && this.decrypter !== undefined);
      titles = s.titles;
      if (protectedNow) this.protectedBody(u, body, info, s);
      else if (u.declaredEnd! > u.end) body.malformed(`record cut off: ${bodyEnd - rec.pos} of ${len} bytes captured (stream gap or end of capture)`);
      else decodeContent(ct, rec.data, rec.map, rec.pos, bodyEnd, s);
      rec.skip(rec.remaining);
      // TLS 1.3 keeps the CCS only for middlebox compatibility (RFC 8446 §5): it changes nothing.
      if (ct === 20 && !isTls13(this.session)) this.startProtection(u.dir);
      return f;
    });
    const f = field ?? this.fields[this.fields.length - 1]!;
    if (titles.length > 0) f.name = `${versionLabel(version)} Record Layer: ${ctName}: ${titles.length > 1 && ct === 22 ? 'Multiple Handshake Messages' : titles[0]!}`;
    if (titles.length > 1 && ct === 22) f.display = `${f.name} (${titles.join(', ')})`;
    this.lastRecord[u.dir] = f;
    this.summary(u, f, 'record', protectedNow, titles);
  }

  private sink(dir: Direction, frame: number, record: Field, version: number, decrypted: boolean): ContentSink {
    return {
      session: this.session,
      dir,
      recordIndex: this.session[dir].records.length - 1,
      recordVersion: version,
      timeNs: this.timeOf(frame),
      decrypted,
      joiner: decrypted ? this.decryptedJoiners[dir] : this.joiners[dir],
      messages: this.messages,
      record,
      titles: [],
      frameOf: this.frameOf,
    };
  }

  /** A protected record: handed to the decrypter when there is one, else one encrypted leaf. */
  private protectedBody(u: FramedUnit, body: Cursor, info: TlsRecordInfo, sink: ContentSink): void {
    if (u.declaredEnd! > u.end) {
      body.malformed(`record cut off: ${body.remaining} of ${u.length} bytes captured (stream gap or end of capture)`);
      return;
    }
    const result = this.decrypter?.decrypt(u.dir, { contentType: info.contentType, version: info.version, header: info.header, fragment: info.fragment, index: info.index }, this.session);
    if (!result || 'failed' in result) {
      const leaf = encryptedLeaf(body, info.contentType, result ? `decryption failed: ${result.failed}` : undefined);
      if (leaf) {
        sink.titles.push(leaf.title);
        this.messages.push({ dir: u.dir, frame: u.firstFrame, type: leaf.title, timeNs: sink.timeNs, field: leaf.field });
      }
      return;
    }
    info.plaintext = result.plaintext;
    info.innerContentType = result.contentType;
    this.buffers[result.bufferId] = result.plaintext;
    if (result.fields && result.fields.length > 0) for (const f of result.fields) body.add(f);
    else body.rest('Encrypted Record', 'tls.app_data', { display: `encrypted, ${body.remaining} bytes (decrypted into ${result.bufferId})` });
    body.skip(body.remaining);
    decodeContent(result.contentType, result.plaintext, new BufferByteMap(result.bufferId), 0, result.plaintext.length, sink);
  }

  /** ≤ 1.2: the direction's CCS switches its records to the pending keys (RFC 5246 §7.1). */
  private startProtection(dir: Direction): void {
    const s = this.session[dir];
    this.flush(dir);
    if (!s.encrypted) {
      s.encrypted = true;
      s.encryptedFrom = s.records.length;
    }
  }

  private sslv2(u: FramedUnit): void {
    const r = new Cursor(u.chunk.bytes, u.map, this.fields, u.start, u.end);
    const info = this.recordInfo(u, false);
    const messages: string[] = [];
    r.struct('SSLv2 Record Layer', 'tls.record', u.end - u.start, (rec, f) => {
      const hdr = readSslv2RecordHeader(rec);
      if (u.declaredEnd! > u.end) {
        rec.malformed(`SSLv2 record cut off: ${rec.remaining} of ${hdr.length} bytes captured`);
        return;
      }
      if (hdr.padding > hdr.length) {
        rec.malformed(`padding length ${hdr.padding} exceeds the record length ${hdr.length}`);
        return;
      }
      const type = rec.peek8() ?? 0;
      const name = sslv2MessageName(type);
      messages.push(type === 1 ? 'Client Hello (SSLv2)' : `SSLv2 ${name}`);
      f.name = `SSLv2 Record Layer: ${type === 1 ? 'Client Hello' : name}`;
      const dataEnd = rec.end - Math.min(hdr.padding, rec.remaining);
      const body = new Cursor(rec.data, rec.map, rec.out, rec.pos, dataEnd);
      if (type === 1 && hdr.padding === 0) {
        const hello = readSslv2ClientHello(body);
        if (hello) {
          this.session.clientHellos.push(hello);
          this.session.clientHello = hello;
        }
        // RFC 5246 E.2: the Finished hash covers the CLIENT-HELLO message bytes (without the record header).
        const entry = { dir: u.dir, type: 1, bytes: info.fragment.slice(), record: info.index, decrypted: false };
        this.session.transcript.push(entry);
        this.session.c2s.transcript.push(entry);
      } else {
        body.u8('Handshake Message Type', 'tls.handshake.type', undefined, { display: `${name} (${type})` });
        body.rest('SSLv2 message body (not decoded: encrypted or SSL 2.0 only)', undefined, { kb: 'tls.sslv2.body' });
      }
      if (body.pos < body.end) body.malformed(`${body.end - body.pos} bytes left over after the SSLv2 message`);
      rec.skip(dataEnd - rec.pos);
      if (hdr.padding > 0) rec.rest('Padding', undefined, { kb: 'tls.record.padding' });
    });
    const f = this.fields[this.fields.length - 1]!;
    for (const m of messages) this.messages.push({ dir: u.dir, frame: u.firstFrame, type: m, timeNs: this.timeOf(u.firstFrame), field: f });
    this.summary(u, f, 'sslv2', false, messages);
  }

  /** Decodes what arrived of a message the stream cut (gap, end of capture, protection change). */
  private flush(dir: Direction): void {
    for (const j of [this.joiners[dir], this.decryptedJoiners[dir]]) {
      const last = this.lastRecord[dir];
      if (!j.pending || !last) continue;
      const out = (last.children ??= []);
      const m = j.flush(out);
      if (!m) continue;
      const sink = this.sink(dir, this.frameOf(last), last, this.session[dir].records.at(-1)?.version ?? 0, j === this.decryptedJoiners[dir]);
      decodeHandshake(m, sink);
      out.push({ name: 'Malformed', filter: MALFORMED_FILTER, spans: [], malformed: `handshake message cut off: ${m.bytes.length} bytes arrived` });
    }
  }

  finish(): void {
    this.flush('c2s');
    this.flush('s2c');
  }
}
