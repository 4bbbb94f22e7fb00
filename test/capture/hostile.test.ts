// Bad input: every case gives a clear message naming the byte offset (or line), never a crash or hang.
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'node:test';
import { CaptureError } from '../../src/capture/frame.ts';
import { openCapture, readCaptureBytes } from '../../src/capture/read.ts';
import { sniffFormat } from '../../src/capture/sniff.ts';
import { hasTshark, tsharkFrames } from './tshark.ts';

const root = new URL('../../', import.meta.url).pathname;
const variant = (name: string): string => join(root, 'fixtures/variants', name);
const read = (name: string): ReturnType<typeof readCaptureBytes> => readCaptureBytes(readFileSync(variant(name)));

/** Asserts that reading throws a CaptureError whose message matches and whose offset is `offset`. */
function assertUnreadable(name: string, message: RegExp, offset?: number): void {
  assert.throws(
    () => read(name),
    (e: unknown) => e instanceof CaptureError && message.test(e.message) && e.offset === offset,
    name,
  );
}

test('empty file and wrong magic are unreadable, with the first bytes named', async () => {
  assertUnreadable('empty.pcap', /^empty input: expected pcap, pcapng, or a tcpdump\/openssl\/hex text dump$/, 0);
  assertUnreadable('wrong-magic.pcap', /^not a capture: expected pcap, pcapng, or a tcpdump\/openssl\/hex text dump; first bytes de ad be ef$/, 0);
  assert.throws(() => sniffFormat(new TextEncoder().encode('0000 this is not hex at all\n')), /first bytes 30 30 30 30/);
  await assert.rejects(openCapture(variant('wrong-magic.pcap')), /first bytes de ad be ef/);
  await assert.rejects(openCapture(variant('empty.pcap')), /empty input/);
  await assert.rejects(openCapture(variant('no-such-file.pcap')), (e: unknown) => e instanceof CaptureError && /cannot read/.test(e.message));
});

test('garbage after a good header is unreadable at the first record/block', async () => {
  assertUnreadable('garbage-after-header.pcap', /^record at byte 24: captured length 1310319791 exceeds the maximum 262144/, 24);
  assertUnreadable('garbage-after-header.pcapng', /^block at byte 108 \(type 0x7a55300b\): length 250201247 is not a multiple of 4$/, 108);
  await assert.rejects(openCapture(variant('garbage-after-header.pcap')), /record at byte 24/);
  assert.deepEqual(read('header-only.pcap').frames, []);
});

test('a file cut mid-packet delivers the whole frames, then says where it was cut', async () => {
  const pcap = read('cut-mid-packet.pcap');
  assert.equal(pcap.frames.length, 9);
  assert.deepEqual(pcap.problems, [{ message: 'file cut short in the record at byte 3420: needs 129 bytes, 36 remain', offset: 3420 }]);
  const ng = read('cut-mid-packet.pcapng');
  assert.equal(ng.frames.length, 6);
  assert.deepEqual(ng.problems, [{ message: 'file cut short in the block at byte 2824 (type 0x00000006): needs 100 bytes, 40 remain', offset: 2824 }]);
  if (hasTshark) {
    assert.equal((await tsharkFrames(variant('cut-mid-packet.pcap')))!.length, 9, 'tshark also reads 9');
    assert.equal((await tsharkFrames(variant('cut-mid-packet.pcapng')))!.length, 6, 'tshark also reads 6');
  }
  const stream = await openCapture(variant('cut-mid-packet.pcap'));
  let n = 0;
  for await (const _f of stream.frames()) n++;
  assert.equal(n, 9);
  assert.equal(stream.problems[0]!.offset, 3420);
});

test('pcapng block lengths: past the end, not a multiple of 4, trailer mismatch', () => {
  const past = read('bad-block-past-end.pcapng');
  assert.equal(past.frames.length, 2);
  assert.deepEqual(past.problems, [{ message: 'file cut short in the block at byte 344 (type 0x00000006): needs 1048576 bytes, 6368 remain', offset: 344 }]);
  const notFour = read('bad-block-length-not-4.pcapng');
  assert.equal(notFour.frames.length, 2);
  assert.deepEqual(notFour.problems, [{ message: 'block at byte 344 (type 0x00000006): length 102 is not a multiple of 4', offset: 344 }]);
  const trailer = read('bad-trailing-length.pcapng');
  assert.equal(trailer.frames.length, 2);
  assert.match(trailer.problems[0]!.message, /trailing length 104 at byte 440 differs from the leading length 100/);
  const huge = new Uint8Array(readFileSync(variant('editcap.pcapng')));
  new DataView(huge.buffer).setUint32(344 + 4, 0xfffffff0, true);
  const r = readCaptureBytes(huge);
  assert.match(r.problems[0]!.message, /^block at byte 344 \(type 0x00000006\): length 4294967280 exceeds the maximum 16777216$/);
});

test('pcapng options: odd lengths are padded, an option past its block is flagged', () => {
  assert.deepEqual(read('odd-options.pcapng').problems, []);
  const bad = read('bad-option-past-block.pcapng');
  assert.equal(bad.frames.length, 3);
  assert.equal(bad.interfaces[0]!.name, 'lo');
  assert.deepEqual(bad.problems, [
    { message: 'Interface Description Block at byte 28: option 3 at byte 52 has length 200, but only 0 bytes of the block remain', offset: 52 },
  ]);
});

test('every truncation of a capture is handled without an uncaught exception', () => {
  const whole = readFileSync(join(root, 'fixtures/pcapng-embedded-keylog-dsb/capture.pcapng'));
  for (let cut = 0; cut < whole.length; cut += 37) {
    try {
      const r = readCaptureBytes(whole.subarray(0, cut));
      assert.ok(r.frames.length <= 19);
    } catch (e) {
      assert.ok(e instanceof CaptureError, `cut at ${cut}: ${String(e)}`);
      assert.equal(typeof e.offset, 'number', `cut at ${cut}: offset named`);
    }
  }
});

test('a tcpdump text dump with broken lines reports them by line number', () => {
  const r = read('broken-line-tcpdump-X.txt');
  assert.equal(r.format, 'tcpdump-text');
  assert.equal(r.frames.length, 17);
  assert.deepEqual(
    r.problems.map((p) => [p.line, p.message]),
    [
      [20, 'line 20: bad hex "5fa8 0azz 1603 0100 7d01 0000 7903 034e  _..C..."; the packet keeps its first 48 bytes'],
      [31, 'line 31: offset 0x0020 does not continue the previous line (expected 0x0010); the packet keeps its first 16 bytes'],
    ],
  );
  assert.equal(r.frames[3]!.data.length, 48);
  assert.equal(r.frames[3]!.origLength, 182);
});

test('text that is no dump at all names its first line', () => {
  assert.throws(
    () => readCaptureBytes(readFileSync(join(root, 'fixtures/text-dumps/seed001-pkt13-mutual-auth-server-flight-excerpts.txt'))),
    (e: unknown) => e instanceof CaptureError && e.line === 1 && /starts at byte 0x0030, not 0/.test(e.message),
  );
});
