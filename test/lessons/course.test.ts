// The bundled lessons build from real fixtures and show the values their prose talks about.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { renderLessons } from '../../src/lessons/index.ts';
import { ROOT } from '../render/support/capture.ts';
import { join } from 'node:path';

const lessons = renderLessons({ lessonsDir: join(ROOT, 'lessons'), outDir: '', root: ROOT });
const text = (html: string): string => html.replace(/<[^>]*>/g, '');

test('lesson 2: server flight, chains across segments, the incomplete chain', async () => {
  const l = (await lessons).find((x) => x.slug === '02-server-flight-and-certificates')!;
  assert.equal(l.title, "Lesson 2: The server's answer, from ServerHello to ServerHelloDone");
  assert.match(l.html, /0x000f<\/span><span class="len">957<\/span>/, 'first certificate: 957 bytes at 0x0f');
  assert.equal(l.html.match(/<div class="certcard">/g)?.length, 7, '2 + 4 (big chain) + 1 (incomplete chain)');
  assert.match(l.html, /Certificate 4 of 4: CN=Corpus Big Intermediate CA 1/);
  assert.match(l.html, /spans frames 6, 7/);
  assert.match(text(l.html), /Description tls\.alert_message\.desc0x30 \(unknown_ca\)/);
});

test('lesson 3: the SSLv2-compatible hello of seed 001, with SSLv2 explanations', async () => {
  const l = (await lessons).find((x) => x.slug === '03-sslv2-compatible-client-hello')!;
  // TLS starts at 0x34 of the raw-IP frame: 80 8c 01 03 01 00 63 00 00 00 20.
  assert.match(text(l.html), /0030 {2}18 14 40 0e 80 8c 01 03 {2}01 00 63 00 00 00 20 00/);
  const t = text(l.html);
  assert.match(t, /Cipher Spec Length tls\.handshake\.cipher_spec_len99/);
  assert.match(t, /Cipher Specs \(33 specs\)/);
  assert.match(t, /Challenge Length tls\.handshake\.challenge_length32/);
  assert.match(t, /0x000039 \(TLS_DHE_RSA_WITH_AES_256_CBC_SHA\)/);
  assert.match(t, /0x0700c0 \(SSL_CK_DES_192_EDE3_CBC_WITH_MD5\)/);
  // The record length is explained as an SSL 2.0 header, not as the TLS 5-byte header.
  assert.match(l.html, /<h5>SSLv2 record length <span class="rfc">RFC 5246 Appendix E.2<\/span><\/h5>/);
  assert.match(l.html, /The SSL 2.0 record header: the length of the message/);
  assert.doesNotMatch(l.html, /<span class="mean">How many body bytes follow the 5-byte header/);
});

test('lesson 5: the failed client certificate shows the bytes its verdict table cites', async () => {
  const l = (await lessons).find((x) => x.slug === '05-who-broke-the-handshake')!;
  assert.equal(l.title, 'Lesson 5: Who broke the handshake? A failed client certificate, byte by byte');
  const t = text(l.html);
  // The alert record: 15 03 03 00 02, then level 02 (fatal) and description 30 (unknown_ca).
  assert.match(t, /0000 {2}15 03 03 00 02 02 30/);
  assert.match(t, /Description tls\.alert_message\.desc0x30 \(unknown_ca\)/);
  // What the server asked for: types 01 02 40, one 71-byte name.
  assert.match(t, /Certificate type tls\.handshake\.cert_type0x40 \(ecdsa_sign\)/);
  assert.match(t, /Distinguished Name Length tls\.handshake\.dname_len71/);
  assert.match(t, /CN=Corpus Test Root CA A,O=Corpus Test A,C=XX/);
  // What the client sent: the second Certificate message, frame 8, issued by the rogue root.
  assert.match(t, /client → server\s*Certificate.*frame 8/);
  assert.match(t, /issuer x509af\.issuerCN=Rogue Root CA,O=Rogue Corp,C=XX/);
  assert.match(t, /subject x509af\.subjectCN=rogue-client,O=Rogue Corp,C=XX/);
});

test('ids are unique on every lesson page; a record shown twice gets its own permalinks', async () => {
  for (const l of await lessons) {
    const ids = [...l.html.matchAll(/\sid="([^"]+)"/g)].map((m) => m[1]!);
    assert.equal(new Set(ids).size, ids.length, `${l.slug}: ${ids.filter((x, i) => ids.indexOf(x) !== i).slice(0, 3).join(', ')}`);
  }
  // Lesson 1 shows the ClientHello record twice; the second copy's ¶ links to itself.
  const l1 = (await lessons).find((x) => x.slug === '01-record-layer-and-client-hello')!;
  const second = /id="(c1-r1-L\d+)"/.exec(l1.html);
  assert.ok(second, 'the second ClientHello cell has a renamed id');
  assert.match(l1.html, new RegExp(`href="#${second[1]}"`));
  // The ladder's arrows still lead to the first cell with the message.
  assert.match(l1.html, /<a href="#c1-client_hello"/);
});
