// Lesson 4 and the directives behind it: keylog=, calc selectors, secrets=. Values come from
// fixtures/tls13-aes256-gcm (key log from s_client) and were checked with `openssl kdf`.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { decodeCapture } from '../../src/decode.ts';
import { renderLessons } from '../../src/lessons/index.ts';
import { renderCalculation } from '../../src/render/html/calc.ts';
import { ROOT } from '../render/support/capture.ts';
import { buildOne } from './support/build.ts';

const T13 = 'fixtures/tls13-aes256-gcm';
const KEYLOG = `${T13}/keylog.txt`;
/** Every decode the course build asks for: which capture (by its bytes' hash) and with which key log. */
const decodes: { capture: string; keylog: string | undefined }[] = [];
const lessons = renderLessons({
  lessonsDir: join(ROOT, 'lessons'),
  outDir: '',
  root: ROOT,
  decode: (bytes, keylog) => {
    decodes.push({ capture: createHash('sha256').update(bytes).digest('hex'), keylog });
    return decodeCapture(bytes, keylog === undefined ? {} : { keylog });
  },
});
const text = (html: string): string => html.replace(/<[^>]*>/g, '');
// SERVER_HANDSHAKE_TRAFFIC_SECRET and CLIENT_HANDSHAKE_TRAFFIC_SECRET of the fixture's key log.
const SERVER_HS = 'b36a389d0c278ef935ad0c76860afa7be4f5600ef420d059cfaa98b38e47433f7cd82fe5e8cd4fdf29fb79bbc65b193a';
const CLIENT_HS = '52ca3045b221ec61f6afbb76868edca5d2f9985e147b04944265cf636ccf5145fa8d44cb8cc59d6d15948254b9e779b8';

/** The cell (section) of calculation `id` in a page. */
function calcCell(html: string, id: string): string {
  const start = html.indexOf(`<section class="cell calc" id="c1-calc-${id.replace(/-/g, '_')}"`);
  assert.ok(start >= 0, `calculation ${id} is on the page`);
  return html.slice(start, html.indexOf('</section>', start));
}

test('lesson 4: the capture decodes without and with the key log, each once', async () => {
  const l = (await lessons).find((x) => x.slug === '04-decryption-and-the-key-schedule')!;
  assert.equal(l.title, 'Lesson 4: Decryption and the TLS 1.3 key schedule');
  const ladders = l.html.split('<svg class="ladder"').slice(1);
  assert.equal(ladders.length, 2);
  assert.match(ladders[0]!, /Application Data · #6/);
  assert.doesNotMatch(ladders[0]!, /Encrypted Extensions/);
  assert.match(ladders[1]!, /Encrypted Extensions · #6/);
  assert.match(ladders[1]!, /Finished · #8/);
  assert.match(l.html, /decrypted with <code>fixtures\/tls13-aes256-gcm\/keylog\.txt<\/code>/);
  const capture = createHash('sha256').update(readFileSync(join(ROOT, T13, 'capture.pcap'))).digest('hex');
  const keylog = readFileSync(join(ROOT, KEYLOG), 'utf8');
  const ofCapture = decodes.filter((d) => d.capture === capture);
  assert.deepEqual(ofCapture, [{ capture, keylog: undefined }, { capture, keylog }], 'once without the key log, then once with it');
  const keys = decodes.map((d) => `${d.capture} ${d.keylog ?? ''}`);
  assert.equal(new Set(keys).size, keys.length, 'no (capture, key log) decoded twice in the whole course');
});

test('lesson 4: key and IV derived from the server handshake traffic secret, with the openssl line', async () => {
  const l = (await lessons).find((x) => x.slug === '04-decryption-and-the-key-schedule')!;
  const key = text(calcCell(l.html, 's2c-handshake-0-key'));
  assert.match(key, /write key72ec751c9ee836f67b6e8cec07ff0ab1f5f53187842402f6bc28884678d1e018/);
  assert.match(key, new RegExp(`hexkey:${SERVER_HS} -kdfopt hexinfo:002009746c733133206b657900 HKDF`));
  assert.match(text(calcCell(l.html, 's2c-handshake-0-iv')), /write IV27ff1a1741df701700a63ed6/);
});

test('lesson 4: decrypted records show the message and its inner content type', async () => {
  const t = text((await lessons).find((x) => x.slug === '04-decryption-and-the-key-schedule')!.html);
  assert.match(t, /Opaque Type tls\.record\.opaque_typeapplication_data \(23\)/);
  assert.match(t, /encrypted inner content type: 22/);
  assert.match(t, /Handshake Type tls\.handshake\.typeEncrypted Extensions \(8\)/);
  assert.match(t, /Certificate Request Context Length tls\.handshake\.certificate_request_context_length0/);
  assert.match(t, /Verify Data tls\.handshake\.verify_dataf5fd5905b660692409570202b283d156/);
});

test('lesson 4: Finished checks verify; without secrets=yes no secret is printed, not even in the command', async () => {
  const l = (await lessons).find((x) => x.slug === '04-decryption-and-the-key-schedule')!;
  const server = calcCell(l.html, 'server-finished');
  assert.match(server, /<span class="ok">verified<\/span>/);
  assert.match(text(server), /verify_data computedf5fd5905b660692409570202b283d15626e753a4910a58349962ce08c7d80c2053a444a9793a0303efeaa255df8ba1b9/);
  const client = calcCell(l.html, 'client-finished');
  assert.match(client, /<span class="ok">verified<\/span>/);
  assert.match(client, /secret, hidden/);
  assert.ok(!client.includes(CLIENT_HS), 'the client handshake traffic secret is not in the cell');
  assert.ok(!client.includes('cf3f530817527aecd0fc70947d1e305d'), 'nor the finished_key');
  assert.match(client, /hexkey:SECRET/);
  // The TLS 1.2 key block, from the capture of lessons 1 and 2.
  assert.match(text(calcCell(l.html, 'hs1-key-block')), /key block \(40 bytes\)91a012cca5f04bb3bcce2c17d1cb477f6856ed86e2de87e3f3d5547f50875526bda5b6502a5b5023/);
});

test('hidden calculations print no secret value anywhere (key logs for TLS 1.2 and 1.3, an RSA key)', () => {
  const read = (dir: string, f: string): Buffer => readFileSync(join(ROOT, dir, f));
  const rsa = 'fixtures/tls12-rsa-kx-aes128-gcm';
  const cases: [string, Parameters<typeof decodeCapture>[1]][] = [
    ...[T13, 'fixtures/tls12-ecdhe-rsa-aes128-gcm', 'fixtures/tls12-renegotiation'].map((d): [string, Parameters<typeof decodeCapture>[1]] => [d, { keylog: read(d, 'keylog.txt').toString('utf8') }]),
    [rsa, { keys: [{ name: 'server.key', data: new Uint8Array(read(rsa, 'server.key')) }] }],
  ];
  for (const [dir, opts] of cases) {
    const cap = decodeCapture(new Uint8Array(read(dir, 'capture.pcap')), opts);
    const calcs = cap.connections.flatMap((c) => c.calculations ?? []);
    assert.ok(calcs.length > 0, `${dir} has calculations`);
    const secrets = calcs.flatMap((c) => [...c.inputs, c.output]).filter((v) => v.secret).map((v) => v.value);
    const html = calcs.map((c) => renderCalculation(c, 1, false)).join('');
    for (const s of secrets) assert.ok(!html.toLowerCase().includes(s.toLowerCase()), `${dir}: ${s.slice(0, 16)}… hidden`);
    const shown = calcs.map((c) => renderCalculation(c, 1, true)).join('');
    for (const s of secrets) assert.ok(shown.includes(s), `${dir}: ${s.slice(0, 16)}… shown when asked`);
  }
});

const fence = (attrs: string): string => `# T\n\ntext\n\n\`\`\`wirebook capture=${T13}/capture.pcap ${attrs}\n\`\`\`\n`;

test('a missing key log fails the build with file:line', async () => {
  const err = await buildOne(fence(`keylog=${T13}/no-such-keylog.txt select="c1 calc"`));
  assert.match(err?.message ?? '', /^lesson lessons\/01-x\.md:5: cannot read keylog fixtures\/tls13-aes256-gcm\/no-such-keylog\.txt$/);
});

test('a calc selector that matches nothing fails with file:line and lists what there is', async () => {
  const err = await buildOne(fence(`keylog=${KEYLOG} select="c1 calc:no such step"`));
  assert.match(err?.message ?? '', /^lesson lessons\/01-x\.md:5: no calculation matching "no such step" in connection c1 \(it has: s2c-handshake-0-key, /);
  const noKeys = await buildOne(fence('select="c1 calc"'));
  assert.match(noKeys?.message ?? '', /^lesson lessons\/01-x\.md:5: connection c1 has no calculations \(was it decrypted\? give keylog=PATH\)/);
  const fields = await buildOne(fence(`keylog=${KEYLOG} select="c1 calc" fields="tls.handshake.type"`));
  assert.match(fields?.message ?? '', /^lesson lessons\/01-x\.md:5: fields= needs a record or message selection, not calculations/);
  const secrets = await buildOne(fence(`keylog=${KEYLOG} select="c1 calc" secrets=maybe`));
  assert.match(secrets?.message ?? '', /^lesson lessons\/01-x\.md:5: secrets must be yes or no, not "maybe"/);
});
