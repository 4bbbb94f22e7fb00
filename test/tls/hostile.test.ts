// Hostile input (issue #3): each yields a malformed field on the right span, and decoding goes on.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { findField, malformedFields, type Field } from '../../src/model/field.ts';
import { isFrameSpan } from '../../src/model/span.ts';
import { decodeTlsConnection } from '../../src/tls/connection.ts';
import { tlsCoverage } from '../../src/tls/coverage.ts';
import { decodeFixture, makeConnection } from './helpers.ts';

const u16 = (n: number): number[] => [n >> 8, n & 0xff];
const u24 = (n: number): number[] => [n >> 16, (n >> 8) & 0xff, n & 0xff];
const record = (type: number, body: number[], version = 0x0301): number[] => [type, ...u16(version), ...u16(body.length), ...body];
const handshake = (type: number, body: number[]): number[] => [type, ...u24(body.length), ...body];
const clientHelloBody = (): number[] => [...u16(0x0303), ...new Array<number>(32).fill(7), 0, ...u16(2), 0x00, 0x35, 1, 0];
const serverHelloBody = (): number[] => [...u16(0x0303), ...new Array<number>(32).fill(9), 0, 0x00, 0x35, 0];
const alert = record(21, [2, 40]);

function only(fields: readonly Field[]): Field {
  const bad = malformedFields(fields).filter((f) => f.filter === '_ws.malformed');
  assert.ok(bad.length >= 1, 'a malformed field');
  return bad[0]!;
}

function frameOffsets(f: Field): string {
  return f.spans.filter(isFrameSpan).map((s) => `${s.frame}:${s.offset}+${s.length}`).join(' ');
}

test('a vector length that overruns its parent: malformed over the rest, next record decoded', () => {
  // cipher_suites length 0x0100 in a ClientHello of 41 bytes.
  const body = clientHelloBody();
  body.splice(35, 2, 0x01, 0x00);
  const conn = makeConnection([{ dir: 'c2s', bytes: Uint8Array.from([...record(22, handshake(1, body)), ...alert]) }]);
  const tls = decodeTlsConnection(conn);
  const suites = findField(tls.decoded.fields, 'tls.handshake.ciphersuites')!;
  assert.match(suites.malformed ?? '', /length 256 exceeds the 4 bytes that remain/);
  assert.equal(frameOffsets(suites), '1:46+4');
  // The compression methods that should follow are missing: an Overrun closes the message.
  assert.match(only(tls.decoded.fields).malformed!, /Compression Methods Length: needs 1 bytes, only 0 remain/);
  assert.deepEqual(tls.records.map((r) => r.messages.join()), ['Client Hello', 'Alert (fatal, handshake_failure)']);
  const cov = tlsCoverage(conn, tls.decoded);
  assert.equal(cov.coveredBytes, cov.streamBytes);
});

test('a handshake length of 16 MB in a 100-byte record: not reassembled, next record decoded', () => {
  const body = [0x01, 0xff, 0xff, 0xff, ...new Array<number>(96).fill(0x41)];
  const conn = makeConnection([{ dir: 'c2s', bytes: Uint8Array.from([...record(22, body), ...alert]) }]);
  const tls = decodeTlsConnection(conn);
  const m = only(tls.decoded.fields);
  assert.match(m.malformed!, /handshake length 16777215 exceeds/);
  assert.equal(frameOffsets(m), '1:9+96');
  assert.equal(findField(tls.decoded.fields, 'tls.handshake.length')?.value, 0xffffff);
  assert.equal(tls.records.length, 2);
  assert.deepEqual(tls.records[1]!.messages, ['Alert (fatal, handshake_failure)']);
});

test('record type 0x99: malformed record, resynchronised at the next record', () => {
  const bad = [0x99, 0x03, 0x03, 0x00, 0x04, 1, 2, 3, 4];
  const conn = makeConnection([
    { dir: 'c2s', bytes: Uint8Array.from(record(22, handshake(1, clientHelloBody()))) },
    { dir: 's2c', bytes: Uint8Array.from([...bad, ...record(22, handshake(2, serverHelloBody()), 0x0303)]) },
  ]);
  const tls = decodeTlsConnection(conn);
  const rec = tls.records.find((r) => r.contentType === 0x99)!;
  assert.match(rec.field.malformed!, /unknown content type 153/);
  const m = only([rec.field]);
  assert.equal(frameOffsets(m), '2:5+4');
  assert.equal(tls.session.serverHello?.cipherSuite, 0x0035);
  const cov = tlsCoverage(conn, tls.decoded);
  assert.equal(cov.coveredBytes, cov.streamBytes);
});

test('a record longer than 2^14+2048: malformed, then the next plausible record', () => {
  const huge = [0x17, 0x03, 0x03, 0x48, 0x01, ...new Array<number>(40).fill(0xee)];
  const conn = makeConnection([{ dir: 'c2s', bytes: Uint8Array.from([...record(22, handshake(1, clientHelloBody())), ...huge, ...alert]) }]);
  const tls = decodeTlsConnection(conn);
  const rec = tls.records.find((r) => r.length === 0x4801)!;
  assert.match(rec.field.malformed!, /record length 18433 exceeds 2\^14\+2048 = 18432/);
  assert.equal(frameOffsets(rec.field), '1:50+45');
  assert.deepEqual(tls.records.at(-1)!.messages, ['Alert (fatal, handshake_failure)']);
});

test('an SSLv2 record with a 3-byte header and padding; padding longer than the record', () => {
  // CLIENT-HELLO (2-byte header), then CLIENT-MASTER-KEY-like record with 3-byte header and 3 bytes of padding.
  const hello = [1, 0x00, 0x02, 0x00, 0x03, 0x00, 0x00, 0x00, 0x10, 0x01, 0x00, 0x80, ...new Array<number>(16).fill(0x22)];
  const v2hello = [0x80 | (hello.length >> 8), hello.length & 0xff, ...hello];
  const padded = [0x00, 0x0a, 0x03, 2, 1, 2, 3, 4, 5, 6, 0, 0, 0];
  const badPad = [0x00, 0x02, 0x09, 2, 1];
  const conn = makeConnection([{ dir: 'c2s', bytes: Uint8Array.from([...v2hello, ...padded, ...badPad]) }]);
  const tls = decodeTlsConnection(conn);
  assert.equal(tls.records.length, 3);
  assert.deepEqual(tls.session.clientHello?.cipherSuites, [0x010080]);
  const r2 = tls.records[1]!.field;
  assert.equal(findField([r2], 'tls.record.padding_length')?.value, 3);
  assert.equal(findField([r2], 'tls.record.is_escape')?.value, false);
  const pad = r2.children!.find((f) => f.name === 'Padding')!;
  assert.equal(frameOffsets(pad), `1:${v2hello.length + 10}+3`);
  const m = only([tls.records[2]!.field]);
  assert.match(m.malformed!, /padding length 9 exceeds the record length 2/);
  const cov = tlsCoverage(conn, tls.decoded);
  assert.equal(cov.coveredBytes, cov.streamBytes);
});

// A hang fails through the test's timeout; the test asserts results, not speed.
test('garbage that never resynchronises: one malformed field, no hang', { timeout: 60_000 }, () => {
  const junk = Uint8Array.from({ length: 200_000 }, (_, i) => (i * 7919) % 251);
  const conn = makeConnection([
    { dir: 'c2s', bytes: Uint8Array.from(record(22, handshake(1, clientHelloBody()))) },
    { dir: 's2c', bytes: Uint8Array.from([...record(22, handshake(2, serverHelloBody()), 0x0303), ...junk]) },
  ]);
  const tls = decodeTlsConnection(conn);
  assert.ok(malformedFields(tls.decoded.fields).length >= 1);
  const cov = tlsCoverage(conn, tls.decoded);
  assert.equal(cov.coveredBytes, cov.streamBytes);
});

test('a stream that is not TLS: one opaque data leaf per direction', () => {
  const conn = makeConnection([
    { dir: 'c2s', bytes: new TextEncoder().encode('GET / HTTP/1.0\r\n\r\n') },
    { dir: 's2c', bytes: new TextEncoder().encode('HTTP/1.0 200 OK\r\n\r\n') },
  ]);
  const tls = decodeTlsConnection(conn);
  assert.equal(tls.isTls, false);
  assert.deepEqual(tls.decoded.fields.map((f) => f.filter), ['data.data', 'data.data']);
});

// RFC 6520 §4 HeartbeatMessage: type(1), payload_length(2), payload, padding (≥ 16 bytes).
const heartbeat = (payloadLength: number, rest: number[]): number[] => record(24, [1, ...u16(payloadLength), ...rest], 0x0302);

test('Heartbleed: payload_length 16384 with nothing after it: malformed on the length, next record decoded', () => {
  // The probe of the public exploits: 18 03 02 00 03 01 40 00.
  const conn = makeConnection([{ dir: 'c2s', bytes: Uint8Array.from([...record(22, handshake(1, clientHelloBody())), ...heartbeat(0x4000, []), ...alert]) }]);
  const tls = decodeTlsConnection(conn);
  const hb = tls.records.find((r) => r.contentType === 24)!;
  assert.deepEqual(hb.messages, ['Heartbeat']);
  const length = findField([hb.field], 'tls.heartbeat_message.payload_length')!;
  assert.equal(length.value, 0x4000);
  // Record at 50 (after the 50-byte ClientHello record): header 5, type 1, then the length at 56.
  assert.equal(frameOffsets(length), '1:56+2');
  const m = only([hb.field]);
  assert.equal(frameOffsets(m), '1:56+2', 'the malformed field sits on the false claim');
  assert.match(m.malformed!, /payload_length 16384 exceeds the 0 bytes left in the record: 16384 bytes overrun \(Heartbleed/);
  assert.equal(malformedFields(tls.decoded.fields).length, 1, 'one problem, one malformed field');
  assert.deepEqual(tls.records.at(-1)!.messages, ['Alert (fatal, handshake_failure)']);
  const cov = tlsCoverage(conn, tls.decoded);
  assert.equal(cov.coveredBytes, cov.streamBytes);
});

test('Heartbleed with a few payload bytes: they stay one Payload leaf, the overrun is named', () => {
  const conn = makeConnection([{ dir: 'c2s', bytes: Uint8Array.from(heartbeat(0x0100, [0x41, 0x42, 0x43, 0x44, 0x45])) }]);
  const tls = decodeTlsConnection(conn);
  const m = only(tls.decoded.fields);
  assert.equal(frameOffsets(m), '1:6+2');
  assert.match(m.malformed!, /payload_length 256 exceeds the 5 bytes left in the record: 251 bytes overrun/);
  const payload = findField(tls.decoded.fields, 'tls.heartbeat_message.payload')!;
  assert.equal(frameOffsets(payload), '1:8+5');
  assert.equal(findField(tls.decoded.fields, 'tls.heartbeat_message.padding'), undefined);
  const cov = tlsCoverage(conn, tls.decoded);
  assert.equal(cov.coveredBytes, cov.streamBytes);
});

test('a well-formed heartbeat request: payload and 16 bytes of padding, nothing malformed', () => {
  const conn = makeConnection([{ dir: 'c2s', bytes: Uint8Array.from(heartbeat(3, [7, 8, 9, ...new Array<number>(16).fill(0)])) }]);
  const tls = decodeTlsConnection(conn);
  assert.deepEqual(malformedFields(tls.decoded.fields), []);
  assert.equal(frameOffsets(findField(tls.decoded.fields, 'tls.heartbeat_message.payload')!), '1:8+3');
  assert.equal(frameOffsets(findField(tls.decoded.fields, 'tls.heartbeat_message.padding')!), '1:11+16');
});

test('payload_length that eats the 16 bytes of padding (the probe of zeek/heartbleed-success): malformed on the length', () => {
  // 3 payload bytes announced, 3 sent, 2 bytes of padding: RFC 6520 §4 says too large.
  const conn = makeConnection([{ dir: 'c2s', bytes: Uint8Array.from(heartbeat(3, [7, 8, 9, 0, 0])) }]);
  const tls = decodeTlsConnection(conn);
  const m = only(tls.decoded.fields);
  assert.equal(frameOffsets(m), '1:6+2');
  assert.match(m.malformed!, /payload_length 3 leaves 2 bytes of padding, RFC 6520 §4 requires at least 16/);
  assert.equal(frameOffsets(findField(tls.decoded.fields, 'tls.heartbeat_message.payload')!), '1:8+3');
  assert.equal(frameOffsets(findField(tls.decoded.fields, 'tls.heartbeat_message.padding')!), '1:11+2');
  const cov = tlsCoverage(conn, tls.decoded);
  assert.equal(cov.coveredBytes, cov.streamBytes);
});

test('zeek/heartbleed-success: the client\'s 16368-byte probe is flagged, the server\'s valid answer is not', () => {
  const [tls] = decodeFixture('public/zeek/heartbleed-success.pcap');
  const beats = tls!.records.filter((r) => r.contentType === 24);
  assert.deepEqual(beats.map((r) => [r.dir, r.length, findField([r.field], 'tls.heartbeat_message.payload_length')?.value]), [['c2s', 16368, 16365], ['s2c', 16384, 16365]]);
  assert.match(only([beats[0]!.field]).malformed!, /payload_length 16365 leaves 0 bytes of padding/);
  assert.deepEqual(malformedFields([beats[1]!.field]), []);
});
