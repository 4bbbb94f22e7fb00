// The record MAC of SSL 3.0 and TLS 1.0-1.2 (MAC-then-encrypt and encrypt-then-MAC).
// RFC 5246 §6.2.3.1 (HMAC over seq_num + type + version + length + content), RFC 6101 §5.2.3.1 (SSL 3.0).
import { createHash, createHmac } from 'node:crypto';
import { concatBytes, uintBytes } from './bytes.ts';

/** MAC algorithms of the CBC and stream suites ('null' for NULL-MAC suites). */
export type MacAlgorithm = 'md5' | 'sha1' | 'sha256' | 'sha384' | 'null';

/** MAC length in bytes (RFC 5246 §6.2.3.1: the hash output, untruncated). */
export function macLength(mac: MacAlgorithm): number {
  switch (mac) {
    case 'md5': return 16;
    case 'sha1': return 20;
    case 'sha256': return 32;
    case 'sha384': return 48;
    case 'null': return 0;
  }
}

/** The bytes the TLS MAC covers before the content: seq_num (8) + type (1) + version (2) + length (2) (RFC 5246 §6.2.3.1). */
export function macHeader(seq: bigint | number, type: number, version: number, length: number): Uint8Array {
  return concatBytes(uintBytes(seq, 8), Uint8Array.of(type), uintBytes(version, 2), uintBytes(length, 2));
}

/** SSL 3.0 MAC: hash(secret + pad_2 + hash(secret + pad_1 + seq_num + type + length + content)) (RFC 6101 §5.2.3.1). */
export function ssl3Mac(mac: 'md5' | 'sha1', key: Uint8Array, seq: bigint | number, type: number, content: Uint8Array): Uint8Array {
  const padLength = mac === 'md5' ? 48 : 40;
  const inner = createHash(mac).update(key).update(new Uint8Array(padLength).fill(0x36))
    .update(uintBytes(seq, 8)).update(Uint8Array.of(type)).update(uintBytes(content.length, 2)).update(content).digest();
  return new Uint8Array(createHash(mac).update(key).update(new Uint8Array(padLength).fill(0x5c)).update(inner).digest());
}

/**
 * The record MAC for `content` (RFC 5246 §6.2.3.1); for version 0x0300 the SSL 3.0 construction.
 * With encrypt-then-MAC (RFC 7366 §3) `content` is IV + ciphertext.
 */
export function recordMac(mac: MacAlgorithm, key: Uint8Array, seq: bigint | number, type: number, version: number, content: Uint8Array): Uint8Array {
  if (mac === 'null') return new Uint8Array(0);
  if (version === 0x0300 && (mac === 'md5' || mac === 'sha1')) return ssl3Mac(mac, key, seq, type, content);
  return new Uint8Array(createHmac(mac, key).update(macHeader(seq, type, version, content.length)).update(content).digest());
}
