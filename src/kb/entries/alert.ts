// Alerts (RFC 5246 §7.2, RFC 8446 §6); value-specific entries for the ones support sees most.
import { entry, type KbEntry } from '../types.ts';

const A = 'RFC 5246 §7.2; RFC 8446 §6';
const desc = (n: number, title: string, read: string, pitfalls: string): KbEntry =>
  entry(`tls.alert_message.desc == ${n}`, title, A, `tls.alert_message.desc == ${n}`, `Alert description ${n}.`, read, pitfalls);

export const alertEntries: KbEntry[] = [
  entry('tls.alert_message', 'Alert message', A, 'tls.alert_message', 'Two bytes: how serious (level) and what happened (description).', 'The side that sends a fatal alert is the side that detected the problem, which is not always the side at fault.', 'After ChangeCipherSpec the alert is encrypted and only its presence is visible without keys.'),
  entry('tls.alert_message.level', 'Alert level', A, 'tls.alert_message.level', '1 warning, 2 fatal.', 'A fatal alert ends the connection at once. TLS 1.3 treats every alert except close_notify and user_canceled as fatal.', ''),
  entry('tls.alert_message.desc', 'Alert description', A, 'tls.alert_message.desc', 'The reason code.', '0 close_notify, 40 handshake_failure, 42 bad_certificate, 45 certificate_expired, 48 unknown_ca, 70 protocol_version, 80 internal_error, 112 unrecognized_name, 116 certificate_required.', 'Implementations are vague: handshake_failure covers many different causes.'),
  desc(0, 'close_notify', 'An orderly goodbye: the sender will send nothing more.', 'A connection that ends with a TCP FIN or RST without it may have been truncated.'),
  desc(10, 'unexpected_message', 'A message arrived out of order.', 'Often a middlebox injecting data or a state-machine bug.'),
  desc(20, 'bad_record_mac', 'A record failed to decrypt or authenticate.', 'Corruption on the path or mismatched keys.'),
  desc(40, 'handshake_failure', 'No acceptable set of parameters.', 'Check suites, groups and signature algorithms against each other; a missing client certificate can also end here.'),
  desc(42, 'bad_certificate', 'The certificate was unusable.', 'Wrong key usage or a corrupt certificate.'),
  desc(45, 'certificate_expired', 'The peer\'s certificate is out of its validity period.', 'Check notAfter, and the checker\'s clock.'),
  desc(46, 'certificate_unknown', 'Some other certificate problem.', ''),
  desc(48, 'unknown_ca', 'The chain does not lead to a trusted root.', 'Usually an intermediate the server forgot to send, or a private CA the client does not trust.'),
  desc(50, 'decode_error', 'A message could not be parsed.', 'A length field that does not add up.'),
  desc(70, 'protocol_version', 'No common protocol version.', 'An old client against a server with a raised minimum version, or the reverse.'),
  desc(80, 'internal_error', 'The sender hit a local error unrelated to the peer.', 'Read the sender\'s logs.'),
  desc(112, 'unrecognized_name', 'The server has no host for this SNI.', 'Sometimes sent as a warning and ignored.'),
  desc(116, 'certificate_required', 'TLS 1.3: the server wanted a client certificate and got none.', 'The client side is at fault: configure its certificate.'),
];
