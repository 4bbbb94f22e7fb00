// The registries as a small typed API. The tables live in data/ and are generated from the
// IANA/RFC sources by scripts/gen-registries.ts; this file only indexes and looks them up.
// Decoders pass the Maps to a cursor read (r.u16('Cipher Suite', 'tls.handshake.ciphersuite',
// cipherSuites)); the lookups below return undefined for unassigned values, never a guess.

import { alpnProtocols } from './data/alpn.ts';
import { cipherSuiteTable, cipherSuites } from './data/cipher-suites.ts';
import { oidTable } from './data/oids.ts';
import { sslv2CipherSpecTable } from './data/sslv2.ts';
import {
  alertDescriptions,
  alertLevels,
  certificateCompressionAlgorithms,
  certificateStatusTypes,
  clientCertificateTypes,
  compressionMethods,
  contentTypes,
  ecCurveTypes,
  ecPointFormats,
  extensionTypes,
  handshakeTypes,
  hashAlgorithms,
  heartbeatMessageTypes,
  heartbeatModes,
  protocolVersions,
  pskKeyExchangeModes,
  signatureAlgorithms,
  signatureSchemes,
  sniNameTypes,
  sslv2MessageTypes,
  supportedGroups,
} from './data/tls.ts';
import type { CipherSuiteInfo, OidInfo, Sslv2CipherSpecInfo } from './types.ts';

export type { CipherKind, CipherSuiteInfo, OidInfo, PrfHash, Registry, Sslv2CipherSpecInfo } from './types.ts';
export {
  alertDescriptions,
  alertLevels,
  alpnProtocols,
  certificateCompressionAlgorithms,
  certificateStatusTypes,
  cipherSuiteTable,
  cipherSuites,
  clientCertificateTypes,
  compressionMethods,
  contentTypes,
  ecCurveTypes,
  ecPointFormats,
  extensionTypes,
  handshakeTypes,
  hashAlgorithms,
  heartbeatMessageTypes,
  heartbeatModes,
  oidTable,
  protocolVersions,
  pskKeyExchangeModes,
  signatureAlgorithms,
  signatureSchemes,
  sniNameTypes,
  sslv2CipherSpecTable,
  sslv2MessageTypes,
  supportedGroups,
};

/** Cipher suite code -> full description (parts, sizes, OpenSSL name). */
export const cipherSuiteInfo: ReadonlyMap<number, CipherSuiteInfo> = new Map(cipherSuiteTable.map((s) => [s.code, s]));

/** OpenSSL cipher name (e.g. AES256-SHA) -> cipher suite description. */
export const cipherSuiteByOpensslName: ReadonlyMap<string, CipherSuiteInfo> = new Map(
  cipherSuiteTable.flatMap((s) => (s.openssl === undefined ? [] : [[s.openssl, s] as const])),
);

/** IANA name (e.g. TLS_RSA_WITH_AES_256_CBC_SHA) -> cipher suite description. */
export const cipherSuiteByName: ReadonlyMap<string, CipherSuiteInfo> = new Map(cipherSuiteTable.map((s) => [s.name, s]));

/** SSL 2.0 CIPHER-SPEC code -> name, e.g. 0x010080 -> SSL_CK_RC4_128_WITH_MD5. */
export const sslv2CipherSpecs: ReadonlyMap<number, string> = new Map(sslv2CipherSpecTable.map((s) => [s.code, s.name]));

/** SSL 2.0 CIPHER-SPEC code -> full description. */
export const sslv2CipherSpecInfo: ReadonlyMap<number, Sslv2CipherSpecInfo> = new Map(sslv2CipherSpecTable.map((s) => [s.code, s]));

/** Dotted OID -> description. */
export const oids: ReadonlyMap<string, OidInfo> = new Map(oidTable.map((o) => [o.oid, o]));

/** True for the 16 RFC 8701 GREASE values 0x0A0A, 0x1A1A, ..., 0xFAFA (cipher suites, extensions, groups, versions, signature schemes). */
export function isGrease(value: number): boolean {
  return (value & 0x0f0f) === 0x0a0a && value >> 8 === (value & 0xff) && value >= 0 && value <= 0xffff;
}

/** True for the RFC 8701 GREASE PskKeyExchangeModes 0x0B, 0x2A, ..., 0xE4. */
export function isGreasePskMode(value: number): boolean {
  return value >= 0x0b && value <= 0xe4 && (value - 0x0b) % 0x1f === 0;
}

/** IANA name of a cipher suite, e.g. 0x0035 -> TLS_RSA_WITH_AES_256_CBC_SHA. */
export function cipherSuiteName(code: number): string | undefined {
  return cipherSuites.get(code);
}

/** Full description of a cipher suite; undefined for unassigned codes and GREASE. */
export function cipherSuite(code: number): CipherSuiteInfo | undefined {
  return cipherSuiteInfo.get(code);
}

/** Name of an SSL 2.0 CIPHER-SPEC; a spec 0x00XXXX names the TLS cipher suite 0xXXXX (RFC 5246 E.2). */
export function sslv2CipherSpecName(code: number): string | undefined {
  return code >> 16 === 0 ? cipherSuites.get(code) : sslv2CipherSpecs.get(code);
}

/** The TLS cipher suite a 3-byte SSL 2.0 spec carries (0x00XXXX), else undefined. */
export function sslv2SpecToTlsSuite(code: number): number | undefined {
  return code >> 16 === 0 && code >= 0 ? code & 0xffff : undefined;
}

/** ExtensionType name, e.g. 0x0033 -> key_share. */
export function extensionName(code: number): string | undefined {
  return extensionTypes.get(code);
}

/** NamedGroup name, e.g. 0x001D -> x25519. */
export function groupName(code: number): string | undefined {
  return supportedGroups.get(code);
}

/** SignatureScheme name, e.g. 0x0804 -> rsa_pss_rsae_sha256. */
export function signatureSchemeName(code: number): string | undefined {
  return signatureSchemes.get(code);
}

/** AlertDescription name, e.g. 116 -> certificate_required. */
export function alertDescriptionName(code: number): string | undefined {
  return alertDescriptions.get(code);
}

/** AlertLevel name: 1 warning, 2 fatal. */
export function alertLevelName(code: number): string | undefined {
  return alertLevels.get(code);
}

/** HandshakeType name, e.g. 254 -> message_hash. */
export function handshakeTypeName(code: number): string | undefined {
  return handshakeTypes.get(code);
}

/** ContentType name, e.g. 22 -> handshake. */
export function contentTypeName(code: number): string | undefined {
  return contentTypes.get(code);
}

/** ProtocolVersion name, e.g. 0x0303 -> TLS 1.2. */
export function versionName(code: number): string | undefined {
  return protocolVersions.get(code);
}

/** ALPN protocol for a protocol ID string, e.g. h2 -> HTTP/2 over TLS. */
export function alpnProtocolName(id: string): string | undefined {
  return alpnProtocols.get(id);
}

/** Name of a dotted OID, e.g. 2.5.4.3 -> commonName. */
export function oidName(oid: string): string | undefined {
  return oids.get(oid)?.name;
}

/**
 * The name Wireshark shows for a dotted OID (2.5.4.3 -> id-at-commonName, 1.2.840.10045.3.1.7 ->
 * secp256r1), falling back to the ASN.1 name: what X.509 fields display, so they read like tshark.
 */
export function oidWiresharkName(oid: string): string | undefined {
  const o = oids.get(oid);
  return o && (o.wireshark ?? o.name);
}

/** Description of a dotted OID (name, OpenSSL short name, Wireshark field). */
export function oidInfo(oid: string): OidInfo | undefined {
  return oids.get(oid);
}
