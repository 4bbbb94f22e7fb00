// SSL 2.0 records and the SSLv2-compatible CLIENT-HELLO (draft-hickman-netscape-ssl-00 §"Record
// Protocol Specification" and §"Client Only Protocol Messages"; RFC 6101 Appendix E; RFC 5246 E.2).
import type { Cursor } from '../model/cursor.ts';
import type { ClientHelloInfo } from './hello.ts';
import { protocolVersions, sslv2CipherSpecs, sslv2MessageTypes } from './names.ts';
import { opaque } from './read.ts';

/** The SSLv2 message name of a type byte. */
export function sslv2MessageName(type: number): string {
  return sslv2MessageTypes.get(type) ?? `unknown SSLv2 message ${type}`;
}

/**
 * True when bytes at `at` look like an SSLv2 record header. `hello` demands the first record of
 * a connection: a 2-byte header, CLIENT-HELLO (or SERVER-HELLO), SSL 2.0-TLS 1.2 version.
 */
export function plausibleSslv2Header(b: Uint8Array, at: number, end: number, hello: boolean): boolean {
  if (at + 3 > end) return false;
  const twoByte = (b[at]! & 0x80) !== 0;
  const len = twoByte ? ((b[at]! & 0x7f) << 8) | b[at + 1]! : ((b[at]! & 0x3f) << 8) | b[at + 1]!;
  if (len === 0) return false;
  if (!hello) return true;
  if (!twoByte || at + 5 > end) return false;
  const type = b[at + 2]!;
  const version = (b[at + 3]! << 8) | b[at + 4]!;
  if (type === 1) return (version === 0x0002 || (version >= 0x0300 && version <= 0x0303)) && len >= 9;
  if (type === 4) return len >= 11;
  return false;
}

/**
 * SSLv2 record header (draft §"Record Header"): 2 bytes (high bit set: no padding) or 3 bytes
 * (escape bit and padding length). Returns the header length and the padding length.
 */
export function readSslv2RecordHeader(r: Cursor): { headerLength: 2 | 3; length: number; padding: number } {
  const b0 = r.peek8() ?? 0;
  const b1 = r.peek8(1) ?? 0;
  if (b0 & 0x80) {
    const length = ((b0 & 0x7f) << 8) | b1;
    r.annotate('Length', 'tls.record.length', 2, length, { display: `${length} (2-byte header: high bit set, no padding)` });
    r.skip(2);
    return { headerLength: 2, length, padding: 0 };
  }
  const length = ((b0 & 0x3f) << 8) | b1;
  const f = r.annotate('Length', 'tls.record.length', 2, length, { display: `${length} (3-byte header)` });
  r.bits(f, 2, (b0 << 8) | b1, [{ name: 'Is Escape', filter: 'tls.record.is_escape', mask: 0x4000, bool: true }]);
  r.skip(2);
  const padding = r.u8('Padding Length', 'tls.record.padding_length');
  return { headerLength: 3, length, padding };
}

/** CLIENT-HELLO (draft §"Client Only Protocol Messages", RFC 6101 E.1 / RFC 5246 E.2 compatible hello). */
export function readSslv2ClientHello(r: Cursor): ClientHelloInfo | undefined {
  r.u8('Handshake Message Type', 'tls.handshake.type', sslv2MessageTypes, { display: 'Client Hello (1)' });
  const legacyVersion = r.u16('Version', 'tls.handshake.version', protocolVersions);
  const specLen = r.u16('Cipher Spec Length', 'tls.handshake.cipher_spec_len');
  const sidLen = r.u16('Session ID Length', 'tls.handshake.session_id_length');
  const challengeLen = r.u16('Challenge Length', 'tls.handshake.challenge_length');
  const specs: number[] = [];
  r.struct('Cipher Specs', undefined, specLen, (c, f) => {
    // Each spec is 3 bytes: SSLv2 kinds (0x01xxxx-0x07xxxx) or a TLS suite as 0x00 + its 2 bytes.
    if (c.remaining % 3 !== 0) c.annotate('Cipher spec length not a multiple of 3', '_ws.expert', 0);
    while (c.remaining >= 3) specs.push(c.u24('Cipher Spec', 'tls.handshake.cipherspec', sslv2CipherSpecs));
    f.display = `Cipher Specs (${specs.length} specs)`;
  });
  const sessionId = opaque(r, 'Session ID', 'tls.handshake.session_id', sidLen);
  const challenge = opaque(r, 'Challenge', 'tls.handshake.challenge', challengeLen);
  // RFC 5246 E.2: the challenge becomes the ClientHello.random, right-aligned and zero-padded.
  const random = new Uint8Array(32);
  random.set(challenge.subarray(Math.max(0, challenge.length - 32)), Math.max(0, 32 - challenge.length));
  return { legacyVersion, random, sessionId, cipherSuites: specs, compressionMethods: [0], extensions: { types: [] }, sslv2: true };
}
