// A walkthrough without a diagnosis judges a connection by its messages; a STARTTLS preamble line
// is capture text, so words in it ("Alert", "fatal", "Finished") must not decide the outcome.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { renderWalkthrough } from '../../src/render/html/index.ts';
import type { DecodedCapture } from '../../src/model/decoded.ts';
import { loadFixture } from './support/capture.ts';

/** The outcome line of the (only) connection header. */
function outcome(cap: DecodedCapture): string | undefined {
  return /<dd class="outcome [^"]*">([^<]*)<\/dd>/.exec(renderWalkthrough(cap))?.[1];
}

test('starttls-smtp: a server line reading like a fatal alert and two Finished does not decide the observed outcome', async () => {
  const cap = await loadFixture('fixtures/starttls-smtp/capture.pcap');
  const preamble = cap.connections[0]!.messages.filter((m) => m.starttls === 'smtp');
  assert.equal(preamble.length, 8);
  // TLS 1.3 without keys: the Finished are encrypted, so nothing is seen either way.
  assert.equal(outcome(cap), 'no failure seen in the capture');
  // The same capture, had its server written such a banner.
  preamble[0]!.type = 'SMTP: 220 Alert (fatal) Finished Finished';
  assert.equal(outcome(cap), 'no failure seen in the capture');
});
