/** Frame header fields made on access equal the full decode's, and the cache keeps what was asked for last. */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { decodeCaptureDetailed } from '../src/decode.ts';
import { FrameFieldCache, lazyDecodedFrame } from '../src/frame-fields.ts';
import { decodeFrameHeaders } from '../src/link/decode.ts';
import { readFrames } from './link/capture-helper.ts';

const CAPTURE = 'fixtures/tcp-out-of-order-and-retransmission/capture.pcap';

test('lazy frame fields equal decodeFrameHeaders on every frame of a fixture, and the same objects when asked again', () => {
  const frames = readFrames(CAPTURE);
  assert.ok(frames.length > 10);
  const cache = new FrameFieldCache();
  for (const frame of frames) {
    const lazy = lazyDecodedFrame(frame, cache);
    assert.deepEqual(lazy.fields, decodeFrameHeaders(frame).fields, `frame ${frame.number}`);
    assert.equal(lazy.fields, lazy.fields, `frame ${frame.number}: one decode while cached`);
  }
});

test('a capture decoded with lazyFrameFields has the frames of a full decode', () => {
  const bytes = new Uint8Array(readFileSync(CAPTURE));
  const lazy = decodeCaptureDetailed(bytes, { lazyFrameFields: true }).capture;
  const full = decodeCaptureDetailed(bytes).capture;
  assert.deepEqual(lazy.frames, full.frames);
});

test('FrameFieldCache drops the frame asked for least recently: a hit counts as asked for', () => {
  const [a, b, c] = readFrames(CAPTURE);
  const cache = new FrameFieldCache(2);
  const fa = cache.fieldsOf(a!);
  const fb = cache.fieldsOf(b!);
  assert.equal(cache.fieldsOf(a!), fa, 'a hit');
  cache.fieldsOf(c!); // full: b, asked for before a's hit, goes
  assert.equal(cache.fieldsOf(a!), fa, 'a stayed');
  const again = cache.fieldsOf(b!);
  assert.notEqual(again, fb, 'b was dropped and decoded anew');
  assert.deepEqual(again, fb);
});
