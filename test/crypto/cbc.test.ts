// CBC records: 3DES known answer, records built here with node:crypto and taken apart again, padding
// and MAC errors found, encrypt-then-MAC, the NULL cipher, SSL 3.0 padding, and TLS 1.0 chained IVs
// on a real capture.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { createCipheriv, createHmac } from 'node:crypto';
import { concatBytes, uintBytes } from '../../src/crypto/bytes.ts';
import { cbcDecryptBlocks, cbcEncryptBlocks, decryptCbcRecord, type BlockCipherAlgorithm } from '../../src/crypto/cbc.ts';
import { macHeader, recordMac, ssl3Mac } from '../../src/crypto/mac.ts';
import { keyBlock, sliceKeyBlock } from '../../src/crypto/prf.ts';
import { hex, toHex } from './helpers.ts';
import { tls10 } from './vectors/tls10-capture.ts';

test('3DES-EDE: NIST SP 800-67 example (three keys, "The qufck brown fox jump"), block by block', () => {
  const key = hex('0123456789abcdef23456789abcdef01456789abcdef0123');
  const plain = new TextEncoder().encode('The qufck brown fox jump');
  const expected = hex('a826fd8ce53b855fcce21c8112256fe668d5c05dd9b6b900');
  const zero = new Uint8Array(8);
  for (let i = 0; i < 3; i++) {
    const p = plain.subarray(i * 8, i * 8 + 8);
    const c = expected.subarray(i * 8, i * 8 + 8);
    assert.deepEqual(cbcEncryptBlocks('des-ede3-cbc', key, zero, p), c); // CBC with a zero IV = ECB on one block
    assert.deepEqual(cbcDecryptBlocks('des-ede3-cbc', key, zero, c), p);
  }
  assert.equal(cbcDecryptBlocks('des-ede3-cbc', key, zero, new Uint8Array(7)), undefined);
});

interface Built { fragment: Uint8Array; content: Uint8Array; mac: Uint8Array; padding: Uint8Array; iv: Uint8Array }

/** Build a MAC-then-encrypt record independently: HMAC with node:crypto, TLS padding, encrypt with createCipheriv. */
function buildRecord(cipher: Exclude<BlockCipherAlgorithm, 'null'>, macHash: string, encKey: Uint8Array, macKey: Uint8Array, seq: number, version: number,
  content: Uint8Array, iv: Uint8Array, explicitIv: boolean, padLen: number, corrupt?: (plain: Uint8Array) => void): Built {
  const bs = cipher === 'des-ede3-cbc' ? 8 : 16;
  const header = concatBytes(uintBytes(seq, 8), Uint8Array.of(23), uintBytes(version, 2), uintBytes(content.length, 2));
  const mac = new Uint8Array(createHmac(macHash, macKey).update(header).update(content).digest());
  const padding = new Uint8Array(padLen + 1).fill(padLen);
  const plain = concatBytes(content, mac, padding);
  assert.equal(plain.length % bs, 0, 'test bug: choose padLen to fill the block');
  corrupt?.(plain);
  const c = createCipheriv(cipher, encKey, iv).setAutoPadding(false);
  const body = new Uint8Array(Buffer.concat([c.update(plain), c.final()]));
  return { fragment: explicitIv ? concatBytes(iv, body) : body, content, mac, padding, iv };
}

const encKey = hex('000102030405060708090a0b0c0d0e0f');
const macKey = hex('a0'.repeat(32));
const content = new TextEncoder().encode('hello, wirebook'); // 15 bytes; + 32 MAC = 47, +1..N padding
const iv = hex('f0e0d0c0b0a090807060504030201000');

test('TLS 1.2 AES-128-CBC + HMAC-SHA256 record built with node:crypto: every part recovered', () => {
  const b = buildRecord('aes-128-cbc', 'sha256', encKey, macKey, 7, 0x0303, content, iv, true, 16);
  const r = decryptCbcRecord({ cipher: 'aes-128-cbc', mac: 'sha256', encKey, macKey, seq: 7, type: 23, version: 0x0303, fragment: b.fragment });
  assert.ok(r.ok, r.reason);
  assert.deepEqual(r.explicitIv, iv);
  assert.deepEqual(r.plaintext, content);
  assert.deepEqual(r.mac, b.mac);
  assert.deepEqual(r.expectedMac, b.mac);
  assert.deepEqual(r.padding, b.padding);
  assert.equal(r.paddingLength, 16);
  assert.ok(r.paddingOk && r.macOk);
  assert.equal(r.decrypted.length, 15 + 32 + 17);
  // wrong sequence number: the MAC no longer matches
  const wrongSeq = decryptCbcRecord({ cipher: 'aes-128-cbc', mac: 'sha256', encKey, macKey, seq: 8, type: 23, version: 0x0303, fragment: b.fragment });
  assert.equal(wrongSeq.ok, false);
  assert.equal(wrongSeq.macOk, false);
  assert.ok(wrongSeq.paddingOk);
});

test('padding errors are detected and reported, not thrown', () => {
  const badByte = buildRecord('aes-128-cbc', 'sha256', encKey, macKey, 1, 0x0303, content, iv, true, 16, (p) => { p[p.length - 5] = 0x00; });
  const r1 = decryptCbcRecord({ cipher: 'aes-128-cbc', mac: 'sha256', encKey, macKey, seq: 1, type: 23, version: 0x0303, fragment: badByte.fragment });
  assert.equal(r1.ok, false);
  assert.equal(r1.paddingOk, false);
  assert.match(r1.reason ?? '', /padding byte at offset/);

  const tooLong = buildRecord('aes-128-cbc', 'sha256', encKey, macKey, 1, 0x0303, content, iv, true, 0, (p) => { p[p.length - 1] = 0xf0; });
  const r2 = decryptCbcRecord({ cipher: 'aes-128-cbc', mac: 'sha256', encKey, macKey, seq: 1, type: 23, version: 0x0303, fragment: tooLong.fragment });
  assert.equal(r2.paddingOk, false);
  assert.match(r2.reason ?? '', /leaves no room/);

  const badLength = decryptCbcRecord({ cipher: 'aes-128-cbc', mac: 'sha256', encKey, macKey, seq: 1, type: 23, version: 0x0303, fragment: new Uint8Array(40) });
  assert.equal(badLength.ok, false);
  assert.match(badLength.reason ?? '', /multiple/);

  const noIv = decryptCbcRecord({ cipher: 'aes-128-cbc', mac: 'sha1', encKey, macKey, seq: 0, type: 23, version: 0x0301, fragment: new Uint8Array(32) });
  assert.equal(noIv.ok, false);
  assert.match(noIv.reason ?? '', /IV/);
});

test('MAC error with good padding', () => {
  const b = buildRecord('aes-128-cbc', 'sha256', encKey, macKey, 1, 0x0303, content, iv, true, 16, (p) => { p[0] = (p[0] ?? 0) ^ 1; });
  const r = decryptCbcRecord({ cipher: 'aes-128-cbc', mac: 'sha256', encKey, macKey, seq: 1, type: 23, version: 0x0303, fragment: b.fragment });
  assert.equal(r.ok, false);
  assert.ok(r.paddingOk);
  assert.equal(r.macOk, false);
  assert.equal(r.reason, 'MAC does not match');
});

test('TLS 1.0 chained IV over two 3DES/HMAC-SHA1 records; nextIv is the last ciphertext block', () => {
  const key3 = hex('0123456789abcdef23456789abcdef01456789abcdef0123');
  const mk = hex('11'.repeat(20));
  const iv0 = hex('0001020304050607');
  const text = new TextEncoder().encode('abc'); // 3 + 20 = 23, pad 0 -> 24
  const r1b = buildRecord('des-ede3-cbc', 'sha1', key3, mk, 0, 0x0301, text, iv0, false, 0);
  const d1 = decryptCbcRecord({ cipher: 'des-ede3-cbc', mac: 'sha1', encKey: key3, macKey: mk, seq: 0, type: 23, version: 0x0301, fragment: r1b.fragment, chainedIv: iv0 });
  assert.ok(d1.ok, d1.reason);
  assert.deepEqual(d1.nextIv, r1b.fragment.subarray(r1b.fragment.length - 8));
  const r2b = buildRecord('des-ede3-cbc', 'sha1', key3, mk, 1, 0x0301, text, d1.nextIv, false, 0);
  const d2 = decryptCbcRecord({ cipher: 'des-ede3-cbc', mac: 'sha1', encKey: key3, macKey: mk, seq: 1, type: 23, version: 0x0301, fragment: r2b.fragment, chainedIv: d1.nextIv });
  assert.ok(d2.ok, d2.reason);
  assert.deepEqual(d2.plaintext, text);
});

test('encrypt-then-MAC (RFC 7366): MAC over IV + ciphertext, outside the encryption', () => {
  const padding = new Uint8Array(1).fill(0); // 15 + 1 = 16
  const c = createCipheriv('aes-128-cbc', encKey, iv).setAutoPadding(false);
  const body = concatBytes(iv, Buffer.concat([c.update(concatBytes(content, padding)), c.final()]));
  const mac = new Uint8Array(createHmac('sha1', macKey).update(macHeader(3, 23, 0x0302, body.length)).update(body).digest());
  const fragment = concatBytes(body, mac);
  const r = decryptCbcRecord({ cipher: 'aes-128-cbc', mac: 'sha1', encKey, macKey, seq: 3, type: 23, version: 0x0302, fragment, encryptThenMac: true });
  assert.ok(r.ok, r.reason);
  assert.deepEqual(r.plaintext, content);
  assert.deepEqual(r.mac, mac);
  const tampered = fragment.slice();
  tampered[20] = (tampered[20] ?? 0) ^ 0x80;
  assert.equal(decryptCbcRecord({ cipher: 'aes-128-cbc', mac: 'sha1', encKey, macKey, seq: 3, type: 23, version: 0x0302, fragment: tampered, encryptThenMac: true }).macOk, false);
});

test('NULL cipher with HMAC-SHA1, and SSL 3.0 MAC + non-uniform padding', () => {
  const mk = hex('22'.repeat(20));
  const mac = recordMac('sha1', mk, 0, 23, 0x0303, content);
  const r = decryptCbcRecord({ cipher: 'null', mac: 'sha1', encKey: new Uint8Array(0), macKey: mk, seq: 0, type: 23, version: 0x0303, fragment: concatBytes(content, mac) });
  assert.ok(r.ok);
  assert.deepEqual(r.plaintext, content);

  const sslMac = ssl3Mac('sha1', mk, 0, 23, content); // 15 + 20 = 35, + 13 = 48
  const padding = concatBytes(hex('aabbccddeeff00112233445566'.slice(0, 24)), Uint8Array.of(12));
  const plain = concatBytes(content, sslMac, padding);
  const c = createCipheriv('aes-128-cbc', encKey, iv).setAutoPadding(false);
  const fragment = new Uint8Array(Buffer.concat([c.update(plain), c.final()]));
  const s = decryptCbcRecord({ cipher: 'aes-128-cbc', mac: 'sha1', encKey, macKey: mk, seq: 0, type: 23, version: 0x0300, fragment, chainedIv: iv });
  assert.ok(s.ok, s.reason);
  assert.deepEqual(s.plaintext, content);
  assert.equal(s.paddingLength, 12);
});

test('TLS 1.0 capture: the empty BEAST fragment and the GET request, chained from the Finished record', () => {
  const lengths = { macKey: 20, encKey: 32, fixedIv: 16 };
  const km = sliceKeyBlock(keyBlock('tls10', hex(tls10.masterSecret), hex(tls10.clientRandom), hex(tls10.serverRandom), 136), lengths);
  const base = { cipher: 'aes-256-cbc', mac: 'sha1', encKey: km.clientWriteKey, macKey: km.clientMacKey, version: 0x0301 } as const;
  const fin = decryptCbcRecord({ ...base, seq: 0, type: 22, fragment: hex(tls10.clientFinishedRecord), chainedIv: km.clientIv });
  assert.ok(fin.ok);
  const [emptyRecord, getRecord] = tls10.clientAppRecords.map(hex);
  assert.ok(emptyRecord && getRecord);
  const empty = decryptCbcRecord({ ...base, seq: 1, type: 23, fragment: emptyRecord, chainedIv: fin.nextIv });
  assert.ok(empty.ok, empty.reason);
  assert.equal(empty.plaintext.length, 0);
  assert.equal(empty.mac.length, 20);
  assert.equal(toHex(empty.padding), '0b'.repeat(12));
  const get = decryptCbcRecord({ ...base, seq: 2, type: 23, fragment: getRecord, chainedIv: empty.nextIv });
  assert.ok(get.ok, get.reason);
  assert.equal(new TextDecoder().decode(get.plaintext), 'GET / HTTP/1.0\r\n\r\n');
  // the key block IV instead of the chained one garbles only the first block, and the MAC catches it
  const wrongIv = decryptCbcRecord({ ...base, seq: 2, type: 23, fragment: getRecord, chainedIv: km.clientIv });
  assert.equal(wrongIv.macOk, false);
});
