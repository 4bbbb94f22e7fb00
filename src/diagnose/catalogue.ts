// The stable catalogue of finding codes (documented in docs/findings.md): each code's default
// severity, the side that usually owns it, a title and what to check next. Rules fill in details.
import type { Span } from '../model/span.ts';
import type { Finding, Severity, Side } from './types.ts';

export interface CodeInfo {
  severity: Severity;
  side: Side;
  title: string;
  check: string;
}

const C = (severity: Severity, side: Side, title: string, check: string): CodeInfo => ({ severity, side, title, check });

/** Every code a rule may emit. Adding one means documenting it in docs/findings.md (a test checks). */
export const CATALOGUE: Readonly<Record<string, CodeInfo>> = {
  'fatal-alert': C('error', 'unknown', 'Fatal alert', 'the sender\'s log for the exact reason; the message just before the alert'),
  'warning-alert': C('warning', 'unknown', 'Warning alert', 'whether the receiver carried on; the sender\'s log'),
  'close-notify': C('info', 'unknown', 'Orderly close (close_notify)', 'nothing: close_notify is the normal end of a TLS connection'),
  'encrypted-alert': C('info', 'unknown', 'Encrypted alert', 'decrypt with the key log (--keylog) or the server key (--key) to read it'),
  'alert-without-tls-alert': C('error', 'unknown', 'Connection closed without a TLS alert', 'the closing side\'s logs: the alert they report never reached the wire; a proxy or load balancer in between'),
  'no-shared-cipher': C('error', 'unknown', 'No cipher suite in common', 'compare the ClientHello\'s suites with the server\'s cipher configuration (openssl ciphers -v \'...\')'),
  'no-shared-group': C('error', 'unknown', 'No key exchange group in common', 'supported_groups/key_share of the ClientHello against the server\'s groups'),
  'no-shared-signature-algorithm': C('error', 'unknown', 'No signature algorithm in common', 'the client\'s signature_algorithms against the server certificate\'s key type'),
  'protocol-version-mismatch': C('error', 'unknown', 'No protocol version in common', 'client maximum and server minimum versions (MinProtocol, -min_protocol, SSLProtocol)'),
  'insufficient-security': C('error', 'client', 'Offer too weak for the peer', 'the suites/groups offered against the peer\'s minimum security'),
  'internal-error': C('error', 'unknown', 'Internal error on the sender', 'the sender\'s logs; old clients against OpenSSL 3 servers at the default security level'),
  'client-certificate-requested': C('info', 'server', 'Server requested a client certificate', 'the certificate types and CA names it lists: the client needs a certificate issued under one of them'),
  'client-certificate-empty': C('error', 'client', 'Client sent an empty Certificate', 'the client\'s certificate and key configuration; whether it has a certificate issued by a CA the server lists'),
  'client-certificate-missing': C('error', 'client', 'Client sent no Certificate message', 'the client\'s certificate configuration (SSL 3.0 clients omit the message instead of sending an empty one)'),
  'client-certificate-not-listed-ca': C('warning', 'client', 'Client certificate not issued under a listed CA', 'the CA names in the CertificateRequest against the client chain\'s issuers'),
  'client-certificate-verify-missing': C('warning', 'client', 'Client certificate without CertificateVerify', 'whether the client has the private key of its certificate'),
  'unknown-ca': C('error', 'unknown', 'Certificate chain not trusted (unknown_ca)', 'whether the chain was complete and whether the alert\'s sender trusts its root'),
  'server-chain-incomplete': C('error', 'server', 'Server chain incomplete', 'install the intermediate CA certificate(s) on the server (the full chain, leaf first)'),
  'server-chain-order': C('warning', 'server', 'Server chain out of order', 'send the chain leaf first, each certificate followed by its issuer'),
  'untrusted-root': C('warning', 'server', 'Chain does not lead to a supplied CA', 'the CA file given with --ca, or the server\'s chain'),
  'certificate-expired': C('error', 'server', 'Certificate expired at capture time', 'renew the certificate; check both clocks'),
  'certificate-not-yet-valid': C('error', 'server', 'Certificate not yet valid at capture time', 'the clocks of both machines; the certificate\'s notBefore'),
  'certificate-self-signed': C('warning', 'server', 'Self-signed certificate', 'use a certificate issued by a CA the peer trusts, or add it to the peer\'s trust store'),
  'certificate-name-mismatch': C('warning', 'server', 'Certificate name does not match SNI', 'the certificate\'s subjectAltName DNS names against the name the client asked for'),
  'weak-signature': C('warning', 'server', 'Weak certificate signature (MD5/SHA-1)', 'reissue the certificate with SHA-256 or better'),
  'weak-key': C('warning', 'server', 'Weak certificate key', 'reissue the certificate with RSA 2048+ or ECDSA P-256+'),
  'sslv2-hello': C('warning', 'client', 'SSLv2-compatible ClientHello', 'the client\'s TLS library and options: SSLv2-format hellos are obsolete and refused by modern servers'),
  'export-cipher-offered': C('warning', 'client', 'Export-grade cipher suites offered', 'remove EXPORT (and other weak) suites from the client\'s cipher list'),
  'weak-cipher-offered': C('info', 'client', 'Weak cipher suites offered', 'remove NULL/anon/RC4/DES/3DES suites from the client\'s cipher list'),
  'weak-cipher-negotiated': C('warning', 'server', 'Weak cipher suite negotiated', 'the server\'s cipher preference: prefer AEAD suites with forward secrecy'),
  'hello-retry-request': C('info', 'client', 'HelloRetryRequest (extra round trip)', 'offer a key_share for the server\'s preferred group to save a round trip'),
  'session-resumed': C('info', 'unknown', 'Session resumed', 'nothing; for decryption the keys of the original session are needed'),
  'renegotiation': C('info', 'unknown', 'Renegotiation', 'whether renegotiation is wanted (it is disabled by default in many servers)'),
  'session-id-not-random': C('warning', 'server', 'Session ID is not random', 'the server or load balancer that builds session IDs: hidden information in the session ID is not advised'),
  'reset-without-close-notify': C('error', 'unknown', 'TCP reset without close_notify', 'the resetting side: application crash, idle timeout, firewall or load balancer; data may be truncated'),
  'closed-without-close-notify': C('warning', 'unknown', 'TCP close without close_notify', 'the closing application: it should send close_notify before closing (truncation is undetectable otherwise)'),
  'tcp-close-order': C('info', 'unknown', 'Who closed the TCP connection first', 'nothing unless the close was unexpected'),
  'missing-segments': C('warning', 'network', 'Bytes missing from the capture', 'capture closer to the endpoints, with a larger buffer (tcpdump -B) and --immediate-mode'),
  'truncated-frames': C('warning', 'network', 'Frames cut by the snap length', 'capture with -s 0 (full frames)'),
  'capture-started-late': C('warning', 'network', 'Capture started after the connection began', 'start the capture before the client connects'),
  'handshake-incomplete': C('warning', 'unknown', 'Handshake did not complete', 'the side that stopped answering; the capture\'s end'),
  'heartbeat': C('warning', 'unknown', 'Heartbeat message', 'heartbeat is unneeded on TCP; a payload length beyond the bytes sent is a Heartbleed probe'),
  'malformed-record': C('warning', 'unknown', 'Malformed TLS data', 'the marked bytes: a non-TLS protocol on a TLS port, or a broken implementation'),
  'not-tls': C('info', 'unknown', 'Connection does not carry TLS', 'the port and protocol (e.g. plain HTTP sent to an HTTPS port)'),
};

/** Builds a finding from the catalogue entry of `code`, with details and evidence. */
export function finding(code: string, detail: string, evidence: Span[], over: Partial<Omit<Finding, 'code' | 'detail' | 'evidence'>> = {}): Finding {
  const c = CATALOGUE[code];
  if (!c) throw new Error(`finding code ${code} is not in the catalogue`);
  const f: Finding = { code, severity: over.severity ?? c.severity, side: over.side ?? c.side, title: over.title ?? c.title, detail, evidence };
  const check = over.check ?? c.check;
  if (check) f.check = check;
  return f;
}
