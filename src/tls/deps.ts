// The readers the TLS core borrows from its neighbours (extensions, X.509, STARTTLS). This file is
// the one switch between them and the message readers, which import from here only.
import type { Connection } from '../tcp/types.ts';
import { findTlsStart as findUpgrade, looksLikeTls, type StartTlsProtocol } from './starttls.ts';
export { readExtensions } from './extensions/index.ts';
export type { ExtensionMessage as HandshakeContext } from './extensions/index.ts';
export { readCertificate } from './x509/certificate.ts';
export { readDistinguishedName } from './x509/name.ts';
export { annotatePreamble, type StartTlsProtocol } from './starttls.ts';
export { PREAMBLE, splitPreamble } from './starttls/units.ts';

/** Where TLS starts in each direction (stream offsets) and the protocol spoken before it. */
export interface TlsStartPoint {
  c2s: number;
  s2c: number;
  protocol: StartTlsProtocol;
}

// A preamble is a few hundred bytes; looking further only costs time on large non-TLS streams.
const SEARCH_LIMIT = 64 * 1024;

/**
 * Where TLS starts in each direction after a plaintext preamble (STARTTLS), if it does. Only a
 * connection seen from its first client byte can show its preamble; TLS from the first byte is
 * left to the caller (its own record test), and an upgrade whose client side does not continue
 * with TLS (a refused STARTTLS, plaintext that merely mentions the command) is no upgrade.
 */
export function findTlsStart(conn: Connection): TlsStartPoint | undefined {
  const c0 = conn.c2s.chunks[0];
  const s0 = conn.s2c.chunks[0];
  if (!c0 || c0.start !== 0) return undefined;
  const s = s0 && s0.start === 0 ? s0.bytes : new Uint8Array(0);
  const found = findUpgrade(c0.bytes.subarray(0, SEARCH_LIMIT), s.subarray(0, SEARCH_LIMIT), { client: conn.client.port, server: conn.server.port });
  if (!found || found.protocol === 'none') return undefined;
  // The client's first TLS byte must follow the command (or the capture ends right there).
  if (found.c2sOffset < c0.bytes.length && !looksLikeTls(c0.bytes, found.c2sOffset)) return undefined;
  return { c2s: found.c2sOffset, s2c: found.s2cOffset, protocol: found.protocol };
}
