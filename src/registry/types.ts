// Types shared by the generated registry tables (src/registry/data/) and their API (index.ts).

/** A code -> display name table, as decoders pass it to a cursor read. */
export type Registry = ReadonlyMap<number, string>;

/** The TLS 1.2 PRF hash (or TLS 1.3 HKDF hash) a suite uses; undefined where not determinable. */
export type PrfHash = 'sha256' | 'sha384' | 'sm3';

/** How the bulk cipher protects records. */
export type CipherKind = 'null' | 'stream' | 'block' | 'aead';

/** Everything the name of a TLS cipher suite tells, plus the record-protection sizes. */
export interface CipherSuiteInfo {
  /** The 16-bit code, e.g. 0x0035. */
  readonly code: number;
  /** IANA name, e.g. TLS_RSA_WITH_AES_256_CBC_SHA (or Wireshark's name for unregistered suites). */
  readonly name: string;
  /** OpenSSL's name, e.g. AES256-SHA, where OpenSSL has one. */
  readonly openssl?: string;
  /** Key exchange: RSA, DH, DHE, ECDH, ECDHE, PSK, DHE_PSK, RSA_PSK, ECDHE_PSK, KRB5, SRP, ECCPWD, ...; 'any' for TLS 1.3. */
  readonly keyExchange: string;
  /** Authentication: RSA, DSS, ECDSA, anon, PSK, KRB5, SRP, ...; 'any' for TLS 1.3. */
  readonly authentication: string;
  /** Bulk cipher: AES_128_GCM, AES_256_CBC, CHACHA20_POLY1305, 3DES_EDE_CBC, RC4_128, NULL, ... */
  readonly cipher: string;
  /** Record MAC: SHA, SHA256, SHA384, MD5, NULL, or AEAD. */
  readonly mac: string;
  /** An export-grade suite (40/56-bit keys). */
  readonly export: boolean;
  /** A signalling value (TLS_EMPTY_RENEGOTIATION_INFO_SCSV, TLS_FALLBACK_SCSV), not a real suite. */
  readonly scsv: boolean;
  /** Lowest protocol version that can negotiate it, where known (0x0300 SSL 3.0 ... 0x0304 TLS 1.3). */
  readonly minVersion?: number;
  /** Highest protocol version that can negotiate it, where known. */
  readonly maxVersion?: number;
  /** False where the sizes below could not be determined (GOST, AEGIS, integrity-only, SCSV, ...). */
  readonly known: boolean;
  /** How the bulk cipher protects records. */
  readonly kind?: CipherKind;
  /** Bytes of encryption key taken from the key block per direction (export: before expansion). */
  readonly keyLength?: number;
  /** Export suites: the expanded (final) key length; equals keyLength otherwise. */
  readonly expandedKeyLength?: number;
  /** IV bytes from the key block: CBC block IV (SSL 3.0/TLS 1.0), AEAD fixed IV/salt (GCM/CCM 4, ChaCha20 12, TLS 1.3 12). */
  readonly ivLength?: number;
  /** Explicit per-record nonce/IV bytes in TLS 1.1/1.2: CBC block size, GCM/CCM 8, ChaCha20 0. */
  readonly recordIvLength?: number;
  /** Cipher block size, 0 for stream and AEAD ciphers. */
  readonly blockSize?: number;
  /** HMAC output length, 0 for AEAD and NULL. */
  readonly macLength?: number;
  /** AEAD tag length (16, or 8 for CCM_8), 0 otherwise. */
  readonly tagLength?: number;
  /** TLS 1.2 PRF hash / TLS 1.3 HKDF hash. TLS 1.0/1.1 and SSL 3.0 use MD5+SHA-1 whatever this says. */
  readonly prfHash?: PrfHash;
  /** IANA Reference column. */
  readonly reference: string;
  /** Listed in the IANA registry (false for the legacy extras). */
  readonly iana: boolean;
}

/** An SSL 2.0 CIPHER-SPEC (3-byte code). */
export interface Sslv2CipherSpecInfo {
  /** The 24-bit code, e.g. 0x010080. */
  readonly code: number;
  /** SSL 2.0 spec name, e.g. SSL_CK_RC4_128_WITH_MD5. */
  readonly name: string;
  /** OpenSSL's name, e.g. RC4-MD5. */
  readonly openssl: string;
  /** Bulk cipher: RC4_128, RC2_128_CBC, IDEA_128_CBC, DES_64_CBC, DES_192_EDE3_CBC, RC4_64. */
  readonly cipher: string;
  /** An export spec (40 secret key bits). */
  readonly export: boolean;
  /** Bytes of session key per direction (MASTER-KEY clear + secret parts). */
  readonly keyLength: number;
  /** Bytes of the key sent encrypted (secret part); less than keyLength for export specs. */
  readonly secretKeyLength: number;
  /** KEY-ARG (IV) length: the block size for CBC ciphers, 0 for RC4. */
  readonly ivLength: number;
  /** Always 16: SSL 2.0 MACs are MD5. */
  readonly macLength: number;
}

/** What an X.509 / PKIX object identifier names. */
export interface OidInfo {
  /** Dotted form, e.g. 2.5.4.3. */
  readonly oid: string;
  /** ASN.1 value name, e.g. commonName, sha256WithRSAEncryption, subjectAltName. */
  readonly name: string;
  /** OpenSSL short name, e.g. CN. */
  readonly short?: string;
  /** The Wireshark field that holds the decoded value, where Wireshark has one. */
  readonly filter?: string;
  /** Defining document. */
  readonly reference: string;
  /** The name Wireshark shows for the OID where it differs from `name` (id-at-commonName, secp256r1). */
  readonly wireshark?: string;
}
