// X.509 OID names come from the generated registry (src/registry, scripts/registry-sources/oids.csv),
// in Wireshark's spelling (id-at-*, id-ce-*, id-kp-*, secp256r1) so a display value reads like tshark's.
import { oidWiresharkName } from '../../registry/index.ts';
export { oidInfo } from '../../registry/index.ts';

/** The name of an OID as Wireshark shows it, or undefined. */
export const oidName = oidWiresharkName;

/** Named curves by OID (RFC 5480 §2.1.1.1, RFC 5639): the short name a key is described by, and its size in bits. */
export const NAMED_CURVES: Readonly<Record<string, readonly [string, number]>> = {
  '1.2.840.10045.3.1.7': ['P-256', 256], '1.3.132.0.34': ['P-384', 384], '1.3.132.0.35': ['P-521', 521],
  '1.3.132.0.10': ['secp256k1', 256], '1.3.36.3.3.2.8.1.1.7': ['brainpoolP256r1', 256],
  '1.3.36.3.3.2.8.1.1.11': ['brainpoolP384r1', 384], '1.3.36.3.3.2.8.1.1.13': ['brainpoolP512r1', 512],
};

/**
 * RFC 4514 §3 short names (and common additions) of attribute types, for name strings. Not the
 * registry's OpenSSL short names: RFC 4514 spells STREET, and leaves other types as dotted OIDs.
 */
export const ATTRIBUTE_SHORT: ReadonlyMap<string, string> = new Map([
  ['2.5.4.3', 'CN'], ['2.5.4.6', 'C'], ['2.5.4.7', 'L'], ['2.5.4.8', 'ST'], ['2.5.4.9', 'STREET'],
  ['2.5.4.10', 'O'], ['2.5.4.11', 'OU'], ['0.9.2342.19200300.100.1.25', 'DC'], ['0.9.2342.19200300.100.1.1', 'UID'],
  ['2.5.4.5', 'serialNumber'], ['1.2.840.113549.1.9.1', 'emailAddress'], ['2.5.4.4', 'SN'], ['2.5.4.42', 'GN'],
  ['2.5.4.12', 'title'], ['2.5.4.17', 'postalCode'], ['2.5.4.15', 'businessCategory'],
]);

/** `2.5.4.3 (id-at-commonName)`, or the bare OID when we have no name. */
export function oidDisplay(oid: string): string {
  const name = oidName(oid);
  return name ? `${oid} (${name})` : oid;
}
