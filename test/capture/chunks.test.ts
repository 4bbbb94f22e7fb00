// Chunked reading: records cut anywhere by chunk boundaries, batches against frames, and frame
// bytes that do or do not alias the chunks they were read from.
import assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'node:test';
import { ChunkBuffer, type CaptureSink } from '../../src/capture/chunks.ts';
import type { CaptureProblem, EmbeddedSecret, Frame } from '../../src/capture/frame.ts';
import { PcapReader } from '../../src/capture/pcap.ts';
import { PcapngReader } from '../../src/capture/pcapng.ts';
import { openCapture, readCaptureBytes } from '../../src/capture/read.ts';

const root = new URL('../../', import.meta.url).pathname;
const fx = (p: string): string => join(root, 'fixtures', p);

/** A sink that keeps everything, numbering frames as the driver does. */
class Keep implements CaptureSink {
  frames: Frame[] = [];
  secrets: EmbeddedSecret[] = [];
  problems: CaptureProblem[] = [];
  private n = 0;
  frame(f: Frame): void {
    f.number = ++this.n;
    this.frames.push({ ...f, data: f.data.slice() });
  }
  skipFrameNumber(): void {
    this.n++;
  }
  addInterface(): number {
    return 0;
  }
  secret(s: EmbeddedSecret): void {
    this.secrets.push(s);
  }
  problem(p: CaptureProblem): void {
    this.problems.push(p);
  }
}

/** The comparable parts of frames. */
const shape = (frames: readonly Frame[]): unknown[] => frames.map((f) => [f.number, f.timeNs, f.linkType, f.origLength, f.fileOffset, Buffer.from(f.data).toString('hex')]);

for (const file of ['tls12-ecdhe-rsa-aes128-gcm/capture.pcap', 'variants/be-ns.pcap', 'pcapng-embedded-keylog-dsb/capture.pcapng', 'variants/multi-interface.pcapng']) {
  test(`${file}: any chunk size gives the frames of a whole read, also from one reused buffer`, () => {
    const bytes = new Uint8Array(readFileSync(fx(file)));
    const whole = readCaptureBytes(bytes);
    for (const size of [1, 3, 7, 16, 17, 100, 1000, 4096]) {
      const sink = new Keep();
      const reader = file.endsWith('ng') ? new PcapngReader(sink) : new PcapReader(sink);
      for (let at = 0; at < bytes.length; at += size) reader.push(bytes.slice(at, at + size));
      reader.finish();
      assert.deepEqual(shape(sink.frames), shape(whole.frames), `chunks of ${size}`);
      // As the file reader does: one buffer for every chunk, detached (and here scribbled over) between them.
      const reused = new Keep();
      const again = file.endsWith('ng') ? new PcapngReader(reused) : new PcapReader(reused);
      const scratch = new Uint8Array(size);
      for (let at = 0; at < bytes.length; at += size) {
        const n = Math.min(size, bytes.length - at);
        scratch.set(bytes.subarray(at, at + n));
        again.push(scratch.subarray(0, n));
        again.detach();
        scratch.fill(0xee);
      }
      again.finish();
      assert.deepEqual(shape(reused.frames), shape(whole.frames), `one reused buffer of ${size}`);
      assert.deepEqual(sink.secrets.map((s) => Buffer.from(s.data).toString('hex')), whole.secrets.map((s) => Buffer.from(s.data).toString('hex')));
    }
  });
}

test('ChunkBuffer: views inside a chunk, copies across, words read across a boundary', () => {
  const b = new ChunkBuffer();
  const first = new Uint8Array([1, 2, 3, 4, 5]);
  b.append(first);
  b.append(new Uint8Array([6, 7, 8]));
  b.append(new Uint8Array([9]));
  assert.equal(b.available, 9);
  assert.equal(b.peek(3).buffer, first.buffer, 'inside the first chunk: a view');
  b.consume(3);
  assert.deepEqual([...b.peek(5)], [4, 5, 6, 7, 8]);
  assert.deepEqual([...b.peek(6, 2)], [6, 7, 8, 9]);
  assert.equal(b.u32(0, false), 0x04050607);
  assert.equal(b.u32(1, true), 0x08070605);
  b.consume(5);
  assert.deepEqual([b.available, b.offset, [...b.peek(1)]], [1, 8, [9]]);
});

test('batches() gives the frames of frames(), as views into the chunk; frames() gives copies', async () => {
  const path = fx('tls12-ecdhe-rsa-aes128-gcm/capture.pcap');
  const batched: Frame[] = [];
  for await (const batch of (await openCapture(path)).batches()) batched.push(...batch);
  const single: Frame[] = [];
  for await (const f of (await openCapture(path)).frames()) single.push(f);
  assert.deepEqual(shape(batched), shape(single));
  assert.ok(batched.length > 2 && batched[0]!.data.buffer === batched[1]!.data.buffer, 'batch frames share their chunk');
  assert.ok(single[0]!.data.buffer !== single[1]!.data.buffer, 'frames() copies');
  assert.equal(single[0]!.data.byteLength, single[0]!.data.buffer.byteLength);
  const stream = await openCapture(path);
  for await (const batch of stream.batches()) assert.ok(batch.length > 0);
  await assert.rejects(async () => {
    for await (const f of stream.frames()) assert.ok(f);
  }, /only once/);
});

test('batches() of a pasted text dump: one batch', async () => {
  const dir = fx('text-dumps');
  const name = readdirSync(dir).find((f) => f.endsWith('.txt'))!;
  const batches: Frame[][] = [];
  for await (const b of (await openCapture(join(dir, name))).batches()) batches.push(b);
  assert.equal(batches.length, 1);
  assert.ok(batches[0]!.length > 0);
});
