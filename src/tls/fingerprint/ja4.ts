/**
 * JA4 (FoxIO's JA4 specification, BSD-3-Clause; only JA4 itself: JA4S and the rest of JA4+ are
 * under a non-permissive licence and deliberately absent). Layout `a_b_c`:
 * a = protocol, version, SNI, cipher count, extension count, ALPN first/last character;
 * b = sha256[:12] of the sorted cipher suites; c = sha256[:12] of the sorted extensions (without
 * SNI and ALPN) + '_' + the signature algorithms in wire order. `ja4_r` shows the lists unhashed.
 */
import { createHash } from 'node:crypto';
import { isGrease } from '../../registry/index.ts';
import type { ClientHelloInfo } from '../hello.ts';

/** JA4 and its raw (unhashed) form. */
export interface Ja4 {
  ja4: string;
  ja4_r: string;
}

/** The transport the hello travelled on: TCP, QUIC or DTLS. */
export type Ja4Transport = 't' | 'q' | 'd';

const VERSION_CODES: ReadonlyMap<number, string> = new Map([
  [0x0304, '13'],
  [0x0303, '12'],
  [0x0302, '11'],
  [0x0301, '10'],
  [0x0300, 's3'],
  [0x0002, 's2'],
  [0xfeff, 'd1'],
  [0xfefd, 'd2'],
  [0xfefc, 'd3'],
]);

const hex4 = (v: number): string => v.toString(16).padStart(4, '0');
const count2 = (n: number): string => String(Math.min(n, 99)).padStart(2, '0');
const sha12 = (s: string): string => createHash('sha256').update(s).digest('hex').slice(0, 12);
const isAlnum = (c: number): boolean => (c >= 0x30 && c <= 0x39) || (c >= 0x41 && c <= 0x5a) || (c >= 0x61 && c <= 0x7a);

/** The highest non-GREASE supported_versions entry, else the legacy version, as JA4's two characters. */
function versionCode(info: ClientHelloInfo): string {
  const offered = (info.extensions.supportedVersions ?? []).filter((v) => !isGrease(v));
  const v = offered.length > 0 ? Math.max(...offered) : info.legacyVersion;
  return VERSION_CODES.get(v) ?? '00';
}

/** First and last character of the first ALPN value; their hex digits when either is not alphanumeric; `00` without ALPN. */
function alpnCode(info: ClientHelloInfo): string {
  const first = info.extensions.alpn?.[0];
  if (first === undefined || first.length === 0) return '00';
  const bytes = Buffer.from(first, 'latin1');
  const a = bytes[0]!;
  const z = bytes[bytes.length - 1]!;
  if (isAlnum(a) && isAlnum(z)) return String.fromCharCode(a) + String.fromCharCode(z);
  const h = bytes.toString('hex');
  return h[0]! + h[h.length - 1]!;
}

/** JA4 of a ClientHello (transport `t` for TCP unless told). */
export function ja4(info: ClientHelloInfo, transport: Ja4Transport = 't'): Ja4 {
  const e = info.extensions;
  const ciphers = info.cipherSuites.filter((c) => !isGrease(c));
  const types = e.types.filter((t) => !isGrease(t));
  const a =
    transport +
    versionCode(info) +
    (types.includes(0) ? 'd' : 'i') +
    count2(ciphers.length) +
    count2(types.length) +
    alpnCode(info);
  const cipherList = ciphers.map(hex4).sort().join(',');
  const extList = types.filter((t) => t !== 0x0000 && t !== 0x0010).map(hex4).sort().join(',');
  const sigList = (e.signatureAlgorithms ?? []).map(hex4).join(',');
  const cInput = sigList.length > 0 ? `${extList}_${sigList}` : extList;
  const b = ciphers.length > 0 ? sha12(cipherList) : '000000000000';
  const c = types.length > 0 ? sha12(cInput) : '000000000000';
  return { ja4: `${a}_${b}_${c}`, ja4_r: `${a}_${cipherList}_${cInput}` };
}
