// Unit checks of the rule helpers against values quoted in the seeds and RFCs.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { ALERTS } from '../../src/diagnose/alerts.ts';
import { CATALOGUE } from '../../src/diagnose/catalogue.ts';
import { nameMatches } from '../../src/diagnose/certs.ts';
import { RULES } from '../../src/diagnose/rules/index.ts';
import { notRandom } from '../../src/diagnose/rules/sessions.ts';

test('seed 001: the server session ID with hidden information is flagged, a random one is not', () => {
  assert.match(notRandom('00000143256394d7b750c385cc363112ec86df205858585847d540360000ccc7') ?? '', /run of 4/);
  assert.equal(notRandom('7695e89895d1cee2a4b3c1f0e9d8c7b6a5948372615f4e3d2c1b0a9988776655'.replace(/8877/, '8a77')), undefined);
});

test('every code a rule can emit is in the catalogue', () => {
  for (const r of RULES) for (const c of r.codes) assert.ok(CATALOGUE[c], `${r.name}: ${c}`);
});

test('the DESIGN.md minimum catalogue is present', () => {
  const required = ['fatal-alert', 'no-shared-cipher', 'protocol-version-mismatch', 'client-certificate-requested', 'client-certificate-empty', 'client-certificate-missing', 'unknown-ca', 'server-chain-incomplete', 'certificate-expired', 'certificate-not-yet-valid', 'certificate-self-signed', 'certificate-name-mismatch', 'weak-signature', 'weak-key', 'sslv2-hello', 'export-cipher-offered', 'hello-retry-request', 'session-resumed', 'renegotiation', 'reset-without-close-notify', 'missing-segments', 'truncated-frames', 'handshake-incomplete', 'session-id-not-random'];
  for (const c of required) assert.ok(CATALOGUE[c], c);
});

test('seed 002 alerts are explained with their phase', () => {
  for (const d of [40, 60, 70, 100]) assert.equal(ALERTS.get(d)?.phase, 'handshake', `alert ${d}`);
  for (const d of [42, 43, 44, 45, 46, 48]) assert.equal(ALERTS.get(d)?.phase, 'certificate', `alert ${d}`);
  for (const d of [10, 20, 21, 22, 47, 49, 50, 51, 80]) assert.equal(ALERTS.get(d)?.phase, 'record', `alert ${d}`);
  assert.equal(ALERTS.get(116)?.name, 'certificate_required');
});

test('RFC 6125 wildcard matching', () => {
  assert.ok(nameMatches('*.example.com', 'www.example.com'));
  assert.ok(!nameMatches('*.example.com', 'a.b.example.com'));
  assert.ok(!nameMatches('*.example.com', 'example.com'));
  assert.ok(nameMatches('LOCALHOST', 'localhost'));
});
