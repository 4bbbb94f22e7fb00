// The seed dumps decode to what the articles decode by hand (issue #3, "Done means").
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'node:test';
import { findField, findFields, type Field } from '../../src/model/field.ts';
import type { Connection } from '../../src/tcp/types.ts';
import { decodeTlsConnection } from '../../src/tls/connection.ts';
import { FIXTURES, connectionsOf, values } from './helpers.ts';

const SEED001 = [
  'pkt01-tcp-syn',
  'pkt02-sslv2-clienthello',
  'pkt03-server-hello-certificate-part1',
  'pkt04-out-of-order-certificate-end-serverhellodone',
  'pkt05-client-key-exchange',
  'pkt06-client-ccs-finished',
  'pkt07-server-ccs-finished',
  'pkt08-client-application-data',
  'pkt09-client-application-data',
  'pkt10-server-fin',
  'pkt11-server-application-data-http-response',
  'pkt12-client-encrypted-alert',
];

/**
 * Seed 001 pasted as one text, in file order. Its packet 4 is printed without IP/TCP headers; the
 * reader rebuilds them from its tcpdump line ("P 1419:1719(300)"), with the sequence numbers made
 * absolute from the other packets, so it lands in the gap the out-of-order flight leaves.
 */
function seed001(): Connection {
  const text = SEED001.map((f) => readFileSync(join(FIXTURES, 'text-dumps', `seed001-${f}.txt`), 'utf8')).join('\n');
  const { connections } = connectionsOf(new TextEncoder().encode(text));
  assert.equal(connections.length, 1, 'packet 4 is placed in the one connection');
  const main = connections[0]!;
  assert.deepEqual(main.s2c.gaps, [], 'no server bytes missing once packet 4 is placed');
  return main;
}

function handshakes(fields: readonly Field[], type: number): Field[] {
  return findFields(fields, 'tls.handshake').filter((h) => h.children?.[0]?.value === type);
}

test('seed 001: SSLv2-compatible CLIENT-HELLO as the article decodes it', () => {
  const tls = decodeTlsConnection(seed001());
  const hello = tls.decoded.fields[0]!;
  assert.match(hello.name, /^SSLv2 Record Layer: Client Hello/);
  assert.equal(findField([hello], 'tls.record.length')?.value, 140);
  assert.equal(findField([hello], 'tls.handshake.version')?.value, 0x0301);
  assert.equal(findField([hello], 'tls.handshake.cipher_spec_len')?.value, 99);
  assert.equal(findField([hello], 'tls.handshake.challenge_length')?.value, 32);
  assert.equal(findField([hello], 'tls.handshake.challenge')?.spans[0]?.length, 32);
  const specs = values([hello], 'tls.handshake.cipherspec');
  assert.equal(specs.length, 33);
  // The article's order: the TLS suites 0x39, 0x38, 0x35, ... interleaved with SSLv2 specs.
  assert.deepEqual(specs, [
    0x000039, 0x000038, 0x000035, 0x000016, 0x000013, 0x00000a, 0x0700c0, 0x000033, 0x000032, 0x00002f, 0x030080,
    0x000066, 0x000005, 0x000004, 0x010080, 0x080080, 0x000063, 0x000062, 0x000061, 0x000015, 0x000012, 0x000009,
    0x060040, 0x000065, 0x000064, 0x000060, 0x000014, 0x000011, 0x000008, 0x000006, 0x040080, 0x000003, 0x020080,
  ]);
  assert.equal(tls.session.clientHello?.sslv2, true);
  assert.equal(tls.session.clientHello?.cipherSuites.length, 33);
});

test('seed 001: ServerHello, certificates 805 and 807, ServerHelloDone across out-of-order segments', () => {
  const tls = decodeTlsConnection(seed001());
  const f = tls.decoded.fields;
  const sh = handshakes(f, 2)[0]!;
  assert.equal(findField([sh], 'tls.handshake.version')?.value, 0x0301);
  assert.equal(findField([sh], 'tls.handshake.random_time')?.value, 0x47cb3db1);
  assert.equal(findField([sh], 'tls.handshake.session_id_length')?.value, 32);
  assert.equal(findField([sh], 'tls.handshake.session_id')?.spans[0]?.length, 32);
  assert.equal(findField([sh], 'tls.handshake.ciphersuite')?.value, 0x0035);
  assert.equal(findField([sh], 'tls.handshake.comp_method')?.value, 0);
  const cert = handshakes(f, 11)[0]!;
  assert.deepEqual(values([cert], 'tls.handshake.certificate_length'), [805, 807]);
  // The Certificate message starts in packet 3 and ends in packet 4: its fields have spans in both frames.
  const frames = new Set(cert.spans.map((s) => ('frame' in s ? s.frame : 0)));
  assert.ok(frames.size >= 2, `certificate spans frames ${[...frames].join(',')}`);
  assert.equal(handshakes(f, 14).length, 1);
  const cke = handshakes(f, 16)[0]!;
  assert.equal(findField([cke], 'tls.handshake.epms_len')?.value, 128);
  assert.equal(findField([cke], 'tls.handshake.epms')?.spans.reduce((n, s) => n + s.length, 0), 128);
  assert.equal(tls.session.cipherSuite, 0x0035);
  assert.equal(tls.decoded.version, 'TLS 1.0');
  assert.equal(tls.decoded.cipherSuite, 'TLS_RSA_WITH_AES_256_CBC_SHA');
});

test('seed 001: CCS, a 48-byte encrypted handshake record, encrypted alert', () => {
  const tls = decodeTlsConnection(seed001());
  const types = tls.decoded.messages.map((m) => `${m.dir} ${m.type}`);
  assert.ok(types.includes('c2s Change Cipher Spec'));
  const enc = tls.records.find((r) => r.dir === 'c2s' && r.contentType === 22 && r.encrypted)!;
  assert.equal(enc.length, 48);
  assert.deepEqual(enc.messages, ['Encrypted Handshake Message']);
  const alert = tls.records.find((r) => r.contentType === 21)!;
  assert.deepEqual(alert.messages, ['Encrypted Alert']);
  assert.equal(findField([alert.field], 'tls.alert_message')?.name, 'Alert Message: Encrypted Alert');
  assert.equal(tls.session.c2s.transcript.map((t) => t.type).join(','), '1,16');
  assert.equal(tls.session.s2c.transcript.map((t) => t.type).join(','), '2,11,14');
});

test('seed 004 (s_client -debug): ClientHello with 27 suites, ServerHello choosing 0x0016', () => {
  const text = readFileSync(join(FIXTURES, 'text-dumps', 'seed004-openssl-s_client-debug-tls1-reflowed.txt'));
  const { connections } = connectionsOf(new Uint8Array(text));
  assert.equal(connections.length, 1);
  const tls = decodeTlsConnection(connections[0]!);
  const ch = tls.session.clientHello!;
  assert.equal(ch.cipherSuites.length, 27);
  assert.equal(ch.legacyVersion, 0x0301);
  assert.equal(tls.session.serverHello?.cipherSuite, 0x0016);
  assert.equal(tls.decoded.cipherSuite, 'TLS_DHE_RSA_WITH_3DES_EDE_CBC_SHA');
  // The dump lost trailing NUL bytes (0.9.7's <SPACES/NULS>) and 32 bytes of the key exchange:
  // the stream is shorter than its record headers say, so decoding resynchronises and goes on.
  assert.ok(tls.records.length >= 15);
  assert.ok(tls.records.some((r) => r.dir === 'c2s' && r.contentType === 23 && r.encrypted));
});
