// Where the master secret of an SSL 3.0-TLS 1.2 handshake comes from (RFC 5246 §8.1, RFC 7627 §4):
// the key log's CLIENT_RANDOM line; the pre-master secret from the key log's RSA line or from the
// server's RSA key; or, for a resumed handshake, the master secret of the session it resumes.
import { toHex } from '../crypto/bytes.ts';
import { findRsaPreMasterSecret, findSession } from '../crypto/keylog.ts';
import { opensslPrfCommand, opensslRsaDecryptCommand } from '../crypto/openssl-commands.ts';
import { extendedMasterSecret, handshakeHash, masterSecret, type PrfAlgorithm } from '../crypto/prf.ts';
import { decryptPreMasterSecret } from '../crypto/rsa.ts';
import type { CalcBook } from './calc.ts';
import { saveBytesCommand } from './calc.ts';
import { encryptedPreMasterSecret, type HandshakeView } from './handshakes.ts';
import { keyForCertificate, type DecryptionSecrets } from './secrets.ts';
import type { Suite12 } from './suites.ts';

/** Master secrets of sessions seen earlier in the capture, for resumption (by session id or ticket, hex). */
export type SessionCache = Map<string, Uint8Array>;

/** The master secret, or the reasons it could not be found. */
export type MasterResult = { master: Uint8Array; source: string } | { reasons: string[] };

const EMS = 23;
const SESSION_TICKET = 35;

/** True when both hellos carry extended_master_secret (RFC 7627 §5.1). */
export function usesEms(hs: HandshakeView): boolean {
  return hs.clientExtensions.has(EMS) && hs.serverExtensions.has(EMS);
}

/** Resumption keys a handshake may use: its session id and its ticket (RFC 5077 §3.4). */
export function resumptionKeys(hs: HandshakeView): string[] {
  const keys: string[] = [];
  if (hs.serverSessionId && hs.serverSessionId.length > 0) keys.push(`id:${toHex(hs.serverSessionId)}`);
  const ticket = hs.clientExtensions.get(SESSION_TICKET);
  if (ticket && ticket.length > 0) keys.push(`ticket:${toHex(ticket)}`);
  return keys;
}

function short(b: Uint8Array): string {
  return `${toHex(b).slice(0, 16)}…`;
}

/** Finds the master secret of handshake `hs` and records how it was made. */
export function findMasterSecret(hs: HandshakeView, suite: Suite12, version: number, prf: PrfAlgorithm, secrets: DecryptionSecrets, cache: SessionCache, book: CalcBook, n: number): MasterResult {
  const cr = hs.clientRandom;
  const sr = hs.serverRandom;
  if (!cr || !sr) return { reasons: ['the handshake was not captured (no ClientHello/ServerHello random)'] };
  const logged = findSession(secrets.keylog, cr);
  if (logged?.masterSecret) {
    book.add({
      id: `hs${n}-master-secret`, title: 'Master secret (from the key log)',
      inputs: [{ name: 'client random', value: cr, from: 'tls.handshake.random' }],
      output: { name: 'master secret', value: logged.masterSecret, secret: true },
      explanation: `The key log's CLIENT_RANDOM line ${logged.lines.CLIENT_RANDOM ?? '?'} gives the 48-byte master secret for this client random directly.`,
    });
    return { master: logged.masterSecret, source: 'key log CLIENT_RANDOM' };
  }
  const reasons: string[] = [];
  const noLog = secrets.keylog.byClientRandom.size > 0
    ? `the key log has no CLIENT_RANDOM line for client random ${short(cr)} (it holds ${secrets.keylog.byClientRandom.size} other session${secrets.keylog.byClientRandom.size === 1 ? '' : 's'})`
    : 'no key log with a CLIENT_RANDOM line for this connection';
  reasons.push(noLog);
  if (hs.clientKeyExchange === undefined) {
    for (const k of resumptionKeys(hs)) {
      const m = cache.get(k);
      if (m) {
        book.add({ id: `hs${n}-master-secret`, title: 'Master secret (resumed session)', inputs: [{ name: k.startsWith('id:') ? 'session id' : 'session ticket', value: k.slice(k.indexOf(':') + 1) }], output: { name: 'master secret', value: m, secret: true }, explanation: 'An abbreviated handshake reuses the master secret of the session it resumes (RFC 5246 §7.3), found earlier in this capture.' });
        return { master: m, source: 'resumed session in this capture' };
      }
    }
    reasons.push(resumptionKeys(hs).length > 0 ? 'the session was resumed from a session that is not in the capture (its master secret is unknown)' : 'no ClientKeyExchange was captured for this handshake');
    return { reasons };
  }
  const kx = suite.info.keyExchange;
  if (kx !== 'RSA') {
    if (secrets.keys.length > 0) reasons.push(`the key exchange is ${kx} (ephemeral Diffie-Hellman): a server private key cannot decrypt it, only a key log can`);
    return { reasons };
  }
  const epms = encryptedPreMasterSecret(hs.clientKeyExchange, version);
  let pms = findRsaPreMasterSecret(secrets.keylog, epms);
  if (pms) {
    book.add({ id: `hs${n}-pre-master-secret`, title: 'Pre-master secret (from the key log RSA line)', inputs: [{ name: 'encrypted pre-master secret (first 8 bytes)', value: epms.subarray(0, 8) }], output: { name: 'pre-master secret', value: pms, secret: true } });
  } else {
    const found = keyForCertificate(secrets, hs.certificate);
    if (!found.key) {
      reasons.push(`RSA key exchange: ${found.reason ?? 'no key'}`);
      return { reasons };
    }
    const r = decryptPreMasterSecret(found.key.key, epms);
    const cmd = `${saveBytesCommand(epms, 'epms.bin')} && ${opensslRsaDecryptCommand(found.key.name, 'epms.bin').shell} | xxd -p`;
    if (!r.ok) {
      book.add({ id: `hs${n}-pre-master-secret`, title: 'Pre-master secret (RSA decryption)', inputs: [{ name: 'encrypted pre-master secret', value: epms, from: 'tls.handshake.epms' }, { name: 'private key', value: found.key.name }], output: { name: 'RSA block (m = c^d mod n)', value: r.block ?? new Uint8Array(0), secret: true }, ok: false, command: cmd, explanation: r.reason });
      reasons.push(`RSA decryption of the pre-master secret with ${found.key.name} failed: ${r.reason}`);
      return { reasons };
    }
    pms = r.preMasterSecret;
    const versionOk = r.clientVersion === hs.clientVersion;
    book.add({
      id: `hs${n}-pre-master-secret`, title: 'Pre-master secret (RSA decryption of the ClientKeyExchange)',
      inputs: [{ name: 'encrypted pre-master secret', value: epms, from: 'tls.handshake.epms' }, { name: 'private key', value: found.key.name }],
      output: { name: 'PKCS#1 block 00 02 <padding> 00 <pre-master secret>', value: `00 02 ${toHex(r.padding)} 00 ${toHex(pms)}`, secret: true },
      command: cmd, ok: versionOk,
      explanation: `Raw RSA gives 00 02, ${r.padding.length} nonzero padding bytes, 00, then the 48-byte pre-master secret (RFC 5246 §7.4.7.1). Its first two bytes ${r.clientVersion.toString(16).padStart(4, '0')} ${versionOk ? 'equal' : 'differ from'} ClientHello.client_version ${(hs.clientVersion ?? 0).toString(16).padStart(4, '0')} (the version rollback check).`,
    });
  }
  let master: Uint8Array;
  if (usesEms(hs) && prf !== 'ssl3') {
    const upTo = hs.entries.slice(0, (hs.clientKeyExchangeAt ?? hs.entries.length - 1) + 1).map((e) => e.bytes);
    const sessionHash = handshakeHash(prf, upTo);
    master = extendedMasterSecret(prf, pms, sessionHash);
    book.add({
      id: `hs${n}-master-secret`, title: 'Extended master secret (RFC 7627)',
      inputs: [{ name: 'pre-master secret', value: pms, secret: true }, { name: 'session hash (ClientHello … ClientKeyExchange)', value: sessionHash }],
      output: { name: 'master secret', value: master, secret: true },
      command: opensslPrfCommand(prf, pms, 'extended master secret', sessionHash, 48).shell,
    });
  } else {
    master = masterSecret(prf, pms, cr, sr);
    const cmd = prf === 'ssl3' ? undefined : opensslPrfCommand(prf, pms, 'master secret', new Uint8Array([...cr, ...sr]), 48).shell;
    book.add({
      id: `hs${n}-master-secret`, title: 'Master secret = PRF(pre-master secret, "master secret", client random + server random)',
      inputs: [{ name: 'pre-master secret', value: pms, secret: true }, { name: 'client random', value: cr, from: 'tls.handshake.random' }, { name: 'server random', value: sr, from: 'tls.handshake.random' }],
      output: { name: 'master secret', value: master, secret: true },
      ...(cmd ? { command: cmd } : {}),
    });
  }
  return { master, source: 'RSA pre-master secret' };
}
