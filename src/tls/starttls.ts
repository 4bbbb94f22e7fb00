/**
 * STARTTLS: the plaintext preamble (SMTP, IMAP, POP3, FTP AUTH TLS, XMPP, LDAP StartTLS,
 * PostgreSQL SSLRequest, IRC) before TLS starts on the same connection. `findTlsStart` says
 * where TLS begins in each direction; `annotatePreamble` turns the plaintext into fields.
 */
export { annotatePreamble } from './starttls/annotate.ts';
export { findTlsStart, looksLikeTls, type PortHint, type StartTlsProtocol, type TlsStart } from './starttls/detect.ts';
