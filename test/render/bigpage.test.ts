// Pages of many connections: long leaves cut in hex views, repeated subtrees and records folded,
// runs of application data as one table, compact rows above COMPACT_OVER connections.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { decodeCapture } from '../../src/decode.ts';
import type { DecodedCapture } from '../../src/model/decoded.ts';
import type { Field } from '../../src/model/field.ts';
import { ByteSource } from '../../src/render/bytes.ts';
import { CellIndex } from '../../src/render/html/cellindex.ts';
import { renderHex } from '../../src/render/html/hexview.ts';
import { COMPACT_OVER, renderWalkthrough } from '../../src/render/html/walkthrough.ts';
import { Permalinks } from '../../src/render/ids.ts';
import { loadFixture } from './support/capture.ts';

const SMALL = 'fixtures/bench/small.pcap';

/** assert.match without printing a 5 MB page on failure. */
function has(html: string, re: RegExp): void {
  assert.ok(re.test(html), `page matches ${re}`);
}

function hasNot(html: string, re: RegExp): void {
  assert.ok(!re.test(html), `page does not match ${re}`);
}

/** A one-frame capture whose frame holds a 5-byte header and a 1,000-byte opaque leaf. */
function longLeafCapture(): { capture: DecodedCapture; record: Field } {
  const data = new Uint8Array(1005).map((_, i) => i & 0xff);
  const record: Field = {
    name: 'record',
    spans: [{ frame: 1, offset: 0, length: 1005 }],
    children: [
      { name: 'header', spans: [{ frame: 1, offset: 0, length: 5 }] },
      { name: 'Encrypted Application Data', filter: 'tls.app_data', spans: [{ frame: 1, offset: 5, length: 1000 }] },
    ],
  };
  const capture: DecodedCapture = {
    input: { format: 'pcap', frames: 1, bytes: 1005, sha256: '' },
    problems: [],
    frames: [{ number: 1, timeNs: 0n, origLength: 1005, data, fields: [] }],
    connections: [],
  };
  return { capture, record };
}

test('a long leaf shows its first 128 bytes at true offsets, then says how many are hidden', () => {
  const { capture, record } = longLeafCapture();
  const index = new CellIndex();
  index.add([record]);
  const view = new ByteSource(capture).resolve(record.spans);
  const html = renderHex(index, { view, keys: index.paint(view) });
  // The leaf starts at 5; rows up to the one holding byte 5 + 128 are printed (0x0000..0x0080).
  assert.match(html, /<span class="o">0080<\/span>/);
  assert.doesNotMatch(html, /<span class="o">0090<\/span>/);
  // Rows 0x90..0x3e0 hidden (and the last, partial row 0x3e0 printed: it ends the leaf).
  assert.match(html, /⋮ 848 more bytes of Encrypted Application Data not shown/);
  assert.match(html, /<span class="o">03e0<\/span>/);
  // Shown bytes are the real ones: offset 0x80 holds 0x80.
  assert.match(html, /<span class="o">0080<\/span> {2}<span class="b c1" data-k="2">80 81/);
  const full = renderHex(index, { view, keys: index.paint(view), longLeaf: Infinity });
  assert.equal(full.match(/<span class="o">/g)?.length, 63);
});

test('painting: deeper fields win within a tree, an earlier tree keeps its bytes', () => {
  const { capture, record } = longLeafCapture();
  const index = new CellIndex();
  index.add([record]);
  const other: Field = { name: 'tcp.payload', spans: [{ frame: 1, offset: 0, length: 1005 }] };
  index.add([other]);
  const keys = index.paint(new ByteSource(capture).frameView(1)!);
  assert.equal(keys[0], 1, 'header leaf');
  assert.equal(keys[5], 2, 'app data leaf');
  assert.equal(keys[1004], 2);
  assert.equal(index.key(other), 3);
});

test('permalinks number repeats -2, -3 in document order', () => {
  const leaf = (name: string): Field => ({ name, spans: [] });
  const rec: Field = { name: 'r', spans: [], children: [leaf('Cipher Suite'), leaf('Cipher Suite'), leaf('Cipher Suite-2'), leaf('Cipher Suite')] };
  const links = new Permalinks({ id: 1, client: 'a', server: 'b', firstFrame: 1, messages: [], fields: [rec], buffers: {} });
  assert.deepEqual(rec.children!.map((c) => links.of(c)), ['c1-r1-cipher_suite', 'c1-r1-cipher_suite-2', 'c1-r1-cipher_suite_2', 'c1-r1-cipher_suite-3']);
});

test('small bench capture: index table, app data runs, repeated subtrees folded, unique ids', async () => {
  const cap = await loadFixture(SMALL);
  const html = renderWalkthrough(cap);
  has(html, /<table class="connidx">/);
  assert.equal(html.match(/<table class="connidx">[^]*?<\/table>/)![0].match(/<tr>/g)?.length, 21, 'header + 20 connections');
  // Connection 1: records 4-7 (TLS 1.3 handshake, encrypted) and 9-14 are runs of opaque records.
  has(html, /id="c1-r4-cell"[^>]*><header class="cellhead"><h3><a class="pl" href="#c1-r4-cell">¶<\/a> Records 4–7 <span class="dir">server → client<\/span> Application Data ×4/);
  has(html, /<tr id="c1-r13"><td><a class="pl" href="#c1-r13">¶<\/a>13<span id="c1-application_data-9"><\/span><\/td><td>server → client<\/td><td>12<\/td><td>4,928<\/td><td><code>17 03 03 13 3b 28 e1 44 … 4,920 more bytes<\/code>/);
  // Connection 2 offers the same cipher suites as connection 1: one row linking there.
  has(html, /<a class="same" href="#c1-client_hello-cipher_suites">same \d+ fields as connection 1, record 1<\/a>/);
  const ids = [...html.matchAll(/ id="([^"]+)"/g)].map((m) => m[1]);
  assert.equal(new Set(ids).size, ids.length, 'ids are unique');
  for (const m of html.matchAll(/href="#([^"]+)"/g)) assert.ok(ids.includes(m[1]!), `link target #${m[1]} exists`);
  assert.equal(renderWalkthrough(cap), html, 'deterministic');
  assert.ok(html.length < 7e6, `small bench page is ${html.length} bytes`);
});

test('within one connection nothing is folded (the ServerHello repeats the ClientHello ec_point_formats)', async () => {
  const html = renderWalkthrough(await loadFixture('fixtures/tls12-ecdhe-rsa-aes128-gcm/capture.pcap'));
  hasNot(html, /class="same"/);
  hasNot(html, /class="folded"/);
  has(html, /id="c1-server_hello-ec_point_formats"/);
});

test(`more than ${COMPACT_OVER} connections: stream views and compact rows only`, async () => {
  const cap = await loadFixture(SMALL);
  const more = cap.connections.slice(0, COMPACT_OVER + 1 - cap.connections.length).map((c, i) => ({ ...c, id: cap.connections.length + i + 1 }));
  const big: DecodedCapture = { ...cap, connections: [...cap.connections, ...more] };
  const html = renderWalkthrough(big);
  has(html, /26 connections: cells show the record bytes \(stream view\) only/);
  hasNot(html, /Wire view/);
  has(html, /<div class="ftable compact" role="tree">/);
  hasNot(html, /<span class="mean">/);
  // Connection 21 is connection 1 again: its ClientHello record is folded whole.
  has(html, /id="c21-r1-cell" data-cell>[^]*?The same 517 bytes as record 1 of connection 1, decoded identically/);
});

test(`more than ${COMPACT_OVER} connections: no decrypted hex view either (the field rows still show the plaintext's fields)`, () => {
  const dir = 'fixtures/tls13-aes256-gcm';
  const cap = decodeCapture(new Uint8Array(readFileSync(`${dir}/capture.pcap`)), { keylog: readFileSync(`${dir}/keylog.txt`, 'utf8') });
  has(renderWalkthrough(cap), /<h4>Decrypted view/);
  const copies = Array.from({ length: COMPACT_OVER }, (_, i) => ({ ...cap.connections[0]!, id: i + 2 }));
  const html = renderWalkthrough({ ...cap, connections: [...cap.connections, ...copies] });
  has(html, /connections: cells show the record bytes \(stream view\) only/);
  hasNot(html, /Decrypted view/);
  has(html, /id="c1-encrypted_extensions"/);
});
