/**
 * JA3 and JA3S (Salesforce, BSD-3): decimal fields joined by '-', groups joined by ',', GREASE
 * removed (RFC 8701 values are random per connection and would make the fingerprint useless),
 * then MD5. Computed from the decoded hellos, never from bytes.
 */
import { createHash } from 'node:crypto';
import { isGrease } from '../../registry/index.ts';
import type { ClientHelloInfo, ServerHelloInfo } from '../hello.ts';

/** A fingerprint's input string and its MD5. */
export interface Ja3 {
  full: string;
  hash: string;
}

const join = (values: readonly number[] | undefined): string =>
  (values ?? []).filter((v) => !isGrease(v)).join('-');

const md5 = (s: string): string => createHash('md5').update(s).digest('hex');

/** JA3 of a ClientHello: `SSLVersion,Ciphers,Extensions,EllipticCurves,EllipticCurvePointFormats`. */
export function ja3(info: ClientHelloInfo): Ja3 {
  const e = info.extensions;
  const full = [
    String(info.legacyVersion),
    join(info.cipherSuites),
    join(e.types),
    join(e.supportedGroups),
    join(e.ecPointFormats),
  ].join(',');
  return { full, hash: md5(full) };
}

/** JA3S of a ServerHello: `SSLVersion,Cipher,Extensions`. */
export function ja3s(info: ServerHelloInfo): Ja3 {
  const full = [String(info.legacyVersion), String(info.cipherSuite), join(info.extensions.types)].join(',');
  return { full, hash: md5(full) };
}
