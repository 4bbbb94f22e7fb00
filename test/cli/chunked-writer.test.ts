// ChunkedWriter encodes text straight into a buffer and hands it on in pieces (src/cli/output.ts):
// nothing may be lost, reordered or mis-encoded at the piece boundaries, whatever the text sizes.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { PassThrough } from 'node:stream';
import { ChunkedWriter } from '../../src/cli/output.ts';

test('ChunkedWriter: text and bytes around and over the buffer size, multi-byte UTF-8 at the edges, arrive whole and in order', async () => {
  const sink = new PassThrough();
  const got: Buffer[] = [];
  sink.on('data', (b: Buffer) => got.push(b));
  const w = new ChunkedWriter(sink, 64);
  // 'é' is 2 bytes, '€' 3 and '𝄞' 4 (a surrogate pair): pieces cross the 64-byte buffer at every offset.
  // Bytes too (what a spill file gives back): one that fits beside the text, one over the buffer size.
  const small = Buffer.from('<bytes>');
  const large = Buffer.from('z'.repeat(100));
  const pieces: (string | Uint8Array)[] = ['{"a":', '"é€𝄞"', 'x'.repeat(63), '€'.repeat(21), small, '€'.repeat(22), 'y'.repeat(200), '', large, '𝄞', '}'];
  for (const p of pieces) {
    const wait = w.write(p);
    if (wait) await wait;
  }
  // The writer copied them: changing the caller's bytes afterwards changes nothing written.
  small.fill(0x21);
  large.fill(0x21);
  await w.flush();
  const expected = pieces.map((p) => (typeof p === 'string' ? p : p === small ? '<bytes>' : 'z'.repeat(100))).join('');
  assert.equal(Buffer.concat(got).toString('utf8'), expected);
  assert.equal(Buffer.concat(got).length, Buffer.byteLength(expected));
});

test('wirebook json into a reader that stops early (| head -c 100) exits 0 without an error', () => {
  // bash's PIPESTATUS gives wirebook's own exit status, not head's.
  const r = spawnSync('bash', ['-c', '"$0" bin/wirebook.js json fixtures/bench/small.pcap | head -c 100 >/dev/null; exit ${PIPESTATUS[0]}', process.execPath], { encoding: 'utf8', timeout: 120_000 });
  assert.equal(r.status, 0, `wirebook exited ${r.status}: ${r.stderr}`);
  assert.doesNotMatch(r.stderr, /EPIPE|Error/);
});
