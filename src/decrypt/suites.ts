// How a TLS ≤ 1.2 cipher suite protects records, from the registry's parts: one table from the
// bulk cipher name to the algorithm, one from the MAC name (tables, not switches).
import type { AeadAlgorithm, NonceMode } from '../crypto/aead.ts';
import type { BlockCipherAlgorithm } from '../crypto/cbc.ts';
import type { MacAlgorithm } from '../crypto/mac.ts';
import type { PrfAlgorithm } from '../crypto/prf.ts';
import { cipherSuiteInfo, type CipherSuiteInfo } from '../registry/index.ts';

/** The record protection of a suite. */
export type Protection =
  | { kind: 'aead'; alg: AeadAlgorithm; nonce: NonceMode }
  | { kind: 'block'; alg: BlockCipherAlgorithm }
  | { kind: 'stream'; alg: 'rc4' }
  | { kind: 'null' };

const CIPHERS: Readonly<Record<string, Protection>> = {
  AES_128_GCM: { kind: 'aead', alg: 'aes-128-gcm', nonce: 'explicit' },
  AES_256_GCM: { kind: 'aead', alg: 'aes-256-gcm', nonce: 'explicit' },
  AES_128_CCM: { kind: 'aead', alg: 'aes-128-ccm', nonce: 'explicit' },
  AES_256_CCM: { kind: 'aead', alg: 'aes-256-ccm', nonce: 'explicit' },
  AES_128_CCM_8: { kind: 'aead', alg: 'aes-128-ccm8', nonce: 'explicit' },
  AES_256_CCM_8: { kind: 'aead', alg: 'aes-256-ccm8', nonce: 'explicit' },
  CHACHA20_POLY1305: { kind: 'aead', alg: 'chacha20-poly1305', nonce: 'xor' },
  AES_128_CBC: { kind: 'block', alg: 'aes-128-cbc' },
  AES_256_CBC: { kind: 'block', alg: 'aes-256-cbc' },
  '3DES_EDE_CBC': { kind: 'block', alg: 'des-ede3-cbc' },
  CAMELLIA_128_CBC: { kind: 'block', alg: 'camellia-128-cbc' },
  CAMELLIA_256_CBC: { kind: 'block', alg: 'camellia-256-cbc' },
  RC4_128: { kind: 'stream', alg: 'rc4' },
  NULL: { kind: 'null' },
};

const MACS: Readonly<Record<string, MacAlgorithm>> = { SHA: 'sha1', SHA256: 'sha256', SHA384: 'sha384', MD5: 'md5', NULL: 'null', AEAD: 'null' };

/** A ≤ 1.2 suite ready for decryption. */
export interface Suite12 {
  info: CipherSuiteInfo;
  protection: Protection;
  mac: MacAlgorithm;
  macLength: number;
  keyLength: number;
  /** Key block IV bytes: the CBC IV (used in TLS 1.0; harmless extra bytes later), the AEAD salt/IV. */
  ivLength: number;
}

/** The suite's record protection, or why it cannot be decrypted. */
export function suite12(code: number): Suite12 | { unsupported: string } {
  const info = cipherSuiteInfo.get(code);
  const hex = `0x${code.toString(16).padStart(4, '0')}`;
  if (!info) return { unsupported: `cipher suite ${hex} is not in the registry` };
  const protection = CIPHERS[info.cipher];
  const mac = MACS[info.mac];
  if (!protection || mac === undefined) return { unsupported: `${info.name}: bulk cipher ${info.cipher} with MAC ${info.mac} is not supported` };
  if (info.export) return { unsupported: `${info.name}: export key expansion is not supported` };
  const macLen = protection.kind === 'aead' ? 0 : (info.macLength ?? 0);
  const ivLength = protection.kind === 'block' ? (info.blockSize ?? 16) : (info.ivLength ?? 0);
  return { info, protection, mac: protection.kind === 'aead' ? 'null' : mac, macLength: macLen, keyLength: info.keyLength ?? 0, ivLength };
}

/** The PRF of a version and suite: SSL 3.0's, TLS 1.0/1.1's MD5+SHA-1, or TLS 1.2's suite hash (SHA-256 by default). */
export function prfFor(version: number, info: CipherSuiteInfo): PrfAlgorithm {
  if (version === 0x0300) return 'ssl3';
  if (version < 0x0303) return 'tls10';
  return info.prfHash === 'sha384' ? 'sha384' : 'sha256';
}
