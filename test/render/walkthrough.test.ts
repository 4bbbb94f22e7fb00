import { test } from 'node:test';
import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { decodeCapture } from '../../src/decode.ts';
import { renderWalkthrough } from '../../src/render/html/index.ts';
import { SCRIPT } from '../../src/render/html/script.ts';
import { renderDump } from '../../src/render/text/dump.ts';
import { loadFixture } from './support/capture.ts';
import { EVIL_BODY, EVIL_SNI, hostileCapture } from './support/hostile.ts';

const FIXTURE = 'fixtures/tls12-ecdhe-rsa-aes128-gcm/capture.pcap';

test('walkthrough is deterministic and self-contained', async () => {
  const a = renderWalkthrough(await loadFixture(FIXTURE));
  const b = renderWalkthrough(await loadFixture(FIXTURE));
  assert.equal(a, b);
  assert.doesNotMatch(a, /https?:\/\//, 'no external URL');
  assert.doesNotMatch(a, /<link|<img|@import|url\((?!#)/);
  const hash = createHash('sha256').update(SCRIPT).digest('base64');
  assert.ok(a.includes(`script-src 'sha256-${hash}'`), 'CSP carries the hash of the inline script');
  assert.equal(a.match(/<script>/g)?.length, 1, 'exactly one inline script');
});

test('walkthrough has permalinks, ladder, cells and both views', async () => {
  const html = renderWalkthrough(await loadFixture(FIXTURE));
  for (const id of ['c1-r1', 'c1-client_hello', 'c1-server_hello', 'c1-server_hello-cipher_suite', 'c1-certificate']) {
    assert.ok(html.includes(`id="${id}"`), id);
  }
  assert.match(html, /<svg class="ladder"/);
  assert.match(html, /Stream view/);
  assert.match(html, /Wire view: frame 4 /);
  assert.match(html, /tls\.handshake\.ciphersuite/);
  const ids = [...html.matchAll(/ id="([^"]+)"/g)].map((m) => m[1]);
  assert.equal(new Set(ids).size, ids.length, 'ids are unique');
});

test('a record crossing TCP segments shows every frame in its wire view', async () => {
  const cap = await loadFixture('fixtures/tls12-big-chain-multi-segment/capture.pcap');
  const html = renderWalkthrough(cap);
  assert.match(html, /Wire view: frames \d+(, \d+)+ /);
  assert.match(html, /spans frames \d+, \d+/);
});

test('hostile capture strings are escaped, never markup', async () => {
  const html = renderWalkthrough(await hostileCapture());
  assert.ok(!html.includes(EVIL_SNI), 'raw SNI markup absent');
  assert.ok(html.includes('&lt;script&gt;alert(1)&lt;/script&gt;'));
  assert.ok(!html.includes('<img src=x'));
  assert.ok(!html.includes('<svg onload'));
  assert.ok(!html.includes('href="javascript:'));
  assert.ok(!html.includes(EVIL_BODY));
  assert.equal(html.match(/<script/g)?.length, 1);
});

test('terminal dump marks field bytes with ^^ and colours only when asked', async () => {
  const cap = await loadFixture(FIXTURE);
  const plain = renderDump(cap);
  assert.match(plain, /Record 1 {2}client → server/);
  assert.match(plain, /0x0000: {2}1603 0100 9501 0000/);
  assert.match(plain, /\n\s+\^\^\n/);
  assert.ok(!plain.includes("\u001b["), "no ANSI escapes");
  assert.ok(renderDump(cap, { color: true }).includes("\u001b[33m"));
});

test('with a key log, a decrypted record shows its plaintext as a hex view coloured by the decoded fields', async () => {
  const dir = 'fixtures/tls13-aes256-gcm';
  const capture = decodeCapture(readFileSync(`${dir}/capture.pcap`), { keylog: readFileSync(`${dir}/keylog.txt`, 'utf8') });
  const html = renderWalkthrough(capture);
  // EncryptedExtensions is record 4 (server): its 6 plaintext bytes are 08 00 00 02 00 00.
  const cell = html.slice(html.indexOf('Record 4 '), html.indexOf('Record 5 '));
  assert.match(cell, /Decrypted view <span class="sub">\(plaintext of this record: decrypted-s2c-3, 6 bytes\)/);
  const view = cell.slice(cell.indexOf('Decrypted view'));
  const pre = view.slice(view.indexOf('<pre'), view.indexOf('<span class="a">'));
  const hex = pre.replace(/<span class="o">[^<]*<\/span>/g, '').replace(/<[^>]+>/g, '').trim().split(/\s+/).join(' ');
  assert.equal(hex, '08 00 00 02 00 00');
  // Coloured by field: handshake type, length and extensions length are three different keys.
  assert.equal(new Set([...pre.matchAll(/data-k="(\d+)"/g)].map((m) => m[1])).size, 3);
  assert.match(cell, /<i class="pt" title="offset in the decrypted plaintext">0x0000<\/i>/);
  // Without keys there is nothing to show.
  assert.doesNotMatch(renderWalkthrough(await loadFixture(`${dir}/capture.pcap`)), /Decrypted view/);
});
