// Record-level AEAD decryption: AES-GCM (RFC 5288), AES-CCM and CCM_8 (RFC 6655), ChaCha20-Poly1305
// (RFC 7905), with the TLS 1.2 nonce/AAD (RFC 5246 §6.2.3.3) and the TLS 1.3 ones (RFC 8446 §5.2-5.3).
import { createCipheriv, createDecipheriv } from 'node:crypto';
import type { CipherCCMTypes, CipherGCMTypes, CipherChaCha20Poly1305Types } from 'node:crypto';
import { concatBytes, uintBytes, xorBytes } from './bytes.ts';

/** The AEAD algorithms TLS uses. */
export type AeadAlgorithm =
  | 'aes-128-gcm' | 'aes-256-gcm'
  | 'aes-128-ccm' | 'aes-256-ccm' | 'aes-128-ccm8' | 'aes-256-ccm8'
  | 'chacha20-poly1305';

/** How the per-record nonce is formed. */
export type NonceMode =
  /** TLS 1.2 GCM/CCM: 4-byte implicit salt from the key block + 8-byte explicit nonce sent at the start of the fragment (RFC 5288 §3, RFC 6655 §3). */
  | 'explicit'
  /** TLS 1.3 (RFC 8446 §5.3) and ChaCha20-Poly1305 in TLS 1.2 (RFC 7905 §2): 12-byte IV XOR the left-padded sequence number. */
  | 'xor';

/** Decryption result: a tag that does not verify is a normal result, not an exception. */
export type AeadResult =
  | { ok: true; plaintext: Uint8Array; nonce: Uint8Array; explicitNonce?: Uint8Array; tag: Uint8Array }
  | { ok: false; reason: string; nonce?: Uint8Array; explicitNonce?: Uint8Array; tag?: Uint8Array };

/** Tag length in bytes: 8 for CCM_8, 16 otherwise. */
export function aeadTagLength(alg: AeadAlgorithm): number {
  return alg.endsWith('ccm8') ? 8 : 16;
}

/** Key length in bytes. */
export function aeadKeyLength(alg: AeadAlgorithm): number {
  return alg.startsWith('aes-128') ? 16 : 32;
}

/** Length of the explicit nonce carried in each record for the given mode: 8 bytes (TLS 1.2 GCM/CCM) or 0. */
export function explicitNonceLength(mode: NonceMode): number {
  return mode === 'explicit' ? 8 : 0;
}

/** TLS 1.3 / RFC 7905 nonce: the 64-bit sequence number, left-padded to the IV length, XOR the IV (RFC 8446 §5.3). */
export function xorNonce(iv: Uint8Array, seq: bigint | number): Uint8Array {
  return xorBytes(iv, uintBytes(seq, iv.length));
}

/** TLS 1.2 GCM/CCM nonce: salt (4 bytes, client/server_write_IV) + explicit nonce (8 bytes) (RFC 5288 §3). */
export function explicitNonce(salt: Uint8Array, explicit: Uint8Array): Uint8Array {
  return concatBytes(salt, explicit);
}

/** TLS 1.2 additional data: seq_num (8) + type (1) + version (2) + length (2) of the plaintext (RFC 5246 §6.2.3.3). */
export function additionalData12(seq: bigint | number, type: number, version: number, plaintextLength: number): Uint8Array {
  return concatBytes(uintBytes(seq, 8), Uint8Array.of(type), uintBytes(version, 2), uintBytes(plaintextLength, 2));
}

/** TLS 1.3 additional data: the record header opaque_type (23) + legacy_record_version (0x0303) + length of the encrypted record (RFC 8446 §5.2). */
export function additionalData13(encryptedLength: number, type = 23, version = 0x0303): Uint8Array {
  return concatBytes(Uint8Array.of(type), uintBytes(version, 2), uintBytes(encryptedLength, 2));
}

function nodeName(alg: AeadAlgorithm): string {
  return alg.endsWith('ccm8') ? alg.slice(0, -1) : alg;
}

/** Low level: open ciphertext||tag with an explicit 12-byte nonce and AAD. */
export function aeadOpen(alg: AeadAlgorithm, key: Uint8Array, nonce: Uint8Array, aad: Uint8Array, ciphertextWithTag: Uint8Array): AeadResult {
  const tagLength = aeadTagLength(alg);
  if (key.length !== aeadKeyLength(alg)) return { ok: false, reason: `key is ${key.length} bytes, ${alg} needs ${aeadKeyLength(alg)}`, nonce };
  if (ciphertextWithTag.length < tagLength) {
    return { ok: false, reason: `${ciphertextWithTag.length} bytes is shorter than the ${tagLength}-byte tag`, nonce };
  }
  const ct = ciphertextWithTag.subarray(0, ciphertextWithTag.length - tagLength);
  const tag = ciphertextWithTag.slice(ciphertextWithTag.length - tagLength);
  try {
    let plain: Buffer;
    if (alg.includes('ccm')) {
      const d = createDecipheriv(nodeName(alg) as CipherCCMTypes, key, nonce, { authTagLength: tagLength });
      d.setAuthTag(tag);
      d.setAAD(aad, { plaintextLength: ct.length });
      plain = d.update(ct); // CCM checks the tag inside update(): it throws on a bad tag
      d.final();
    } else if (alg === 'chacha20-poly1305') {
      const d = createDecipheriv(alg as CipherChaCha20Poly1305Types, key, nonce, { authTagLength: tagLength });
      d.setAAD(aad, { plaintextLength: ct.length });
      d.setAuthTag(tag);
      plain = Buffer.concat([d.update(ct), d.final()]);
    } else {
      const d = createDecipheriv(alg as CipherGCMTypes, key, nonce, { authTagLength: tagLength });
      d.setAAD(aad);
      d.setAuthTag(tag);
      plain = Buffer.concat([d.update(ct), d.final()]);
    }
    return { ok: true, plaintext: new Uint8Array(plain), nonce, tag };
  } catch (e) {
    const message = e instanceof Error ? e.message : String(e);
    return { ok: false, reason: `authentication tag does not verify (${message})`, nonce, tag };
  }
}

/** Low level: seal plaintext, returning ciphertext||tag (used to build test records and for teaching). */
export function aeadSeal(alg: AeadAlgorithm, key: Uint8Array, nonce: Uint8Array, aad: Uint8Array, plaintext: Uint8Array): Uint8Array {
  const tagLength = aeadTagLength(alg);
  if (alg.includes('ccm')) {
    const c = createCipheriv(nodeName(alg) as CipherCCMTypes, key, nonce, { authTagLength: tagLength });
    c.setAAD(aad, { plaintextLength: plaintext.length });
    const body = Buffer.concat([c.update(plaintext), c.final()]);
    return concatBytes(body, c.getAuthTag());
  }
  if (alg === 'chacha20-poly1305') {
    const c = createCipheriv(alg as CipherChaCha20Poly1305Types, key, nonce, { authTagLength: tagLength });
    c.setAAD(aad, { plaintextLength: plaintext.length });
    const body = Buffer.concat([c.update(plaintext), c.final()]);
    return concatBytes(body, c.getAuthTag());
  }
  const c = createCipheriv(alg as CipherGCMTypes, key, nonce, { authTagLength: tagLength });
  c.setAAD(aad);
  const body = Buffer.concat([c.update(plaintext), c.final()]);
  return concatBytes(body, c.getAuthTag());
}

/**
 * Decrypt one record body with (key, iv, seq, additionalData, ciphertext-with-tag). With mode 'explicit'
 * the ciphertext starts with the 8-byte explicit nonce and `iv` is the 4-byte salt; with 'xor' `iv` is
 * the 12-byte IV (RFC 8446 §5.3, RFC 7905 §2).
 */
export function aeadDecrypt(
  alg: AeadAlgorithm,
  mode: NonceMode,
  key: Uint8Array,
  iv: Uint8Array,
  seq: bigint | number,
  additionalData: Uint8Array,
  ciphertext: Uint8Array,
): AeadResult {
  if (mode === 'xor') {
    if (iv.length !== 12) return { ok: false, reason: `IV is ${iv.length} bytes, the nonce needs 12` };
    return aeadOpen(alg, key, xorNonce(iv, seq), additionalData, ciphertext);
  }
  if (iv.length !== 4) return { ok: false, reason: `implicit salt is ${iv.length} bytes, expected 4` };
  if (ciphertext.length < 8) return { ok: false, reason: `record of ${ciphertext.length} bytes has no room for the 8-byte explicit nonce` };
  const explicit = ciphertext.slice(0, 8);
  const r = aeadOpen(alg, key, explicitNonce(iv, explicit), additionalData, ciphertext.subarray(8));
  return { ...r, explicitNonce: explicit };
}

/** Length of the plaintext a TLS 1.2 AEAD fragment carries: fragment - explicit nonce - tag (may be negative for a bad record). */
export function tls12AeadPlaintextLength(alg: AeadAlgorithm, mode: NonceMode, fragmentLength: number): number {
  return fragmentLength - explicitNonceLength(mode) - aeadTagLength(alg);
}

/** Decrypt a TLS 1.2 AEAD record fragment, building its additional data from seq, type and version (RFC 5246 §6.2.3.3). */
export function decryptTls12AeadRecord(
  alg: AeadAlgorithm, mode: NonceMode, key: Uint8Array, iv: Uint8Array,
  seq: bigint | number, type: number, version: number, fragment: Uint8Array,
): AeadResult & { additionalData: Uint8Array } {
  const length = Math.max(0, tls12AeadPlaintextLength(alg, mode, fragment.length));
  const additionalData = additionalData12(seq, type, version, length);
  return { ...aeadDecrypt(alg, mode, key, iv, seq, additionalData, fragment), additionalData };
}

/** A decrypted TLS 1.3 record: TLSInnerPlaintext = content + ContentType + zero padding (RFC 8446 §5.2). */
export type Tls13RecordResult =
  | { ok: true; inner: Uint8Array; content: Uint8Array; contentType: number; paddingLength: number; nonce: Uint8Array; tag: Uint8Array; additionalData: Uint8Array }
  | { ok: false; reason: string; inner?: Uint8Array; additionalData: Uint8Array; nonce?: Uint8Array };

/** Decrypt a TLS 1.3 record: AAD = its 5-byte header, nonce = IV XOR seq, then strip the zero padding and read the real content type (RFC 8446 §5.2-5.4). */
export function decryptTls13Record(
  alg: AeadAlgorithm, key: Uint8Array, iv: Uint8Array, seq: bigint | number,
  encryptedRecord: Uint8Array, header?: { type: number; version: number },
): Tls13RecordResult {
  const additionalData = additionalData13(encryptedRecord.length, header?.type ?? 23, header?.version ?? 0x0303);
  const r = aeadDecrypt(alg, 'xor', key, iv, seq, additionalData, encryptedRecord);
  if (!r.ok) return { ok: false, reason: r.reason, additionalData, nonce: r.nonce };
  const inner = r.plaintext;
  let end = inner.length;
  while (end > 0 && inner[end - 1] === 0) end--;
  if (end === 0) return { ok: false, reason: 'TLSInnerPlaintext is all zeros: no content type (RFC 8446 §5.4)', inner, additionalData, nonce: r.nonce };
  return {
    ok: true, inner, content: inner.subarray(0, end - 1), contentType: inner[end - 1] ?? 0,
    paddingLength: inner.length - end, nonce: r.nonce, tag: r.tag, additionalData,
  };
}
