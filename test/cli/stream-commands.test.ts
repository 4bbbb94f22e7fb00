// explain and dump on a capture file run streamed; as a user runs them: the page and text equal
// what standard input (decoded whole) gives, and a --conn beyond the capture exits 2 leaving no
// output file and no temp file behind.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { wirebook } from './support/wirebook.ts';

const DIR = 'fixtures/parallel-connections-interleaved';
const FILE = `${DIR}/capture.pcap`;
const KEYS = ['--keylog', `${DIR}/keylog.txt`];

test('explain FILE to stdout and -o x.html equal explain - (the whole decode) but for the title', () => {
  const dir = mkdtempSync(join(tmpdir(), 'wirebook-cli-'));
  try {
    const stdin = wirebook(['explain', '-', ...KEYS], readFileSync(FILE));
    assert.equal(stdin.status, 0, stdin.stderr);
    const whole = stdin.stdout.replaceAll('wirebook walkthrough', 'wirebook: capture.pcap');
    const out = wirebook(['explain', FILE, ...KEYS]);
    assert.equal(out.status, 0, out.stderr);
    assert.ok(out.stdout === whole, 'stdout page');
    const file = join(dir, 'x.html');
    const written = wirebook(['explain', FILE, ...KEYS, '-o', file]);
    assert.equal(written.status, 0, written.stderr);
    assert.ok(readFileSync(file, 'utf8') === whole, '-o page');
    assert.deepEqual(readdirSync(dir), ['x.html']);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});

test('explain FILE --conn beyond the capture: exit 2, the count in the message, no file left', () => {
  const dir = mkdtempSync(join(tmpdir(), 'wirebook-cli-'));
  try {
    const file = join(dir, 'x.html');
    const r = wirebook(['explain', FILE, '--conn', '1,9', '-o', file]);
    assert.equal(r.status, 2);
    assert.match(r.stderr, /--conn 9: the capture has 5 connections/);
    assert.equal(existsSync(file), false);
    assert.deepEqual(readdirSync(dir), []);
    const toStdout = wirebook(['explain', FILE, '--conn', '9']);
    assert.equal(toStdout.status, 2);
    assert.equal(toStdout.stdout, '');
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});

test('dump FILE equals dump - with and without --conn; a --conn beyond the capture prints nothing', () => {
  for (const conn of [[], ['--conn', '2'], ['--conn', '4,1']]) {
    const whole = wirebook(['dump', '-', ...KEYS, ...conn], readFileSync(FILE));
    const streamed = wirebook(['dump', FILE, ...KEYS, ...conn]);
    assert.equal(streamed.status, 0, streamed.stderr);
    assert.ok(streamed.stdout === whole.stdout, `dump ${conn.join(' ')}`);
  }
  const wrong = wirebook(['dump', FILE, '--conn', '6']);
  assert.equal(wrong.status, 2);
  assert.equal(wrong.stdout, '');
  assert.match(wrong.stderr, /--conn 6: the capture has 5 connections/);
});
