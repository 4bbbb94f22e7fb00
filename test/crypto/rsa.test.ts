// RSA key exchange: decrypt the real ClientKeyExchange of tls12-rsa-kx-aes128-gcm with its server key
// and compare with the capture's keylog RSA line; key formats; wrong key; key/certificate matching.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { generateKeyPairSync, X509Certificate } from 'node:crypto';
import { decryptPreMasterSecret, keyMatchesCertificate, loadPrivateKey, pkcs1v15Unpad, rsaModulus } from '../../src/crypto/rsa.ts';
import { hex, toHex } from './helpers.ts';
import { tls12rsa } from './vectors/tls12-rsa-capture.ts';

const fixture = (name: string) => new URL(`../../fixtures/crypto/${name}`, import.meta.url);
const keyPem = readFileSync(fixture('tls12-rsa-kx-aes128-gcm.server.key'), 'utf8');
const epms = hex(tls12rsa.encryptedPreMasterSecret);

test('decrypt the captured EncryptedPreMasterSecret: 00 02 <padding> 00 <PMS> equals the keylog RSA line', () => {
  const loaded = loadPrivateKey(keyPem);
  assert.ok(loaded.ok);
  assert.equal(loaded.format, 'pem');
  assert.equal(loaded.modulusBits, 2048);
  assert.equal(toHex(epms.subarray(0, 8)), tls12rsa.rsaPrefix);
  const r = decryptPreMasterSecret(loaded.key, epms);
  assert.ok(r.ok, r.ok ? '' : r.reason);
  assert.equal(toHex(r.preMasterSecret), tls12rsa.preMasterSecret);
  assert.equal(r.clientVersion, 0x0303);
  assert.equal(toHex(r.block.subarray(0, 2)), '0002');
  assert.equal(r.separatorOffset, 256 - 49);
  assert.equal(r.padding.length, 256 - 48 - 3);
  assert.ok(r.padding.every((b) => b !== 0));
});

test('the same key as DER PKCS#8, DER PKCS#1, PEM PKCS#1, and encrypted PKCS#8 with a passphrase', () => {
  const base = loadPrivateKey(keyPem);
  assert.ok(base.ok);
  const variants: [Uint8Array | string, string | undefined][] = [
    [new Uint8Array(base.key.export({ format: 'der', type: 'pkcs8' })), undefined],
    [new Uint8Array(base.key.export({ format: 'der', type: 'pkcs1' })), undefined],
    [String(base.key.export({ format: 'pem', type: 'pkcs1' })), undefined],
    [String(base.key.export({ format: 'pem', type: 'pkcs8', cipher: 'aes-256-cbc', passphrase: 'wirebook' })), 'wirebook'],
    [new Uint8Array(base.key.export({ format: 'der', type: 'pkcs8', cipher: 'aes-256-cbc', passphrase: 'wirebook' })), 'wirebook'],
  ];
  for (const [data, pass] of variants) {
    const k = loadPrivateKey(data, pass);
    assert.ok(k.ok, k.ok ? '' : k.reason);
    const r = decryptPreMasterSecret(k.key, epms);
    assert.ok(r.ok);
    assert.equal(toHex(r.preMasterSecret), tls12rsa.preMasterSecret);
  }
  const encrypted = String(base.key.export({ format: 'pem', type: 'pkcs8', cipher: 'aes-256-cbc', passphrase: 'wirebook' }));
  const noPass = loadPrivateKey(encrypted);
  assert.equal(noPass.ok, false);
  assert.equal(loadPrivateKey('not a key').ok, false);
  assert.equal(loadPrivateKey(new Uint8Array([1, 2, 3])).ok, false);
});

test('a wrong key gives a padding failure result', () => {
  const { privateKey } = generateKeyPairSync('rsa', { modulusLength: 2048 });
  const r = decryptPreMasterSecret(privateKey, epms);
  assert.equal(r.ok, false);
  if (!r.ok) assert.match(r.reason, /padding/);
  const small = generateKeyPairSync('rsa', { modulusLength: 1024 }).privateKey;
  const r2 = decryptPreMasterSecret(small, epms);
  assert.equal(r2.ok, false);
  if (!r2.ok) assert.match(r2.reason, /modulus/);
});

test('PKCS#1 v1.5 unpad: the parts, and each malformation', () => {
  const good = hex(`0002${'ff'.repeat(8)}00${'aa'.repeat(5)}`);
  const r = pkcs1v15Unpad(good);
  assert.ok(r.ok);
  assert.equal(toHex(r.message), 'aa'.repeat(5));
  assert.equal(r.separatorOffset, 10);
  assert.equal(pkcs1v15Unpad(hex(`0102${'ff'.repeat(8)}00aa`)).ok, false);
  assert.equal(pkcs1v15Unpad(hex(`0001${'ff'.repeat(8)}00aa`)).ok, false);
  assert.equal(pkcs1v15Unpad(hex(`0002${'ff'.repeat(7)}00aaaa`)).ok, false);
  assert.equal(pkcs1v15Unpad(hex(`0002${'ff'.repeat(12)}`)).ok, false);
});

test('key/certificate matching: server.crt matches, the intermediate does not', () => {
  const loaded = loadPrivateKey(keyPem);
  assert.ok(loaded.ok);
  const server = new X509Certificate(readFileSync(fixture('tls12-rsa-kx-aes128-gcm.server.crt')));
  const inter = new X509Certificate(readFileSync(fixture('tls12-rsa-kx-aes128-gcm.inter.crt')));
  assert.equal(keyMatchesCertificate(loaded.key, new Uint8Array(server.raw)), true);
  assert.equal(keyMatchesCertificate(loaded.key, new Uint8Array(inter.raw)), false);
  assert.equal(keyMatchesCertificate(loaded.key, new Uint8Array([0x30, 0x00])), false);
  assert.equal(rsaModulus(loaded.key)?.length, 256);
});
