// `wirebook summary FILE` streams (streamSummary: lines written as TCP closes each connection),
// `wirebook summary -` decodes the whole capture in memory: their output must be the same bytes
// on every capture in fixtures/, with the keys a fixture has, as the command line loads them.
import assert from 'node:assert/strict';
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { basename, dirname, join } from 'node:path';
import { Writable } from 'node:stream';
import { test } from 'node:test';
import { CaptureError } from '../../src/capture/frame.ts';
import type { ParsedOptions } from '../../src/cli/args.ts';
import { cliDecodeOptions } from '../../src/cli/decode-input.ts';
import { streamSummary } from '../../src/cli/summary.ts';
import { decodeCaptureDetailed } from '../../src/decode.ts';
import { summaryLines } from '../../src/tls/summary.ts';
import { wirebook } from './support/wirebook.ts';

/** Text files in fixtures/ that are pasted captures (the others are key logs, commands and notes). */
const isTextCapture = (path: string): boolean =>
  /^fixtures\/(text-dumps|variants)\//.test(path) && path.endsWith('.txt') && !/(keylog|commands|notes)\.txt$/.test(path);

function captures(dir: string): string[] {
  const out: string[] = [];
  for (const name of readdirSync(dir).sort()) {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) out.push(...captures(path));
    else if (/\.pcap(ng)?$/.test(name) || isTextCapture(path)) out.push(path);
  }
  return out;
}

/** The --keylog and --key a user would give for this capture: the files beside it. */
function keyOptions(file: string): ParsedOptions {
  const dir = dirname(file);
  const values: ParsedOptions = {};
  const scenario = /^(scenario2-s_client-\w+)\.(pcap|txt)$/.exec(basename(file));
  for (const keylog of [join(dir, 'keylog.txt'), join(dir, 'small.keylog'), scenario ? join(dir, `${scenario[1]}-keylog.txt`) : '']) {
    if (keylog !== '' && existsSync(keylog)) values.keylog = keylog;
  }
  if (existsSync(join(dir, 'server.key'))) values.key = [join(dir, 'server.key')];
  return values;
}

/** What `summary -` prints for the file, or 'unreadable' when the decode throws CaptureError (exit 3). */
function wholeText(file: string, values: ParsedOptions): string {
  try {
    const result = decodeCaptureDetailed(new Uint8Array(readFileSync(file)), cliDecodeOptions(values, false));
    return summaryLines([...result.tls.values()]).join('\n') + '\n';
  } catch (e) {
    if (e instanceof CaptureError) return 'unreadable';
    throw e;
  }
}

/** What `summary FILE` prints, collected from the stream it writes to. */
async function streamedText(file: string, values: ParsedOptions): Promise<string> {
  const parts: string[] = [];
  const out = new Writable({
    write(chunk: Buffer, _enc, done) {
      parts.push(chunk.toString('utf8'));
      done();
    },
  });
  try {
    await streamSummary(file, cliDecodeOptions(values, false), out);
  } catch (e) {
    if (e instanceof CaptureError) return 'unreadable';
    throw e;
  }
  return parts.join('');
}

const FILES = captures('fixtures');

test('streamed summary = in-memory summary on every capture in fixtures/, without and with its keys', async () => {
  assert.ok(FILES.length > 100, `only ${FILES.length} captures found`);
  let keyed = 0;
  let lines = 0;
  for (const file of FILES) {
    const keys = keyOptions(file);
    const sets = Object.keys(keys).length > 0 ? [{}, keys] : [{}];
    keyed += sets.length - 1;
    for (const values of sets) {
      const whole = wholeText(file, values);
      assert.equal(await streamedText(file, values), whole, `${file} ${JSON.stringify(values)}`);
      lines += whole.split('\n').length - 1;
    }
  }
  // The comparison means something only if keys were found and lines printed.
  assert.ok(keyed > 30, `only ${keyed} captures with keys`);
  assert.ok(lines > 3000, `only ${lines} lines`);
});

test('decryption shows in the streamed summary: keyed lines name decrypted messages the keyless ones cannot', async () => {
  const file = 'fixtures/tls13-aes256-gcm/capture.pcap';
  const plain = await streamedText(file, {});
  const keyed = await streamedText(file, keyOptions(file));
  assert.notEqual(keyed, plain);
  assert.match(keyed, /Encrypted Extensions/);
  assert.doesNotMatch(plain, /Encrypted Extensions/);
});

test('a capture with no TLS streams one empty line, as the in-memory path prints', async () => {
  assert.equal(await streamedText('fixtures/variants/header-only.pcap', {}), wholeText('fixtures/variants/header-only.pcap', {}));
});

test('summary FILE and summary - < FILE print the same bytes through the command line (key log and RSA key, bench small.pcap)', () => {
  for (const [file, extra] of [
    ['fixtures/bench/small.pcap', ['--keylog', 'fixtures/bench/small.keylog', '--key', 'fixtures/bench/server.key']],
    ['fixtures/pcapng-embedded-keylog-dsb/capture.pcapng', []],
    ['fixtures/text-dumps/scenario2-s_client-debug.txt', ['--keylog', 'fixtures/text-dumps/scenario2-s_client-debug-keylog.txt']],
  ] as const) {
    const streamed = wirebook(['summary', file, ...extra]);
    const whole = wirebook(['summary', '-', ...extra], readFileSync(file));
    assert.equal(streamed.status, 0, streamed.stderr);
    assert.equal(whole.status, 0, whole.stderr);
    assert.ok(streamed.stdout.split('\n').length > 10, `${file}: too few lines`);
    assert.equal(streamed.stdout, whole.stdout, file);
  }
});

test('summary of a missing file or a non-capture exits 3 before printing anything', () => {
  for (const file of ['fixtures/no-such.pcap', 'fixtures/variants/wrong-magic.pcap']) {
    const r = wirebook(['summary', file]);
    assert.equal(r.status, 3, `${file}: ${r.stderr}`);
    assert.equal(r.stdout, '');
  }
});
