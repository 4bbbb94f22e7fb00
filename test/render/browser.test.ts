// Real Chromium: open a walkthrough, a hostile walkthrough and a lesson page from file://, check
// hover lighting both ways, no console errors, no request leaving the file, no injected script.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import type { Page } from 'puppeteer-core';
import { browserPath, launchBrowser, type BrowserHandle } from '../../src/render/browser.ts';
import { renderWalkthrough } from '../../src/render/html/index.ts';
import { renderWalkthroughPdf } from '../../src/render/pdf.ts';
import { buildSite } from '../../src/lessons/index.ts';
import { loadFixture, ROOT } from './support/capture.ts';
import { hostileCapture } from './support/hostile.ts';

const OUT = join(ROOT, 'test-output');
const skip = existsSync(browserPath()) ? false : `no Chromium at ${browserPath()} (set PUPPETEER_EXECUTABLE_PATH)`;
let handle: BrowserHandle | undefined;

before(async () => {
  if (skip) return;
  mkdirSync(OUT, { recursive: true });
  writeFileSync(join(OUT, 'walkthrough.html'), renderWalkthrough(await loadFixture('fixtures/tls12-ecdhe-rsa-aes128-gcm/capture.pcap')));
  writeFileSync(join(OUT, 'hostile.html'), renderWalkthrough(await hostileCapture()));
  await buildSite({ lessonsDir: join(ROOT, 'lessons'), outDir: join(OUT, 'site'), root: ROOT });
  handle = await launchBrowser();
});
after(async () => handle?.close());

/** Opens a file with request logging; returns the page and what went wrong on it. */
async function open(file: string): Promise<{ page: Page; errors: string[]; outside: string[] }> {
  const page = await handle!.browser.newPage();
  const errors: string[] = [];
  const outside: string[] = [];
  const url = pathToFileURL(file).href;
  const dir = url.slice(0, url.lastIndexOf('/') + 1);
  page.on('console', (m) => void (m.type() === 'error' && errors.push(m.text())));
  page.on('pageerror', (e) => errors.push(String(e)));
  await page.setRequestInterception(true);
  page.on('request', (r) => {
    const u = r.url();
    if (u.startsWith(dir) || u.startsWith('data:')) void r.continue();
    else {
      outside.push(u);
      void r.abort();
    }
  });
  await page.setViewport({ width: 1280, height: 1400 });
  await page.goto(url, { waitUntil: 'load' });
  return { page, errors, outside };
}

async function checkHover(page: Page): Promise<void> {
  // Row → bytes: hover the cipher-suite row of the ServerHello.
  const row = await page.$('[id="c1-server_hello-cipher_suite"]');
  assert.ok(row, 'cipher suite row exists');
  await row.hover();
  const k = await row.evaluate((el) => el.getAttribute('data-k') ?? el.querySelector('summary')?.getAttribute('data-k'));
  const lit = await page.$$eval(`.b.lit[data-k="${k}"]`, (els) => els.length);
  assert.ok(lit >= 1, 'row hover lights its bytes');
  // Byte → row: hover a byte span of the ClientHello random.
  const leafSel = '[id="c1-client_hello-random"].leaf, [id="c1-client_hello-random"] .row.leaf';
  const byteK = await page.$eval(leafSel, (el) => el.getAttribute('data-k'));
  await page.mouse.move(0, 0);
  const span = await page.$(`[id="c1-r1-cell"] pre.hex .b[data-k="${byteK}"]`);
  assert.ok(span, 'random bytes are in the stream view');
  await span.hover();
  const rowLit = await page.$eval(leafSel, (el) => el.classList.contains('lit'));
  assert.ok(rowLit, 'byte hover lights its row');
}

test('walkthrough: hover both ways, no errors, no requests, screenshots', { skip }, async () => {
  const { page, errors, outside } = await open(join(OUT, 'walkthrough.html'));
  await checkHover(page);
  assert.deepEqual(errors, []);
  assert.deepEqual(outside, []);
  assert.equal(await page.$eval('.toolbar', (el) => (el as HTMLElement).hidden), false, 'script ran (toolbar shown)');
  await page.screenshot({ path: join(OUT, 'walkthrough-light.png') });
  await page.emulateMediaFeatures([{ name: 'prefers-color-scheme', value: 'dark' }]);
  await page.goto(page.url() + '#c1-server_hello-cipher_suite');
  await page.mouse.move(5, 5);
  await page.screenshot({ path: join(OUT, 'walkthrough-dark.png') });
  await page.close();
});

test('hostile capture: nothing from the capture runs, CSP present', { skip }, async () => {
  const { page, errors, outside } = await open(join(OUT, 'hostile.html'));
  const csp = await page.$eval('meta[http-equiv="Content-Security-Policy"]', (m) => m.getAttribute('content'));
  assert.match(csp ?? '', /default-src 'none'; style-src 'unsafe-inline'; script-src 'sha256-/);
  const text = await page.evaluate(() => document.body.textContent ?? '');
  assert.ok(text.includes('<script>alert(1)</script>'), 'SNI shown as text');
  await page.hover('.connhead');
  assert.equal(await page.evaluate(() => (window as unknown as { __pwned?: number }).__pwned), undefined);
  assert.equal(await page.$$eval('script', (s) => s.length), 1);
  assert.equal(await page.$$eval('a[href^="javascript:"], img, svg[onload]', (s) => s.length), 0);
  assert.deepEqual(outside, []);
  assert.deepEqual(errors.filter((e) => !/Content Security Policy/.test(e)), []);
  await page.screenshot({ path: join(OUT, 'hostile.png') });
  await page.close();
});

test('lesson page: hover both ways, shared assets load, no requests outside', { skip }, async () => {
  const { page, errors, outside } = await open(join(OUT, 'site', '01-record-layer-and-client-hello.html'));
  const row = await page.$('.wb-directive .ftable .row.leaf[data-k]');
  assert.ok(row);
  await row.hover();
  const k = await row.evaluate((el) => el.getAttribute('data-k'));
  assert.ok((await page.$$eval(`.wb-directive .b.lit[data-k="${k}"]`, (e) => e.length)) >= 1);
  const b = await page.$('.wb-directive pre.hex .b[data-k]');
  await b!.hover();
  assert.ok((await page.$$eval('.wb-directive .row.lit', (e) => e.length)) >= 1);
  assert.deepEqual(errors, []);
  assert.deepEqual(outside, []);
  await page.screenshot({ path: join(OUT, 'lesson-light.png'), fullPage: false });
  await page.emulateMediaFeatures([{ name: 'prefers-color-scheme', value: 'dark' }]);
  await page.screenshot({ path: join(OUT, 'lesson-dark.png') });
  await page.close();
});

test('walkthrough PDF renders', { skip }, async () => {
  const pdf = await renderWalkthroughPdf(renderWalkthrough(await loadFixture('fixtures/no-shared-cipher-tls12/capture.pcap')), handle);
  assert.equal(pdf.subarray(0, 5).toString(), '%PDF-');
  writeFileSync(join(OUT, 'walkthrough.pdf'), pdf);
});
