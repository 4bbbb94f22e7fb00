// STARTTLS preambles: where TLS starts (real captures and made-up exchanges) and the line fields.
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { test } from 'node:test';
import { FrameByteMap } from '../../src/model/bytemap.ts';
import { Cursor } from '../../src/model/cursor.ts';
import { findFields, leafFields, malformedFields, type Field } from '../../src/model/field.ts';
import { spansLength } from '../../src/model/span.ts';
import { annotatePreamble, findTlsStart, looksLikeTls, type StartTlsProtocol } from '../../src/tls/starttls.ts';
import { tsharkStreamBytes } from './ext-helpers.ts';

const FIX = new URL('../../fixtures/', import.meta.url).pathname;

function annotate(bytes: Uint8Array, end: number, protocol: StartTlsProtocol, dir: 'c2s' | 's2c'): Field[] {
  const fields: Field[] = [];
  annotatePreamble(new Cursor(bytes, new FrameByteMap(1), fields, 0, end), protocol, dir);
  return fields;
}

/** Leaves tile the preamble: their lengths add up to it and no span is counted twice. */
function assertTiles(fields: Field[], length: number): void {
  let n = 0;
  const seen = new Set<number>();
  for (const l of leafFields(fields)) {
    n += spansLength(l.spans);
    for (const s of l.spans) for (let i = 0; i < s.length; i++) {
      assert.ok(!seen.has(s.offset + i), `byte ${s.offset + i} in two leaves`);
      seen.add(s.offset + i);
    }
  }
  assert.equal(n, length);
}

const CASES: [string, StartTlsProtocol][] = [
  ['starttls-smtp/capture.pcap', 'smtp'],
  ['public/zeek/imap-starttls.pcap', 'imap'],
  ['public/zeek/irc-starttls.pcap', 'irc'],
  ['public/zeek/xmpp-dialback-starttls.pcap', 'xmpp'],
];

for (const [file, protocol] of CASES) {
  test(`${protocol}: ${file} upgrades where the TLS records start`, () => {
    const { c2s, s2c } = tsharkStreamBytes(join(FIX, file));
    const t = findTlsStart(c2s, s2c);
    assert.equal(t?.protocol, protocol);
    assert.ok(looksLikeTls(c2s, t.c2sOffset), 'client TLS starts with a record header');
    assert.ok(looksLikeTls(s2c, t.s2cOffset), 'server TLS starts with a record header');
    const c = annotate(c2s, t.c2sOffset, protocol, 'c2s');
    const s = annotate(s2c, t.s2cOffset, protocol, 's2c');
    assertTiles(c, t.c2sOffset);
    assertTiles(s, t.s2cOffset);
    assert.deepEqual(malformedFields([...c, ...s]), []);
  });
}

test('smtp: lines named as Wireshark names them, on a non-25 port', () => {
  const { c2s, s2c } = tsharkStreamBytes(join(FIX, 'starttls-smtp/capture.pcap'));
  const t = findTlsStart(c2s, s2c)!;
  assert.deepEqual(t, { protocol: 'smtp', c2sOffset: 35, s2cOffset: 162 });
  const c = annotate(c2s, t.c2sOffset, 'smtp', 'c2s');
  const s = annotate(s2c, t.s2cOffset, 'smtp', 's2c');
  assert.deepEqual(findFields(c, 'smtp.req.command').map((f) => f.value), ['EHLO', 'STARTTLS']);
  assert.deepEqual(findFields(s, 'smtp.response.code').map((f) => f.value), [220, 250, 250, 250, 250, 220]);
  assert.equal(findFields(s, 'smtp.response').at(-1)?.value, '220 2.0.0 Ready to start TLS');
  assert.deepEqual(findFields(c, 'smtp.req.parameter')[0]?.spans, [{ frame: 1, offset: 5, length: 18 }]);
});

const enc = (s: string): Uint8Array => Buffer.from(s, 'latin1');
const TLS = Buffer.from('160301000401000000', 'hex');
const cat = (...parts: Uint8Array[]): Uint8Array => Buffer.concat(parts);

test('pop3, ftp: STLS / AUTH TLS and their answers', () => {
  const pop = findTlsStart(cat(enc('CAPA\r\nSTLS\r\n'), TLS), cat(enc('+OK POP3 ready\r\n+OK\r\nSTLS\r\n.\r\n+OK Begin TLS\r\n'), TLS));
  assert.deepEqual(pop, { protocol: 'pop3', c2sOffset: 12, s2cOffset: 45 });
  const ftp = findTlsStart(cat(enc('AUTH TLS\r\n'), TLS), cat(enc('220 FTP ready\r\n234 AUTH TLS OK.\r\n'), TLS));
  assert.deepEqual(ftp, { protocol: 'ftp', c2sOffset: 10, s2cOffset: 33 });
  const f = annotate(enc('220 FTP ready\r\n234 AUTH TLS OK.\r\n'), 33, 'ftp', 's2c');
  assert.deepEqual(findFields(f, 'ftp.response.code').map((x) => x.value), [220, 234]);
});

test('postgresql SSLRequest answered by S; N means no TLS', () => {
  const req = Buffer.from('0000000804d2162f', 'hex');
  assert.deepEqual(findTlsStart(cat(req, TLS), cat(enc('S'), TLS)), { protocol: 'postgresql', c2sOffset: 8, s2cOffset: 1 });
  assert.equal(findTlsStart(req, enc('N')), undefined);
  const fields = annotate(req, 8, 'postgresql', 'c2s');
  assert.equal(findFields(fields, 'pgsql.length')[0]?.value, 8);
  assertTiles(fields, 8);
});

test('ldap StartTLS extended operation and its success response', () => {
  // LDAPMessage { messageID 1, extendedReq { requestName "1.3.6.1.4.1.1466.20037" } }
  const oid = enc('1.3.6.1.4.1.1466.20037');
  const reqBody = cat(Buffer.from([0x02, 0x01, 0x01, 0x77, oid.length + 2, 0x80, oid.length]), oid);
  const req = cat(Buffer.from([0x30, reqBody.length]), reqBody);
  // LDAPMessage { messageID 1, extendedResp { resultCode success, matchedDN "", errorMessage "" } }
  const resp = Buffer.from('300c02010178070a010004000400', 'hex');
  const t = findTlsStart(cat(req, TLS), cat(resp, TLS));
  assert.deepEqual(t, { protocol: 'ldap', c2sOffset: req.length, s2cOffset: resp.length });
  const fields = annotate(req, req.length, 'ldap', 'c2s');
  assert.equal(findFields(fields, 'ldap.requestName')[0]?.children?.[1]?.value, '1.3.6.1.4.1.1466.20037');
  assertTiles(fields, req.length);
  const r = annotate(resp, resp.length, 'ldap', 's2c');
  assert.ok(findFields(r, 'ldap.resultCode').length === 1);
});

test('plain TLS from the first byte is protocol none; plaintext without STARTTLS is undefined', () => {
  assert.deepEqual(findTlsStart(TLS, TLS), { protocol: 'none', c2sOffset: 0, s2cOffset: 0 });
  assert.equal(findTlsStart(enc('GET / HTTP/1.1\r\n\r\n'), enc('HTTP/1.1 200 OK\r\n')), undefined);
});

test('irc vs smtp: a bare STARTTLS decided by the 670 answer, or by the port without one', () => {
  assert.equal(findTlsStart(enc('STARTTLS\r\n'), enc(':srv 670 nick :go ahead\r\n'))?.protocol, 'irc');
  assert.equal(findTlsStart(enc('STARTTLS\r\n'), enc(''), { server: 6667 })?.protocol, 'irc');
  assert.equal(findTlsStart(enc('STARTTLS\r\n'), enc(''), { server: 587 })?.protocol, 'smtp');
});
