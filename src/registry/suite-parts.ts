// Reads a cipher suite's parts out of its IANA name and attaches the record-protection sizes
// that decryption needs. Used by scripts/gen-registries.ts; the results are stored in
// data/cipher-suites.ts so nothing here runs when wirebook decodes.
//
// Name shape (RFC 5246 appendix A.5, RFC 8446 appendix B.4):
//   TLS_<key exchange>[_EXPORT|_EXPORT1024]_WITH_<cipher>_<mac>   (SSL 3.0 ... TLS 1.2)
//   TLS_<AEAD>_<hash>                                             (TLS 1.3)
// Sizes are from RFC 5246 appendix C, RFC 2246 appendix C (export), RFC 5288, RFC 6655,
// RFC 7905, RFC 8446 s5.3, RFC 8998, draft-ietf-tls-56-bit-ciphersuites.

import type { CipherKind, CipherSuiteInfo, PrfHash } from './types.ts';

interface KxParts {
  readonly kx: string;
  readonly auth: string;
}

/** Key exchange part of the name -> (key exchange, authentication). */
const KEY_EXCHANGES: Readonly<Record<string, KxParts>> = {
  NULL: { kx: 'NULL', auth: 'NULL' },
  RSA: { kx: 'RSA', auth: 'RSA' },
  RSA_FIPS: { kx: 'RSA', auth: 'RSA' },
  DH_DSS: { kx: 'DH', auth: 'DSS' },
  DH_RSA: { kx: 'DH', auth: 'RSA' },
  DHE_DSS: { kx: 'DHE', auth: 'DSS' },
  DHE_RSA: { kx: 'DHE', auth: 'RSA' },
  DH_anon: { kx: 'DH', auth: 'anon' },
  KRB5: { kx: 'KRB5', auth: 'KRB5' },
  PSK: { kx: 'PSK', auth: 'PSK' },
  DHE_PSK: { kx: 'DHE_PSK', auth: 'PSK' },
  PSK_DHE: { kx: 'DHE_PSK', auth: 'PSK' },
  RSA_PSK: { kx: 'RSA_PSK', auth: 'RSA' },
  ECDHE_PSK: { kx: 'ECDHE_PSK', auth: 'PSK' },
  ECDH_ECDSA: { kx: 'ECDH', auth: 'ECDSA' },
  ECDHE_ECDSA: { kx: 'ECDHE', auth: 'ECDSA' },
  ECDH_RSA: { kx: 'ECDH', auth: 'RSA' },
  ECDHE_RSA: { kx: 'ECDHE', auth: 'RSA' },
  ECDH_anon: { kx: 'ECDH', auth: 'anon' },
  SRP_SHA: { kx: 'SRP', auth: 'SRP' },
  SRP_SHA_RSA: { kx: 'SRP', auth: 'RSA' },
  SRP_SHA_DSS: { kx: 'SRP', auth: 'DSS' },
  ECCPWD: { kx: 'ECCPWD', auth: 'ECCPWD' },
  FORTEZZA_KEA: { kx: 'FORTEZZA_KEA', auth: 'FORTEZZA' },
  GOSTR341094: { kx: 'GOSTR341094', auth: 'GOSTR341094' },
  GOSTR341001: { kx: 'GOSTR341001', auth: 'GOSTR341001' },
  GOSTR341112_256: { kx: 'GOSTR341112_256', auth: 'GOSTR341112_256' },
};

interface CipherParams {
  readonly kind: CipherKind;
  readonly key: number;
  /** Export ciphers: the key after expansion (RFC 2246 6.3). */
  readonly expanded?: number;
  readonly block: number;
  readonly tag: number;
}

/** Bulk cipher part of the name -> sizes. Absent ciphers (GOST, AEGIS, ...) are "unknown". */
const CIPHERS: Readonly<Record<string, CipherParams>> = {
  NULL: { kind: 'null', key: 0, block: 0, tag: 0 },
  RC4_40: { kind: 'stream', key: 5, expanded: 16, block: 0, tag: 0 },
  RC4_56: { kind: 'stream', key: 7, expanded: 16, block: 0, tag: 0 },
  RC4_128: { kind: 'stream', key: 16, block: 0, tag: 0 },
  RC2_CBC_40: { kind: 'block', key: 5, expanded: 16, block: 8, tag: 0 },
  RC2_CBC_56: { kind: 'block', key: 7, expanded: 16, block: 8, tag: 0 },
  DES40_CBC: { kind: 'block', key: 5, expanded: 8, block: 8, tag: 0 },
  DES_CBC_40: { kind: 'block', key: 5, expanded: 8, block: 8, tag: 0 },
  DES_CBC: { kind: 'block', key: 8, block: 8, tag: 0 },
  '3DES_EDE_CBC': { kind: 'block', key: 24, block: 8, tag: 0 },
  IDEA_CBC: { kind: 'block', key: 16, block: 8, tag: 0 },
  SEED_CBC: { kind: 'block', key: 16, block: 16, tag: 0 },
  AES_128_CBC: { kind: 'block', key: 16, block: 16, tag: 0 },
  AES_256_CBC: { kind: 'block', key: 32, block: 16, tag: 0 },
  CAMELLIA_128_CBC: { kind: 'block', key: 16, block: 16, tag: 0 },
  CAMELLIA_256_CBC: { kind: 'block', key: 32, block: 16, tag: 0 },
  ARIA_128_CBC: { kind: 'block', key: 16, block: 16, tag: 0 },
  ARIA_256_CBC: { kind: 'block', key: 32, block: 16, tag: 0 },
  AES_128_GCM: { kind: 'aead', key: 16, block: 0, tag: 16 },
  AES_256_GCM: { kind: 'aead', key: 32, block: 0, tag: 16 },
  CAMELLIA_128_GCM: { kind: 'aead', key: 16, block: 0, tag: 16 },
  CAMELLIA_256_GCM: { kind: 'aead', key: 32, block: 0, tag: 16 },
  ARIA_128_GCM: { kind: 'aead', key: 16, block: 0, tag: 16 },
  ARIA_256_GCM: { kind: 'aead', key: 32, block: 0, tag: 16 },
  AES_128_CCM: { kind: 'aead', key: 16, block: 0, tag: 16 },
  AES_256_CCM: { kind: 'aead', key: 32, block: 0, tag: 16 },
  AES_128_CCM_8: { kind: 'aead', key: 16, block: 0, tag: 8 },
  AES_256_CCM_8: { kind: 'aead', key: 32, block: 0, tag: 8 },
  CHACHA20_POLY1305: { kind: 'aead', key: 32, block: 0, tag: 16 },
  SM4_GCM: { kind: 'aead', key: 16, block: 0, tag: 16 },
  SM4_CCM: { kind: 'aead', key: 16, block: 0, tag: 16 },
};

/** MAC part of the name -> HMAC output length. */
const MACS: Readonly<Record<string, number>> = { NULL: 0, MD5: 16, SHA: 20, SHA256: 32, SHA384: 48 };

/** Hash named in the suite -> PRF/HKDF hash. SHA and MD5 suites use the TLS 1.2 default. */
const PRF_BY_HASH: Readonly<Record<string, PrfHash>> = {
  MD5: 'sha256',
  SHA: 'sha256',
  SHA256: 'sha256',
  SHA384: 'sha384',
  SM3: 'sm3',
};

const TLS13_AEAD = /^(AES_128_GCM|AES_256_GCM|CHACHA20_POLY1305|AES_128_CCM|AES_128_CCM_8|SM4_GCM|SM4_CCM|AEGIS_256|AEGIS_128L)_(SHA256|SHA384|SM3)$/;

/** RFC 9150 integrity-only TLS 1.3 suites: TLS_SHA256_SHA256, TLS_SHA384_SHA384. */
const INTEGRITY_ONLY = /^(SHA256|SHA384)_\1$/;

const SSL3 = 0x0300;
const TLS10 = 0x0301;
const TLS12 = 0x0303;
const TLS13 = 0x0304;

/** Builds a suite's description from its code, name and source columns. */
export function describeSuite(
  code: number,
  fullName: string,
  reference: string,
  iana: boolean,
  openssl: string | undefined,
): CipherSuiteInfo {
  const base = { code, name: fullName, ...(openssl ? { openssl } : {}), reference, iana };
  const name = fullName.replace(/^(TLS|SSL)_/, '').replace(/_OLD$/, '');
  if (name.endsWith('_SCSV')) {
    return { ...base, keyExchange: 'SCSV', authentication: 'SCSV', cipher: 'SCSV', mac: 'SCSV', export: false, scsv: true, known: false };
  }
  const tls13 = TLS13_AEAD.exec(name);
  if (tls13) return describeTls13(base, tls13[1] as string, tls13[2] as string);
  const integrity = INTEGRITY_ONLY.exec(name);
  if (integrity) return describeTls13(base, 'NULL', integrity[1] as string);
  const withAt = name.indexOf('_WITH_');
  const kxName = name.slice(0, withAt);
  const rest = name.slice(withAt + '_WITH_'.length);
  const exportGrade = /_EXPORT(1024)?$/.test(kxName);
  const kx = KEY_EXCHANGES[kxName.replace(/_EXPORT(1024)?$/, '')] ?? { kx: kxName, auth: kxName };
  const lastUnderscore = rest.lastIndexOf('_');
  const tail = rest.slice(lastUnderscore + 1);
  const hasMac = tail in MACS;
  const cipher = hasMac ? rest.slice(0, lastUnderscore) : rest;
  const hash = hasMac ? tail : undefined;
  const params = CIPHERS[cipher];
  const aead = params?.kind === 'aead';
  const mac = aead ? 'AEAD' : (hash ?? 'unknown');
  const minVersion = aead || hash === 'SHA256' || hash === 'SHA384' ? TLS12 : SSL3;
  const maxVersion = exportGrade ? TLS10 : TLS12;
  const common = { ...base, keyExchange: kx.kx, authentication: kx.auth, cipher, mac, export: exportGrade, scsv: false };
  const macLength = aead ? 0 : hash !== undefined ? MACS[hash] : undefined;
  // Unknown ciphers (GOST, Fortezza) get no version range either: we cannot vouch for it.
  if (params === undefined || macLength === undefined) return { ...common, known: false };
  return {
    ...common,
    minVersion,
    maxVersion,
    known: true,
    ...sizes(params, cipher, false),
    macLength,
    prfHash: PRF_BY_HASH[hash ?? 'SHA256'] ?? 'sha256',
  };
}

function describeTls13(
  base: Pick<CipherSuiteInfo, 'code' | 'name' | 'openssl' | 'reference' | 'iana'>,
  cipher: string,
  hash: string,
): CipherSuiteInfo {
  const integrityOnly = cipher === 'NULL';
  const params = CIPHERS[cipher];
  const common = {
    ...base,
    keyExchange: 'any',
    authentication: 'any',
    cipher,
    mac: integrityOnly ? hash : 'AEAD',
    export: false,
    scsv: false,
    minVersion: TLS13,
    maxVersion: TLS13,
    prfHash: PRF_BY_HASH[hash] ?? 'sha256',
  };
  // RFC 9150 integrity-only suites and AEGIS have no entry in CIPHERS: sizes left unknown.
  if (integrityOnly || params === undefined) return { ...common, known: false };
  return { ...common, known: true, ...sizes(params, cipher, true), macLength: 0 };
}

function sizes(p: CipherParams, cipher: string, tls13: boolean): Partial<CipherSuiteInfo> {
  const chacha = cipher === 'CHACHA20_POLY1305';
  let ivLength = p.block;
  let recordIvLength = p.block;
  if (p.kind === 'aead') {
    // RFC 8446 s5.3: 12-byte IV; RFC 7905: 12-byte fixed IV; RFC 5288/6655: 4-byte salt + 8 explicit.
    ivLength = tls13 || chacha ? 12 : 4;
    recordIvLength = tls13 || chacha ? 0 : 8;
  }
  return {
    kind: p.kind,
    keyLength: p.key,
    expandedKeyLength: p.expanded ?? p.key,
    ivLength,
    recordIvLength,
    blockSize: p.block,
    tagLength: p.tag,
  };
}
