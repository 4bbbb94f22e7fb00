// STARTTLS preambles in walkthroughs. Without a diagnosis a page judges a connection by its
// messages, and a preamble line is capture text: words in it ("Alert", "fatal", "Finished") must
// not decide the outcome, and a long line must not run past the ladder's lifelines.
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

test('starttls-smtp ladder: a banner longer than the arrow is cut with … and kept whole in its tooltip', async () => {
  const html = renderWalkthrough(await loadFixture('fixtures/starttls-smtp/capture.pcap'));
  const banner = 'SMTP: 220 mail.corpus.test ESMTP corpus-smtp-starttls ready';
  assert.ok(html.includes(`<text x="355" y="50" text-anchor="middle" class="lt plain"><title>${banner}</title>${banner.slice(0, 53)}… · #4</text>`), 'cut banner with tooltip');
  // Short lines stay whole and get no tooltip.
  assert.ok(html.includes('class="lt plain">SMTP: STARTTLS · #12</text>'));
});
