// The report: JSON validates against its schema, grouping on a many-connection capture, redaction,
// HTML self-contained and escaped, public traces report without throwing, docs list every code.
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'node:test';
import { Ajv } from 'ajv';
import { CATALOGUE } from '../../src/diagnose/catalogue.ts';
import { buildReport, renderReportHtml, renderReportJson, renderReportMarkdown, reportCapture } from '../../src/report/index.ts';
import { diagnoseCapture } from '../../src/diagnose/index.ts';
import { decodeFixture, FIXTURES, ROOT, scenarioCapture } from '../diagnose/pipeline.ts';

const schema = JSON.parse(readFileSync(join(ROOT, 'docs/schema/report.schema.json'), 'utf8')) as object;
const validate = new Ajv({ allErrors: true }).compile(schema);

function valid(json: string): void {
  const ok = validate(JSON.parse(json));
  assert.ok(ok, JSON.stringify(validate.errors?.slice(0, 3)));
}

test('JSON reports of failure scenarios validate against docs/schema/report.schema.json', async () => {
  for (const folder of ['mtls-tls12-no-client-cert', 'incomplete-chain-tls12', 'server-rst-without-close-notify', 'tls13-psk-resumption']) {
    const r = reportCapture(await decodeFixture(scenarioCapture(folder)));
    const json = renderReportJson(r);
    valid(json);
    const parsed = JSON.parse(json) as { connections: { findings: { evidence: unknown[] }[] }[]; capture: { sha256: string } };
    assert.match(parsed.capture.sha256, /^[0-9a-f]{64}$/);
    assert.ok(parsed.connections.length > 0);
  }
});

test('bench/small.pcap: 20 connections grouped, first example expanded', async () => {
  const cap = await decodeFixture(join(FIXTURES, 'bench/small.pcap'), join(FIXTURES, 'bench/small.keylog'));
  const r = reportCapture(cap);
  const html = renderReportHtml(r);
  assert.equal(r.connections.length, 20);
  assert.ok(r.groups.length < r.connections.length, `grouped: ${r.groups.length} groups`);
  assert.equal(r.groups.reduce((n, g) => n + g.count, 0), 20);
  for (const g of r.groups) assert.equal(g.example, g.connections[0]);
  assert.match(html, /All 20 connections/);
  valid(renderReportJson(r));
});

test('HTML is self-contained (CSP, no scripts, no remote URLs) and escapes capture text', async () => {
  const cap = await decodeFixture(scenarioCapture('incomplete-chain-tls12'));
  const verdicts = diagnoseCapture(cap);
  verdicts[0]!.summary = '<script>alert(1)</script>';
  const html = renderReportHtml(buildReport(cap, verdicts));
  assert.match(html, /Content-Security-Policy/);
  assert.ok(!/<script/i.test(html));
  assert.match(html, /&lt;script&gt;/);
  assert.ok(!/(src|href)="https?:/i.test(html));
  assert.match(html, /server-chain-incomplete/);
  assert.match(html, /02 30/, 'evidence hex of the unknown_ca alert shown');
});

test('HTML print layout: A4 margins for the footer, no section forced onto its own page, findings as severity cards', async () => {
  const html = renderReportHtml(reportCapture(await decodeFixture(scenarioCapture('incomplete-chain-tls12'))));
  assert.match(html, /@page\{size:A4;margin:14mm 12mm 16mm\}/);
  // A whole connection kept on one page left the first page nearly empty.
  assert.doesNotMatch(html, /section\.conn\{break-inside:avoid/);
  assert.match(html, /<li class="finding sev-error"><span class="badge error">error<\/span> <code>server-chain-incomplete<\/code>/);
  assert.match(html, /11 frames · 1 connection · SHA-256/);
  assert.doesNotMatch(html, /All 1 connections/, 'one connection: the summary row says it all');
  assert.match(html, /color-scheme:light dark/);
});

test('--redact withholds decrypted bytes; frame bytes remain', async () => {
  const cap = await decodeFixture(scenarioCapture('mtls-tls13-no-client-cert'), 'mtls-tls13-no-client-cert/keylog.txt');
  const full = reportCapture(cap);
  const red = reportCapture(cap, { redact: true });
  const withBuffers = (r: typeof full): number => r.connections.flatMap((c) => c.findings).flatMap((f) => f.bytes ?? []).filter((b) => 'buffer' in b.span && b.hex !== undefined).length;
  assert.ok(withBuffers(full) > 0, 'the full report shows decrypted evidence');
  assert.equal(withBuffers(red), 0);
  assert.ok(red.redacted);
  const md = renderReportMarkdown(red);
  assert.match(md, /redacted report \(decrypted bytes withheld\)/);
  assert.match(md, /certificate_required/);
  assert.match(renderReportHtml(red), /redacted: decrypted bytes withheld/);
  // Each withheld piece of evidence says so, in both formats (frame bytes are still shown).
  assert.match(md, /Evidence decrypted-[cs]2c-\d+ @\d+\+\d+ \(withheld\)/);
  assert.match(renderReportHtml(red), /decrypted-[cs]2c-\d+ @\d+\+\d+<\/span> <span class="mut">\(withheld\)<\/span>/);
  assert.doesNotMatch(md, /\(not captured\)/);
});

test('public traces produce reports; checked findings kept', async () => {
  const files = ['zeek/tls-1.2-protocol-error.pcap', 'zeek/heartbleed-success.pcap', 'zeek/heartbleed-encrypted.pcap', 'zeek/https-to-http.pcap', 'ssldump/tls1.2_aes256.pcap', 'ja4/tls12.pcap'];
  const codes = new Map<string, string[]>();
  for (const f of files) {
    const r = reportCapture(await decodeFixture(join(FIXTURES, 'public', f)));
    valid(renderReportJson(r));
    renderReportHtml(r);
    renderReportMarkdown(r);
    codes.set(f, r.connections.flatMap((c) => c.findings.map((x) => x.code)));
  }
  assert.ok(codes.get('zeek/heartbleed-success.pcap')!.includes('heartbeat'), String(codes.get('zeek/heartbleed-success.pcap')));
  assert.ok(codes.get('zeek/https-to-http.pcap')!.some((c) => c === 'not-tls' || c === 'malformed-record' || c === 'handshake-incomplete'), String(codes.get('zeek/https-to-http.pcap')));
});

test('docs/findings.md documents every catalogue code', () => {
  const doc = readFileSync(join(ROOT, 'docs/findings.md'), 'utf8');
  for (const code of Object.keys(CATALOGUE)) assert.ok(doc.includes(`\`${code}\``), code);
});
