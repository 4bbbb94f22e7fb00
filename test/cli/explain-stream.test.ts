// `wirebook explain FILE` streams (one connection decoded at a time, sections held in a spill
// buffer until the index is complete): its page must be byte-identical to the whole-capture page
// on every fixture, with and without keys and --conn, errors included, and leave no temp file.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { ParsedOptions } from '../../src/cli/args.ts';
import { explainInMemory } from '../../src/cli/explain-page.ts';
import { streamExplain } from '../../src/cli/explain-stream.ts';
import { MemorySink } from '../../src/cli/output.ts';
import { assertStreamedEqualsWhole, resultOf, type Result } from './support/captures.ts';

async function both(file: string, values: ParsedOptions, spillDir: string, spillLimit?: number): Promise<{ whole: Result; streamed: Result }> {
  const whole = await resultOf(() => explainInMemory(file, values));
  const streamed = await resultOf(async () => {
    const page = new MemorySink();
    await streamExplain(file, values, page, { spillDir, ...(spillLimit !== undefined ? { spillLimit } : {}) });
    return page.text();
  });
  return { whole, streamed };
}

test('explain streamed from a file equals the in-memory page on every fixture capture', async () => {
  const pages = await assertStreamedEqualsWhole((file, values, dir) => both(file, values, dir), 'page');
  assert.ok(pages > 120, `${pages} pages compared`);
});

test('a page over 25 connections is compact, decided before the first section: the same bytes whole and streamed', async () => {
  const file = 'fixtures/public/ja4/tls-handshake.pcapng';
  const dir = mkdtempSync(join(tmpdir(), 'wirebook-explain-'));
  try {
    for (const conn of [undefined, Array.from({ length: 26 }, (_, i) => i + 1).join(','), Array.from({ length: 25 }, (_, i) => 25 - i).join(',')]) {
      const { whole, streamed } = await both(file, conn ? { conn } : {}, dir);
      assert.ok('text' in whole && 'text' in streamed);
      assert.equal(/cells show the record bytes \(stream view\) only/.test(whole.text), conn === undefined || conn.startsWith('1,'));
      assert.ok(streamed.text === whole.text, `--conn ${conn ?? 'all'}`);
    }
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});

test('sections spilled to a temp file come back in order, and the temp file goes', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'wirebook-explain-'));
  try {
    const values = { keylog: 'fixtures/bench/small.keylog' };
    // A 4 KB memory share: every section of small.pcap goes through the temp file.
    const { whole, streamed } = await both('fixtures/bench/small.pcap', values, dir, 4096);
    assert.ok('text' in whole && 'text' in streamed);
    assert.ok(streamed.text === whole.text);
    assert.deepEqual(readdirSync(dir), []);
    const wrong = await both('fixtures/bench/small.pcap', { ...values, conn: '2,21' }, dir, 4096);
    assert.deepEqual(wrong.streamed, { error: 'UsageError: --conn 21: the capture has 20 connections' });
    assert.deepEqual(wrong.streamed, wrong.whole);
    assert.deepEqual(readdirSync(dir), [], 'removed on error too');
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});
