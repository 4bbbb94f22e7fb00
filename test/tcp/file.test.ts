/** Streamed reassembly of a file equals reassembly of the frames read whole; unreadable files throw. */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { CaptureError } from '../../src/capture/frame.ts';
import { reassembleFile } from '../../src/tcp/file.ts';
import { reassembleConnections } from '../../src/tcp/reassemble.ts';
import type { Connection } from '../../src/tcp/types.ts';
import { readFrames } from '../link/capture-helper.ts';

test('reassembleFile gives the connections of the frames read whole, also through onConnectionClosed', async () => {
  for (const file of ['fixtures/parallel-connections-interleaved/capture.pcap', 'fixtures/tcp-out-of-order-and-retransmission/capture.pcap', 'fixtures/pcapng-embedded-keylog-dsb/capture.pcapng']) {
    const whole = readFrames(file);
    const expected = reassembleConnections(whole);
    const r = await reassembleFile(file);
    assert.equal(r.frames, whole.length);
    assert.deepEqual(r.connections, expected, file);
    const handed: Connection[] = [];
    const released = await reassembleFile(file, { onConnectionClosed: (c) => handed.push(c) });
    // finish() returns what it hands out at the end; the callback has seen every connection.
    assert.ok(released.connections.every((c) => handed.includes(c)));
    assert.deepEqual(handed.sort((a, b) => a.id - b.id), expected, `${file} (callback)`);
  }
});

test('reassembleFile throws CaptureError on an unreadable file', async () => {
  await assert.rejects(reassembleFile('fixtures/variants/wrong-magic.pcap'), CaptureError);
  await assert.rejects(reassembleFile('fixtures/variants/garbage-after-header.pcap'), CaptureError);
});
