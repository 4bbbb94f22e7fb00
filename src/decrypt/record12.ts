// One SSL 3.0-TLS 1.2 record decrypted with its direction's keys: AEAD (RFC 5246 §6.2.3.3,
// RFC 7905), CBC with HMAC (MAC-then-encrypt, TLS 1.0 chained IV, RFC 7366 encrypt-then-MAC),
// RC4 and NULL; with the parts of the ciphertext named for the record's fields.
import { decryptTls12AeadRecord } from '../crypto/aead.ts';
import { decryptCbcRecord } from '../crypto/cbc.ts';
import { rc4Init, decryptStreamRecord, type Rc4State } from '../crypto/rc4.ts';
import type { CipherPart } from './fields.ts';
import type { Suite12 } from './suites.ts';

/** One direction's keys in one epoch (between two ChangeCipherSpecs). */
export interface DirKeys12 {
  macKey: Uint8Array;
  encKey: Uint8Array;
  /** Key block IV: AEAD salt / ChaCha20 IV, or the first TLS 1.0 CBC IV. */
  iv: Uint8Array;
  /** TLS 1.0 / SSL 3.0: the IV of the next record (last ciphertext block of the previous one). */
  chainedIv: Uint8Array;
  rc4?: Rc4State;
  encryptThenMac: boolean;
}

/** A record's plaintext, or why not, with the ciphertext parts either way. */
export type Record12Result = { ok: true; plaintext: Uint8Array; contentType: number; parts: CipherPart[] } | { ok: false; reason: string; parts: CipherPart[] };

/** Fresh per-direction state for an epoch. */
export function dirKeys12(suite: Suite12, macKey: Uint8Array, encKey: Uint8Array, iv: Uint8Array, encryptThenMac: boolean): DirKeys12 {
  const k: DirKeys12 = { macKey, encKey, iv, chainedIv: iv, encryptThenMac: encryptThenMac && suite.protection.kind === 'block' };
  if (suite.protection.kind === 'stream') k.rc4 = rc4Init(encKey);
  return k;
}

const enc = (name: string, length: number): CipherPart => ({ name: `Encrypted ${name}`, length });

/** Decrypts one record; `seq` counts records since this direction's ChangeCipherSpec (RFC 5246 §6.1). */
export function decryptRecord12(suite: Suite12, keys: DirKeys12, seq: number, type: number, version: number, fragment: Uint8Array): Record12Result {
  const p = suite.protection;
  if (p.kind === 'aead') {
    const explicitLen = p.nonce === 'explicit' ? 8 : 0;
    const tagLen = p.alg.endsWith('ccm8') ? 8 : 16;
    const body = fragment.length - explicitLen - tagLen;
    const parts: CipherPart[] = body < 0 ? [{ name: 'Encrypted Record (too short)', length: fragment.length }] : [
      { name: 'Explicit Nonce', length: explicitLen, kb: 'tls.decrypt.explicit_nonce' },
      enc('Content', body),
      { name: 'Authentication Tag', length: tagLen, kb: 'tls.decrypt.tag' },
    ];
    const r = decryptTls12AeadRecord(p.alg, p.nonce, keys.encKey, keys.iv, seq, type, version, fragment);
    return r.ok ? { ok: true, plaintext: r.plaintext, contentType: type, parts } : { ok: false, reason: `bad_record_mac: ${r.reason}`, parts };
  }
  if (p.kind === 'stream') {
    const r = decryptStreamRecord({ state: keys.rc4!, mac: suite.mac, macKey: keys.macKey, seq, type, version, fragment });
    const parts = [enc('Content', Math.max(0, fragment.length - suite.macLength)), enc('MAC', Math.min(fragment.length, suite.macLength))];
    return r.ok ? { ok: true, plaintext: r.plaintext, contentType: type, parts } : { ok: false, reason: `bad_record_mac: ${r.reason ?? 'MAC does not match'}`, parts };
  }
  const cipher = p.kind === 'null' ? 'null' : p.alg;
  const r = decryptCbcRecord({
    cipher, mac: suite.mac, encKey: keys.encKey, macKey: keys.macKey, seq, type, version, fragment,
    chainedIv: keys.chainedIv, encryptThenMac: keys.encryptThenMac,
  });
  if (version < 0x0302 && r.nextIv.length > 0) keys.chainedIv = r.nextIv;
  const ivLen = r.explicitIv?.length ?? 0;
  const etmMac = keys.encryptThenMac ? suite.macLength : 0;
  const parts: CipherPart[] = [];
  if (ivLen > 0) parts.push({ name: 'Explicit IV', length: ivLen, kb: 'tls.decrypt.explicit_iv' });
  if (p.kind === 'null') {
    const macLen = Math.min(fragment.length, suite.macLength);
    parts.push({ name: 'Content (NULL cipher)', length: fragment.length - macLen }, { name: 'MAC', length: macLen, kb: 'tls.decrypt.mac' });
  } else if (r.decrypted.length > 0 && r.decrypted.length === fragment.length - ivLen - etmMac) {
    if (keys.encryptThenMac) parts.push(enc('Content', r.plaintext.length), enc('Padding', r.padding.length));
    else parts.push(enc('Content', r.plaintext.length), enc('MAC', r.mac.length), enc('Padding', r.padding.length));
  } else parts.push(enc('Data', fragment.length - ivLen - etmMac));
  if (etmMac > 0) parts.push({ name: 'MAC (encrypt-then-MAC)', length: etmMac, kb: 'tls.decrypt.mac' });
  if (!r.ok) return { ok: false, reason: `bad_record_mac: ${r.reason ?? 'MAC does not match'}`, parts };
  return { ok: true, plaintext: r.plaintext, contentType: type, parts };
}
