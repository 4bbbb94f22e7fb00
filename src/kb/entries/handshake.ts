// Handshake header and one entry per handshake type (RFC 5246 §7.4, RFC 8446 §4).
import { entry, type KbEntry } from '../types.ts';

const hs = (type: number) => [
  { offset: 0, value: 0x16 },
  { offset: 1, value: 0x03 },
  { offset: 5, value: type },
];
const ENCRYPTED = 'This message is sent after ChangeCipherSpec (TLS 1.2) or inside encrypted records (TLS 1.3), so its type byte is ciphertext and no capture filter can find it.';

function typeEntry(n: number, title: string, rfc: string, what: string, read: string, pitfalls: string, filterable: boolean | string): KbEntry {
  const extra = filterable === true ? { bpf: hs(n) } : { noBpf: typeof filterable === 'string' ? filterable : ENCRYPTED };
  return entry(`tls.handshake.type == ${n}`, title, rfc, `tls.handshake.type == ${n}`, what, read, pitfalls, extra);
}

export const handshakeEntries: KbEntry[] = [
  entry('tls.handshake', 'Handshake message', 'RFC 5246 §7.4; RFC 8446 §4', 'tls.handshake',
    'One handshake message: a 1-byte type, a 3-byte length, then the body.',
    'The length counts only the body. Messages are packed back to back and may cross record boundaries.',
    'A length that runs past the record is normal (the message continues in the next record); a length that runs past the end of the stream means lost data.'),
  entry('tls.handshake.type', 'Handshake type', 'RFC 5246 §7.4; RFC 8446 §4', 'tls.handshake.type',
    'Which handshake message this is.',
    '1 ClientHello, 2 ServerHello, 4 NewSessionTicket, 8 EncryptedExtensions, 11 Certificate, 12 ServerKeyExchange, 13 CertificateRequest, 14 ServerHelloDone, 15 CertificateVerify, 16 ClientKeyExchange, 20 Finished.',
    'After the keys change the type byte is encrypted; Wireshark then shows "Encrypted Handshake Message".'),
  entry('tls.handshake.length', 'Handshake length', 'RFC 5246 §7.4; RFC 8446 §4', 'tls.handshake.length',
    'The body length of the message, 24 bits big-endian.',
    'Add 4 for the header to get the full message size; that many bytes later the next message begins.',
    'Certificate chains are the usual reason for lengths of several kilobytes; the message then spans records and segments.'),
  typeEntry(0, 'HelloRequest', 'RFC 5246 §7.4.1.1', 'The server asking the client to start a new handshake (renegotiation).',
    'It has an empty body. It is normally sent encrypted, inside an established connection.',
    'Clients may ignore it; TLS 1.3 removed it.', ENCRYPTED),
  typeEntry(1, 'ClientHello', 'RFC 5246 §7.4.1.2; RFC 8446 §4.1.2', 'The client\'s opening offer: versions, random, session to resume, cipher suites, compression and extensions (SNI, groups, key shares, ALPN...).',
    'Read version and random, then the lists; the extensions say most of what the client really supports.',
    'Handshake failures are usually settled here: compare the offered suites, versions and groups with what the server accepts.', true),
  typeEntry(2, 'ServerHello', 'RFC 5246 §7.4.1.3; RFC 8446 §4.1.3', 'The server\'s choice: one version, one cipher suite, one compression method, its random and session id.',
    'In TLS 1.3 the version is in supported_versions and the key share in key_share; a ServerHello whose random is the fixed SHA-256 of "HelloRetryRequest" is a HelloRetryRequest.',
    'A server that cannot agree sends an alert instead of a ServerHello.', true),
  typeEntry(3, 'HelloVerifyRequest', 'RFC 6347 §4.2.1', 'DTLS only: a cookie the client must echo to prove its address.', 'Not seen on TCP.', 'A TLS-over-TCP stream carrying it is corrupt.', 'DTLS runs over UDP; a TCP capture filter does not apply.'),
  typeEntry(4, 'NewSessionTicket', 'RFC 5077 §3.3; RFC 8446 §4.6.1', 'A ticket the client may present later to resume without a full handshake.',
    'In TLS 1.2 it comes right before the server\'s ChangeCipherSpec and is readable; in TLS 1.3 it is encrypted and may arrive at any time after the handshake.',
    'Tickets encrypted with a key that never rotates weaken forward secrecy.', true),
  typeEntry(5, 'EndOfEarlyData', 'RFC 8446 §4.5', 'TLS 1.3 client marker: the 0-RTT data is over.', 'Empty body, always encrypted.', 'Only present when early data was accepted.', ENCRYPTED),
  typeEntry(8, 'EncryptedExtensions', 'RFC 8446 §4.3.1', 'TLS 1.3: the server\'s extensions that need not be in clear (ALPN, server_name ack, ...).', 'Always the first encrypted handshake message from the server.', 'Missing ALPN here while the client offered it means the server ignored ALPN.', ENCRYPTED),
  typeEntry(11, 'Certificate', 'RFC 5246 §7.4.2; RFC 8446 §4.4.2', 'A certificate chain: leaf first, then the certificates that sign it.',
    'Each entry is a 3-byte length and a DER certificate; TLS 1.3 adds per-certificate extensions.',
    'An incomplete chain (intermediate missing) makes clients fail with unknown_ca; an empty client Certificate means the client had nothing to send.', true),
  typeEntry(12, 'ServerKeyExchange', 'RFC 5246 §7.4.3; RFC 8422 §5.4', 'TLS 1.2 (EC)DHE: the server\'s ephemeral public key, signed with its certificate key.',
    'For ECDHE: curve type, named group, public point, then signature algorithm and signature.',
    'Absent with RSA key exchange; a bad signature here makes the client send decrypt_error.', true),
  typeEntry(13, 'CertificateRequest', 'RFC 5246 §7.4.4; RFC 8446 §4.3.2', 'The server asking the client for a certificate (mutual TLS).',
    'It lists acceptable certificate types, signature algorithms and the CA names the server trusts.',
    'If it is absent the client will never send a certificate: "the server did not ask" is provable from its absence.', true),
  typeEntry(14, 'ServerHelloDone', 'RFC 5246 §7.4.5', 'TLS 1.2: the server has finished its part of the hello phase.', 'Empty body (length 0).', 'Removed in TLS 1.3.', true),
  typeEntry(15, 'CertificateVerify', 'RFC 5246 §7.4.8; RFC 8446 §4.4.3', 'Proof of possession: a signature over the handshake so far with the key of the certificate just sent.',
    'Signature algorithm (2 bytes), then the signature with a 2-byte length.', 'A key that does not match the certificate makes the peer answer decrypt_error.', true),
  typeEntry(16, 'ClientKeyExchange', 'RFC 5246 §7.4.7', 'TLS 1.2: the client\'s key material: an RSA-encrypted premaster secret or its (EC)DH public value.',
    'For ECDHE a 1-byte length and the point; for RSA a 2-byte length and the encrypted secret.', 'With RSA key exchange anyone holding the server key can decrypt the whole session later.', true),
  typeEntry(20, 'Finished', 'RFC 5246 §7.4.9; RFC 8446 §4.4.4', 'A MAC over the whole handshake under the new keys: proof that both sides saw the same messages.',
    'verify_data is 12 bytes in TLS 1.2 and a hash length in TLS 1.3; wirebook checks it when keys are given.', 'A mismatch means tampering or a broken implementation (or wrong keys in the key log).', ENCRYPTED),
  typeEntry(22, 'CertificateStatus', 'RFC 6066 §8', 'A stapled OCSP response sent by the server after its certificate.', 'Status type 1 (ocsp) then the DER OCSP response.', 'An expired staple makes strict clients fail.', true),
  typeEntry(24, 'KeyUpdate', 'RFC 8446 §4.6.3', 'TLS 1.3: switch to the next traffic keys.', 'One byte: whether the peer should update too.', 'Always encrypted.', ENCRYPTED),
];
