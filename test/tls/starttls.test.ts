// STARTTLS preambles: where TLS starts (real captures and made-up exchanges) and the line fields.
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { test } from 'node:test';
import { FrameByteMap } from '../../src/model/bytemap.ts';
import { Cursor } from '../../src/model/cursor.ts';
import { findFields, leafFields, malformedFields, type Field } from '../../src/model/field.ts';
import { isFrameSpan, spansLength } from '../../src/model/span.ts';
import { decodeTlsConnection } from '../../src/tls/connection.ts';
import { tlsCoverage } from '../../src/tls/coverage.ts';
import { findTlsStart as connectionTlsStart } from '../../src/tls/deps.ts';
import { annotatePreamble, findTlsStart, looksLikeTls, type StartTlsProtocol } from '../../src/tls/starttls.ts';
import { messageEnds } from '../../src/tls/starttls/units.ts';
import { tsharkStreamBytes } from './ext-helpers.ts';
import { fixtureConnections, ldapStartTls, makeConnection } from './helpers.ts';

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
  const { startTls: req, started: resp } = ldapStartTls();
  const t = findTlsStart(cat(req, TLS), cat(resp, TLS));
  assert.deepEqual(t, { protocol: 'ldap', c2sOffset: req.length, s2cOffset: resp.length });
  const fields = annotate(req, req.length, 'ldap', 'c2s');
  assert.equal(findFields(fields, 'ldap.requestName')[0]?.children?.[1]?.value, '1.3.6.1.4.1.1466.20037');
  assertTiles(fields, req.length);
  const r = annotate(resp, resp.length, 'ldap', 's2c');
  assert.ok(findFields(r, 'ldap.resultCode').length === 1);
});

test('ldap: a StartTLS answer whose resultCode lies outside its extendedResp is no success', () => {
  const { startTls } = ldapStartTls();
  // Unlike the success answer above: LDAPMessage { messageID 2, extendedResp [78 02] { 0a 01 } }
  // then 00 04 00 inside the message; the 00 after the extendedResp's two bytes is not its resultCode.
  const cut = Buffer.from('300a02010278020a01000400', 'hex');
  assert.equal(findTlsStart(cat(startTls, TLS), cat(cut, TLS)), undefined);
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

/** Decodes a real STARTTLS connection and checks it is TLS, every stream byte is covered and nothing is malformed. */
function decodeFullyCovered(conn: Parameters<typeof decodeTlsConnection>[0]): ReturnType<typeof decodeTlsConnection> {
  const tls = decodeTlsConnection(conn);
  assert.equal(tls.isTls, true);
  const cov = tlsCoverage(conn, tls.decoded);
  assert.deepEqual(cov.uncovered, []);
  assert.equal(cov.coveredBytes, cov.streamBytes);
  assert.deepEqual(malformedFields(tls.decoded.fields), []);
  return tls;
}

test('smtp fixture through the connection decoder: preamble lines in wire order, then TLS from the upgrade', () => {
  const [conn] = fixtureConnections('starttls-smtp/capture.pcap').connections;
  assert.ok(conn);
  assert.deepEqual(connectionTlsStart(conn), { protocol: 'smtp', c2s: 35, s2c: 162 });
  const tls = decodeFullyCovered(conn);
  assert.deepEqual(findFields(tls.decoded.fields, 'data.data'), [], 'no preamble byte is left as opaque data');
  // Banner, EHLO, the 250 lines (three in frame 10), STARTTLS, 220: interleaved by frame as on the wire.
  const preamble = tls.decoded.fields.slice(0, 8);
  assert.deepEqual(preamble.map((f) => f.filter), ['smtp.response', 'smtp.command_line', 'smtp.response', 'smtp.response', 'smtp.response', 'smtp.response', 'smtp.command_line', 'smtp.response']);
  assert.deepEqual(preamble.map((f) => f.spans), [
    [{ frame: 4, offset: 66, length: 55 }], [{ frame: 6, offset: 66, length: 25 }], [{ frame: 8, offset: 66, length: 33 }],
    [{ frame: 10, offset: 66, length: 16 }], [{ frame: 10, offset: 82, length: 14 }], [{ frame: 10, offset: 96, length: 14 }],
    [{ frame: 12, offset: 66, length: 10 }], [{ frame: 13, offset: 66, length: 30 }],
  ]);
  assert.deepEqual(findFields(preamble, 'smtp.req.command').map((f) => f.value), ['EHLO', 'STARTTLS']);
  assert.deepEqual(findFields(preamble, 'smtp.response.code').map((f) => f.value), [220, 250, 250, 250, 250, 220]);
  // The first TLS record in each direction starts at the upgrade point.
  assert.equal(tls.decoded.fields[8]?.name, 'TLSv1 Record Layer: Handshake Protocol: Client Hello');
  assert.deepEqual(tls.decoded.fields[8]?.spans, [{ frame: 14, offset: 66, length: 315 }]);
  assert.deepEqual([tls.session.c2s.records[0]?.streamOffset, tls.session.c2s.records[0]?.frame], [35, 14]);
  assert.deepEqual([tls.session.s2c.records[0]?.streamOffset, tls.session.s2c.records[0]?.frame], [162, 15]);
  // The eight preamble messages come first (test/tls/starttls-messages.test.ts), then TLS's.
  assert.deepEqual(tls.decoded.messages.slice(8, 10).map((m) => [m.dir, m.frame, m.type]), [['c2s', 14, 'Client Hello'], ['s2c', 15, 'Server Hello']]);
  assert.equal(tls.decoded.version, 'TLS 1.3');
  assert.equal(tls.decoded.sni, 'localhost');
  // One summary row per plaintext line, named after it.
  assert.deepEqual(tls.records.slice(0, 2).map((r) => [r.kind, r.frame, r.messages]), [
    ['data', 4, ['SMTP response: 220 mail.corpus.test ESMTP corpus-smtp-starttls ready']],
    ['data', 6, ['SMTP request: EHLO client.corpus.test']],
  ]);
});

test('a refused STARTTLS (454, plaintext goes on) is no upgrade: the connection stays opaque data', () => {
  const conn = makeConnection([
    { dir: 's2c', bytes: enc('220 mx ESMTP\r\n') },
    { dir: 'c2s', bytes: enc('STARTTLS\r\n') },
    { dir: 's2c', bytes: enc('454 4.7.0 TLS not available\r\n') },
    { dir: 'c2s', bytes: enc('QUIT\r\n') },
  ]);
  conn.server.port = 25;
  assert.equal(connectionTlsStart(conn), undefined);
  const tls = decodeTlsConnection(conn);
  assert.equal(tls.isTls, false);
  assert.deepEqual(malformedFields(tls.decoded.fields), []);
});

test('postgresql through the connection decoder: SSLRequest and S, then records from offsets 8 and 1', () => {
  const hello = Buffer.from('16030300040e000000', 'hex');
  const conn = makeConnection([
    { dir: 'c2s', bytes: Buffer.from('0000000804d2162f', 'hex') },
    { dir: 's2c', bytes: enc('S') },
    { dir: 'c2s', bytes: TLS },
    { dir: 's2c', bytes: hello },
  ]);
  assert.deepEqual(connectionTlsStart(conn), { protocol: 'postgresql', c2s: 8, s2c: 1 });
  const tls = decodeTlsConnection(conn);
  assert.deepEqual(tls.decoded.fields.map((f) => [f.name, f.spans.filter(isFrameSpan)[0]?.frame]), [
    ['SSLRequest', 1], ['SSL response', 2],
    ['TLSv1 Record Layer: Handshake Protocol: Client Hello', 3], ['TLSv1.2 Record Layer: Handshake Protocol: Server Hello Done', 4],
  ]);
  assert.equal(tlsCoverage(conn, tls.decoded).uncovered.length, 0);
});

test('xmpp fixture through the connection decoder: one unit per tag, in wire order, then TLS from the upgrade', () => {
  const [conn] = fixtureConnections('public/zeek/xmpp-dialback-starttls.pcap').connections;
  assert.ok(conn);
  assert.deepEqual(connectionTlsStart(conn), { protocol: 'xmpp', c2s: 220, s2c: 415 });
  const tls = decodeFullyCovered(conn);
  // Client stream header (frame 4), server header and features (frame 6, six tags in one segment), <starttls/>, <proceed/>.
  const preamble = tls.decoded.fields.slice(0, 10);
  assert.deepEqual(preamble.map((f) => [f.value, f.spans]), [
    ["<?xml version='1.0'?>", [{ frame: 4, offset: 54, length: 21 }]],
    ["<stream:stream xmlns:stream='http://etherx.jabber.org/streams' xmlns='jabber:server' xmlns:db='jabber:server:dialback' to='0xxon.net' version='1.0'>", [{ frame: 4, offset: 75, length: 148 }]],
    ["<?xml version='1.0'?>", [{ frame: 6, offset: 54, length: 21 }]],
    ["<stream:stream xmlns:db='jabber:server:dialback' xmlns:stream='http://etherx.jabber.org/streams' version='1.0' from='0xxon.net' id='f2fd4179-b11b-49e1-8a02-f642fb24f2c4' to='' xml:lang='en' xmlns='jabber:server'>", [{ frame: 6, offset: 75, length: 212 }]],
    ['<stream:features>', [{ frame: 6, offset: 287, length: 17 }]],
    ["<dialback xmlns='urn:xmpp:features:dialback'/>", [{ frame: 6, offset: 304, length: 46 }]],
    ["<starttls xmlns='urn:ietf:params:xml:ns:xmpp-tls'/>", [{ frame: 6, offset: 350, length: 51 }]],
    ['</stream:features>', [{ frame: 6, offset: 401, length: 18 }]],
    ["<starttls xmlns='urn:ietf:params:xml:ns:xmpp-tls'/>", [{ frame: 8, offset: 54, length: 51 }]],
    ["<proceed xmlns='urn:ietf:params:xml:ns:xmpp-tls'/>", [{ frame: 10, offset: 54, length: 50 }]],
  ]);
  assert.deepEqual(tls.records.slice(0, 10).map((r) => [r.kind, r.frame, r.dir]), [
    ['data', 4, 'c2s'], ['data', 4, 'c2s'], ['data', 6, 's2c'], ['data', 6, 's2c'], ['data', 6, 's2c'],
    ['data', 6, 's2c'], ['data', 6, 's2c'], ['data', 6, 's2c'], ['data', 8, 'c2s'], ['data', 10, 's2c'],
  ]);
  assert.equal(tls.records[9]?.messages[0], "XMPP: <proceed xmlns='urn:ietf:params:xml:ns:xmpp-tls'/>");
  assert.equal(tls.decoded.fields[10]?.name, 'TLSv1 Record Layer: Handshake Protocol: Client Hello');
  assert.deepEqual([tls.session.c2s.records[0]?.streamOffset, tls.session.c2s.records[0]?.frame], [220, 11]);
  assert.deepEqual([tls.session.s2c.records[0]?.streamOffset, tls.session.s2c.records[0]?.frame], [415, 13]);
});

test('xmpp: text between tags is its own message, cut where the fields cut it', () => {
  const b = enc("<a x='1'>hi</a><b/>tail");
  assert.deepEqual(messageEnds(b, 0, b.length, 'xmpp'), [9, 11, 15, 19, 23]);
  const fields = annotate(b, b.length, 'xmpp', 'c2s');
  assert.deepEqual(fields.map((f) => [f.value, f.spans]), [
    ["<a x='1'>", [{ frame: 1, offset: 0, length: 9 }]],
    ['hi', [{ frame: 1, offset: 9, length: 2 }]],
    ['</a>', [{ frame: 1, offset: 11, length: 4 }]],
    ['<b/>', [{ frame: 1, offset: 15, length: 4 }]],
    ['tail', [{ frame: 1, offset: 19, length: 4 }]],
  ]);
});

test('ldap through the connection decoder: bind and StartTLS cut into BER messages, then records from offsets 45 and 28', () => {
  const { bind, bound, startTls, started } = ldapStartTls();
  const hello = Buffer.from('16030300040e000000', 'hex');
  const conn = makeConnection([
    { dir: 'c2s', bytes: cat(bind, startTls) },
    { dir: 's2c', bytes: cat(bound, started) },
    { dir: 'c2s', bytes: TLS },
    { dir: 's2c', bytes: hello },
  ]);
  conn.server.port = 389;
  assert.equal(startTls.length, 31);
  assert.deepEqual(connectionTlsStart(conn), { protocol: 'ldap', c2s: 45, s2c: 28 });
  const tls = decodeTlsConnection(conn);
  assert.deepEqual(tls.decoded.fields.map((f) => [f.filter, f.spans]), [
    ['ldap.LDAPMessage_element', [{ frame: 1, offset: 0, length: 14 }]],
    ['ldap.LDAPMessage_element', [{ frame: 1, offset: 14, length: 31 }]],
    ['ldap.LDAPMessage_element', [{ frame: 2, offset: 0, length: 14 }]],
    ['ldap.LDAPMessage_element', [{ frame: 2, offset: 14, length: 14 }]],
    ['tls.record', [{ frame: 3, offset: 0, length: 9 }]],
    ['tls.record', [{ frame: 4, offset: 0, length: 9 }]],
  ]);
  assert.deepEqual(findFields(tls.decoded.fields, 'ldap.messageID').map((f) => f.spans), [
    [{ frame: 1, offset: 2, length: 3 }], [{ frame: 1, offset: 16, length: 3 }], [{ frame: 2, offset: 2, length: 3 }], [{ frame: 2, offset: 16, length: 3 }],
  ]);
  assert.equal(findFields(tls.decoded.fields, 'ldap.requestName')[0]?.children?.[1]?.value, '1.3.6.1.4.1.1466.20037');
  assert.deepEqual(findFields(tls.decoded.fields, 'ldap.resultCode').map((f) => f.spans), [[{ frame: 2, offset: 7, length: 3 }], [{ frame: 2, offset: 21, length: 3 }]]);
  assert.deepEqual(tls.records.map((r) => [r.kind, r.frame, r.dir]), [['data', 1, 'c2s'], ['data', 1, 'c2s'], ['data', 2, 's2c'], ['data', 2, 's2c'], ['record', 3, 'c2s'], ['record', 4, 's2c']]);
  assert.deepEqual([tls.session.c2s.records[0]?.streamOffset, tls.session.s2c.records[0]?.streamOffset], [45, 28]);
  // The made-up ClientHello is empty (malformed on purpose); the preamble is not.
  assert.deepEqual(malformedFields(tls.decoded.fields.slice(0, 4)), []);
  assert.equal(tlsCoverage(conn, tls.decoded).uncovered.length, 0);
});
