// The `wirebook json` contract: real output validates against docs/schema and keeps its promises
// (spans resolve into the capture, connections ordered by first frame, ids from 1).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { Ajv } from 'ajv';
import { decodeCapture } from '../../src/index.ts';
import { captureToJson } from '../../src/model/serialize.ts';

const schema = JSON.parse(readFileSync('docs/schema/wirebook-json.schema.json', 'utf8')) as object;
const validate = new Ajv({ allErrors: true, strict: false }).compile(schema);

const fixtures = [
  'fixtures/tls12-ecdhe-rsa-aes128-gcm/capture.pcap',
  'fixtures/pcapng-embedded-keylog-dsb/capture.pcapng',
  'fixtures/parallel-connections-interleaved/capture.pcap',
  'fixtures/tls12-ipv6-loopback/capture.pcap',
  'fixtures/text-dumps/scenario2-s_client-debug.txt',
];

interface SpanJson { frame?: number; buffer?: string; offset: number; length: number }
interface FieldJsonT { spans: SpanJson[]; children?: FieldJsonT[] }

for (const path of fixtures) {
  test(`json output of ${path} validates against the schema and its spans resolve`, () => {
    const capture = decodeCapture(readFileSync(path));
    const json = captureToJson(capture) as { connections: { id: number; fields: FieldJsonT[] }[]; frames: { number: number; captured: number }[] };
    const ok = validate(json);
    assert.ok(ok, JSON.stringify(validate.errors?.slice(0, 5)));
    const captured = new Map(json.frames.map((f) => [f.number, f.captured]));
    let spans = 0;
    const check = (fields: FieldJsonT[]): void => {
      for (const f of fields) {
        for (const s of f.spans) {
          spans++;
          if (s.frame !== undefined) assert.ok(s.offset + s.length <= captured.get(s.frame)!, `span past frame ${s.frame}`);
        }
        if (f.children) check(f.children);
      }
    };
    for (const c of json.connections) check(c.fields);
    assert.ok(spans > 50, `only ${spans} spans`);
    assert.deepEqual(json.connections.map((c) => c.id), json.connections.map((_, i) => i + 1));
  });
}

test('json of the interleaved capture lists 5 connections in order of their first frame', () => {
  const capture = decodeCapture(readFileSync('fixtures/parallel-connections-interleaved/capture.pcap'));
  assert.equal(capture.connections.length, 5);
  const firsts = capture.connections.map((c) => c.firstFrame);
  assert.deepEqual(firsts, [...firsts].sort((a, b) => a - b));
  assert.equal(capture.input.format, 'pcap');
  assert.match(capture.input.sha256, /^[0-9a-f]{64}$/);
});

test('json output is byte-identical across runs', () => {
  const bytes = readFileSync('fixtures/tls13-aes256-gcm/capture.pcap');
  const a = JSON.stringify(captureToJson(decodeCapture(bytes)));
  const b = JSON.stringify(captureToJson(decodeCapture(bytes)));
  assert.equal(a, b);
});
