// The command line with secrets (--keylog, --key, pcapng DSBs), --redact, and `wirebook report`
// in each of its formats, on real fixtures with the values their READMEs state.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { wirebook } from './support/wirebook.ts';


interface FieldJ {
  name: string;
  filter?: string;
  value?: unknown;
  display?: string;
  spans: ({ frame: number } | { buffer: string })[] & { offset: number; length: number }[];
  children?: FieldJ[];
}
interface ConnJ {
  id: number;
  fields: FieldJ[];
  buffers: Record<string, string>;
  decryption?: { status: string; reasons: string[]; records?: number; decrypted?: number };
  calculations?: { title: string; ok?: boolean }[];
  messages: { dir: string; frame: number; type: string }[];
}

function* walk(fields: readonly FieldJ[]): Generator<FieldJ> {
  for (const f of fields) {
    yield f;
    yield* walk(f.children ?? []);
  }
}

function json(args: string[]): { connections: ConnJ[] } {
  const r = wirebook(['json', '--no-frames', ...args]);
  assert.equal(r.status, 0, r.stderr);
  return JSON.parse(r.stdout) as { connections: ConnJ[] };
}

const RSA = 'fixtures/tls12-rsa-kx-aes128-gcm';
const T13 = 'fixtures/tls13-aes256-gcm';

test('--keylog decrypts TLS 1.3: all 11 protected records, handshake inside buffers, both Finished verified', () => {
  const c = json([`${T13}/capture.pcap`, '--keylog', `${T13}/keylog.txt`]).connections[0]!;
  assert.deepEqual(c.decryption, { status: 'decrypted', reasons: [], records: 11, decrypted: 11 });
  const ee = [...walk(c.fields)].find((f) => f.filter === 'tls.handshake.type' && f.value === 8);
  assert.ok(ee, 'EncryptedExtensions decoded');
  assert.equal((ee.spans[0] as { buffer: string }).buffer, 'decrypted-s2c-3');
  const finished = c.calculations!.filter((x) => /Finished/.test(x.title));
  assert.equal(finished.length, 2);
  assert.ok(finished.every((x) => x.ok === true));
  // Decrypted messages are listed at the frame of the record that carried them, never frame 0.
  assert.ok(c.messages.every((m) => m.frame > 0));
  assert.equal(c.messages.find((m) => m.type === 'Encrypted Extensions')?.frame, 6);
});

test('--key decrypts RSA key exchange; the HTTP request is text in its own buffer', () => {
  const c = json([`${RSA}/capture.pcap`, '--key', `${RSA}/server.key`]).connections[0]!;
  assert.equal(c.decryption?.status, 'decrypted');
  assert.equal(c.decryption?.records, 6);
  const get = [...walk(c.fields)].find((f) => f.filter === 'tls.app_data' && 'buffer' in f.spans[0]! && f.display?.includes('GET / HTTP/1.0'));
  assert.ok(get);
  assert.deepEqual(get.spans, [{ buffer: 'decrypted-c2s-5', offset: 0, length: 18 }]);
  assert.equal(c.buffers['decrypted-c2s-5'], Buffer.from('GET / HTTP/1.0\r\n\r\n').toString('hex'));
});

test('--redact keeps lengths and spans of decrypted application data, and nothing of its content', () => {
  const r = wirebook(['json', '--no-frames', '--redact', `${RSA}/capture.pcap`, '--key', `${RSA}/server.key`]);
  assert.equal(r.status, 0, r.stderr);
  assert.ok(!r.stdout.includes('HTTP/1.0'), 'no HTTP text left');
  assert.ok(!r.stdout.includes(Buffer.from('GET /').toString('hex')), 'no plaintext hex left');
  const c = (JSON.parse(r.stdout) as { connections: ConnJ[] }).connections[0]!;
  const app = [...walk(c.fields)].filter((f) => f.filter === 'tls.app_data' && 'buffer' in f.spans[0]!);
  assert.deepEqual(app.map((f) => f.display), ['(redacted: 18 bytes)', '(redacted: 2090 bytes)']);
  assert.ok(app.every((f) => f.children === undefined && f.value === undefined));
  assert.equal(c.buffers['decrypted-c2s-5'], '(redacted: 18 bytes)');
});

test('a pcapng with a Decryption Secrets Block decrypts with no option given', () => {
  const c = json(['fixtures/pcapng-embedded-keylog-dsb/capture.pcapng']).connections[0]!;
  assert.deepEqual(c.decryption, { status: 'decrypted', reasons: [], records: 11, decrypted: 11 });
});

test('a key log for other sessions says which client random had no secrets', () => {
  const c = json([`${RSA}/capture.pcap`, '--keylog', `${T13}/keylog.txt`]).connections[0]!;
  assert.equal(c.decryption?.status, 'not-decrypted');
  assert.match(c.decryption!.reasons.join(' '), /client random/i);
});

test('missing secret files are unreadable input (3); a bad key log line is a warning, not a failure', () => {
  const a = wirebook(['json', `${RSA}/capture.pcap`, '--keylog', 'fixtures/nope.txt']);
  assert.equal(a.status, 3);
  assert.match(a.stderr, /cannot read key log 'fixtures\/nope.txt'/);
  const b = wirebook(['json', `${RSA}/capture.pcap`, '--key', 'fixtures/nope.key']);
  assert.equal(b.status, 3);
  assert.match(b.stderr, /cannot read private key/);
  const c = wirebook(['summary', `${RSA}/capture.pcap`, '--keylog', 'README.md']);
  assert.equal(c.status, 0, c.stderr);
  assert.match(c.stderr, /warning: README.md line 3:/);
});

interface ReportJ {
  connections: { id: number; outcome: string; failure?: { side: string; alert?: string }; findings: { code: string; severity: string; evidence: unknown[] }[] }[];
}

test('report --format json: the mTLS unknown-CA failure is the client side, with evidence for each finding', () => {
  const F = 'fixtures/mtls-tls12-client-cert-unknown-ca';
  const r = wirebook(['report', `${F}/capture.pcap`, '--keylog', `${F}/keylog.txt`, '--format', 'json']);
  assert.equal(r.status, 0, r.stderr);
  const c = (JSON.parse(r.stdout) as ReportJ).connections[0]!;
  assert.equal(c.outcome, 'failed');
  assert.equal(c.failure?.side, 'client');
  assert.equal(c.failure?.alert, 'unknown_ca(48)');
  const codes = c.findings.map((f) => f.code);
  for (const code of ['client-certificate-not-listed-ca', 'fatal-alert', 'client-certificate-requested']) assert.ok(codes.includes(code), code);
  assert.ok(c.findings.every((f) => f.evidence.length > 0));
});

test('report --ca: the expired server chain is trusted under its own root and untrusted under another', () => {
  const F = 'fixtures/expired-server-cert-tls12';
  const codes = (ca: string): string[] => {
    const r = wirebook(['report', `${F}/capture.pcap`, '--format', 'json', '--ca', ca]);
    assert.equal(r.status, 0, r.stderr);
    return (JSON.parse(r.stdout) as ReportJ).connections[0]!.findings.map((f) => f.code);
  };
  const own = codes(`${F}/root.crt`);
  assert.ok(own.includes('certificate-expired'));
  assert.ok(!own.includes('untrusted-root'));
  assert.ok(codes('fixtures/mtls-tls12-client-cert-unknown-ca/rogue-root.crt').includes('untrusted-root'));
  const bad = wirebook(['report', `${F}/capture.pcap`, '--ca', 'README.md']);
  assert.equal(bad.status, 3);
  assert.match(bad.stderr, /--ca README.md: no certificate found/);
});

test('report writes Markdown to stdout by default, and HTML/Markdown/JSON files by extension', () => {
  const F = 'fixtures/protocol-version-mismatch';
  const sha = spawnSync('sha256sum', [`${F}/capture.pcap`], { encoding: 'utf8' }).stdout.split(' ')[0]!;
  const md = wirebook(['report', `${F}/capture.pcap`]);
  assert.equal(md.status, 0, md.stderr);
  assert.match(md.stdout, /^# TLS incident report/);
  assert.ok(md.stdout.includes(sha), 'states the capture SHA-256');
  assert.match(md.stdout, /protocol\\_version\(70\)/);
  const dir = mkdtempSync(join(tmpdir(), 'wb-report-'));
  for (const ext of ['html', 'md', 'json']) {
    const out = join(dir, `r.${ext}`);
    const r = wirebook(['report', `${F}/capture.pcap`, '-o', out]);
    assert.equal(r.status, 0, r.stderr);
    const text = readFileSync(out, 'utf8');
    if (ext === 'html') assert.match(text, /Content-Security-Policy/);
    if (ext === 'json') assert.equal((JSON.parse(text) as ReportJ).connections[0]!.failure?.alert, 'protocol_version(70)');
    if (ext === 'md') assert.equal(text, md.stdout);
  }
  const wrong = wirebook(['report', `${F}/capture.pcap`, '-o', join(dir, 'r.txt')]);
  assert.equal(wrong.status, 2);
  assert.match(wrong.stderr, /must end in .html, .pdf, .md or .json/);
});

test('explain puts the diagnosis in each connection header', () => {
  const r = wirebook(['explain', 'fixtures/protocol-version-mismatch/capture.pcap']);
  assert.equal(r.status, 0, r.stderr);
  assert.match(r.stdout, /<dd class="outcome fail">failed \(client side, protocol_version\(70\) from the server\): No protocol version in common/);
});
