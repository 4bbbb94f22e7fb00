// RC4: RFC 6229 keystream vectors (key 0x0102030405 at offsets 0, 16, 240, 256), the state carried
// across records, and the stream-cipher record with its MAC.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { createHmac } from 'node:crypto';
import { concatBytes } from '../../src/crypto/bytes.ts';
import { macHeader } from '../../src/crypto/mac.ts';
import { decryptStreamRecord, rc4Clone, rc4Init, rc4Process } from '../../src/crypto/rc4.ts';
import { hex, toHex } from './helpers.ts';

// RFC 6229 §2, "Key length: 40 bits", key 0x0102030405.
const rfc6229Key40 = {
  0: 'b2396305f03dc027ccc3524a0a1118a8',
  16: '6982944f18fc82d589c403a47a0d0919',
  240: '28cb1132c96ce286421dcaadb8b69eae',
  256: '1cfcf62b03eddb641d77dfcf7f8d8c93',
} as const;

test('RC4 keystream: RFC 6229 key 0102030405 at offsets 0, 16, 240, 256', () => {
  const ks = rc4Process(rc4Init(hex('0102030405')), new Uint8Array(272));
  for (const [offset, expected] of Object.entries(rfc6229Key40)) {
    const o = Number(offset);
    assert.equal(toHex(ks.subarray(o, o + 16)), expected, `offset ${o}`);
  }
});

test('RC4 "Key"/"Plaintext" example, and the state runs on across calls (records)', () => {
  const state = rc4Init(new TextEncoder().encode('Key'));
  const whole = rc4Process(rc4Clone(state), new TextEncoder().encode('Plaintext'));
  assert.equal(toHex(whole), 'bbf316e8d940af0ad3');
  const a = rc4Process(state, new TextEncoder().encode('Plain'));
  const b = rc4Process(state, new TextEncoder().encode('text'));
  assert.deepEqual(concatBytes(a, b), whole);
});

test('stream record: content + HMAC-MD5, decrypted with the running state; a bad MAC is a result', () => {
  const encKey = hex('000102030405060708090a0b0c0d0e0f');
  const macKey = hex('33'.repeat(16));
  const enc = rc4Init(encKey);
  const records: Uint8Array[] = [];
  for (let seq = 0; seq < 2; seq++) {
    const content = new TextEncoder().encode(`record ${seq}`);
    const mac = createHmac('md5', macKey).update(macHeader(seq, 23, 0x0301, content.length)).update(content).digest();
    records.push(rc4Process(enc, concatBytes(content, mac)));
  }
  const dec = rc4Init(encKey);
  records.forEach((fragment, seq) => {
    const r = decryptStreamRecord({ state: dec, mac: 'md5', macKey, seq, type: 23, version: 0x0301, fragment });
    assert.ok(r.ok, r.reason);
    assert.equal(new TextDecoder().decode(r.plaintext), `record ${seq}`);
    assert.equal(r.mac.length, 16);
  });
  const fresh = rc4Init(encKey);
  const bad = decryptStreamRecord({ state: fresh, mac: 'md5', macKey, seq: 1, type: 23, version: 0x0301, fragment: records[0] ?? new Uint8Array() });
  assert.equal(bad.ok, false);
  assert.equal(bad.macOk, false);
  const short = decryptStreamRecord({ state: rc4Init(encKey), mac: 'sha1', macKey, seq: 0, type: 23, version: 0x0301, fragment: new Uint8Array(5) });
  assert.equal(short.ok, false);
});
