// Lesson selectors pick messages by type: an exact type first, so `Certificate#2` is the client's
// Certificate and not the server's Certificate Request; a prefix only when no type matches exactly.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { select } from '../../src/lessons/select.ts';
import { loadFixture } from '../render/support/capture.ts';

const MTLS = 'fixtures/mtls-tls12-client-cert-unknown-ca/capture.pcap';

/** The selected message's type and frame, or the reason nothing matched. */
async function picked(selector: string): Promise<string> {
  const s = select(await loadFixture(MTLS), selector);
  if (typeof s === 'string') return s;
  return s.kind === 'record' && s.message ? `${s.message.type} #${s.message.frame}` : s.kind;
}

test('mTLS unknown_ca: Certificate, Certificate#2, CertificateRequest, CertificateVerify and Alert pick the right messages', async () => {
  assert.equal(await picked('c1 Certificate'), 'Certificate #6');
  assert.equal(await picked('c1 Certificate#2'), 'Certificate #8');
  assert.equal(await picked('c1 CertificateRequest'), 'Certificate Request #6');
  assert.equal(await picked('c1 certificateverify'), 'Certificate Verify #8');
  // No message is typed exactly "Alert": the prefix finds "Alert (fatal, unknown_ca)".
  assert.equal(await picked('c1 Alert'), 'Alert (fatal, unknown_ca) #9');
  assert.match(await picked('c1 Certificate#3'), /^no message "Certificate" #3 in connection c1 \(it has: Client Hello, Server Hello, Certificate, /);
});
