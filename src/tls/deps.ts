// The readers the TLS core borrows from its neighbours (extensions, X.509, STARTTLS). This file is
// the one switch between them and the message readers, which import from here only.
export { readExtensions } from './extensions/index.ts';
export type { ExtensionMessage as HandshakeContext } from './extensions/index.ts';
export { readCertificate } from './x509/certificate.ts';
export { readDistinguishedName } from './x509/name.ts';
export { annotatePreamble, type StartTlsProtocol } from './starttls.ts';
export { findConnectionTlsStart as findTlsStart } from './starttls/detect.ts';
export { splitPreamble } from './starttls/units.ts';
export { preambleMessageType } from './starttls/messages.ts';
