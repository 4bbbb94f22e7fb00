// `wirebook report` options (--redact, --format, standard input) and `explain --conn`, run as a
// user would on real fixtures.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { wirebook } from './support/wirebook.ts';

const RSA = 'fixtures/tls12-rsa-kx-aes128-gcm';
const PARALLEL = 'fixtures/parallel-connections-interleaved';

interface BytesJ {
  buffer?: string;
  frame?: number;
  hex?: string;
}
interface ReportJ {
  redacted: boolean;
  connections: { findings: { code: string; bytes?: BytesJ[] }[] }[];
}

const evidence = (r: ReportJ): BytesJ[] => r.connections.flatMap((c) => c.findings.flatMap((f) => f.bytes ?? []));

test('report --redact: no decrypted byte in any format, the capture\'s own bytes still cited', () => {
  const args = ['report', `${RSA}/capture.pcap`, '--key', `${RSA}/server.key`];
  const request = Buffer.from('GET / HTTP/1.0\r\n\r\n').toString('hex');
  // Without --redact the close_notify findings cite the decrypted alert bytes (01 00).
  const full = wirebook([...args, '--format', 'json']);
  assert.equal(full.status, 0, full.stderr);
  const plain = JSON.parse(full.stdout) as ReportJ;
  assert.equal(plain.redacted, false);
  const decrypted = evidence(plain).filter((b) => b.buffer !== undefined);
  assert.ok(decrypted.length >= 2, 'decrypted evidence cited');
  assert.ok(decrypted.every((b) => b.hex === '0100'));

  const red = wirebook([...args, '--format', 'json', '--redact']);
  assert.equal(red.status, 0, red.stderr);
  const redacted = JSON.parse(red.stdout) as ReportJ;
  assert.equal(redacted.redacted, true);
  const bytes = evidence(redacted);
  assert.deepEqual(bytes.filter((b) => b.buffer !== undefined).map((b) => b.hex), decrypted.map(() => undefined), 'decrypted spans kept, their hex withheld');
  assert.ok(bytes.some((b) => b.frame !== undefined && b.hex !== undefined), 'frame bytes still shown');
  for (const format of ['md', 'json', 'html']) {
    const r = wirebook([...args, '--format', format, '--redact']);
    assert.equal(r.status, 0, r.stderr);
    assert.ok(!r.stdout.toLowerCase().includes(request), `${format}: no HTTP request hex`);
    assert.ok(!r.stdout.includes('HTTP/1.0'), `${format}: no HTTP request text`);
    if (format !== 'json') assert.match(r.stdout, /decrypted bytes withheld/, `${format}: says it is redacted`);
  }
});

test('report - reads standard input and writes what report FILE writes', () => {
  const path = `${PARALLEL}/capture.pcap`;
  for (const format of ['md', 'json']) {
    const file = wirebook(['report', path, '--keylog', `${PARALLEL}/keylog.txt`, '--format', format]);
    assert.equal(file.status, 0, file.stderr);
    const stdin = wirebook(['report', '-', '--keylog', `${PARALLEL}/keylog.txt`, '--format', format], readFileSync(path));
    assert.equal(stdin.status, 0, stdin.stderr);
    assert.equal(stdin.stdout, file.stdout, format);
  }
});

test('report --format: an unknown format is a usage error (2), and so is one that disagrees with -o', () => {
  const cap = 'fixtures/protocol-version-mismatch/capture.pcap';
  const bad = wirebook(['report', cap, '--format', 'txt']);
  assert.equal(bad.status, 2);
  assert.match(bad.stderr, /--format takes md, json or html, got 'txt'/);
  assert.equal(bad.stdout, '');
  const dir = mkdtempSync(join(tmpdir(), 'wb-format-'));
  try {
    const clash = wirebook(['report', cap, '--format', 'json', '-o', join(dir, 'r.md')]);
    assert.equal(clash.status, 2);
    assert.match(clash.stderr, /--format json disagrees with -o .*r\.md, which writes md/);
    const badWithO = wirebook(['report', cap, '--format', 'txt', '-o', join(dir, 'r.md')]);
    assert.equal(badWithO.status, 2);
    assert.match(badWithO.stderr, /--format takes md, json or html, got 'txt'/);
    const agree = wirebook(['report', cap, '--format', 'html', '-o', join(dir, 'r.htm')]);
    assert.equal(agree.status, 0, agree.stderr);
    assert.match(readFileSync(join(dir, 'r.htm'), 'utf8'), /Content-Security-Policy/);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});

test('explain --conn 2: only that connection, with its verdict in the header', () => {
  const r = wirebook(['explain', `${PARALLEL}/capture.pcap`, '--keylog', `${PARALLEL}/keylog.txt`, '--conn', '2']);
  assert.equal(r.status, 0, r.stderr);
  const sections = [...r.stdout.matchAll(/<section class="conn" id="c(\d+)">/g)].map((m) => m[1]);
  assert.deepEqual(sections, ['2']);
  assert.doesNotMatch(r.stdout, /<table class="connidx"/, 'no index of connections for one');
  assert.doesNotMatch(r.stdout, /id="c[13-9]\d*-/, 'no cell of another connection');
  assert.match(r.stdout, /<h2>Connection 2: 127\.0\.0\.1:53402 → 127\.0\.0\.1:10030<\/h2>/);
  const outcomes = [...r.stdout.matchAll(/<dd class="outcome (\w+)">([^<]*)<\/dd>/g)].map((m) => [m[1], m[2]]);
  assert.deepEqual(outcomes, [['ok', 'success: Handshake completed (TLS 1.2, TLS_ECDHE_RSA_WITH_AES_256_CBC_SHA384); closed with close_notify by the server and the client.']]);
});
