// `wirebook dump FILE` streams (one connection decoded at a time; with --conn the text waits until
// the ids are known to exist): its text must be byte-identical to renderDump of the whole decode
// on every fixture, with and without keys and --conn, errors included.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { ParsedOptions } from '../../src/cli/args.ts';
import { connOption } from '../../src/cli/conn-option.ts';
import { decodeForCli } from '../../src/cli/decode-input.ts';
import { streamDump } from '../../src/cli/dump-stream.ts';
import { MemorySink } from '../../src/cli/output.ts';
import { renderDump } from '../../src/render/text/dump.ts';
import { assertStreamedEqualsWhole, resultOf, type Result } from './support/captures.ts';

/** What `wirebook dump -` does with the same bytes: the whole decode in memory. */
function dumpInMemory(file: string, values: ParsedOptions, color: boolean): string {
  const { capture } = decodeForCli(file, values);
  const connections = connOption(values, capture.connections.length);
  return renderDump(capture, { color, ...(connections ? { connections } : {}) });
}

async function both(file: string, values: ParsedOptions, color: boolean, spillDir: string, spillLimit?: number): Promise<{ whole: Result; streamed: Result }> {
  const whole = await resultOf(() => dumpInMemory(file, values, color));
  const streamed = await resultOf(async () => {
    const text = new MemorySink();
    await streamDump(file, values, { color }, text, { spillDir, ...(spillLimit !== undefined ? { spillLimit } : {}) });
    return text.text();
  });
  return { whole, streamed };
}

test('dump streamed from a file equals the in-memory dump on every fixture capture', async () => {
  // Colour on for one selection, so both renderings of the dump are held to the whole decode.
  const dumps = await assertStreamedEqualsWhole((file, values, dir) => both(file, values, values.conn === '1', dir), 'text');
  assert.ok(dumps > 120, `${dumps} dumps compared`);
});

test('dump --conn held in a temp file comes back in order; a wrong id prints nothing and removes it', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'wirebook-dump-'));
  try {
    const values = { keylog: 'fixtures/bench/small.keylog', conn: '20,3,7' };
    const { whole, streamed } = await both('fixtures/bench/small.pcap', values, false, dir, 1024);
    assert.ok('text' in whole && 'text' in streamed && streamed.text === whole.text);
    const text = new MemorySink();
    await assert.rejects(streamDump('fixtures/bench/small.pcap', { ...values, conn: '3,21' }, {}, text, { spillDir: dir, spillLimit: 1024 }), /--conn 21: the capture has 20 connections/);
    assert.equal(text.text(), '');
    assert.deepEqual(readdirSync(dir), []);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});
