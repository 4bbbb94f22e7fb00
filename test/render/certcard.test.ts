// Certificate summary cards: validity judged at the capture's time, names escaped.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { renderCertCard, validityAt } from '../../src/render/html/certcard.ts';
import { renderWalkthrough } from '../../src/render/html/index.ts';
import type { CertificateSummary } from '../../src/tls/x509/summary.ts';
import { loadFixture } from './support/capture.ts';

const DATES = { notBefore: '2020-01-01T00:00:00Z', notAfter: '2021-01-01T00:00:00Z' };

test('validity is judged at the capture time, in whole units', () => {
  assert.deepEqual(validityAt(DATES, Date.parse('2021-01-13T00:00:00Z')), { text: 'expired 12 days before the capture', ok: false });
  assert.deepEqual(validityAt(DATES, Date.parse('2021-01-01T05:30:00Z')), { text: 'expired 5 hours before the capture', ok: false });
  assert.deepEqual(validityAt(DATES, Date.parse('2019-12-31T00:00:00Z')), { text: 'not yet valid: starts 1 day after the capture', ok: false });
  assert.deepEqual(validityAt(DATES, Date.parse('2020-12-31T00:00:00Z')), { text: 'valid at capture time (expires 1 day after it)', ok: true });
  // Text dumps carry times relative to nothing: no verdict rather than a wrong one.
  assert.equal(validityAt(DATES, 1_000).ok, undefined);
  assert.equal(validityAt(DATES, undefined).text, 'capture time unknown (the input has no absolute timestamps)');
});

test('card text from the certificate is escaped', () => {
  const s: CertificateSummary = {
    subject: 'CN=<script>alert(1)</script>', subjectAttributes: [], issuer: 'CN="x" & y', issuerAttributes: [], publicKey: { algorithm: 'EC', curve: 'P-256', bits: 256 },
    san: { dns: ['<b>evil</b>'], ip: [], email: [], uri: ['javascript:alert(1)'] }, isCA: false, ocsp: [], caIssuers: [], crlDistributionPoints: [], policies: [],
    extensions: [], selfIssued: false, sha256: 'ab', errors: [], ...DATES,
  };
  const html = renderCertCard(s, 1, 1, Date.parse('2020-06-01T00:00:00Z'));
  assert.ok(!html.includes('<script>') && !html.includes('<b>evil'));
  assert.ok(html.includes('CN=&lt;script&gt;alert(1)&lt;/script&gt;'));
  assert.ok(html.includes('DNS:&lt;b&gt;evil&lt;/b&gt;, URI:javascript:alert(1)'));
  assert.ok(!html.includes('href'), 'nothing from the certificate becomes a link');
  assert.ok(html.includes('<dt>Public key</dt><dd>EC, P-256, 256 bits</dd>'));
});

test('expired server certificate: the card says so, judged at the frame time', async () => {
  const html = renderWalkthrough(await loadFixture('fixtures/expired-server-cert-tls12/capture.pcap'));
  const cards = [...html.matchAll(/<div class="certcard"><h4>([^<]*)<\/h4>[^]*?<\/dl><\/div>/g)];
  assert.equal(cards.length, 2);
  assert.equal(cards[0]![1], 'Certificate 1 of 2 (the sender’s own): C=XX,O=Corpus Test A,CN=localhost');
  assert.match(cards[0]![0], /2020-01-01T00:00:00Z → 2021-01-01T00:00:00Z<br><strong class="fail">expired \d{1,3}(,\d{3})* days before the capture<\/strong>/);
  assert.match(cards[0]![0], /<dt>Subject alternative names<\/dt><dd>DNS:localhost, IP:127.0.0.1, IP:::1<\/dd>/);
  assert.match(cards[1]![0], /<dt>CA<\/dt><dd>yes \(path length ≤ 4\)<\/dd>/);
  assert.match(cards[1]![0], /<strong class="ok">valid at capture time/);
});
