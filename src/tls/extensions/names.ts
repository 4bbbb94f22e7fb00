/**
 * Value names the extension readers need: the generated IANA registries (src/registry/), plus
 * the few small tables that are not IANA registries of their own (RFC 6066 fragment lengths,
 * RFC 7250 certificate types, HPKE identifiers, the ECH hello type).
 */
import { isGrease, protocolVersions } from '../../registry/index.ts';

export {
  certificateCompressionAlgorithms as certCompressionAlgorithms,
  certificateStatusTypes,
  ecPointFormats,
  extensionTypes,
  hashAlgorithms,
  heartbeatModes,
  isGrease,
  protocolVersions as versions,
  pskKeyExchangeModes,
  signatureAlgorithms,
  signatureSchemes,
  sniNameTypes as serverNameTypes,
  supportedGroups as groups,
} from '../../registry/index.ts';

/** The name Wireshark gives GREASE values. */
export const GREASE_NAME = 'Reserved (GREASE)';

/** A lookup that names GREASE values first, then asks the table. */
export function withGrease(table: ReadonlyMap<number, string>): (value: number) => string | undefined {
  return (v: number) => (isGrease(v) ? GREASE_NAME : table.get(v));
}

/** Protocol versions (the registry has GREASE and the TLS 1.3 drafts). */
export const versionLookup = withGrease(protocolVersions);

const entries = (list: readonly (readonly [number, string])[]): ReadonlyMap<number, string> => new Map(list);

/** RFC 7250 / RFC 6091 certificate types. */
export const certificateTypes = entries([[0, 'X.509'], [1, 'OpenPGP'], [2, 'Raw Public Key'], [3, '1609Dot2']]);

/** RFC 6066 §4 MaxFragmentLength. */
export const maxFragmentLengths = entries([[1, '512'], [2, '1024'], [3, '2048'], [4, '4096']]);

/** RFC 9180 §7.2 / §7.3 HPKE KDF and AEAD identifiers (ECH cipher suites). */
export const hpkeKdfs = entries([[1, 'HKDF-SHA256'], [2, 'HKDF-SHA384'], [3, 'HKDF-SHA512']]);
export const hpkeAeads = entries([[1, 'AES-128-GCM'], [2, 'AES-256-GCM'], [3, 'ChaCha20Poly1305'], [0xffff, 'Export-only']]);

/** ECH ClientHello type (draft-ietf-tls-esni §5). */
export const echClientHelloTypes = entries([[0, 'outer'], [1, 'inner']]);
