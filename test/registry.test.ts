// Registry tables: spot values from the RFCs, counts against the source CSVs, and a
// regeneration check that the checked-in data/ is what scripts/gen-registries.ts produces.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { spawnSync } from 'node:child_process';
import { parseCode, parseCsv } from '../src/registry/csv.ts';
import {
  alertDescriptionName,
  alertLevelName,
  alpnProtocolName,
  cipherSuite,
  cipherSuiteByOpensslName,
  cipherSuiteName,
  cipherSuiteTable,
  cipherSuites,
  contentTypeName,
  extensionName,
  groupName,
  handshakeTypeName,
  hashAlgorithms,
  isGrease,
  isGreasePskMode,
  oidInfo,
  oidName,
  signatureAlgorithms,
  signatureSchemeName,
  sslv2CipherSpecInfo,
  sslv2CipherSpecName,
  sslv2SpecToTlsSuite,
  versionName,
} from '../src/registry/index.ts';

const SOURCES = join(import.meta.dirname, '..', 'scripts', 'registry-sources');
const readCsv = (file: string): string[][] => parseCsv(readFileSync(join(SOURCES, file), 'utf8'));

test('0x0035 TLS_RSA_WITH_AES_256_CBC_SHA has all its parts and sizes', () => {
  assert.equal(cipherSuiteName(0x0035), 'TLS_RSA_WITH_AES_256_CBC_SHA');
  const s = cipherSuite(0x0035);
  assert.ok(s);
  assert.equal(s.openssl, 'AES256-SHA');
  assert.equal(s.keyExchange, 'RSA');
  assert.equal(s.authentication, 'RSA');
  assert.equal(s.cipher, 'AES_256_CBC');
  assert.equal(s.mac, 'SHA');
  assert.equal(s.keyLength, 32);
  assert.equal(s.ivLength, 16);
  assert.equal(s.blockSize, 16);
  assert.equal(s.macLength, 20);
  assert.equal(s.tagLength, 0);
  assert.equal(s.export, false);
  assert.equal(s.known, true);
});

test('legacy suites keep their OpenSSL 1.0 names', () => {
  const s = cipherSuite(0x0016);
  assert.equal(s?.name, 'TLS_DHE_RSA_WITH_3DES_EDE_CBC_SHA');
  assert.equal(s?.openssl, 'EDH-RSA-DES-CBC3-SHA');
  assert.deepEqual([s?.keyExchange, s?.authentication, s?.cipher, s?.keyLength, s?.ivLength, s?.macLength], ['DHE', 'RSA', '3DES_EDE_CBC', 24, 8, 20]);
  const exp = cipherSuite(0x0003);
  assert.equal(exp?.openssl, 'EXP-RC4-MD5');
  assert.deepEqual([exp?.export, exp?.keyLength, exp?.expandedKeyLength, exp?.macLength, exp?.maxVersion], [true, 5, 16, 16, 0x0301]);
  assert.equal(cipherSuiteByOpensslName.get('ECDHE-RSA-AES128-GCM-SHA256')?.code, 0xc02f);
});

test('AEAD suites: 0xC030, 0xCCA8', () => {
  const gcm = cipherSuite(0xc030);
  assert.equal(gcm?.name, 'TLS_ECDHE_RSA_WITH_AES_256_GCM_SHA384');
  assert.equal(gcm?.openssl, 'ECDHE-RSA-AES256-GCM-SHA384');
  assert.deepEqual(
    [gcm?.keyExchange, gcm?.authentication, gcm?.cipher, gcm?.mac, gcm?.keyLength, gcm?.ivLength, gcm?.recordIvLength, gcm?.macLength, gcm?.tagLength, gcm?.prfHash, gcm?.minVersion],
    ['ECDHE', 'RSA', 'AES_256_GCM', 'AEAD', 32, 4, 8, 0, 16, 'sha384', 0x0303],
  );
  const chacha = cipherSuite(0xcca8);
  assert.equal(chacha?.name, 'TLS_ECDHE_RSA_WITH_CHACHA20_POLY1305_SHA256');
  assert.equal(chacha?.openssl, 'ECDHE-RSA-CHACHA20-POLY1305');
  assert.deepEqual([chacha?.keyLength, chacha?.ivLength, chacha?.recordIvLength, chacha?.tagLength, chacha?.prfHash], [32, 12, 0, 16, 'sha256']);
});

test('TLS 1.3 suites 0x1301..0x1305', () => {
  const expected: Array<[number, string, string, number, number, string]> = [
    [0x1301, 'TLS_AES_128_GCM_SHA256', 'AES_128_GCM', 16, 16, 'sha256'],
    [0x1302, 'TLS_AES_256_GCM_SHA384', 'AES_256_GCM', 32, 16, 'sha384'],
    [0x1303, 'TLS_CHACHA20_POLY1305_SHA256', 'CHACHA20_POLY1305', 32, 16, 'sha256'],
    [0x1304, 'TLS_AES_128_CCM_SHA256', 'AES_128_CCM', 16, 16, 'sha256'],
    [0x1305, 'TLS_AES_128_CCM_8_SHA256', 'AES_128_CCM_8', 16, 8, 'sha256'],
  ];
  for (const [code, name, cipher, key, tag, prf] of expected) {
    const s = cipherSuite(code);
    assert.equal(s?.name, name);
    assert.equal(s?.openssl, name, 'OpenSSL uses the IANA names for TLS 1.3');
    assert.deepEqual(
      [s?.keyExchange, s?.authentication, s?.cipher, s?.mac, s?.keyLength, s?.ivLength, s?.tagLength, s?.prfHash, s?.minVersion, s?.maxVersion],
      ['any', 'any', cipher, 'AEAD', key, 12, tag, prf, 0x0304, 0x0304],
    );
  }
});

test('SCSVs are named and flagged', () => {
  assert.equal(cipherSuiteName(0x00ff), 'TLS_EMPTY_RENEGOTIATION_INFO_SCSV');
  assert.equal(cipherSuiteName(0x5600), 'TLS_FALLBACK_SCSV');
  assert.equal(cipherSuite(0x5600)?.scsv, true);
  assert.equal(cipherSuite(0x0035)?.scsv, false);
});

test('unassigned codes look up as undefined', () => {
  assert.equal(cipherSuiteName(0x0101), undefined);
  assert.equal(cipherSuite(0x0a0a), undefined);
  assert.equal(extensionName(0x1234), undefined);
  assert.equal(alertDescriptionName(200), undefined);
});

test('alerts, levels, content and handshake types', () => {
  assert.equal(alertDescriptionName(116), 'certificate_required');
  assert.equal(alertDescriptionName(120), 'no_application_protocol');
  assert.equal(alertDescriptionName(40), 'handshake_failure');
  assert.equal(alertDescriptionName(21), 'decryption_failed', 'TLS 1.2 values drop the _RESERVED suffix');
  assert.equal(alertLevelName(2), 'fatal');
  assert.deepEqual([20, 21, 22, 23, 24, 25, 26].map(contentTypeName), ['change_cipher_spec', 'alert', 'handshake', 'application_data', 'heartbeat', 'tls12_cid', 'ACK']);
  assert.equal(handshakeTypeName(254), 'message_hash');
  assert.equal(handshakeTypeName(24), 'key_update');
  assert.equal(handshakeTypeName(25), 'compressed_certificate');
  assert.equal(handshakeTypeName(4), 'new_session_ticket');
  assert.equal(handshakeTypeName(12), 'server_key_exchange');
});

test('extensions, groups, signature schemes', () => {
  assert.equal(extensionName(0xff01), 'renegotiation_info');
  assert.equal(extensionName(51), 'key_share');
  assert.equal(extensionName(10), 'supported_groups');
  assert.equal(extensionName(0), 'server_name');
  assert.equal(extensionName(65037), 'encrypted_client_hello');
  assert.equal(groupName(0x001d), 'x25519');
  assert.equal(groupName(0x0017), 'secp256r1');
  assert.equal(groupName(0x11ec), 'X25519MLKEM768');
  assert.equal(groupName(0x6399), 'X25519Kyber768Draft00');
  assert.equal(signatureSchemeName(0x0804), 'rsa_pss_rsae_sha256');
  assert.equal(signatureSchemeName(0x0403), 'ecdsa_secp256r1_sha256');
  assert.equal(hashAlgorithms.get(4), 'sha256');
  assert.equal(signatureAlgorithms.get(3), 'ecdsa');
});

test('versions and ALPN', () => {
  assert.deepEqual([0x0002, 0x0300, 0x0301, 0x0303, 0x0304, 0x7f1c, 0xfeff, 0xfefd, 0xfefc].map(versionName), [
    'SSL 2.0', 'SSL 3.0', 'TLS 1.0', 'TLS 1.2', 'TLS 1.3', 'TLS 1.3 (draft 28)', 'DTLS 1.0', 'DTLS 1.2', 'DTLS 1.3',
  ]);
  assert.equal(alpnProtocolName('h2'), 'HTTP/2 over TLS');
  assert.equal(alpnProtocolName('http/1.1'), 'HTTP/1.1');
});

test('GREASE detection and naming', () => {
  const grease = [0x0a0a, 0x1a1a, 0x2a2a, 0x3a3a, 0x4a4a, 0x5a5a, 0x6a6a, 0x7a7a, 0x8a8a, 0x9a9a, 0xaaaa, 0xbaba, 0xcaca, 0xdada, 0xeaea, 0xfafa];
  for (const g of grease) {
    assert.ok(isGrease(g), g.toString(16));
    assert.equal(cipherSuiteName(g), 'Reserved (GREASE)');
    assert.equal(extensionName(g), 'Reserved (GREASE)');
    assert.equal(groupName(g), 'Reserved (GREASE)');
    assert.equal(versionName(g), 'Reserved (GREASE)');
    assert.equal(signatureSchemeName(g), 'Reserved (GREASE)');
  }
  for (const v of [0x0a1a, 0x0b0b, 0x0035, 0xaaab, 0x1a0a, 0x10a0a, -1]) assert.equal(isGrease(v), false, v.toString(16));
  assert.ok(isGreasePskMode(0x0b) && isGreasePskMode(0xe4));
  assert.equal(isGreasePskMode(0x01), false);
});

test('SSL 2.0 cipher specs', () => {
  const names: Array<[number, string, string]> = [
    [0x010080, 'SSL_CK_RC4_128_WITH_MD5', 'RC4-MD5'],
    [0x020080, 'SSL_CK_RC4_128_EXPORT40_WITH_MD5', 'EXP-RC4-MD5'],
    [0x030080, 'SSL_CK_RC2_128_CBC_WITH_MD5', 'RC2-CBC-MD5'],
    [0x040080, 'SSL_CK_RC2_128_CBC_EXPORT40_WITH_MD5', 'EXP-RC2-CBC-MD5'],
    [0x050080, 'SSL_CK_IDEA_128_CBC_WITH_MD5', 'IDEA-CBC-MD5'],
    [0x060040, 'SSL_CK_DES_64_CBC_WITH_MD5', 'DES-CBC-MD5'],
    [0x0700c0, 'SSL_CK_DES_192_EDE3_CBC_WITH_MD5', 'DES-CBC3-MD5'],
  ];
  for (const [code, name, openssl] of names) {
    assert.equal(sslv2CipherSpecName(code), name);
    assert.equal(sslv2CipherSpecInfo.get(code)?.openssl, openssl);
  }
  assert.deepEqual([sslv2CipherSpecInfo.get(0x020080)?.export, sslv2CipherSpecInfo.get(0x020080)?.secretKeyLength], [true, 5]);
  assert.equal(sslv2CipherSpecInfo.get(0x0700c0)?.keyLength, 24);
  // A 3-byte spec 0x00XXXX carries the TLS suite 0xXXXX.
  assert.equal(sslv2CipherSpecName(0x000035), 'TLS_RSA_WITH_AES_256_CBC_SHA');
  assert.equal(sslv2SpecToTlsSuite(0x00c02f), 0xc02f);
  assert.equal(sslv2SpecToTlsSuite(0x010080), undefined);
});

test('OIDs', () => {
  assert.equal(oidName('2.5.4.3'), 'commonName');
  assert.equal(oidInfo('2.5.4.3')?.short, 'CN');
  assert.equal(oidName('1.2.840.113549.1.1.11'), 'sha256WithRSAEncryption');
  assert.equal(oidName('2.5.29.17'), 'subjectAltName');
  assert.equal(oidInfo('2.5.29.17')?.filter, 'x509ce.GeneralNames');
  assert.equal(oidName('1.2.840.10045.4.3.2'), 'ecdsa-with-SHA256');
  assert.equal(oidName('1.3.101.112'), 'id-Ed25519');
  assert.equal(oidName('1.3.6.1.4.1.11129.2.4.2'), 'signedCertificateTimestampList');
  assert.equal(oidName('2.16.840.1.101.3.4.3.18'), 'id-ml-dsa-65');
  assert.equal(oidName('1.2.3.4'), undefined);
});

test('cipher suite count matches the IANA CSV plus the legacy extras exactly', () => {
  let iana = 0;
  let grease = 0;
  for (const row of readCsv('tls-parameters-4.csv')) {
    const code = parseCode(row[0] ?? '');
    if (code === undefined) continue;
    if (row[1] === 'Reserved' && (row[4] ?? '').includes('RFC8701')) grease += 1;
    else if (!/^(Unassigned|Reserved)/.test(row[1] ?? '')) iana += 1;
  }
  const extras = readCsv('cipher-suites-extra.csv').length;
  assert.ok(iana >= 340, `IANA lists ${iana} suites`);
  assert.equal(grease, 16);
  assert.equal(cipherSuiteTable.filter((s) => s.iana).length, iana);
  assert.equal(cipherSuiteTable.length, iana + extras);
  assert.equal(cipherSuites.size, iana + extras + grease);
});

test('every AES/CHACHA/3DES/RC4/NULL/CAMELLIA/ARIA suite has known sizes', () => {
  for (const s of cipherSuiteTable) {
    if (!/AES|CHACHA|3DES|RC4|NULL|CAMELLIA|ARIA/.test(s.cipher) || s.cipher.startsWith('AEGIS')) continue;
    // RFC 9150 integrity-only and GOST suites are outside this promise (sizes marked unknown).
    if (s.name === 'TLS_SHA256_SHA256' || s.name === 'TLS_SHA384_SHA384' || s.name.includes('GOST')) continue;
    assert.equal(s.known, true, s.name);
    assert.notEqual(s.keyLength, undefined, s.name);
    assert.notEqual(s.prfHash, undefined, s.name);
  }
});

test('the generator reproduces the checked-in data/ byte for byte', () => {
  const dir = mkdtempSync(join(tmpdir(), 'wirebook-registry-'));
  try {
    const root = join(import.meta.dirname, '..');
    const run = spawnSync(process.execPath, ['--import', 'tsx', join(root, 'scripts', 'gen-registries.ts'), dir], { encoding: 'utf8', cwd: root });
    assert.equal(run.status, 0, run.stderr);
    const checkedIn = join(root, 'src', 'registry', 'data');
    const files = readdirSync(dir).sort();
    assert.deepEqual(files, readdirSync(checkedIn).sort());
    for (const f of files) assert.equal(readFileSync(join(dir, f), 'utf8'), readFileSync(join(checkedIn, f), 'utf8'), f);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});
