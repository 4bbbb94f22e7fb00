// RFC 8448 §3 "Simple 1-RTT Handshake": every secret, key, IV and Finished value from the RFC's own inputs.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import {
  binderKey, deriveSecret, earlySecret, emptyHash, finishedKey, finishedVerifyData13, handshakeSecret, hkdfExpandLabel,
  hkdfExtract, hkdfLabel, keySchedule13, masterSecret13, nextTrafficSecret, resumptionPsk, trafficKeys, transcriptHash,
  TLS13_SUITES,
} from '../../src/crypto/hkdf.ts';
import { hex, splitHandshake, toHex } from './helpers.ts';
import * as v from './vectors/rfc8448-simple-1rtt.ts';

const ch = hex(v.clientHello);
const sh = hex(v.serverHello);
const flight = splitHandshake(hex(v.serverFlight));
const [ee, cert, cv, sfin] = flight;
const e = v.expected;

test('RFC 8448 §3: handshake messages have the RFC lengths and types', () => {
  assert.equal(ch.length, 196);
  assert.equal(sh.length, 90);
  assert.deepEqual(flight.map((m) => m[0]), [8, 11, 15, 20]);
  assert.equal(toHex(sfin?.subarray(4) ?? new Uint8Array()), e.serverVerifyData);
});

test('RFC 8448 §3: transcript hashes', () => {
  assert.ok(ee && cert && cv && sfin);
  assert.equal(toHex(transcriptHash('sha256', ch, sh)), e.helloHash);
  assert.equal(toHex(transcriptHash('sha256', ch, sh, ee, cert, cv)), e.certificateVerifyHash);
  assert.equal(toHex(transcriptHash('sha256', ch, sh, ee, cert, cv, sfin)), e.serverFinishedHash);
  const clientFinished = hex(`14000020${e.clientVerifyData}`);
  assert.equal(toHex(transcriptHash('sha256', ch, sh, ee, cert, cv, sfin, clientFinished)), e.clientFinishedHash);
});

test('RFC 8448 §3: step-by-step secrets (extract/derive)', () => {
  const early = earlySecret('sha256');
  assert.equal(toHex(early), e.earlySecret);
  assert.equal(toHex(deriveSecret('sha256', early, 'derived', emptyHash('sha256'))), e.derivedForHandshake);
  const hs = handshakeSecret('sha256', early, hex(v.sharedSecret));
  assert.equal(toHex(hs), e.handshakeSecret);
  assert.equal(toHex(hkdfExtract('sha256', hex(e.derivedForHandshake), hex(v.sharedSecret))), e.handshakeSecret);
  const helloHash = transcriptHash('sha256', ch, sh);
  assert.equal(toHex(deriveSecret('sha256', hs, 'c hs traffic', helloHash)), e.clientHandshakeTrafficSecret);
  assert.equal(toHex(deriveSecret('sha256', hs, 's hs traffic', helloHash)), e.serverHandshakeTrafficSecret);
  assert.equal(toHex(deriveSecret('sha256', hs, 'derived', emptyHash('sha256'))), e.derivedForMaster);
  assert.equal(toHex(masterSecret13('sha256', hs)), e.masterSecret);
});

test('RFC 8448 §3: the whole schedule in one call', () => {
  const s = keySchedule13({
    hash: 'sha256',
    sharedSecret: hex(v.sharedSecret),
    helloHash: hex(e.helloHash),
    serverFinishedHash: hex(e.serverFinishedHash),
    clientFinishedHash: hex(e.clientFinishedHash),
  });
  assert.equal(toHex(s.earlySecret), e.earlySecret);
  assert.equal(toHex(s.derivedForHandshake), e.derivedForHandshake);
  assert.equal(toHex(s.handshakeSecret), e.handshakeSecret);
  assert.equal(toHex(s.clientHandshakeTrafficSecret), e.clientHandshakeTrafficSecret);
  assert.equal(toHex(s.serverHandshakeTrafficSecret), e.serverHandshakeTrafficSecret);
  assert.equal(toHex(s.derivedForMaster), e.derivedForMaster);
  assert.equal(toHex(s.masterSecret), e.masterSecret);
  assert.equal(toHex(s.clientApplicationTrafficSecret0 ?? new Uint8Array()), e.clientApplicationTrafficSecret);
  assert.equal(toHex(s.serverApplicationTrafficSecret0 ?? new Uint8Array()), e.serverApplicationTrafficSecret);
  assert.equal(toHex(s.exporterMasterSecret ?? new Uint8Array()), e.exporterMasterSecret);
  assert.equal(toHex(s.resumptionMasterSecret ?? new Uint8Array()), e.resumptionMasterSecret);
  assert.equal(s.clientEarlyTrafficSecret, undefined);
});

test('RFC 8448 §3: traffic keys and IVs (AES-128-GCM: 16-byte key, 12-byte IV)', () => {
  const suite = TLS13_SUITES[0x1301];
  assert.ok(suite);
  const k = (secret: string) => trafficKeys(suite.hash, hex(secret), suite.keyLength, suite.ivLength);
  const shs = k(e.serverHandshakeTrafficSecret);
  assert.equal(toHex(shs.key), e.serverHandshakeKey);
  assert.equal(toHex(shs.iv), e.serverHandshakeIv);
  const chs = k(e.clientHandshakeTrafficSecret);
  assert.equal(toHex(chs.key), e.clientHandshakeKey);
  assert.equal(toHex(chs.iv), e.clientHandshakeIv);
  const sap = k(e.serverApplicationTrafficSecret);
  assert.equal(toHex(sap.key), e.serverApplicationKey);
  assert.equal(toHex(sap.iv), e.serverApplicationIv);
  const cap = k(e.clientApplicationTrafficSecret);
  assert.equal(toHex(cap.key), e.clientApplicationKey);
  assert.equal(toHex(cap.iv), e.clientApplicationIv);
});

test('RFC 8448 §3: finished keys and verify_data', () => {
  assert.equal(toHex(finishedKey('sha256', hex(e.serverHandshakeTrafficSecret))), e.serverFinishedKey);
  assert.equal(toHex(finishedKey('sha256', hex(e.clientHandshakeTrafficSecret))), e.clientFinishedKey);
  assert.equal(toHex(finishedVerifyData13('sha256', hex(e.serverHandshakeTrafficSecret), hex(e.certificateVerifyHash))), e.serverVerifyData);
  assert.equal(toHex(finishedVerifyData13('sha256', hex(e.clientHandshakeTrafficSecret), hex(e.serverFinishedHash))), e.clientVerifyData);
});

test('RFC 8448 §3: resumption PSK from the ticket nonce', () => {
  assert.equal(toHex(resumptionPsk('sha256', hex(e.resumptionMasterSecret), hex(e.ticketNonce))), e.resumptionPsk);
});

test('HkdfLabel layout and KeyUpdate "traffic upd"', () => {
  // RFC 8448 prints the info of "tls13 key" for a 16-byte key: 00 10 09 "tls13 key" 00
  assert.equal(toHex(hkdfLabel('key', new Uint8Array(0), 16)), '001009746c733133206b657900');
  const next = nextTrafficSecret('sha256', hex(e.clientApplicationTrafficSecret));
  assert.deepEqual(next, hkdfExpandLabel('sha256', hex(e.clientApplicationTrafficSecret), 'traffic upd', new Uint8Array(0), 32));
  assert.notDeepEqual(next, hex(e.clientApplicationTrafficSecret));
  assert.equal(next.length, 32);
});

test('PSK schedule: binder key and early secrets are derived from the PSK', () => {
  const psk = hex(e.resumptionPsk);
  const early = earlySecret('sha256', psk);
  // RFC 8448 §4 prints this early secret for the resumed handshake that uses this PSK.
  assert.equal(toHex(early), '9b2188e9b2fc6d64d71dc329900e20bb41915000f678aa839cbb797cb7d8332c');
  const s = keySchedule13({ hash: 'sha256', psk, helloHash: hex(e.helloHash), clientHelloHash: transcriptHash('sha256', ch) });
  assert.deepEqual(s.binderKeyResumption, binderKey('sha256', early, 'resumption'));
  assert.ok(s.clientEarlyTrafficSecret && s.earlyExporterMasterSecret);
  assert.equal(s.earlySecret.length, 32);
});

test('SHA-384 suite lengths', () => {
  const suite = TLS13_SUITES[0x1302];
  assert.ok(suite);
  const early = earlySecret(suite.hash);
  assert.equal(early.length, 48);
  const keys = trafficKeys(suite.hash, early, suite.keyLength);
  assert.equal(keys.key.length, 32);
  assert.equal(keys.iv.length, 12);
});
