// The readers the TLS core borrows from its neighbours (extensions, X.509, STARTTLS). This file is
// the one switch between them and the message readers, which import from here only.
import type { Connection } from '../tcp/types.ts';
export { readExtensions } from './extensions/index.ts';
export type { ExtensionMessage as HandshakeContext } from './extensions/index.ts';
export { readCertificate } from './x509/certificate.ts';
export { readDistinguishedName } from './x509/name.ts';

/**
 * Where TLS starts in each direction after a plaintext preamble (STARTTLS), if it does.
 * Stand-in until src/tls/starttls.ts lands: no preamble is recognised.
 */
export function findTlsStart(_conn: Connection): { c2s: number; s2c: number } | undefined {
  return undefined;
}
