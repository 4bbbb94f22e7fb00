// SSL 3.0-TLS 1.2 connections: each ChangeCipherSpec starts an epoch whose keys come from the
// handshake it concludes (the first one, then each renegotiation); sequence numbers restart at 0
// (RFC 5246 §6.1, §7.1). Keys come from the key block (RFC 5246 §6.3); Finished is checked (§7.4.9).
import type { Direction } from '../capture/frame.ts';
import { toHex } from '../crypto/bytes.ts';
import { opensslPrfCommand } from '../crypto/openssl-commands.ts';
import { finishedVerifyData, handshakeHash, keyBlock, keyBlockLength, sliceKeyBlock, ssl3FinishedVerifyData, type PrfAlgorithm } from '../crypto/prf.ts';
import { bytesEqual } from '../crypto/bytes.ts';
import type { RecordToDecrypt, TlsSession } from '../tls/session.ts';
import type { ConnContext } from './context.ts';
import { handshakeViews, HS, type HandshakeView } from './handshakes.ts';
import { findMasterSecret, resumptionKeys } from './master12.ts';
import { decryptRecord12, dirKeys12, type DirKeys12, type Record12Result } from './record12.ts';
import { prfFor, suite12, type Suite12 } from './suites.ts';

interface Epoch12 {
  suite: Suite12;
  version: number;
  prf: PrfAlgorithm;
  master: Uint8Array;
  keys: Record<Direction, DirKeys12>;
}

const ENCRYPT_THEN_MAC = 22;

/** Decrypts the protected records of an SSL 3.0-TLS 1.2 connection. */
export class Tls12Decrypter {
  private readonly starts: Record<Direction, number[]> = { c2s: [], s2c: [] };
  private readonly scanned: Record<Direction, number> = { c2s: 0, s2c: 0 };
  private readonly epochs = new Map<number, Epoch12 | { reasons: string[] }>();

  constructor(private readonly ctx: ConnContext) {}

  /** The record's plaintext, or why not; undefined when no keys exist for it. */
  decrypt(dir: Direction, rec: RecordToDecrypt, session: TlsSession): Record12Result | undefined {
    const records = session[dir].records;
    for (let i = this.scanned[dir]; i < rec.index; i++) if (records[i]?.contentType === 20) this.starts[dir].push(i + 1);
    this.scanned[dir] = Math.max(this.scanned[dir], rec.index);
    const epochIndex = this.starts[dir].length;
    if (epochIndex === 0) {
      this.ctx.note('application data before any ChangeCipherSpec: the start of the connection (its handshake) was not captured');
      return undefined;
    }
    const epoch = this.epoch(epochIndex - 1, session);
    if ('reasons' in epoch) {
      for (const r of epoch.reasons) this.ctx.note(r);
      return undefined;
    }
    const seq = rec.index - this.starts[dir][epochIndex - 1]!;
    return decryptRecord12(epoch.suite, epoch.keys[dir], seq, rec.contentType, rec.version, rec.fragment);
  }

  private epoch(n: number, session: TlsSession): Epoch12 | { reasons: string[] } {
    let e = this.epochs.get(n);
    if (!e) {
      e = this.derive(n, session);
      this.epochs.set(n, e);
    }
    return e;
  }

  /** Key derivation for handshake `n`: master secret, key block, and its six slices. */
  private derive(n: number, session: TlsSession): Epoch12 | { reasons: string[] } {
    const hs = handshakeViews(session, false)[n];
    if (!hs?.serverHello || hs.cipherSuite === undefined) return { reasons: ['the ServerHello was not captured: version and cipher suite unknown'] };
    const suite = suite12(hs.cipherSuite);
    if ('unsupported' in suite) return { reasons: [suite.unsupported] };
    const version = hs.serverVersion ?? session.version ?? 0x0303;
    const prf = prfFor(version, suite.info);
    const ms = findMasterSecret(hs, suite, version, prf, this.ctx.secrets, this.ctx.cache, this.ctx.book, n + 1);
    if ('reasons' in ms) return ms;
    for (const k of resumptionKeys(hs)) this.ctx.cache.set(k, ms.master);
    const lengths = { macKey: suite.macLength, encKey: suite.keyLength, fixedIv: suite.ivLength };
    const len = keyBlockLength(lengths);
    const block = keyBlock(prf, ms.master, hs.clientRandom!, hs.serverRandom!, len);
    const km = sliceKeyBlock(block, lengths);
    const book = this.ctx.book;
    book.add({
      id: `hs${n + 1}-key-block`, title: 'Key block = PRF(master secret, "key expansion", server random + client random)',
      inputs: [{ name: 'master secret', value: ms.master, secret: true }, { name: 'server random', value: hs.serverRandom!, from: 'tls.handshake.random' }, { name: 'client random', value: hs.clientRandom!, from: 'tls.handshake.random' }],
      output: { name: `key block (${len} bytes)`, value: block, secret: true },
      ...(prf === 'ssl3' ? {} : { command: opensslPrfCommand(prf, ms.master, 'key expansion', new Uint8Array([...hs.serverRandom!, ...hs.clientRandom!]), len).shell }),
      explanation: `${suite.info.name}: 2 × (${lengths.macKey}-byte MAC key + ${lengths.encKey}-byte key + ${lengths.fixedIv}-byte IV) = ${len} bytes (RFC 5246 §6.3).`,
    });
    const parts: [string, Uint8Array, number][] = [
      ['client_write_MAC_key', km.clientMacKey, km.offsets.clientMacKey], ['server_write_MAC_key', km.serverMacKey, km.offsets.serverMacKey],
      ['client_write_key', km.clientWriteKey, km.offsets.clientWriteKey], ['server_write_key', km.serverWriteKey, km.offsets.serverWriteKey],
      ['client_write_IV', km.clientIv, km.offsets.clientIv], ['server_write_IV', km.serverIv, km.offsets.serverIv],
    ];
    for (const [name, value, offset] of parts) {
      if (value.length === 0) continue;
      book.add({ id: `hs${n + 1}-${name.toLowerCase().replace(/_/g, '-')}`, title: `${name} = key block[${offset}..${offset + value.length - 1}]`, inputs: [{ name: 'key block', value: block, secret: true }], output: { name, value, secret: true } });
    }
    const etm = hs.clientExtensions.has(ENCRYPT_THEN_MAC) && hs.serverExtensions.has(ENCRYPT_THEN_MAC);
    return {
      suite, version, prf, master: ms.master,
      keys: {
        c2s: dirKeys12(suite, km.clientMacKey, km.clientWriteKey, km.clientIv, etm),
        s2c: dirKeys12(suite, km.serverMacKey, km.serverWriteKey, km.serverIv, etm),
      },
    };
  }

  /** After decoding: Finished checked for both sides of every handshake with keys; tickets cached for resumption. */
  finish(session: TlsSession): void {
    const views = handshakeViews(session, false);
    views.forEach((hs, n) => {
      const e = this.epochs.get(n);
      if (!e || 'reasons' in e) return;
      if (hs.newTicket && hs.newTicket.length > 0) this.ctx.cache.set(`ticket:${toHex(hs.newTicket)}`, e.master);
      this.checkFinished(hs, e, n + 1);
    });
  }

  private checkFinished(hs: HandshakeView, e: Epoch12, n: number): void {
    hs.entries.forEach((entry, i) => {
      if (entry.type !== HS.finished) return;
      const side = entry.dir === 'c2s' ? 'client' : 'server';
      const before = hs.entries.slice(0, i).map((x) => x.bytes);
      const found = entry.bytes.subarray(4);
      let expected: Uint8Array;
      let command: string | undefined;
      let hashHex: string;
      if (e.prf === 'ssl3') {
        const all = new Uint8Array(before.reduce((a, b) => a + b.length, 0));
        let at = 0;
        for (const b of before) {
          all.set(b, at);
          at += b.length;
        }
        expected = ssl3FinishedVerifyData(e.master, side, all);
        hashHex = '(SSL 3.0: MD5 and SHA-1 over the messages, sender and master secret)';
      } else {
        const hash = handshakeHash(e.prf, before);
        expected = finishedVerifyData(e.prf, e.master, side, before);
        command = opensslPrfCommand(e.prf, e.master, `${side} finished`, hash, expected.length).shell;
        hashHex = toHex(hash);
      }
      const ok = bytesEqual(expected, found.subarray(0, expected.length)) && found.length === expected.length;
      this.ctx.book.add({
        id: `hs${n}-${side}-finished`, title: `${side === 'client' ? 'Client' : 'Server'} Finished check: verify_data = PRF(master secret, "${side} finished", Hash(handshake messages))`,
        inputs: [{ name: 'master secret', value: e.master, secret: true }, { name: `handshake hash (${before.length} messages)`, value: hashHex }, { name: 'verify_data received', value: found, from: 'tls.handshake.verify_data' }],
        output: { name: 'verify_data computed', value: expected },
        ...(command ? { command } : {}), ok,
        explanation: ok ? `The ${side}'s Finished matches: both sides derived the same master secret and saw the same handshake.` : `The ${side}'s Finished does NOT match the value recomputed from the transcript (wrong master secret, or the capture's handshake differs from what the ${side} hashed).`,
      });
      if (!ok) this.ctx.note(`the ${side} Finished of handshake ${n} does not verify`);
    });
  }
}
