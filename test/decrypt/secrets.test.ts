// Secrets in: key files in every form (PEM/DER, PKCS#1/PKCS#8, encrypted), several keys matched to
// the connection by the certificate's public key, and the key log embedded in a pcapng DSB.
import assert from 'node:assert/strict';
import { createPrivateKey, generateKeyPairSync } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { test } from 'node:test';
import { loadSecrets } from '../../src/decrypt/secrets.ts';
import { decodeWith } from './helpers.ts';

const serverKey = readFileSync('fixtures/tls12-rsa-kx-aes128-gcm/server.key', 'utf8');
const capture = new Uint8Array(readFileSync('fixtures/tls12-rsa-kx-aes128-gcm/capture.pcap'));

const forms: [string, Uint8Array | string, string?][] = (() => {
  const k = createPrivateKey(serverKey);
  return [
    ['PKCS#1 PEM', k.export({ type: 'pkcs1', format: 'pem' }).toString()],
    ['PKCS#8 PEM', k.export({ type: 'pkcs8', format: 'pem' }).toString()],
    ['PKCS#1 DER', new Uint8Array(k.export({ type: 'pkcs1', format: 'der' }))],
    ['PKCS#8 DER', new Uint8Array(k.export({ type: 'pkcs8', format: 'der' }))],
    ['encrypted PKCS#8 PEM', k.export({ type: 'pkcs8', format: 'pem', cipher: 'aes-256-cbc', passphrase: 'sesame' }).toString(), 'sesame'],
  ];
})();

for (const [name, data, password] of forms) {
  test(`the server key as ${name} decrypts the RSA key exchange`, () => {
    const secrets = loadSecrets({ keys: [{ name: 'server.key', data }], ...(password ? { keyPassword: password } : {}) });
    assert.deepEqual(secrets.problems, []);
    const c = decodeWith(capture, secrets).capture.connections[0]!;
    assert.equal(c.decryption?.status, 'decrypted');
    const pms = c.calculations!.find((x) => x.id === 'hs1-pre-master-secret')!;
    assert.match(pms.output.value, /^00 02 [0-9a-f]+ 00 0303[0-9a-f]{92}$/);
    assert.equal(pms.ok, true, 'version check');
    assert.ok(pms.inputs[0]!.spans && pms.inputs[0]!.spans.length > 0, 'the encrypted PMS links to its field');
  });
}

test('an encrypted key without its passphrase is a problem with a hint', () => {
  const s = loadSecrets({ keys: [{ name: 'enc.key', data: forms[4]![1] }] });
  assert.equal(s.keys.length, 0);
  assert.match(s.problems[0]!, /^enc\.key: .*passphrase/);
});

test('several keys: the one matching the certificate is used', () => {
  const other = generateKeyPairSync('rsa', { modulusLength: 2048 }).privateKey.export({ type: 'pkcs8', format: 'pem' }).toString();
  const secrets = loadSecrets({ keys: [{ name: 'other.key', data: other }, { name: 'server.key', data: serverKey }] });
  const c = decodeWith(capture, secrets).capture.connections[0]!;
  assert.equal(c.decryption?.status, 'decrypted');
  assert.ok(c.calculations!.some((x) => x.inputs.some((i) => i.value === 'server.key')));
  assert.ok(c.calculations!.filter((x) => x.id.endsWith('finished')).every((x) => x.ok === true));
});

test('the key log inside a pcapng (DSB) is used without --keylog', () => {
  const c = decodeWith(new Uint8Array(readFileSync('fixtures/pcapng-embedded-keylog-dsb/capture.pcapng')), loadSecrets({})).capture.connections[0]!;
  assert.equal(c.decryption?.status, 'decrypted');
});

test('calculations carry openssl commands and mark secrets', () => {
  const c = decodeWith(capture, loadSecrets({ keys: [{ name: 'server.key', data: serverKey }] })).capture.connections[0]!;
  const ms = c.calculations!.find((x) => x.id === 'hs1-master-secret')!;
  assert.equal(ms.output.secret, true);
  assert.match(ms.command!, /^openssl kdf -keylen 48 .*TLS1-PRF$/);
  assert.match(ms.title, /Extended master secret/, 'the hellos negotiated extended_master_secret');
  const kb = c.calculations!.find((x) => x.id === 'hs1-key-block')!;
  const cr = kb.inputs.find((i) => i.name === 'client random')!;
  assert.ok(cr.spans?.[0] && 'frame' in cr.spans[0], 'client random links to the ClientHello bytes');
});
