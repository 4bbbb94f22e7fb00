// The decryption seam (issue #4 plugs in here): protected records go to the decrypter, and the
// plaintext it returns is decoded by the same readers, with spans into a named buffer.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { findField, findFields } from '../../src/model/field.ts';
import type { RecordDecrypter, TlsSession } from '../../src/tls/session.ts';
import { decodeTlsConnection } from '../../src/tls/connection.ts';
import { describeRecordSummary, recordSummaries } from '../../src/tls/summary.ts';
import { makeConnection } from './helpers.ts';

const u16 = (n: number): number[] => [n >> 8, n & 0xff];
const u24 = (n: number): number[] => [n >> 16, (n >> 8) & 0xff, n & 0xff];
const record = (type: number, body: number[], version = 0x0303): number[] => [type, ...u16(version), ...u16(body.length), ...body];
const handshake = (type: number, body: number[]): number[] => [type, ...u24(body.length), ...body];
const clientHello = handshake(1, [...u16(0x0303), ...new Array<number>(32).fill(7), 0, ...u16(2), 0x00, 0x2f, 1, 0]);
const serverHello = handshake(2, [...u16(0x0303), 0x47, 0xcb, 0x3d, 0xb1, ...new Array<number>(28).fill(9), 0, 0x00, 0x2f, 0]);
const finished = handshake(20, new Array<number>(12).fill(0xf1));

/** A hand-made TLS 1.2 handshake whose "encrypted" Finished records are the plaintext itself. */
function connection() {
  return makeConnection([
    { dir: 'c2s', bytes: Uint8Array.from(record(22, clientHello)) },
    { dir: 's2c', bytes: Uint8Array.from([...record(22, serverHello), ...record(22, handshake(14, []))]) },
    { dir: 'c2s', bytes: Uint8Array.from([...record(20, [1]), ...record(22, finished)]) },
    { dir: 's2c', bytes: Uint8Array.from([...record(20, [1]), ...record(22, finished), ...record(23, [0x48, 0x49])]) },
  ]);
}

test('without a decrypter, records after CCS are one encrypted leaf each', () => {
  const tls = decodeTlsConnection(connection());
  assert.deepEqual(
    tls.records.map((r) => `${r.dir} ${r.messages.join('+')}${r.encrypted ? ' (enc)' : ''}`),
    ['c2s Client Hello', 's2c Server Hello', 's2c Server Hello Done', 'c2s Change Cipher Spec', 'c2s Encrypted Handshake Message (enc)', 's2c Change Cipher Spec', 's2c Encrypted Handshake Message (enc)', 's2c Application Data (enc)'],
  );
  assert.equal(tls.session.c2s.encryptedFrom, 2);
  assert.equal(tls.session.s2c.encryptedFrom, 3);
  assert.equal(findFields(tls.decoded.fields, 'tls.app_data')[0]?.display, 'encrypted, 2 bytes');
  assert.equal(tls.decoded.client, '192.0.2.1:50000');
  assert.equal(tls.decoded.server, '[2001:db8::1]:443');
});

test('an identity decrypter: plaintext decoded by the same readers into a named buffer', () => {
  const calls: string[] = [];
  const decrypter: RecordDecrypter = {
    decrypt(dir, rec, session: TlsSession) {
      calls.push(`${dir} #${rec.index} type ${rec.contentType} suite ${session.cipherSuite}`);
      return { plaintext: rec.fragment.slice(), contentType: rec.contentType, bufferId: `${dir}-record-${rec.index}` };
    },
  };
  const tls = decodeTlsConnection(connection(), { decrypter });
  assert.deepEqual(calls, ['c2s #2 type 22 suite 47', 's2c #3 type 22 suite 47', 's2c #4 type 23 suite 47']);
  assert.deepEqual(Object.keys(tls.decoded.buffers), ['c2s-record-2', 's2c-record-3', 's2c-record-4']);
  const verify = findFields(tls.decoded.fields, 'tls.handshake.verify_data');
  assert.equal(verify.length, 2);
  assert.deepEqual(verify[0]!.spans, [{ buffer: 'c2s-record-2', offset: 4, length: 12 }]);
  // The transcript has every message, the decrypted Finished included, in wire order.
  assert.deepEqual(tls.session.transcript.map((t) => `${t.dir}:${t.type}${t.decrypted ? '*' : ''}`), ['c2s:1', 's2c:2', 's2c:14', 'c2s:20*', 's2c:20*']);
  assert.equal(tls.session.transcript[3]!.bytes.length, 16);
  const app = findFields(tls.decoded.fields, 'tls.app_data').find((f) => f.spans.some((s) => 'buffer' in s))!;
  assert.equal(app.value, '4849');
  // Header bytes kept for the AEAD additional data / MAC input.
  assert.deepEqual([...tls.session.s2c.records[4]!.header], [23, 3, 3, 0, 2]);
  assert.equal(tls.session.s2c.records[4]!.innerContentType, 23);
});

test('a failing decrypter leaves the encrypted leaf and says why', () => {
  const tls = decodeTlsConnection(connection(), { decrypter: { decrypt: () => ({ failed: 'bad record MAC' }) } });
  const leaf = findField(tls.decoded.fields, 'tls.app_data')!;
  assert.equal(leaf.display, 'encrypted, 2 bytes (decryption failed: bad record MAC)');
});

test('summary lines in the spirit of ssldump -A -H', () => {
  const tls = decodeTlsConnection(connection());
  const lines = recordSummaries(tls).map(describeRecordSummary);
  assert.equal(lines.length, 8);
  assert.match(lines[0]!, /^1 {2}1 +0\.0000 {2}C>S {2}TLSv1.2 +handshake +\d+ {2}Client Hello$/);
  assert.match(lines[7]!, /S>C {2}TLSv1.2 +application_data +2 {2}Application Data$/);
  // ServerHello random_time 0x47cb3db1 is a 2008 date: shown as a clock only when plausible.
  const [client, server] = findFields(tls.decoded.fields, 'tls.handshake.random_time');
  assert.equal(client!.display, '0x07070707: not a clock (would be 1973-09-26T14:17:43Z); random bytes');
  assert.equal(server!.display, '2008-03-02T23:52:17Z (0x47cb3db1)');
});
