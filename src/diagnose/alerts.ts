// Every TLS alert, explained: the phase it belongs to (seed 002: handshake failures, certificate
// errors, bulk/record processing), what it means, whose problem it usually is, and what to check.

/** The three phases of seed 002 plus orderly closure. */
export type AlertPhase = 'closure' | 'handshake' | 'certificate' | 'record';

/**
 * Whose problem an alert usually points at: `peer` = the side that RECEIVED it (e.g. unknown_ca:
 * the receiver's certificate is not trusted), `sender` = the side that sent it (internal_error),
 * `mismatch` = the two configurations do not overlap (which side is the outlier needs the hellos).
 */
export type AlertBlame = 'peer' | 'sender' | 'mismatch' | 'none';

export interface AlertInfo {
  name: string;
  phase: AlertPhase;
  blame: AlertBlame;
  meaning: string;
  check: string;
}

const A = (name: string, phase: AlertPhase, blame: AlertBlame, meaning: string, check: string): AlertInfo => ({ name, phase, blame, meaning, check });

/** RFC 5246 §7.2, RFC 8446 §6, RFC 6066, RFC 7301, RFC 7507, RFC 8879 (and SSL 3.0's no_certificate). */
export const ALERTS: ReadonlyMap<number, AlertInfo> = new Map([
  [0, A('close_notify', 'closure', 'none', 'the sender will send no more data on this connection (orderly shutdown)', 'nothing: this is the normal end of a TLS connection')],
  [10, A('unexpected_message', 'record', 'peer', 'a message arrived that is not allowed at this point of the protocol', 'which message preceded the alert: a state-machine bug or a middlebox injecting data on the receiving side')],
  [20, A('bad_record_mac', 'record', 'peer', 'a record failed its integrity check (MAC or AEAD tag)', 'key mismatch, corruption in transit (middlebox, TCP offload bug), or a wrong key derivation on one side')],
  [21, A('decryption_failed', 'record', 'peer', 'a record could not be decrypted (legacy, TLS 1.0; never sent by modern stacks)', 'the same as bad_record_mac')],
  [22, A('record_overflow', 'record', 'peer', 'a record was longer than allowed (2^14 plaintext + expansion)', 'max_fragment_length/record_size_limit negotiation and the peer\'s record sizes')],
  [30, A('decompression_failure', 'record', 'peer', 'TLS compression could not decompress a record', 'disable TLS compression on both sides (CRIME)')],
  [40, A('handshake_failure', 'handshake', 'mismatch', 'the sender could not negotiate acceptable parameters (no common cipher suite, group or signature algorithm; OpenSSL also uses it for a missing client certificate in TLS 1.2)', 'compare the ClientHello\'s offer with the server\'s configuration; if a CertificateRequest preceded it, whether the client sent a certificate')],
  [41, A('no_certificate', 'certificate', 'peer', 'SSL 3.0 only: the client has no certificate to send', 'the client\'s certificate configuration')],
  [42, A('bad_certificate', 'certificate', 'peer', 'a certificate was corrupt or failed verification (OpenSSL: also a host name mismatch)', 'the peer\'s certificate: signature, names (SNI vs SAN), key usage')],
  [43, A('unsupported_certificate', 'certificate', 'peer', 'a certificate was of an unsupported type', 'the peer\'s key type (RSA/ECDSA/EdDSA) against what the sender accepts')],
  [44, A('certificate_revoked', 'certificate', 'peer', 'a certificate was revoked by its issuer', 'CRL/OCSP status of the peer\'s certificate; replace it')],
  [45, A('certificate_expired', 'certificate', 'peer', 'a certificate has expired or is not yet valid', 'notBefore/notAfter of every certificate in the peer\'s chain, and the clocks of both machines')],
  [46, A('certificate_unknown', 'certificate', 'peer', 'some other certificate problem made it unacceptable', 'the sender\'s logs for the exact verification error')],
  [47, A('illegal_parameter', 'record', 'peer', 'a field was out of range or inconsistent with other fields', 'the message just before the alert: a malformed extension or a value the peer did not offer')],
  [48, A('unknown_ca', 'certificate', 'peer', 'the certificate chain could not be built to a trusted CA', 'whether the peer sent its intermediate CA certificates, and whether the sender trusts the root')],
  [49, A('access_denied', 'record', 'peer', 'a valid certificate or PSK was received but access control refused it', 'the sender\'s authorization rules for that identity')],
  [50, A('decode_error', 'record', 'peer', 'a message could not be decoded (a length out of range or bytes left over)', 'the message just before the alert, byte by byte (wirebook marks malformed fields)')],
  [51, A('decrypt_error', 'record', 'peer', 'a handshake cryptographic operation failed: signature, Finished or key exchange verification', 'the CertificateVerify/ServerKeyExchange signature and the key pair behind the certificate; a middlebox altering the handshake')],
  [60, A('export_restriction', 'handshake', 'mismatch', 'an export restriction was not respected (legacy, export-grade suites)', 'remove export cipher suites from both sides')],
  [70, A('protocol_version', 'handshake', 'mismatch', 'the offered protocol version is recognised but not supported', 'the versions each side allows (client maximum vs server minimum)')],
  [71, A('insufficient_security', 'handshake', 'peer', 'the peer\'s offer was too weak for the sender\'s minimum security', 'the cipher suites/groups the peer offered against the sender\'s minimum')],
  [80, A('internal_error', 'record', 'sender', 'the sender had a problem unrelated to the peer (OpenSSL 3: also "no suitable signature algorithm" for TLS 1.0/1.1 clients)', 'the sender\'s logs; with an old client, the server\'s security level')],
  [86, A('inappropriate_fallback', 'handshake', 'peer', 'TLS_FALLBACK_SCSV: the client retried with a lower version than the server supports', 'why the first, higher-version attempt failed (often a middlebox)')],
  [90, A('user_canceled', 'closure', 'sender', 'the sender cancelled the handshake for a reason unrelated to the protocol', 'the sending application')],
  [100, A('no_renegotiation', 'handshake', 'sender', 'the sender refuses renegotiation', 'whether renegotiation is needed; the server\'s renegotiation settings')],
  [109, A('missing_extension', 'handshake', 'peer', 'an extension required for the offered parameters was not sent', 'the peer\'s hello extensions (e.g. supported_versions, key_share)')],
  [110, A('unsupported_extension', 'handshake', 'peer', 'a response carried an extension that was not offered', 'the peer\'s extension handling')],
  [111, A('certificate_unobtainable', 'certificate', 'peer', 'a certificate could not be retrieved from a URL (client_certificate_url)', 'the URL and its reachability')],
  [112, A('unrecognized_name', 'handshake', 'peer', 'the server has no virtual host for the requested SNI name', 'the SNI the client sent against the server\'s configured names')],
  [113, A('bad_certificate_status_response', 'certificate', 'peer', 'an invalid or unacceptable OCSP response was received', 'the server\'s OCSP stapling')],
  [114, A('bad_certificate_hash_value', 'certificate', 'peer', 'a certificate hash did not match', 'the certificate and its hash')],
  [115, A('unknown_psk_identity', 'handshake', 'peer', 'no PSK matches the offered identity', 'PSK identities configured on both sides')],
  [116, A('certificate_required', 'certificate', 'peer', 'TLS 1.3: the server requires a client certificate and none was sent', 'the client\'s certificate and key configuration, and the CA names the server lists')],
  [120, A('no_application_protocol', 'handshake', 'mismatch', 'no ALPN protocol in common', 'the ALPN lists of both sides (h2, http/1.1, ...)')],
  [121, A('ech_required', 'handshake', 'peer', 'the server requires Encrypted Client Hello', 'the client\'s ECH configuration')],
]);

/** Name of an alert description ('description N' when unknown). */
export function alertName(desc: number): string {
  return ALERTS.get(desc)?.name ?? `description ${desc}`;
}

/** What seed 002 calls each phase, for the reader. */
export const PHASE_TEXT: Record<AlertPhase, string> = {
  closure: 'orderly closure',
  handshake: 'handshake negotiation failure',
  certificate: 'certificate error',
  record: 'record-layer / bulk processing error',
};
