// The SSLv2-compatible CLIENT-HELLO (RFC 5246 Appendix E.2, RFC 6101 Appendix E). Its fields
// reuse TLS filter names, so record-level ones are keyed `sslv2:KEY` and looked up in that scope.
import { entry, type KbEntry } from '../types.ts';

const E2 = 'RFC 5246 Appendix E.2';
export const sslv2Entries: KbEntry[] = [
  entry('sslv2:tls.record', 'SSLv2 record', `${E2}; RFC 6176`, 'tls.record',
    'A record in the SSL 2.0 format: a 2- or 3-byte length header and no content type. TLS clients of the 2000s used it for their first message so that SSL 2.0 servers could read it too.',
    'If the first byte has its high bit set, the header is two bytes and the other 15 bits give the length; otherwise it is three bytes (the third is a padding length). The body begins with the message type.',
    'No TLS record starts with a byte of 0x80 or more, which is how servers tell the formats apart. SSL 2.0 is prohibited (RFC 6176) and many servers now reject this format outright.'),
  entry('sslv2:tls.record.length', 'SSLv2 record length', E2, 'tls.record.length',
    'The SSL 2.0 record header: the length of the message, with the top bit of the first byte marking a 2-byte header.',
    'Clear the high bit and read 15 bits: 80 8c is a 2-byte header and 0x008c = 140 bytes of message.',
    'Reading 80 8c as a TLS content type (128) and version makes no sense: that is the sign of an SSLv2-format hello, not of a broken stream.'),
  entry('sslv2:tls.handshake.type', 'SSLv2 message type', E2, 'tls.handshake.type',
    'The first byte of the SSL 2.0 message: 1 is CLIENT-HELLO, the only one a TLS peer accepts in this format.',
    '01 is CLIENT-HELLO. Any other type at the start of a connection means a real SSL 2.0 handshake.',
    'An SSL 2.0 server would answer with SERVER-HELLO (4); a TLS server answers a TLS ServerHello, and the rest of the connection is plain TLS.'),
  entry('sslv2:tls.handshake.session_id_length', 'SSLv2 session ID length', E2, 'tls.handshake.session_id_length',
    'How many bytes of session ID follow the cipher specs: 0, or 16 to resume an SSL 2.0 session.',
    '00 00 means no session to resume.',
    'A TLS server cannot resume a TLS session from this hello; a non-zero value here only makes sense to an SSL 2.0 server.'),
  entry('tls.handshake.cipher_spec_len', 'Cipher specs length', E2, 'tls.handshake.cipher_spec_len',
    'How many bytes of cipher specs follow; each spec is 3 bytes, so this is a multiple of 3.',
    '00 63 = 99 bytes = 33 specs.',
    'A length that is not a multiple of 3 makes the hello malformed.'),
  entry('tls.handshake.cipherspec', 'Cipher spec (3 bytes)', E2, 'tls.handshake.cipherspec',
    'One cipher the client offers, numbered with SSL 2.0\'s 3-byte codes.',
    'A first byte of 00 marks a TLS cipher suite (00 00 39 is suite 0x0039); any other first byte is an SSL 2.0 cipher (07 00 c0 is DES-EDE3-CBC with MD5).',
    'Lists of this era still offer EXPORT (40- and 56-bit) ciphers and SSL 2.0 ciphers; a server that picks one of them is itself badly configured.'),
  entry('tls.handshake.challenge_length', 'Challenge length', E2, 'tls.handshake.challenge_length',
    'How many bytes of challenge end the message: 16 to 32.',
    '00 20 = 32 bytes.',
    'Values outside 16-32 are not allowed.'),
  entry('tls.handshake.challenge', 'Challenge', E2, 'tls.handshake.challenge',
    'Fresh random bytes from the client; a TLS server uses them as the client random.',
    'Padded on the left with zero bytes to 32 bytes when shorter, it becomes ClientHello.random in the key derivation and the Finished hash.',
    'A challenge that repeats across connections points at a broken random generator, as with Random.'),
];
