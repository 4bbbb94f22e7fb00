// The teaching commands are run with the machine's openssl and must print what our functions compute.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createHmac } from 'node:crypto';
import { fileURLToPath } from 'node:url';
import {
  opensslCbcDecryptCommand, opensslHkdfExpandLabelCommand, opensslHkdfExtractCommand, opensslHmacCommand, opensslPrfCommand,
  opensslRsaDecryptCommand, parseOpensslHex, type OpensslCommand,
} from '../../src/crypto/openssl-commands.ts';
import { earlySecret, finishedKey, hkdfExpandLabel, hkdfExtract } from '../../src/crypto/hkdf.ts';
import { masterSecret, prf } from '../../src/crypto/prf.ts';
import { cbcDecryptBlocks } from '../../src/crypto/cbc.ts';
import { decryptPreMasterSecret, loadPrivateKey } from '../../src/crypto/rsa.ts';
import { hex, toHex } from './helpers.ts';
import * as r8448 from './vectors/rfc8448-simple-1rtt.ts';
import { tls10 } from './vectors/tls10-capture.ts';
import { tls12rsa } from './vectors/tls12-rsa-capture.ts';

function run(cmd: OpensslCommand): Buffer {
  const [bin, ...args] = cmd.argv;
  assert.equal(bin, 'openssl');
  return execFileSync('openssl', args, { input: cmd.stdin ?? new Uint8Array(0), stdio: ['pipe', 'pipe', 'pipe'] });
}
function runHex(cmd: OpensslCommand): string {
  const bytes = parseOpensslHex(run(cmd).toString('latin1'));
  assert.ok(bytes, 'openssl printed hex');
  return toHex(bytes);
}

test('openssl is installed (3.x)', () => {
  assert.match(execFileSync('openssl', ['version']).toString(), /^OpenSSL 3\./);
});

test('TLS1-PRF: TLS 1.2 vector (SHA256), TLS 1.0 master secret (MD5-SHA1), SHA384', () => {
  const secret = hex('9bbe436ba940f017b17652849a71db35');
  const seed = hex('a0ba9f936cda311827a6f796ffd5198c');
  const cmd = opensslPrfCommand('sha256', secret, 'test label', seed, 100);
  assert.match(cmd.shell, /^openssl kdf -keylen 100 -kdfopt digest:SHA256 -kdfopt hexsecret:9bbe.* TLS1-PRF$/);
  assert.equal(runHex(cmd), toHex(prf('sha256', secret, 'test label', seed, 100)));
  assert.equal(runHex(opensslPrfCommand('sha384', secret, 'test label', seed, 64)), toHex(prf('sha384', secret, 'test label', seed, 64)));
  const pms = hex(tls10.preMasterSecret);
  const seed10 = hex(tls10.clientRandom + tls10.serverRandom);
  assert.equal(runHex(opensslPrfCommand('tls10', pms, 'master secret', seed10, 48)),
    toHex(masterSecret('tls10', pms, hex(tls10.clientRandom), hex(tls10.serverRandom))));
});

test('HKDF: RFC 8448 early secret (extract), handshake key (expand-label), finished key', () => {
  const zeros = new Uint8Array(32);
  assert.equal(runHex(opensslHkdfExtractCommand('sha256', new Uint8Array(0), zeros)), toHex(earlySecret('sha256')));
  assert.equal(runHex(opensslHkdfExtractCommand('sha256', hex(r8448.expected.derivedForHandshake), hex(r8448.sharedSecret))),
    toHex(hkdfExtract('sha256', hex(r8448.expected.derivedForHandshake), hex(r8448.sharedSecret))));
  const shts = hex(r8448.expected.serverHandshakeTrafficSecret);
  const keyCmd = opensslHkdfExpandLabelCommand('sha256', shts, 'key', new Uint8Array(0), 16);
  assert.match(keyCmd.shell, /^openssl kdf -keylen 16 -kdfopt mode:EXPAND_ONLY -kdfopt digest:SHA256 -kdfopt hexkey:b67b.* -kdfopt hexinfo:001009746c733133206b657900 HKDF$/);
  assert.equal(runHex(keyCmd), r8448.expected.serverHandshakeKey);
  assert.equal(runHex(opensslHkdfExpandLabelCommand('sha256', shts, 'finished', new Uint8Array(0), 32)), toHex(finishedKey('sha256', shts)));
  const hs = hex(r8448.expected.handshakeSecret);
  assert.equal(runHex(opensslHkdfExpandLabelCommand('sha256', hs, 'c hs traffic', hex(r8448.expected.helloHash), 32)),
    toHex(hkdfExpandLabel('sha256', hs, 'c hs traffic', hex(r8448.expected.helloHash), 32)));
});

test('HMAC: the RFC 8448 server Finished verify_data', () => {
  const key = hex(r8448.expected.serverFinishedKey);
  const cmd = opensslHmacCommand('sha256', key, hex(r8448.expected.certificateVerifyHash));
  assert.match(cmd.shell, /^printf '%s' edb7[0-9a-f]+ \| xxd -r -p \| openssl mac -digest SHA256 -macopt hexkey:008d[0-9a-f]+ HMAC$/);
  assert.equal(runHex(cmd), r8448.expected.serverVerifyData);
  assert.equal(runHex(opensslHmacCommand('sha1', key, new Uint8Array([1, 2]))), createHmac('sha1', key).update(Uint8Array.of(1, 2)).digest('hex'));
});

test('pkeyutl RSA decrypt with no padding and enc -nopad CBC decrypt', () => {
  const dir = mkdtempSync(join(tmpdir(), 'wirebook-crypto-'));
  const epmsFile = join(dir, 'epms.bin');
  writeFileSync(epmsFile, hex(tls12rsa.encryptedPreMasterSecret));
  const keyFile = fileURLToPath(new URL('../../fixtures/crypto/tls12-rsa-kx-aes128-gcm.server.key', import.meta.url));
  const block = run(opensslRsaDecryptCommand(keyFile, epmsFile));
  const loaded = loadPrivateKey(readFileSync(keyFile));
  assert.ok(loaded.ok);
  const ours = decryptPreMasterSecret(loaded.key, hex(tls12rsa.encryptedPreMasterSecret));
  assert.ok(ours.ok);
  assert.equal(block.toString('hex'), toHex(ours.block));

  const key = hex('000102030405060708090a0b0c0d0e0f');
  const iv = hex('0f0e0d0c0b0a09080706050403020100');
  const ct = hex('00112233445566778899aabbccddeeff'.repeat(2));
  const out = run(opensslCbcDecryptCommand('aes-128-cbc', key, iv, ct));
  assert.equal(out.toString('hex'), toHex(cbcDecryptBlocks('aes-128-cbc', key, iv, ct) ?? new Uint8Array()));
});
