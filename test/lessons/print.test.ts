// Printed pages must fit the A4 page width: when anything is wider (one long openssl command was
// enough), Chromium shrinks the whole document to fit and every PDF page gets tiny text.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { decodeCapture } from '../../src/decode.ts';
import { courseHtml } from '../../src/lessons/pdf.ts';
import { renderLessons } from '../../src/lessons/index.ts';
import { browserPath, launchBrowser } from '../../src/render/browser.ts';
import { renderWalkthrough } from '../../src/render/html/index.ts';
import { renderReport, reportCapture } from '../../src/report/index.ts';
import { ROOT } from '../render/support/capture.ts';

const skip = existsSync(browserPath()) ? false : `no Chromium at ${browserPath()}`;
// A4 (210 mm) minus the 12 mm side margins of the print styles, at 96 px per inch.
const A4_CONTENT_PX = Math.floor(((210 - 24) / 25.4) * 96);

/** Elements wider than the printed page (print media, every <details> open), with their width. */
async function tooWide(html: string): Promise<{ doc: number; offenders: string[] }> {
  const handle = await launchBrowser();
  try {
    const page = await handle.browser.newPage();
    await page.setViewport({ width: A4_CONTENT_PX, height: 1000 });
    await page.setContent(html, { waitUntil: 'load' });
    await page.emulateMediaType('print');
    return await page.evaluate((max: number) => {
      for (const d of Array.from(document.querySelectorAll('details'))) d.open = true;
      const offenders = Array.from(document.querySelectorAll('body *'))
        .filter((e) => e.getBoundingClientRect().right > max + 1)
        .slice(0, 5)
        .map((e) => `${e.tagName.toLowerCase()}.${e.className}: ${Math.round(e.getBoundingClientRect().right)}px`);
      return { doc: document.documentElement.scrollWidth, offenders };
    }, A4_CONTENT_PX);
  } finally {
    await handle.close();
  }
}

function fixture(dir: string): ReturnType<typeof decodeCapture> {
  return decodeCapture(new Uint8Array(readFileSync(join(ROOT, dir, 'capture.pcap'))), { keylog: readFileSync(join(ROOT, dir, 'keylog.txt'), 'utf8') });
}

test('printed lesson 4 (long openssl commands, calculation tables) fits the page width', { skip }, async () => {
  const lessons = await renderLessons({ lessonsDir: join(ROOT, 'lessons'), outDir: '', root: ROOT });
  const l4 = lessons.filter((l) => l.slug.startsWith('04-'));
  const { doc, offenders } = await tooWide(courseHtml(l4));
  assert.deepEqual(offenders, []);
  assert.ok(doc <= A4_CONTENT_PX, `document ${doc}px wide`);
});

test('a printed walkthrough with calculations and a printed report fit the page width', { skip }, async () => {
  const cap = fixture('fixtures/mtls-tls12-client-cert-unknown-ca');
  const walk = await tooWide(renderWalkthrough(cap, { showSecrets: true }));
  assert.deepEqual(walk.offenders, []);
  const report = await tooWide(renderReport(reportCapture(fixture('fixtures/tls13-aes256-gcm')), 'html'));
  assert.deepEqual(report.offenders, []);
});
