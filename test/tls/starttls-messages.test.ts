// STARTTLS preambles in a connection's `messages` (the ladder, JSON `messages`, reports): one
// message per line / tag / BER message, in wire order before TLS, with its direction and frame;
// and nothing that reads TLS messages by type (diagnosis, ladder colours) mistakes them for TLS.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { connectionFacts } from '../../src/diagnose/facts.ts';
import { diagnoseConnection } from '../../src/diagnose/index.ts';
import type { DecodedCapture, DecodedConnection } from '../../src/model/decoded.ts';
import { captureToJson } from '../../src/model/serialize.ts';
import { renderLadder } from '../../src/render/html/ladder.ts';
import { Permalinks } from '../../src/render/ids.ts';
import { decodeTlsConnection } from '../../src/tls/connection.ts';
import { MAX_TEXT, preambleMessageType, shortText } from '../../src/tls/starttls/messages.ts';
import { decodeFixture } from '../diagnose/pipeline.ts';
import { ldapStartTls, makeConnection } from './helpers.ts';

const enc = (s: string): Uint8Array => Buffer.from(s, 'latin1');
const cat = (...parts: Uint8Array[]): Uint8Array => Buffer.concat(parts);
const TLS = Buffer.from('160301000401000000', 'hex');
const row = (m: DecodedConnection['messages'][number]): [string, number, string, string | undefined] => [m.dir, m.frame, m.type, m.starttls];

test('smtp fixture: the eight SMTP messages before Client Hello, with their directions, frames and line fields', async () => {
  const capture = await decodeFixture('starttls-smtp/capture.pcap', 'starttls-smtp/keylog.txt');
  const conn = capture.connections[0]!;
  assert.deepEqual(conn.messages.slice(0, 10).map(row), [
    ['s2c', 4, 'SMTP: 220 mail.corpus.test ESMTP corpus-smtp-starttls ready', 'smtp'],
    ['c2s', 6, 'SMTP: EHLO client.corpus.test', 'smtp'],
    ['s2c', 8, 'SMTP: 250-mail.corpus.test greets you', 'smtp'],
    // Three lines in one segment: three messages, all in frame 10.
    ['s2c', 10, 'SMTP: 250-PIPELINING', 'smtp'],
    ['s2c', 10, 'SMTP: 250-8BITMIME', 'smtp'],
    ['s2c', 10, 'SMTP: 250 STARTTLS', 'smtp'],
    ['c2s', 12, 'SMTP: STARTTLS', 'smtp'],
    ['s2c', 13, 'SMTP: 220 2.0.0 Ready to start TLS', 'smtp'],
    ['c2s', 14, 'Client Hello', undefined],
    ['s2c', 15, 'Server Hello', undefined],
  ]);
  assert.equal(conn.messages.filter((m) => m.starttls !== undefined).length, 8);
  // Each points at its line's field (the first eight top-level fields), and carries that frame's time.
  conn.messages.slice(0, 8).forEach((m, i) => assert.equal(m.field, conn.fields[i], `message ${i}`));
  assert.equal(conn.messages[0]!.timeNs, capture.frames[3]!.timeNs);
  assert.equal(conn.messages[7]!.timeNs, capture.frames[12]!.timeNs);
  // JSON `messages` lists them the same way: {dir, frame, type}, nothing more.
  const json = captureToJson(capture, { frames: false }) as { connections: { messages: object[] }[] };
  assert.deepEqual(json.connections[0]!.messages.slice(6, 9), [
    { dir: 'c2s', frame: 12, type: 'SMTP: STARTTLS' },
    { dir: 's2c', frame: 13, type: 'SMTP: 220 2.0.0 Ready to start TLS' },
    { dir: 'c2s', frame: 14, type: 'Client Hello' },
  ]);
});

test('smtp fixture: the verdict is unchanged (success), and the rules see only the TLS messages', async () => {
  const capture = await decodeFixture('starttls-smtp/capture.pcap', 'starttls-smtp/keylog.txt');
  const conn = capture.connections[0]!;
  const facts = connectionFacts(capture, conn);
  assert.equal(facts.msgs.length, conn.messages.length - 8);
  assert.deepEqual([facts.msgs[0]!.ref.type, facts.msgs[0]!.index, facts.msgs[0]!.frame], ['Client Hello', 0, 14]);
  assert.equal(facts.handshakeComplete, true);
  assert.equal(diagnoseConnection(capture, conn).outcome, 'success');
});

test('imap fixture (zeek): banner, CAPABILITY, STARTTLS and OK as IMAP messages, long lines cut short', async () => {
  const capture = await decodeFixture('public/zeek/imap-starttls.pcap');
  const conn = capture.connections[0]!;
  assert.deepEqual(conn.messages.slice(0, 7).map(row), [
    ['s2c', 4, 'IMAP: * OK [CAPABILITY IMAP4rev1 CHILDREN ENABLE ID IDLE LIST-EXT…', 'imap'],
    ['c2s', 6, 'IMAP: . CAPABILITY', 'imap'],
    ['s2c', 8, 'IMAP: * CAPABILITY IMAP4rev1 CHILDREN ENABLE ID IDLE LIST-EXTENDE…', 'imap'],
    ['s2c', 8, 'IMAP: . OK CAPABILITY completed', 'imap'],
    ['c2s', 10, 'IMAP: . STARTTLS', 'imap'],
    ['s2c', 11, 'IMAP: . OK Begin TLS negotiation now', 'imap'],
    ['c2s', 14, 'Client Hello', undefined],
  ]);
  assert.equal(conn.messages[0]!.type.length, 'IMAP: '.length + MAX_TEXT);
});

test('xmpp fixture (zeek): one message per tag, named without its attributes', async () => {
  const capture = await decodeFixture('public/zeek/xmpp-dialback-starttls.pcap');
  assert.deepEqual(capture.connections[0]!.messages.slice(0, 11).map(row), [
    ['c2s', 4, 'XMPP: <?xml?>', 'xmpp'], ['c2s', 4, 'XMPP: <stream:stream>', 'xmpp'],
    ['s2c', 6, 'XMPP: <?xml?>', 'xmpp'], ['s2c', 6, 'XMPP: <stream:stream>', 'xmpp'], ['s2c', 6, 'XMPP: <stream:features>', 'xmpp'],
    ['s2c', 6, 'XMPP: <dialback/>', 'xmpp'], ['s2c', 6, 'XMPP: <starttls/>', 'xmpp'], ['s2c', 6, 'XMPP: </stream:features>', 'xmpp'],
    ['c2s', 8, 'XMPP: <starttls/>', 'xmpp'], ['s2c', 10, 'XMPP: <proceed/>', 'xmpp'], ['c2s', 11, 'Client Hello', undefined],
  ]);
});

test('ldap and postgresql: operations and answers named from their bytes', () => {
  const { bind, bound, startTls, started, refused } = ldapStartTls();
  const ldap = decodeTlsConnection(makeConnection([
    { dir: 'c2s', bytes: cat(bind, startTls) },
    { dir: 's2c', bytes: cat(bound, started) },
    { dir: 'c2s', bytes: TLS },
  ]));
  assert.deepEqual(ldap.decoded.messages.map(row), [
    ['c2s', 1, 'LDAP: bindRequest', 'ldap'], ['c2s', 1, 'LDAP: extendedReq StartTLS', 'ldap'],
    ['s2c', 2, 'LDAP: bindResponse (success)', 'ldap'], ['s2c', 2, 'LDAP: extendedResp (success)', 'ldap'],
    ['c2s', 3, 'Client Hello', undefined],
  ]);
  assert.equal(preambleMessageType(refused, 0, refused.length, 'ldap', 's2c'), 'LDAP: extendedResp (resultCode 52)');
  const pg = decodeTlsConnection(makeConnection([
    { dir: 'c2s', bytes: Buffer.from('0000000804d2162f', 'hex') },
    { dir: 's2c', bytes: enc('S') },
    { dir: 'c2s', bytes: TLS },
  ]));
  assert.deepEqual(pg.decoded.messages.map(row).slice(0, 2), [['c2s', 1, 'PostgreSQL: SSLRequest', 'postgresql'], ['s2c', 2, "PostgreSQL: 'S' (go ahead with TLS)", 'postgresql']]);
});

test('ldap messages that are cut, unknown or not LDAP are named for what can be read', () => {
  const type = (h: string): string | undefined => {
    const b = Buffer.from(h, 'hex');
    return preambleMessageType(b, 0, b.length, 'ldap', 's2c');
  };
  assert.equal(type('0401'), 'LDAP: BER message', 'not a SEQUENCE');
  assert.equal(type('300202'), 'LDAP: BER message', 'cut inside the messageID');
  assert.equal(type('3003020101'), 'LDAP: LDAPMessage', 'cut before the operation');
  assert.equal(type('30050201019900'), 'LDAP: LDAPMessage, operation 0x99', 'unknown operation');
  assert.equal(type('300402010161'), 'LDAP: LDAPMessage, operation 0x61', 'cut inside the operation header');
  assert.equal(type('300702010161020a01'), 'LDAP: bindResponse', 'cut before the resultCode value');
  assert.equal(type('300c02010161070a013104000400'), 'LDAP: bindResponse (resultCode 49)');
});

test('capture text in a type: control characters escaped, cut at MAX_TEXT, blank lines and whitespace between tags carry no message', () => {
  assert.equal(shortText('220 \u001b[31mred\u0000'), '220 \\x1b[31mred\\x00');
  assert.equal(shortText('x'.repeat(MAX_TEXT)), 'x'.repeat(MAX_TEXT));
  assert.equal(shortText('x'.repeat(MAX_TEXT + 1)), `${'x'.repeat(MAX_TEXT - 1)}…`);
  assert.equal(preambleMessageType(enc('\r\n'), 0, 2, 'smtp', 'c2s'), undefined);
  assert.equal(preambleMessageType(enc('\n  '), 0, 3, 'xmpp', 's2c'), undefined);
  assert.equal(preambleMessageType(enc('hello'), 0, 5, 'xmpp', 's2c'), 'XMPP: "hello"');
  assert.equal(preambleMessageType(enc('AUTH TLS\r\n'), 0, 10, 'ftp', 'c2s'), 'FTP: AUTH TLS');
});

/** An SMTP upgrade whose banner spells out TLS message names and markup, then a (made-up) ClientHello. */
function hostileSmtp(): DecodedConnection {
  const conn = makeConnection([
    { dir: 's2c', bytes: enc('220 Alert (fatal) SSLv2 Change Cipher Spec Finished <b>&\r\n') },
    { dir: 'c2s', bytes: enc('STARTTLS\r\n') },
    { dir: 's2c', bytes: enc('220 go\r\n') },
    { dir: 'c2s', bytes: TLS },
  ]);
  conn.server.port = 25;
  return decodeTlsConnection(conn).decoded;
}

test('a banner that names TLS messages is not read as TLS: no alert, no SSLv2 hello, no CCS for the rules', () => {
  const conn = hostileSmtp();
  assert.deepEqual(conn.messages.map((m) => m.type), ['SMTP: 220 Alert (fatal) SSLv2 Change Cipher Spec Finished <b>&', 'SMTP: STARTTLS', 'SMTP: 220 go', 'Client Hello']);
  const capture: DecodedCapture = { input: { format: 'pcap', frames: 4, bytes: 0, sha256: '' }, problems: [], frames: [], connections: [conn] };
  const facts = connectionFacts(capture, conn);
  assert.deepEqual(facts.msgs.map((m) => [m.kind, m.ref.type]), [['handshake', 'Client Hello']]);
  assert.deepEqual([facts.alerts, facts.ccs, facts.finished], [[], {}, {}]);
  assert.equal(diagnoseConnection(capture, conn).findings.some((f) => f.code === 'fatal-alert' || f.code === 'sslv2-hello'), false);
});

test('ladder: preamble arrows are drawn plain (never as alerts), escaped, and link to their line cells', () => {
  const conn = hostileSmtp();
  const svg = renderLadder(conn, new Permalinks(conn), () => undefined, 0n);
  assert.equal(svg.match(/class="arr plain"/g)?.length, 3);
  assert.doesNotMatch(svg, /class="arr (fatal|alert)"/);
  // Capture text is escaped: the banner's markup arrives as text.
  // Longer than the arrow: cut on the line, whole (and escaped) in the tooltip.
  assert.match(svg, /<text [^>]*class="lt plain"><title>SMTP: 220 Alert \(fatal\) SSLv2 Change Cipher Spec Finished &lt;b&gt;&amp;<\/title>SMTP: 220 Alert \(fatal\) SSLv2 Change Cipher Spec Fini… · #1<\/text>/);
  assert.match(svg, /<a href="#c1-r2"><line [^>]*class="arr plain"/);
});
