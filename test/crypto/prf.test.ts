// TLS 1.0-1.2 PRF: published TLS 1.2 vectors, and a real TLS 1.0 capture (master secret from the
// RSA PMS with extended master secret, key block, Finished verify_data inside the decrypted records).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { concatBytes } from '../../src/crypto/bytes.ts';
import {
  extendedMasterSecret, finishedVerifyData, handshakeHash, keyBlock, keyBlockLength, masterSecret, pHash, prf, prfTls10,
  prfTls12, sliceKeyBlock, ssl3Expand,
} from '../../src/crypto/prf.ts';
import { decryptCbcRecord } from '../../src/crypto/cbc.ts';
import { hex, toHex } from './helpers.ts';
import { tls12PrfVectors } from './vectors/tls12-prf.ts';
import { tls10 } from './vectors/tls10-capture.ts';

test('TLS 1.2 PRF: IETF TLS list vectors (P_SHA256, P_SHA384, and P_hash with SHA-224/512)', () => {
  for (const v of tls12PrfVectors) {
    const out = hex(v.output);
    const seed = concatBytes(new TextEncoder().encode('test label'), hex(v.seed));
    assert.equal(toHex(pHash(v.hash, hex(v.secret), seed, out.length)), v.output, v.hash);
    if (v.hash === 'sha256' || v.hash === 'sha384') {
      assert.equal(toHex(prfTls12(v.hash, hex(v.secret), 'test label', hex(v.seed), out.length)), v.output);
      assert.equal(toHex(prf(v.hash, hex(v.secret), 'test label', hex(v.seed), out.length)), v.output);
    }
  }
});

test('TLS 1.0 PRF: odd-length secrets share the middle byte (RFC 2246 §5)', () => {
  const secret = hex('0102030405');
  const out = prfTls10(secret, 'x', hex('00'), 20);
  assert.equal(out.length, 20);
  // S1 = 010203, S2 = 030405: changing the middle byte changes both halves' output
  assert.notDeepEqual(prfTls10(hex('0102ff0405'), 'x', hex('00'), 20), out);
});

const messages = tls10.handshakeRecords.map(hex);
const clientRandom = hex(tls10.clientRandom);
const serverRandom = hex(tls10.serverRandom);
const pms = hex(tls10.preMasterSecret);

test('TLS 1.0 capture: extended master secret from the keylog PMS equals the keylog master secret', () => {
  assert.equal(pms.length, 48);
  assert.equal(toHex(pms.subarray(0, 2)), '0301');
  const sessionHash = handshakeHash('tls10', messages);
  assert.equal(sessionHash.length, 36); // MD5 (16) + SHA-1 (20)
  assert.equal(toHex(extendedMasterSecret('tls10', pms, sessionHash)), tls10.masterSecret);
  // Without RFC 7627 the result would differ: EMS was negotiated in this capture.
  assert.notEqual(toHex(masterSecret('tls10', pms, clientRandom, serverRandom)), tls10.masterSecret);
});

test('TLS 1.0 capture: key block slices decrypt the Finished records, whose verify_data we recompute', () => {
  const ms = hex(tls10.masterSecret);
  const lengths = { macKey: 20, encKey: 32, fixedIv: 16 }; // TLS_RSA_WITH_AES_256_CBC_SHA
  const block = keyBlock('tls10', ms, clientRandom, serverRandom, keyBlockLength(lengths));
  assert.equal(block.length, 136);
  const km = sliceKeyBlock(block, lengths);
  assert.equal(km.offsets.clientIv, 104);
  assert.deepEqual(km.serverIv, block.subarray(120, 136));

  const client = decryptCbcRecord({
    cipher: 'aes-256-cbc', mac: 'sha1', encKey: km.clientWriteKey, macKey: km.clientMacKey,
    seq: 0, type: 22, version: 0x0301, fragment: hex(tls10.clientFinishedRecord), chainedIv: km.clientIv,
  });
  assert.ok(client.ok, client.reason);
  assert.equal(client.explicitIv, undefined);
  const clientFinished = client.plaintext;
  assert.equal(toHex(clientFinished.subarray(0, 4)), '1400000c');
  assert.equal(toHex(clientFinished.subarray(4)), toHex(finishedVerifyData('tls10', ms, 'client', messages)));

  const server = decryptCbcRecord({
    cipher: 'aes-256-cbc', mac: 'sha1', encKey: km.serverWriteKey, macKey: km.serverMacKey,
    seq: 0, type: 22, version: 0x0301, fragment: hex(tls10.serverFinishedRecord), chainedIv: km.serverIv,
  });
  assert.ok(server.ok, server.reason);
  assert.equal(toHex(server.plaintext.subarray(4)), toHex(finishedVerifyData('tls10', ms, 'server', [...messages, clientFinished])));
});

test('SSL 3.0 expansion produces the requested length from MD5/SHA-1 rounds', () => {
  const out = ssl3Expand(hex('00'.repeat(48)), hex('11'.repeat(64)), 104);
  assert.equal(out.length, 104);
  assert.deepEqual(out.subarray(0, 48), ssl3Expand(hex('00'.repeat(48)), hex('11'.repeat(64)), 48));
});
