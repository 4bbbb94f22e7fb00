// The value names the TLS core shows, from the IANA-generated registries (src/registry/), plus
// the few views of them the core needs (record titles, a suite's key exchange). Message readers
// import names from here, never a table directly.
import type { Lookup } from '../model/cursor.ts';
import { hexNumber } from '../model/hex.ts';
import * as reg from '../registry/index.ts';

/** ContentType (RFC 8446 §5.1, RFC 6520 for heartbeat). */
export const contentTypes: ReadonlyMap<number, string> = reg.contentTypes;

/** HandshakeType (RFC 8446 §4, RFC 5246 §7.4, RFC 6066, RFC 8879). */
export const handshakeTypes: ReadonlyMap<number, string> = reg.handshakeTypes;

/** Message names as people write them (the ladder diagram, record names). */
export const handshakeTitles: ReadonlyMap<number, string> = new Map([
  [0, 'Hello Request'],
  [1, 'Client Hello'],
  [2, 'Server Hello'],
  [3, 'Hello Verify Request'],
  [4, 'New Session Ticket'],
  [5, 'End of Early Data'],
  [6, 'Hello Retry Request'],
  [8, 'Encrypted Extensions'],
  [11, 'Certificate'],
  [12, 'Server Key Exchange'],
  [13, 'Certificate Request'],
  [14, 'Server Hello Done'],
  [15, 'Certificate Verify'],
  [16, 'Client Key Exchange'],
  [20, 'Finished'],
  [21, 'Certificate URL'],
  [22, 'Certificate Status'],
  [23, 'Supplemental Data'],
  [24, 'Key Update'],
  [25, 'Compressed Certificate'],
  [254, 'Message Hash'],
]);

/** Version names, with TLS 1.3 drafts and GREASE named. */
export const protocolVersions: Lookup = (v) => {
  const known = reg.protocolVersions.get(v);
  if (known) return known;
  if (v >> 8 === 0x7f) return `TLS 1.3 draft ${v & 0xff}`;
  if (reg.isGrease(v)) return 'GREASE';
  return undefined;
};

/** Short version label for record names (`TLSv1.2`, `SSLv3`). */
export function versionLabel(v: number): string {
  if (v === 0x0300) return 'SSLv3';
  if (v === 0x0002) return 'SSLv2';
  if (v >= 0x0301 && v <= 0x0304) return `TLSv1.${v - 0x0301}`.replace('TLSv1.0', 'TLSv1');
  return hexNumber(v, 2);
}

/** AlertLevel (RFC 5246 §7.2). */
export const alertLevels: ReadonlyMap<number, string> = reg.alertLevels;

export const alertDescriptions: ReadonlyMap<number, string> = reg.alertDescriptions;
export const certificateTypes: ReadonlyMap<number, string> = reg.clientCertificateTypes;
export const compressionMethods: ReadonlyMap<number, string> = reg.compressionMethods;
export const ecCurveTypes: ReadonlyMap<number, string> = reg.ecCurveTypes;
export const namedGroups: Lookup = (v) => reg.groupName(v) ?? (reg.isGrease(v) ? 'GREASE' : undefined);
export const signatureSchemes: Lookup = (v) => reg.signatureSchemeName(v) ?? (reg.isGrease(v) ? 'GREASE' : undefined);
export const hashAlgorithms: ReadonlyMap<number, string> = reg.hashAlgorithms;
export const signatureAlgorithms: ReadonlyMap<number, string> = reg.signatureAlgorithms;
export const heartbeatMessageTypes: ReadonlyMap<number, string> = reg.heartbeatMessageTypes;
export const certificateStatusTypes: ReadonlyMap<number, string> = reg.certificateStatusTypes;
export const certificateCompressionAlgorithms: ReadonlyMap<number, string> = reg.certificateCompressionAlgorithms;
export const sslv2MessageTypes: ReadonlyMap<number, string> = reg.sslv2MessageTypes;

/** SSLv2 CIPHER-SPECs; 0x00XXXX carries the TLS suite 0xXXXX (RFC 5246 E.2). */
export const sslv2CipherSpecs: Lookup = (v) => reg.sslv2CipherSpecName(v);

/** Cipher suite names, GREASE included. */
export const cipherSuites: Lookup = (v) => reg.cipherSuiteName(v) ?? (reg.isGrease(v) ? 'GREASE' : undefined);

/** How a suite exchanges keys: decides the shape of ServerKeyExchange and ClientKeyExchange. */
export type KeyExchange = 'rsa' | 'rsa_export' | 'dhe' | 'dh' | 'dh_anon' | 'ecdhe' | 'ecdh' | 'psk' | 'rsa_psk' | 'dhe_psk' | 'ecdhe_psk' | 'srp' | 'tls13' | 'unknown';

/** The key exchange of a cipher suite (the registry's parts of its IANA name). */
export function keyExchangeOf(suite: number): KeyExchange {
  const info = reg.cipherSuite(suite);
  if (!info) return 'unknown';
  const kx = info.keyExchange;
  if (kx === 'any') return 'tls13';
  if (kx === 'RSA') return info.export ? 'rsa_export' : 'rsa';
  if (kx === 'DHE') return info.authentication === 'anon' ? 'dh_anon' : 'dhe';
  if (kx === 'DH') return info.authentication === 'anon' ? 'dh_anon' : 'dh';
  if (kx === 'ECDHE') return 'ecdhe';
  if (kx === 'ECDH') return info.authentication === 'anon' ? 'ecdhe' : 'ecdh';
  if (kx === 'PSK') return 'psk';
  if (kx === 'DHE_PSK') return 'dhe_psk';
  if (kx === 'RSA_PSK') return 'rsa_psk';
  if (kx === 'ECDHE_PSK') return 'ecdhe_psk';
  if (kx.startsWith('SRP')) return 'srp';
  return 'unknown';
}

/** The IANA name of a suite, or its hex. */
export function cipherSuiteName(suite: number): string {
  return (typeof cipherSuites === 'function' ? cipherSuites(suite) : undefined) ?? hexNumber(suite, 2);
}

/** True for suites whose ServerKeyExchange is not signed (anonymous DH/ECDH). */
export function isAnonymous(suite: number): boolean {
  return reg.cipherSuite(suite)?.authentication === 'anon';
}
