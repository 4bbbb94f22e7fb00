/** The entry points take key material as options: decodeCapture, decodeCaptureDetailed and the streamed forEachConnection alike. */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { decodeCapture, decodeCaptureDetailed } from '../src/decode.ts';
import { forEachConnection } from '../src/decode-stream.ts';
import type { DecodedConnection } from '../src/model/decoded.ts';

const DIR = 'fixtures/tls13-aes256-gcm';

test('decodeCaptureDetailed decrypts with DecodeOptions.keylog, as decodeCapture does', () => {
  const bytes = new Uint8Array(readFileSync(`${DIR}/capture.pcap`));
  const keylog = readFileSync(`${DIR}/keylog.txt`, 'utf8');
  const detailed = decodeCaptureDetailed(bytes, { keylog }).capture;
  assert.ok(detailed.connections.length > 0);
  for (const c of detailed.connections) assert.equal(c.decryption?.status, 'decrypted', `connection ${c.id}: ${c.decryption?.reasons.join('; ')}`);
  assert.deepEqual(detailed, decodeCapture(bytes, { keylog }));
  for (const c of decodeCaptureDetailed(bytes).capture.connections) assert.notEqual(c.decryption?.status, 'decrypted', 'no key log, no plaintext');
});

test('forEachConnection decrypts with DecodeOptions.keylog too, each connection as decodeCaptureDetailed decodes it', async () => {
  const keylog = readFileSync(`${DIR}/keylog.txt`, 'utf8');
  const whole = decodeCaptureDetailed(new Uint8Array(readFileSync(`${DIR}/capture.pcap`)), { keylog }).capture.connections;
  const streamed: DecodedConnection[] = [];
  await forEachConnection(`${DIR}/capture.pcap`, { keylog }, [], ({ decoded }) => {
    streamed.push(decoded);
  });
  assert.ok(streamed.length > 0);
  for (const c of streamed) assert.equal(c.decryption?.status, 'decrypted', `connection ${c.id}: ${c.decryption?.reasons.join('; ')}`);
  assert.deepEqual(streamed, whole);
});
