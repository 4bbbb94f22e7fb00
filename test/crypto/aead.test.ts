// AEAD record decryption: known-answer tests, tag failures as results, nonce/AAD construction,
// RFC 8448 TLS 1.3 records and a real TLS 1.2 AES-GCM record.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import {
  additionalData12, additionalData13, aeadDecrypt, aeadOpen, aeadSeal, decryptTls12AeadRecord, decryptTls13Record, xorNonce,
  type AeadAlgorithm,
} from '../../src/crypto/aead.ts';
import { concatBytes } from '../../src/crypto/bytes.ts';
import { extendedMasterSecret, finishedVerifyData, handshakeHash, keyBlock, sliceKeyBlock } from '../../src/crypto/prf.ts';
import { hex, toHex } from './helpers.ts';
import { ccmSp80038cExample3, chacha20Poly1305Rfc7539, gcmTestCase4 } from './vectors/aead-kat.ts';
import * as r8448 from './vectors/rfc8448-simple-1rtt.ts';
import { tls12rsa } from './vectors/tls12-rsa-capture.ts';

function flip(bytes: Uint8Array, index: number): Uint8Array {
  const out = bytes.slice();
  out[index] = (out[index] ?? 0) ^ 0x01;
  return out;
}

test('AES-128-GCM: GCM spec Test Case 4, and a flipped bit fails as a result', () => {
  const v = gcmTestCase4;
  const sealed = hex(v.ciphertext + v.tag);
  assert.equal(toHex(aeadSeal('aes-128-gcm', hex(v.key), hex(v.iv), hex(v.aad), hex(v.plaintext))), v.ciphertext + v.tag);
  const r = aeadOpen('aes-128-gcm', hex(v.key), hex(v.iv), hex(v.aad), sealed);
  assert.ok(r.ok);
  assert.equal(toHex(r.plaintext), v.plaintext);
  for (const i of [0, 30, sealed.length - 1]) {
    const bad = aeadOpen('aes-128-gcm', hex(v.key), hex(v.iv), hex(v.aad), flip(sealed, i));
    assert.equal(bad.ok, false);
  }
  const badAad = aeadOpen('aes-128-gcm', hex(v.key), hex(v.iv), flip(hex(v.aad), 0), sealed);
  assert.equal(badAad.ok, false);
  if (!badAad.ok) assert.match(badAad.reason, /tag/);
});

test('ChaCha20-Poly1305: RFC 7539 §2.8.2 through the TLS 1.3 / RFC 7905 nonce (seq 0 leaves the IV as is)', () => {
  const v = chacha20Poly1305Rfc7539;
  const plaintext = new TextEncoder().encode(v.plaintext);
  const sealed = hex(v.ciphertext + v.tag);
  assert.equal(toHex(aeadSeal('chacha20-poly1305', hex(v.key), hex(v.nonce), hex(v.aad), plaintext)), v.ciphertext + v.tag);
  const r = aeadDecrypt('chacha20-poly1305', 'xor', hex(v.key), hex(v.nonce), 0, hex(v.aad), sealed);
  assert.ok(r.ok);
  assert.equal(new TextDecoder().decode(r.plaintext), v.plaintext);
  assert.equal(aeadDecrypt('chacha20-poly1305', 'xor', hex(v.key), hex(v.nonce), 0, hex(v.aad), flip(sealed, 5)).ok, false);
  // The wrong sequence number gives the wrong nonce, hence a failed tag
  assert.equal(aeadDecrypt('chacha20-poly1305', 'xor', hex(v.key), hex(v.nonce), 1, hex(v.aad), sealed).ok, false);
});

test('AES-128-CCM_8: NIST SP 800-38C Example 3 (12-byte nonce, 8-byte tag)', () => {
  const v = ccmSp80038cExample3;
  assert.equal(toHex(aeadSeal('aes-128-ccm8', hex(v.key), hex(v.nonce), hex(v.aad), hex(v.plaintext))), v.ciphertext + v.tag);
  const r = aeadOpen('aes-128-ccm8', hex(v.key), hex(v.nonce), hex(v.aad), hex(v.ciphertext + v.tag));
  assert.ok(r.ok);
  assert.equal(toHex(r.plaintext), v.plaintext);
  assert.equal(aeadOpen('aes-128-ccm8', hex(v.key), hex(v.nonce), hex(v.aad), flip(hex(v.ciphertext + v.tag), 3)).ok, false);
});

test('AES-CCM (16-byte tag), AES-256-GCM, AES-256-CCM_8: TLS 1.2 explicit-nonce round trip and tamper', () => {
  const cases: AeadAlgorithm[] = ['aes-128-ccm', 'aes-256-ccm', 'aes-256-ccm8', 'aes-256-gcm', 'aes-128-gcm'];
  for (const alg of cases) {
    const key = new Uint8Array(alg.startsWith('aes-128') ? 16 : 32).fill(7);
    const salt = hex('01020304');
    const explicit = hex('0000000000000005');
    const plaintext = new TextEncoder().encode('GET / HTTP/1.1\r\n\r\n');
    const aad = additionalData12(5, 23, 0x0303, plaintext.length);
    const fragment = concatBytes(explicit, aeadSeal(alg, key, concatBytes(salt, explicit), aad, plaintext));
    const r = decryptTls12AeadRecord(alg, 'explicit', key, salt, 5, 23, 0x0303, fragment);
    assert.ok(r.ok, alg);
    assert.deepEqual(r.plaintext, plaintext);
    assert.deepEqual(r.explicitNonce, explicit);
    assert.equal(toHex(r.additionalData), '000000000000000517030300' + plaintext.length.toString(16).padStart(2, '0'));
    assert.equal(decryptTls12AeadRecord(alg, 'explicit', key, salt, 6, 23, 0x0303, fragment).ok, false, `${alg} wrong seq`);
    assert.equal(decryptTls12AeadRecord(alg, 'explicit', key, salt, 5, 23, 0x0303, flip(fragment, fragment.length - 1)).ok, false);
  }
});

test('malformed inputs are results, not exceptions', () => {
  const key = new Uint8Array(16);
  assert.equal(aeadOpen('aes-128-gcm', key, new Uint8Array(12), new Uint8Array(0), new Uint8Array(5)).ok, false);
  assert.equal(aeadOpen('aes-128-gcm', new Uint8Array(5), new Uint8Array(12), new Uint8Array(0), new Uint8Array(32)).ok, false);
  assert.equal(aeadDecrypt('aes-128-gcm', 'explicit', key, new Uint8Array(4), 0, new Uint8Array(0), new Uint8Array(3)).ok, false);
  assert.equal(aeadDecrypt('aes-128-gcm', 'xor', key, new Uint8Array(4), 0, new Uint8Array(0), new Uint8Array(30)).ok, false);
});

test('nonce and additional data layouts', () => {
  assert.equal(toHex(xorNonce(hex('5d313eb2671276ee13000b30'), 1)), '5d313eb2671276ee13000b31');
  assert.equal(toHex(xorNonce(hex('000000000000000000000000'), 0x0102030405060708n)), '000000000102030405060708');
  assert.equal(toHex(additionalData12(1, 22, 0x0303, 16)), '0000000000000001160303' + '0010');
  assert.equal(toHex(additionalData13(0x2a2)), '17030302a2');
});

test('RFC 8448 §3: decrypt the server flight, client Finished and application data records', () => {
  const e = r8448.expected;
  const flight = hex(r8448.serverFlightRecord);
  const r = decryptTls13Record('aes-128-gcm', hex(e.serverHandshakeKey), hex(e.serverHandshakeIv), 0, flight.subarray(5));
  assert.ok(r.ok);
  assert.equal(toHex(r.content.subarray(0, 4)), '08000024'); // EncryptedExtensions
  assert.equal(toHex(r.content), r8448.serverFlight);
  assert.equal(r.contentType, 22);
  assert.equal(r.paddingLength, 0);
  assert.equal(toHex(r.additionalData), toHex(flight.subarray(0, 5)));

  const cf = decryptTls13Record('aes-128-gcm', hex(e.clientHandshakeKey), hex(e.clientHandshakeIv), 0, hex(r8448.clientFinishedRecord).subarray(5));
  assert.ok(cf.ok);
  assert.equal(toHex(cf.content), `14000020${e.clientVerifyData}`);

  const cd = decryptTls13Record('aes-128-gcm', hex(e.clientApplicationKey), hex(e.clientApplicationIv), 0, hex(r8448.clientAppDataRecord).subarray(5));
  assert.ok(cd.ok);
  assert.equal(cd.contentType, 23);
  assert.equal(toHex(cd.content), e.appPayload);

  const sd = decryptTls13Record('aes-128-gcm', hex(e.serverApplicationKey), hex(e.serverApplicationIv), 1, hex(r8448.serverAppDataRecord).subarray(5));
  assert.ok(sd.ok);
  assert.equal(toHex(sd.content), e.appPayload);

  const bad = decryptTls13Record('aes-128-gcm', hex(e.serverHandshakeKey), hex(e.serverHandshakeIv), 1, flight.subarray(5));
  assert.equal(bad.ok, false);
});

test('TLS 1.2 capture (AES-128-GCM, EMS): decrypt the client Finished and the HTTP request', () => {
  const v = tls12rsa;
  const messages = v.handshakeRecords.map(hex);
  const ms = extendedMasterSecret('sha256', hex(v.preMasterSecret), handshakeHash('sha256', messages));
  assert.equal(toHex(ms), v.masterSecret);
  const lengths = { macKey: 0, encKey: 16, fixedIv: 4 };
  const km = sliceKeyBlock(keyBlock('sha256', ms, hex(v.clientRandom), hex(v.serverRandom), 40), lengths);
  const fin = decryptTls12AeadRecord('aes-128-gcm', 'explicit', km.clientWriteKey, km.clientIv, 0, 22, 0x0303, hex(v.clientFinishedRecord));
  assert.ok(fin.ok);
  assert.equal(toHex(fin.plaintext), '1400000c' + toHex(finishedVerifyData('sha256', ms, 'client', messages)));
  const app = decryptTls12AeadRecord('aes-128-gcm', 'explicit', km.clientWriteKey, km.clientIv, 1, 23, 0x0303, hex(v.clientAppRecord));
  assert.ok(app.ok);
  assert.equal(new TextDecoder().decode(app.plaintext), 'GET / HTTP/1.0\r\n\r\n');
});
