// The handshakes of a connection as decryption sees them, read straight from the transcript's
// exact message bytes (so decryption does not depend on how far the field decoders have got):
// randoms, suite, extensions present, the server certificate, the RSA-encrypted pre-master secret.
import type { TranscriptEntry, TlsSession } from '../tls/session.ts';

/** Handshake message types used here (RFC 5246 §7.4, RFC 8446 §4). */
export const HS = {
  helloRequest: 0, clientHello: 1, serverHello: 2, newSessionTicket: 4, endOfEarlyData: 5,
  encryptedExtensions: 8, certificate: 11, clientKeyExchange: 16, finished: 20, keyUpdate: 24, messageHash: 254,
} as const;

/** One full or abbreviated handshake (the first one, or a renegotiation). */
export interface HandshakeView {
  /** Messages from this handshake's ClientHello on, HelloRequest left out (RFC 5246 §7.4.1.1). */
  entries: TranscriptEntry[];
  clientHello?: Uint8Array;
  serverHello?: Uint8Array;
  clientRandom?: Uint8Array;
  serverRandom?: Uint8Array;
  clientVersion?: number;
  serverVersion?: number;
  cipherSuite?: number;
  clientSessionId?: Uint8Array;
  serverSessionId?: Uint8Array;
  clientExtensions: Map<number, Uint8Array>;
  serverExtensions: Map<number, Uint8Array>;
  /** The server's end-entity certificate (DER). */
  certificate?: Uint8Array;
  /** ClientKeyExchange body (without the 4-byte message header). */
  clientKeyExchange?: Uint8Array;
  /** Index in `entries` of the ClientKeyExchange. */
  clientKeyExchangeAt?: number;
  /** Ticket from a NewSessionTicket (TLS ≤ 1.2). */
  newTicket?: Uint8Array;
}

const u16 = (b: Uint8Array, at: number): number => ((b[at] ?? 0) << 8) | (b[at + 1] ?? 0);
const u24 = (b: Uint8Array, at: number): number => ((b[at] ?? 0) << 16) | ((b[at + 1] ?? 0) << 8) | (b[at + 2] ?? 0);

/** Extensions block at `at` (u16 length then type/length/data), as a map; tolerant of truncation. */
export function rawExtensions(b: Uint8Array, at: number): Map<number, Uint8Array> {
  const out = new Map<number, Uint8Array>();
  if (at + 2 > b.length) return out;
  const end = Math.min(b.length, at + 2 + u16(b, at));
  let p = at + 2;
  while (p + 4 <= end) {
    const type = u16(b, p);
    const len = u16(b, p + 2);
    if (p + 4 + len > end) break;
    out.set(type, b.subarray(p + 4, p + 4 + len));
    p += 4 + len;
  }
  return out;
}

/** ClientHello (RFC 5246 §7.4.1.2): version, random, session id, suites, compressions, extensions. SSLv2 CLIENT-HELLO too. */
function readClientHello(v: HandshakeView, m: Uint8Array): void {
  v.clientHello = m;
  if (m[0] === 1 && m.length >= 9 && m[3] !== undefined && u24(m, 1) !== m.length - 4 && u16(m, 1) >= 0x0002) {
    // SSLv2 CLIENT-HELLO (RFC 6101 §E.1): the challenge, left-padded to 32 bytes, is the client random.
    const specs = u16(m, 3);
    const sid = u16(m, 5);
    const chal = u16(m, 7);
    const challenge = m.subarray(9 + specs + sid, 9 + specs + sid + chal);
    v.clientVersion = u16(m, 1);
    v.clientRandom = new Uint8Array(32);
    v.clientRandom.set(challenge.subarray(Math.max(0, challenge.length - 32)), 32 - Math.min(32, challenge.length));
    v.clientSessionId = m.subarray(9 + specs, 9 + specs + sid);
    return;
  }
  let p = 4;
  v.clientVersion = u16(m, p);
  v.clientRandom = m.subarray(p + 2, p + 34);
  p += 34;
  const sidLen = m[p] ?? 0;
  v.clientSessionId = m.subarray(p + 1, p + 1 + sidLen);
  p += 1 + sidLen;
  p += 2 + u16(m, p);
  p += 1 + (m[p] ?? 0);
  v.clientExtensions = rawExtensions(m, p);
}

/** ServerHello (RFC 5246 §7.4.1.3, RFC 8446 §4.1.3). */
function readServerHello(v: HandshakeView, m: Uint8Array): void {
  v.serverHello = m;
  let p = 4;
  v.serverVersion = u16(m, p);
  v.serverRandom = m.subarray(p + 2, p + 34);
  p += 34;
  const sidLen = m[p] ?? 0;
  v.serverSessionId = m.subarray(p + 1, p + 1 + sidLen);
  p += 1 + sidLen;
  v.cipherSuite = u16(m, p);
  p += 3;
  v.serverExtensions = rawExtensions(m, p);
  const sv = v.serverExtensions.get(43);
  if (sv && sv.length === 2) v.serverVersion = u16(sv, 0);
}

/** First certificate of a Certificate message, ≤ 1.2 layout or 1.3 (context byte first). */
function firstCertificate(m: Uint8Array, tls13: boolean): Uint8Array | undefined {
  const p = 4 + (tls13 ? 1 + (m[4] ?? 0) : 0);
  if (p + 6 > m.length) return undefined;
  const len = u24(m, p + 3);
  return len > 0 && p + 6 + len <= m.length ? m.subarray(p + 6, p + 6 + len) : undefined;
}

function newView(): HandshakeView {
  return { entries: [], clientExtensions: new Map(), serverExtensions: new Map() };
}

/** Splits the transcript into handshakes at each ClientHello (a renegotiation starts a new one; a HelloRetryRequest does not). */
export function handshakeViews(session: TlsSession, tls13: boolean): HandshakeView[] {
  const views: HandshakeView[] = [];
  let v: HandshakeView | undefined;
  for (const e of session.transcript) {
    if (e.type === HS.helloRequest) continue;
    const startsNew = e.type === HS.clientHello && e.dir === 'c2s' && (!tls13 || !v);
    if (startsNew || !v) {
      v = newView();
      views.push(v);
    }
    v.entries.push(e);
    const m = e.bytes;
    if (e.type === HS.clientHello && e.dir === 'c2s') readClientHello(v, m);
    else if (e.type === HS.serverHello && e.dir === 's2c') readServerHello(v, m);
    else if (e.type === HS.certificate && e.dir === 's2c' && !v.certificate) {
      const c = firstCertificate(m, tls13);
      if (c) v.certificate = c;
    } else if (e.type === HS.clientKeyExchange && e.dir === 'c2s') {
      v.clientKeyExchange = m.subarray(4);
      v.clientKeyExchangeAt = v.entries.length - 1;
    } else if (e.type === HS.newSessionTicket && e.dir === 's2c' && !tls13 && m.length >= 10) {
      v.newTicket = m.subarray(10, 10 + u16(m, 8));
    }
  }
  return views;
}

/** The RSA EncryptedPreMasterSecret: the whole body in SSL 3.0, else after its u16 length (RFC 5246 §7.4.7.1). */
export function encryptedPreMasterSecret(cke: Uint8Array, version: number): Uint8Array {
  if (version === 0x0300) return cke;
  return cke.length >= 2 && u16(cke, 0) === cke.length - 2 ? cke.subarray(2) : cke;
}
