// Every capture among the fixtures, with the keys that go with it, for tests that hold the
// streamed commands (explain, dump on a file) to the output of the whole-capture decode.
import assert from 'node:assert/strict';
import { existsSync, mkdtempSync, readdirSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { basename, dirname, join } from 'node:path';
import type { ParsedOptions } from '../../../src/cli/args.ts';

const FIXTURES = 'fixtures';

/** One capture and the options a user would give with it. */
export interface CaptureCase {
  file: string;
  keys: ParsedOptions;
  label: string;
}

function walk(dir: string): string[] {
  const out: string[] = [];
  for (const name of readdirSync(dir).sort()) {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) out.push(...walk(path));
    else out.push(path);
  }
  return out;
}

/** The key material for a capture: its folder's keylog.txt and server.key, a text dump's -keylog.txt, the bench keys. */
function keysFor(file: string): ParsedOptions | undefined {
  const dir = dirname(file);
  if (dir.endsWith('bench')) return { keylog: join(dir, 'small.keylog'), key: [join(dir, 'server.key')] };
  const sibling = file.replace(/\.(pcap|pcapng|txt)$/, '-keylog.txt');
  if (sibling !== file && existsSync(sibling)) return { keylog: sibling };
  const keys: ParsedOptions = {};
  if (existsSync(join(dir, 'keylog.txt'))) keys.keylog = join(dir, 'keylog.txt');
  if (existsSync(join(dir, 'server.key'))) keys.key = [join(dir, 'server.key')];
  return Object.keys(keys).length > 0 ? keys : undefined;
}

/** Text inputs that are captures (the others in those folders are notes, commands and key logs). */
function isTextCapture(file: string): boolean {
  const name = basename(file);
  return /^(scenario|seed|broken)/.test(name) && !/(commands|keylog|notes)\.txt$/.test(name);
}

/** Every pcap, pcapng and text dump under fixtures/, once without keys and once with them where they exist. */
export function fixtureCaptures(): CaptureCase[] {
  const cases: CaptureCase[] = [];
  for (const file of walk(FIXTURES)) {
    if (!/\.(pcap|pcapng)$/.test(file) && !(file.endsWith('.txt') && isTextCapture(file))) continue;
    cases.push({ file, keys: {}, label: file });
    const keys = keysFor(file);
    if (keys) cases.push({ file, keys, label: `${file} with keys` });
  }
  return cases;
}

/** What a command printed, or the error it stopped with (class and message). */
export type Result = { text: string } | { error: string };

/** Runs `fn`, turning a thrown error into its class name and message. */
export async function resultOf(fn: () => string | Promise<string>): Promise<Result> {
  try {
    return { text: await fn() };
  } catch (e) {
    return { error: `${(e as Error).name}: ${(e as Error).message}` };
  }
}

/** A streamed command's output and the whole-capture decode's, for one capture and its options. */
export type BothRuns = (file: string, values: ParsedOptions, spillDir: string) => Promise<{ whole: Result; streamed: Result }>;

/**
 * Runs `both` on every fixture capture with each `--conn` selection (none, one, two out of order:
 * beyond most fixtures' count, so errors are compared too), in a fresh spill folder that must be
 * empty afterwards; fails on the first difference. Returns how many outputs (not errors) matched.
 */
export async function assertStreamedEqualsWhole(both: BothRuns, what: string): Promise<number> {
  const cases = fixtureCaptures();
  assert.ok(cases.length > 100, `${cases.length} cases`);
  const dir = mkdtempSync(join(tmpdir(), `wirebook-${what}-`));
  try {
    let outputs = 0;
    for (const { file, keys, label } of cases) {
      for (const conn of [undefined, '1', '3,1']) {
        const { whole, streamed } = await both(file, { ...keys, ...(conn ? { conn } : {}) }, dir);
        // assert.equal on 5 MB pages would print them: compare, then say where.
        assert.ok(JSON.stringify(streamed) === JSON.stringify(whole), `${label}${conn ? ` --conn ${conn}` : ''}: ${'error' in streamed ? streamed.error : what} vs ${'error' in whole ? whole.error : what}`);
        if ('text' in whole) outputs++;
      }
    }
    assert.deepEqual(readdirSync(dir), [], 'no temp file left');
    return outputs;
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
