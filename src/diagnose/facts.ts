// The facts every rule needs, extracted once per connection from the annotation model: the
// messages in wire order classified, the hellos, certificates, alerts and how far the handshake got.
import type { Direction } from '../capture/frame.ts';
import { tlsMessages, type DecodedCapture, type DecodedConnection, type MessageRef } from '../model/decoded.ts';
import type { Field } from '../model/field.ts';
import { isFrameSpan, spansLength } from '../model/span.ts';
import { formatName, parseName } from '../tls/x509/name.ts';
import { summarizeCertificate, type CertificateSummary } from '../tls/x509/summary.ts';
import { bytesOf, fieldsOf, first, hex, num, nums, outermost, text } from './query.ts';

export type MessageKind = 'handshake' | 'alert' | 'encrypted-alert' | 'ccs' | 'app-data' | 'encrypted-handshake' | 'sslv2' | 'other';

/** One message of the ladder, classified. */
export interface Msg {
  index: number;
  dir: Direction;
  frame: number;
  kind: MessageKind;
  /** Handshake type (1 ClientHello ... 20 Finished) for readable handshake messages. */
  hsType?: number;
  hrr?: boolean;
  /** Protected on the wire (read only with keys, or not at all). */
  protected: boolean;
  /** Bytes of an unreadable protected body (the AEAD ciphertext), to spot alert-sized records. */
  encryptedLength?: number;
  field?: Field;
  ref: MessageRef;
}

/** A hello's values, each with the field that proves it. */
export interface HelloFacts {
  msg: Msg;
  field: Field;
  version?: number;
  suites: number[];
  sessionId: string;
  sessionIdField?: Field;
  extensions: Map<number, { field: Field; length: number }>;
  supportedVersions: number[];
  groups: number[];
  keyShareGroups: number[];
  selectedGroup?: number;
  sigAlgs: number[];
  sni?: string;
  sslv2: boolean;
}

/** One certificate of a Certificate message. */
export interface CertFacts {
  field: Field;
  der?: Uint8Array;
  summary?: CertificateSummary;
}

/** A Certificate message: who sent it and the chain in it. */
export interface CertMessageFacts {
  msg: Msg;
  field: Field;
  certs: CertFacts[];
}

/** A CertificateRequest: accepted certificate types and CA names. */
export interface CertRequestFacts {
  msg: Msg;
  field: Field;
  certTypes: { value: number; display: string }[];
  cas: { field: Field; name: string }[];
}

/** An alert, readable or not. */
export interface AlertFacts {
  msg: Msg;
  field: Field;
  /** 1 warning, 2 fatal; undefined when encrypted. */
  level?: number;
  desc?: number;
  descName?: string;
  encrypted: boolean;
}

/** Everything the rules read about one connection. */
export interface ConnectionFacts {
  msgs: Msg[];
  tls13: boolean;
  versionName?: string;
  clientHellos: HelloFacts[];
  serverHellos: HelloFacts[];
  hrr?: HelloFacts;
  certificates: CertMessageFacts[];
  certRequests: CertRequestFacts[];
  alerts: AlertFacts[];
  /** Index (in msgs) of each side's first ChangeCipherSpec and first protected handshake record. */
  ccs: Partial<Record<Direction, number>>;
  finished: Partial<Record<Direction, number>>;
  /** The handshake visibly completed (both Finished, or TLS 1.3 traffic after the client's flight). */
  handshakeComplete: boolean;
  /** Application data records per direction after the handshake. */
  appData: Record<Direction, number>;
  /** Anything was decrypted (keys were given and worked). */
  decrypted: boolean;
  /** Capture time of the connection's first frame (undefined without a clock). */
  startTime?: Date;
}

const HS_BY_TITLE: Record<string, number> = {
  'Hello Request': 0, 'Client Hello': 1, 'Server Hello': 2, 'Hello Retry Request': 2, 'New Session Ticket': 4,
  'End of Early Data': 5, 'Encrypted Extensions': 8, Certificate: 11, 'Server Key Exchange': 12,
  'Certificate Request': 13, 'Server Hello Done': 14, 'Certificate Verify': 15, 'Client Key Exchange': 16, Finished: 20,
  'Key Update': 24,
};

/** True when the field's bytes live in a derived (decrypted) buffer. */
function inBuffer(f: Field | undefined): boolean {
  return !!f && f.spans.length > 0 && !f.spans.some(isFrameSpan);
}

function classify(m: MessageRef, index: number): Msg {
  const f = m.field;
  // One object filled in place (no spreads, no regexes): this runs for every message of every connection.
  const base = { index, dir: m.dir, frame: m.frame, ref: m, protected: inBuffer(f) } as Msg;
  if (f) base.field = f;
  const t = m.type;
  const encrypted = f?.display?.startsWith('encrypted') === true && !f.children?.length;
  const set = (props: Partial<Msg>): Msg => Object.assign(base, props);
  if (t.startsWith('Encrypted Alert') || (f?.filter === 'tls.alert_message' && encrypted)) return set({ kind: 'encrypted-alert', protected: true, encryptedLength: f ? spansLength(f.spans) : 0 });
  if (t.startsWith('Alert') || f?.filter === 'tls.alert_message') return set({ kind: 'alert' });
  if (t.startsWith('Encrypted Handshake')) return set({ kind: 'encrypted-handshake', protected: true, encryptedLength: f ? spansLength(f.spans) : 0 });
  if (t.includes('Change Cipher Spec')) return set({ kind: 'ccs' });
  if (t.startsWith('Application Data') || f?.filter === 'tls.app_data') return set({ kind: 'app-data', protected: true, encryptedLength: encrypted && f ? spansLength(f.spans) : undefined });
  if (t.includes('SSLv2')) return set({ kind: 'sslv2', hsType: t.includes('Client Hello') ? 1 : undefined });
  const hs = num(first(f, 'tls.handshake.type')) ?? HS_BY_TITLE[t];
  if (hs !== undefined) return set({ kind: 'handshake', hsType: hs, hrr: t === 'Hello Retry Request' });
  return set({ kind: 'other' });
}

/** Extensions of a hello by type, with their fields and data lengths. */
function extensionsOf(hello: Field): Map<number, { field: Field; length: number }> {
  const out = new Map<number, { field: Field; length: number }>();
  const visit = (fs: readonly Field[]): void => {
    for (const f of fs) {
      const typeField = f.children?.find((c) => c.filter === 'tls.handshake.extension.type');
      if (typeField) {
        const type = num(typeField);
        const len = num(f.children?.find((c) => c.filter === 'tls.handshake.extension.len')) ?? 0;
        if (type !== undefined && !out.has(type)) out.set(type, { field: f, length: len });
      } else if (f.children) visit(f.children);
    }
  };
  visit(hello.children ?? []);
  return out;
}

function helloFacts(msg: Msg, field: Field): HelloFacts {
  const exts = extensionsOf(field);
  const sid = first(field, 'tls.handshake.session_id');
  const sslv2 = msg.kind === 'sslv2';
  const h: HelloFacts = {
    msg, field, suites: sslv2 ? nums(field, 'tls.handshake.cipherspec') : nums(field, 'tls.handshake.ciphersuite'),
    sessionId: text(sid) ?? '', extensions: exts,
    supportedVersions: nums(field, 'tls.handshake.extensions.supported_version'),
    groups: nums(field, 'tls.handshake.extensions_supported_group'),
    keyShareGroups: nums(field, 'tls.handshake.extensions_key_share_group'),
    sigAlgs: exts.has(13) ? nums(exts.get(13)!.field, 'tls.handshake.sig_hash_alg') : [],
    sslv2,
  };
  const v = num(first(field, 'tls.handshake.version'));
  if (v !== undefined) h.version = v;
  if (sid) h.sessionIdField = sid;
  const sel = num(first(field, 'tls.handshake.extensions_key_share_selected_group'));
  if (sel !== undefined) h.selectedGroup = sel;
  const sni = text(first(field, 'tls.handshake.extensions_server_name'));
  if (sni !== undefined) h.sni = sni;
  return h;
}

function certMessage(capture: DecodedCapture, conn: DecodedConnection, msg: Msg, field: Field): CertMessageFacts {
  const certs: CertFacts[] = outermost(field, 'tls.handshake.certificate').map((f) => {
    const der = bytesOf(capture, conn, f);
    const c: CertFacts = { field: f };
    if (der) {
      c.der = der;
      c.summary = summarizeCertificate(der);
    }
    return c;
  });
  return { msg, field, certs };
}

function certRequest(capture: DecodedCapture, conn: DecodedConnection, msg: Msg, field: Field): CertRequestFacts {
  const certTypes = fieldsOf(field, 'tls.handshake.cert_type').map((f) => ({ value: num(f) ?? -1, display: f.display ?? String(f.value) }));
  const cas: { field: Field; name: string }[] = [];
  for (const list of fieldsOf(field, 'tls.handshake.dnames')) {
    for (const dn of list.children ?? []) {
      if (dn.filter === 'tls.handshake.dname_len') continue;
      // An entry may be the Name itself or a struct of its u16 length and the Name.
      const withLength = dn.children?.some((c) => c.filter === 'tls.handshake.dname_len') === true;
      const raw = bytesOf(capture, conn, dn);
      const der = raw && withLength ? raw.subarray(2) : raw;
      const name = der ? formatName(parseName(der)) : '';
      cas.push({ field: dn, name: name || (dn.display ?? 'unreadable name') });
    }
  }
  return { msg, field, certTypes, cas };
}

function alertFacts(msg: Msg): AlertFacts | undefined {
  const f = msg.field;
  if (!f) return undefined;
  if (msg.kind === 'encrypted-alert') return { msg, field: f, encrypted: true };
  const levelF = first(f, 'tls.alert_message.level');
  const descF = first(f, 'tls.alert_message.desc');
  const a: AlertFacts = { msg, field: f, encrypted: false };
  const level = num(levelF);
  const desc = num(descF);
  if (level !== undefined) a.level = level;
  if (desc !== undefined) a.desc = desc;
  const name = descF?.display?.match(/\(([^)]+)\)\s*$/)?.[1];
  if (name) a.descName = name;
  return a;
}

/** TLS 1.3 protected records that are exactly an alert's size: 2 bytes + content type + 16-byte (or 8-byte CCM_8) tag. */
export function alertSized(m: Msg): boolean {
  return m.encryptedLength === 19 || m.encryptedLength === 11;
}

/** Extracts the facts of a connection (one pass over its messages). */
export function connectionFacts(capture: DecodedCapture, conn: DecodedConnection): ConnectionFacts {
  // STARTTLS preamble messages are not TLS, and their types hold capture text ('Alert', 'SSLv2'
  // inside an SMTP line must not classify as TLS): the rules see the TLS messages only.
  const msgs = tlsMessages(conn.messages).map(classify);
  const facts: ConnectionFacts = {
    msgs, tls13: conn.version === 'TLS 1.3', clientHellos: [], serverHellos: [], certificates: [], certRequests: [], alerts: [],
    ccs: {}, finished: {}, handshakeComplete: false, appData: { c2s: 0, s2c: 0 }, decrypted: Object.keys(conn.buffers).length > 0,
  };
  if (conn.version !== undefined) facts.versionName = conn.version;
  const t = capture.frames[conn.firstFrame - 1]?.timeNs;
  if (t !== undefined && t > 0n) facts.startTime = new Date(Number(t / 1_000_000n));
  for (const m of msgs) {
    const f = m.field;
    if (m.kind === 'sslv2' && m.hsType === 1 && f) facts.clientHellos.push(helloFacts(m, f));
    if (m.kind === 'alert' || m.kind === 'encrypted-alert') {
      const a = alertFacts(m);
      if (a) facts.alerts.push(a);
    }
    if (m.kind === 'ccs' && facts.ccs[m.dir] === undefined) facts.ccs[m.dir] = m.index;
    if (m.kind === 'encrypted-handshake' && facts.ccs[m.dir] !== undefined && facts.finished[m.dir] === undefined) facts.finished[m.dir] = m.index;
    if (m.kind === 'app-data' && m.protected && facts.finished[m.dir] !== undefined) facts.appData[m.dir]++;
    if (m.kind !== 'handshake' || !f) continue;
    if (m.hsType === 1) facts.clientHellos.push(helloFacts(m, f));
    if (m.hsType === 2) {
      const h = helloFacts(m, f);
      if (m.hrr) facts.hrr = h;
      else facts.serverHellos.push(h);
      if (h.supportedVersions.includes(0x0304)) facts.tls13 = true;
    }
    if (m.hsType === 11) facts.certificates.push(certMessage(capture, conn, m, f));
    if (m.hsType === 13) facts.certRequests.push(certRequest(capture, conn, m, f));
    if (m.hsType === 20 && facts.finished[m.dir] === undefined) facts.finished[m.dir] = m.index;
  }
  facts.handshakeComplete = completed(facts);
  if (facts.tls13) {
    // TLS 1.3 without keys: every record after the ServerHello looks like application data; count
    // what followed the client's first protected flight (its Finished) per direction.
    const sh = facts.serverHellos[0]?.msg.index ?? Infinity;
    const firstClient = msgs.find((m) => m.index > sh && m.dir === 'c2s' && m.kind === 'app-data');
    facts.appData = { c2s: 0, s2c: 0 };
    for (const m of msgs) if (m.kind === 'app-data' && firstClient && m.index > firstClient.index && !(facts.decrypted && m.hsType !== undefined)) facts.appData[m.dir]++;
  }
  return facts;
}

function completed(f: ConnectionFacts): boolean {
  if (f.finished.c2s !== undefined && f.finished.s2c !== undefined) return true;
  if (!f.tls13 || f.decrypted) return false;
  // Without keys, TLS 1.3 completion is inferred: after the client's protected flight (its
  // Finished) the server sent more than an alert-sized record (a ticket, a response).
  const sh = f.serverHellos[0]?.msg.index;
  if (sh === undefined) return false;
  const clientFlight = f.msgs.find((m) => m.index > sh && m.dir === 'c2s' && m.kind === 'app-data');
  if (!clientFlight) return false;
  return f.msgs.some((m) => m.index > clientFlight.index && m.dir === 's2c' && m.kind === 'app-data' && !alertSized(m));
}

/** How a message reads in prose: TLS 1.3 records that could not be decrypted are not "Application Data". */
export function labelOf(f: ConnectionFacts, m: Msg): string {
  if (f.tls13 && m.kind === 'app-data' && m.encryptedLength !== undefined) {
    const sh = f.serverHellos[0]?.msg.index ?? Infinity;
    return m.index > sh ? 'encrypted record' : m.ref.type;
  }
  return m.ref.type;
}

/** Hex of a hello's session id ('' when empty). */
export function sessionIdOf(h: HelloFacts | undefined): string {
  return h?.sessionId ?? '';
}

/** The session ticket a ClientHello carries in its session_ticket extension (35), as hex. */
export function ticketOf(capture: DecodedCapture, conn: DecodedConnection, h: HelloFacts): string | undefined {
  const e = h.extensions.get(35);
  if (!e || e.length === 0) return undefined;
  const data = first(e.field, 'tls.extension.session_ticket.ticket') ?? first(e.field, 'tls.handshake.extension.data');
  const b = data ? bytesOf(capture, conn, data) : undefined;
  return b ? hex(b) : `len${e.length}`;
}
