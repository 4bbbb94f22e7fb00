/** FrameStore keeps copies of streamed frames; with a cache, their header fields are made on access like lazyDecodedFrame's. */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { forEachFrameBatch } from '../src/decode-stream.ts';
import { FrameFieldCache } from '../src/frame-fields.ts';
import { FrameStore } from '../src/frame-store.ts';
import { decodeFrameHeaders } from '../src/link/decode.ts';
import { readFrames } from './link/capture-helper.ts';

const CAPTURE = 'fixtures/tcp-out-of-order-and-retransmission/capture.pcap';

test('stored frames hold their own bytes after the reader moved on, numbered as frames[n - 1]', async () => {
  const whole = readFrames(CAPTURE);
  const store = new FrameStore();
  await forEachFrameBatch(CAPTURE, (batch) => store.add(batch));
  assert.equal(store.frames.length, whole.length);
  for (const f of whole) {
    const kept = store.frames[f.number - 1]!;
    assert.equal(kept.number, f.number);
    assert.equal(kept.timeNs, f.timeNs);
    assert.deepEqual([...kept.data], [...f.data], `frame ${f.number}`);
    assert.deepEqual(kept.fields, [], 'no header fields without a cache');
  }
});

test('with a cache, stored frames decode their header fields when read: equal to decodeFrameHeaders, the same objects while cached', async () => {
  const whole = readFrames(CAPTURE);
  const cache = new FrameFieldCache();
  const store = new FrameStore(cache);
  await forEachFrameBatch(CAPTURE, (batch) => store.add(batch));
  for (const f of whole) {
    const kept = store.frames[f.number - 1]!;
    assert.deepEqual(kept.fields, decodeFrameHeaders(f).fields, `frame ${f.number}`);
    assert.equal(kept.fields, kept.fields, `frame ${f.number}: one decode while cached`);
  }
  const first = store.frames[0]!.fields;
  cache.clear();
  assert.notEqual(store.frames[0]!.fields, first, 'decoded again after clear');
  assert.deepEqual(store.frames[0]!.fields, first);
});
