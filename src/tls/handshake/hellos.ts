// ClientHello and ServerHello (RFC 8446 §4.1.2-4.1.4, RFC 5246 §7.4.1).
import type { Cursor } from '../../model/cursor.ts';
import type { Field } from '../../model/field.ts';
import { hexNumber, toHex } from '../../model/hex.ts';
import { readExtensions } from '../deps.ts';
import type { ClientHelloInfo, HelloExtensions, ServerHelloInfo } from '../hello.ts';
import { cipherSuites, compressionMethods, protocolVersions } from '../names.ts';
import { opaque } from '../read.ts';
import { tls13, type MessageContext } from './context.ts';

/** SHA-256("HelloRetryRequest"): the ServerHello random that marks a HelloRetryRequest (RFC 8446 §4.1.3). */
export const HELLO_RETRY_REQUEST_RANDOM = 'cf21ad74e59a6111be1d8c021e65b891c2a211167abb8c5e079e09e2c8a8339c';

/** True when a random is the HelloRetryRequest constant. */
export function isHelloRetryRandom(random: Uint8Array): boolean {
  return toHex(random) === HELLO_RETRY_REQUEST_RANDOM;
}

/**
 * Random (RFC 5246 §7.4.1.2: gmt_unix_time + random_bytes[28]; RFC 8446 §4.1.2: 32 random bytes).
 * Read with the ≤ 1.2 split; `plainRandom` removes it when the hello turns out to be TLS 1.3.
 */
export function readRandom(r: Cursor, ctx: MessageContext): { random: Uint8Array; field: Field } | undefined {
  let random: Uint8Array | undefined;
  let field: Field | undefined;
  r.struct('Random', 'tls.handshake.random', 32, (s, f) => {
    field = f;
    random = s.data.subarray(s.pos, s.pos + 32);
    f.value = toHex(random);
    const t = s.remaining >= 4 ? ((s.peek16() ?? 0) * 65536 + (s.peek16(2) ?? 0)) : 0;
    s.u32('GMT Unix Time', 'tls.handshake.random_time', undefined, { display: describeGmtTime(t, ctx.timeNs) });
    s.bytes('Random Bytes', 'tls.handshake.random_bytes', 28);
  });
  return random && field ? { random, field } : undefined;
}

/** TLS 1.3 randoms are 32 random bytes: drop the gmt_unix_time split so nobody reads a clock in them. */
export function plainRandom(field: Field): void {
  delete field.children;
  field.display = `${field.value as string} (TLS 1.3: 32 random bytes, no time)`;
}

/** Display for gmt_unix_time, saying when the value cannot be a clock (many stacks send random bytes). */
export function describeGmtTime(t: number, captureNs: bigint): string {
  const iso = new Date(t * 1000).toISOString().replace('.000Z', 'Z');
  const captureS = Number(captureNs / 1_000_000_000n);
  const year = 365 * 24 * 3600;
  const plausible = captureS > 0 ? Math.abs(t - captureS) < year : t > 788_918_400 && t < 2_147_483_647;
  return plausible ? `${iso} (${hexNumber(t, 4)})` : `${hexNumber(t, 4)}: not a clock (would be ${iso}); random bytes`;
}

/** session_id<0..32> (RFC 5246 §7.4.1.2). */
function readSessionId(r: Cursor): Uint8Array {
  const n = r.u8('Session ID Length', 'tls.handshake.session_id_length');
  if (n > 32) r.annotate('Session ID too long', '_ws.expert', 0, undefined, { display: `session_id is at most 32 bytes, here ${n}` });
  return opaque(r, 'Session ID', 'tls.handshake.session_id', n);
}

/** ClientHello (RFC 8446 §4.1.2, RFC 5246 §7.4.1.2). */
export function readClientHello(r: Cursor, ctx: MessageContext): ClientHelloInfo | undefined {
  const legacyVersion = r.u16('Version', 'tls.handshake.version', protocolVersions);
  const rnd = readRandom(r, ctx);
  const sessionId = readSessionId(r);
  const cipherSuiteList: number[] = [];
  r.vector(
    { name: 'Cipher Suites', filter: 'tls.handshake.ciphersuites', lengthName: 'Cipher Suites Length', lengthFilter: 'tls.handshake.cipher_suites_length', lengthBytes: 2 },
    (v, f) => {
      while (v.remaining > 0) cipherSuiteList.push(v.u16('Cipher Suite', 'tls.handshake.ciphersuite', cipherSuites));
      f.display = `Cipher Suites (${cipherSuiteList.length} suites)`;
    },
  );
  const compression: number[] = [];
  r.vector(
    { name: 'Compression Methods', filter: 'tls.handshake.comp_methods', lengthName: 'Compression Methods Length', lengthFilter: 'tls.handshake.comp_methods_length', lengthBytes: 1 },
    (v, f) => {
      while (v.remaining > 0) compression.push(v.u8('Compression Method', 'tls.handshake.comp_method', compressionMethods));
      f.display = `Compression Methods (${compression.length} method${compression.length === 1 ? '' : 's'})`;
    },
  );
  // Extensions are optional before TLS 1.3 (RFC 5246 §7.4.1.2: "may be present").
  const extensions: HelloExtensions = r.remaining > 0 ? readExtensions(r, { message: 'client_hello' }) : { types: [] };
  // A client offering TLS 1.3 (or sending its second ClientHello after a HelloRetryRequest) fills the random with random bytes.
  if (rnd && (extensions.supportedVersions?.includes(0x0304) || tls13(ctx))) plainRandom(rnd.field);
  if (!rnd) return undefined;
  return { legacyVersion, random: rnd.random, sessionId, cipherSuites: cipherSuiteList, compressionMethods: compression, extensions };
}

/** ServerHello (RFC 8446 §4.1.3, RFC 5246 §7.4.1.3); a HelloRetryRequest is a ServerHello with the HRR random. */
export function readServerHello(r: Cursor, ctx: MessageContext): ServerHelloInfo | undefined {
  const legacyVersion = r.u16('Version', 'tls.handshake.version', protocolVersions);
  const rnd = readRandom(r, ctx);
  const helloRetryRequest = rnd !== undefined && isHelloRetryRandom(rnd.random);
  const sessionId = readSessionId(r);
  const cipherSuite = r.u16('Cipher Suite', 'tls.handshake.ciphersuite', cipherSuites);
  const compressionMethod = r.u8('Compression Method', 'tls.handshake.comp_method', compressionMethods);
  const extensions: HelloExtensions =
    r.remaining > 0 ? readExtensions(r, { message: helloRetryRequest ? 'hello_retry_request' : 'server_hello' }) : { types: [] };
  if (!rnd) return undefined;
  if (helloRetryRequest) {
    plainRandom(rnd.field);
    rnd.field.display = `${HELLO_RETRY_REQUEST_RANDOM} (HelloRetryRequest: SHA-256 of "HelloRetryRequest")`;
  } else if (extensions.selectedVersion === 0x0304) {
    plainRandom(rnd.field);
  }
  return { legacyVersion, random: rnd.random, sessionId, cipherSuite, compressionMethod, extensions, helloRetryRequest };
}
