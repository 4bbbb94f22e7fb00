// TLS 1.3 connections: records are protected by the traffic keys of a phase (0-RTT early data,
// handshake, application generation N after N KeyUpdates), each with its own sequence number
// (RFC 8446 §5.3, §7.2, §7.3). The phase is read off the transcript the decoder has built so far.
import type { Direction } from '../capture/frame.ts';
import { decryptTls13Record } from '../crypto/aead.ts';
import { findSession, type KeyLogSession } from '../crypto/keylog.ts';
import { hashLength, nextTrafficSecret, TLS13_SUITES, trafficKeys, type Tls13Suite } from '../crypto/hkdf.ts';
import { opensslHkdfExpandLabelCommand } from '../crypto/openssl-commands.ts';
import { toHex } from '../crypto/bytes.ts';
import type { RecordToDecrypt, TlsSession } from '../tls/session.ts';
import type { ConnContext } from './context.ts';
import type { CipherPart } from './fields.ts';
import { HS, rawExtensions } from './handshakes.ts';
import { checkFinished13 } from './finished13.ts';

interface Epoch13 {
  suite: Tls13Suite;
  secret: Uint8Array;
  key: Uint8Array;
  iv: Uint8Array;
  seq: number;
}

/** A TLS 1.3 record's inner plaintext, or why not. */
export type Record13Result =
  | { ok: true; plaintext: Uint8Array; contentType: number; parts: CipherPart[] }
  | { ok: false; reason: string; parts: CipherPart[] };

interface DirPhase {
  scanned: number;
  finished: boolean;
  keyUpdates: number;
  endOfEarlyData: boolean;
}

const EARLY_DATA = 42;

const LABELS: Record<string, { field: keyof KeyLogSession; label: string; title: string }> = {
  'c2s:early': { field: 'clientEarlyTrafficSecret', label: 'CLIENT_EARLY_TRAFFIC_SECRET', title: 'client early traffic (0-RTT)' },
  'c2s:handshake': { field: 'clientHandshakeTrafficSecret', label: 'CLIENT_HANDSHAKE_TRAFFIC_SECRET', title: 'client handshake traffic' },
  's2c:handshake': { field: 'serverHandshakeTrafficSecret', label: 'SERVER_HANDSHAKE_TRAFFIC_SECRET', title: 'server handshake traffic' },
  'c2s:app': { field: 'clientTrafficSecret0', label: 'CLIENT_TRAFFIC_SECRET_0', title: 'client application traffic' },
  's2c:app': { field: 'serverTrafficSecret0', label: 'SERVER_TRAFFIC_SECRET_0', title: 'server application traffic' },
};

/** Decrypts the protected records of a TLS 1.3 connection. */
export class Tls13Decrypter {
  private readonly phase: Record<Direction, DirPhase> = {
    c2s: { scanned: 0, finished: false, keyUpdates: 0, endOfEarlyData: false },
    s2c: { scanned: 0, finished: false, keyUpdates: 0, endOfEarlyData: false },
  };
  private readonly epochs = new Map<string, Epoch13 | { reason: string }>();

  constructor(private readonly ctx: ConnContext) {}

  private scan(dir: Direction, session: TlsSession): DirPhase {
    const p = this.phase[dir];
    const t = session[dir].transcript;
    for (; p.scanned < t.length; p.scanned++) {
      const type = t[p.scanned]!.type;
      if (type === HS.finished) p.finished = true;
      else if (type === HS.keyUpdate && p.finished) p.keyUpdates++;
      else if (type === HS.endOfEarlyData) p.endOfEarlyData = true;
    }
    return p;
  }

  /** Which epochs may protect the next record of `dir`, most likely first. */
  private candidates(dir: Direction, session: TlsSession): string[] {
    const p = this.scan(dir, session);
    if (p.finished) return [`${dir}:app:${p.keyUpdates}`];
    if (dir === 's2c') return ['s2c:handshake:0'];
    const serverHello = session.serverHellos.some((h) => !h.helloRetryRequest);
    if (!serverHello) return ['c2s:early:0'];
    if (p.endOfEarlyData) return ['c2s:handshake:0'];
    const ee = session.s2c.transcript.find((e) => e.type === HS.encryptedExtensions);
    const accepted = ee !== undefined && rawExtensions(ee.bytes, 4).has(EARLY_DATA);
    // Rejected 0-RTT records may still arrive after the ServerHello: the server skips them (RFC 8446 §4.2.10).
    return accepted ? ['c2s:early:0', 'c2s:handshake:0'] : ['c2s:handshake:0', 'c2s:early:0'];
  }

  private suites(session: TlsSession, secretLength: number): Tls13Suite[] {
    const chosen = session.cipherSuite !== undefined ? TLS13_SUITES[session.cipherSuite] : undefined;
    if (chosen) return [chosen];
    // 0-RTT before the ServerHello: the suite is the PSK's; try the offered ones of the right hash.
    return (session.clientHellos[0]?.cipherSuites ?? []).flatMap((c) => TLS13_SUITES[c] ?? []).filter((s) => hashLength(s.hash) === secretLength);
  }

  private epoch(id: string, session: TlsSession): Epoch13 | { reason: string } {
    let e = this.epochs.get(id);
    if (!e) {
      e = this.derive(id, session);
      this.epochs.set(id, e);
    }
    return e;
  }

  private derive(id: string, session: TlsSession, suiteOverride?: Tls13Suite): Epoch13 | { reason: string } {
    const [dir, phase, genText] = id.split(':') as [Direction, string, string];
    const gen = Number(genText);
    const spec = LABELS[`${dir}:${phase}`]!;
    const cr = session.clientHellos[0]?.random;
    if (!cr) return { reason: 'the ClientHello was not captured: its client random is needed to find the key log secrets' };
    const logged = findSession(this.ctx.secrets.keylog, cr);
    const secret0 = logged?.[spec.field];
    if (!(secret0 instanceof Uint8Array)) {
      const where = this.ctx.secrets.keylog.byClientRandom.size === 0 ? 'no key log was given (--keylog, or a pcapng Decryption Secrets Block)' : logged ? `the key log has other lines for client random ${toHex(cr).slice(0, 16)}… but no ${spec.label}` : `the key log has no line for client random ${toHex(cr).slice(0, 16)}…`;
      return { reason: `${spec.title}: ${where}` };
    }
    const suite = suiteOverride ?? this.suites(session, secret0.length)[0];
    if (!suite) return { reason: `cipher suite 0x${(session.cipherSuite ?? 0).toString(16)} is not a TLS 1.3 suite this decrypter supports` };
    const book = this.ctx.book;
    let secret = secret0;
    const line = logged?.lines[spec.label as keyof KeyLogSession['lines']];
    for (let g = 1; g <= gen; g++) {
      const next = nextTrafficSecret(suite.hash, secret);
      book.add({
        id: `${dir}-${phase}-secret-${g}`, title: `${spec.title} secret, generation ${g} (after KeyUpdate) = HKDF-Expand-Label(secret_${g - 1}, "traffic upd", "", ${hashLength(suite.hash)})`,
        inputs: [{ name: `traffic secret ${g - 1}`, value: secret, secret: true }], output: { name: `traffic secret ${g}`, value: next, secret: true },
        command: opensslHkdfExpandLabelCommand(suite.hash, secret, 'traffic upd', new Uint8Array(0), hashLength(suite.hash)).shell,
      });
      secret = next;
    }
    const { key, iv } = trafficKeys(suite.hash, secret, suite.keyLength, suite.ivLength);
    const src = gen === 0 ? `key log ${spec.label}${line ? ` (line ${line})` : ''}` : `generation ${gen}`;
    const explanation = gen === 0 && phase === 'handshake'
      ? 'A key log holds the traffic secrets themselves; the early, handshake and master secrets above them need the (EC)DHE shared secret, which no key log records (RFC 8446 §7.1).'
      : undefined;
    book.add({
      id: `${dir}-${phase}-${gen}-key`, title: `${spec.title} write key = HKDF-Expand-Label(secret, "key", "", ${suite.keyLength})`,
      inputs: [{ name: `${spec.title} secret (${src})`, value: secret, secret: true }], output: { name: 'write key', value: key, secret: true },
      command: opensslHkdfExpandLabelCommand(suite.hash, secret, 'key', new Uint8Array(0), suite.keyLength).shell,
      ...(explanation ? { explanation } : {}),
    });
    book.add({
      id: `${dir}-${phase}-${gen}-iv`, title: `${spec.title} write IV = HKDF-Expand-Label(secret, "iv", "", ${suite.ivLength})`,
      inputs: [{ name: `${spec.title} secret (${src})`, value: secret, secret: true }], output: { name: 'write IV', value: iv, secret: true },
      command: opensslHkdfExpandLabelCommand(suite.hash, secret, 'iv', new Uint8Array(0), suite.ivLength).shell,
    });
    return { suite, secret, key, iv, seq: 0 };
  }

  /** The record's inner plaintext, or why not; undefined when no keys exist for it. */
  decrypt(dir: Direction, rec: RecordToDecrypt, session: TlsSession): Record13Result | undefined {
    const ids = this.candidates(dir, session);
    let first: Epoch13 | undefined;
    let failure: string | undefined;
    for (const id of ids) {
      const e = this.epoch(id, session);
      if ('reason' in e) {
        if (id === ids[0]) this.ctx.note(e.reason);
        continue;
      }
      first ??= e;
      const r = decryptTls13Record(e.suite.aead, e.key, e.iv, e.seq, rec.fragment, { type: rec.contentType, version: rec.version });
      if (r.ok) {
        e.seq++;
        const tag = e.suite.tagLength;
        const parts: CipherPart[] = [
          { name: 'Encrypted Content', length: r.content.length },
          { name: 'Encrypted Inner Content Type', length: 1, display: `encrypted inner content type: ${r.contentType}`, kb: 'tls.decrypt.inner_content_type' },
          { name: 'Encrypted Padding', length: r.paddingLength, kb: 'tls.decrypt.padding' },
          { name: 'Authentication Tag', length: tag, kb: 'tls.decrypt.tag' },
        ];
        return { ok: true, plaintext: r.content.slice(), contentType: r.contentType, parts };
      }
      failure ??= r.reason;
    }
    if (!first) return undefined;
    first.seq++;
    const tag = first.suite.tagLength;
    const parts: CipherPart[] = rec.fragment.length >= tag
      ? [{ name: 'Encrypted Data', length: rec.fragment.length - tag }, { name: 'Authentication Tag', length: tag, kb: 'tls.decrypt.tag' }]
      : [{ name: 'Encrypted Data (shorter than a tag)', length: rec.fragment.length }];
    return { ok: false, reason: `bad_record_mac: ${failure ?? 'no key fits'}`, parts };
  }

  /** After decoding: the Finished of both sides checked against the handshake traffic secrets. */
  finish(session: TlsSession): void {
    const cr = session.clientHellos[0]?.random;
    const logged = cr ? findSession(this.ctx.secrets.keylog, cr) : undefined;
    const suite = session.cipherSuite !== undefined ? TLS13_SUITES[session.cipherSuite] : undefined;
    if (!logged || !suite) return;
    checkFinished13(session, suite.hash, logged, this.ctx);
  }
}
