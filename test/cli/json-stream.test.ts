// `wirebook json FILE` streams (src/cli/json-stream.ts: frames, then connections as TCP closes
// them), `wirebook json -` decodes the whole capture in memory: their output must be the same
// bytes, with and without --no-frames, and for --stats. Run through bin/wirebook.js as a user would.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

const OPTION_SETS = [[], ['--no-frames'], ['--stats']];

function wirebook(args: string[], input?: Uint8Array): string {
  const r = spawnSync(process.execPath, ['bin/wirebook.js', ...args], { input, encoding: 'utf8', timeout: 120_000, maxBuffer: 256 * 1024 * 1024 });
  assert.equal(r.status, 0, `wirebook ${args.join(' ')}: ${r.stderr}`);
  return r.stdout;
}

/** `json FILE` and `json -` < FILE, for each of the option sets, give the same bytes. */
function assertSameAsWhole(file: string, extra: string[] = [], optionSets = OPTION_SETS): void {
  const bytes = readFileSync(file);
  for (const opts of optionSets) {
    const args = ['json', ...opts, ...extra];
    const streamed = wirebook([...args, file]);
    const whole = wirebook([...args, '-'], bytes);
    assertSameText(streamed, whole, `${file} json ${opts.join(' ')}`);
  }
}

/** Equal texts; on a difference, the place it starts (a diff of two large JSON lines helps nobody). */
function assertSameText(streamed: string, whole: string, what: string): void {
  assert.ok(streamed.length > 2, `${what}: empty output`);
  if (streamed === whole) return;
  let at = 0;
  while (streamed[at] === whole[at]) at++;
  const around = (s: string): string => JSON.stringify(s.slice(Math.max(0, at - 60), at + 60));
  assert.fail(`${what}: streamed and whole differ at character ${at}: ${around(streamed)} vs ${around(whole)}`);
}

/** A copy of a classic pcap with every frame cut to `snap` bytes (incl_len), as a short snaplen would. */
function cutToSnaplen(file: Uint8Array, snap: number): Uint8Array {
  // A plain Uint8Array: Buffer's slice would be a view, and the header edits would reach the original.
  const pcap = new Uint8Array(file);
  const view = new DataView(pcap.buffer, pcap.byteOffset, pcap.byteLength);
  const le = view.getUint32(0, true) === 0xa1b2c3d4 || view.getUint32(0, true) === 0xa1b23c4d;
  const parts: Uint8Array[] = [pcap.slice(0, 24)];
  new DataView(parts[0]!.buffer).setUint32(16, snap, le);
  for (let at = 24; at + 16 <= pcap.length; ) {
    const incl = view.getUint32(at + 8, le);
    const header = pcap.slice(at, at + 16);
    const keep = Math.min(incl, snap);
    new DataView(header.buffer).setUint32(8, keep, le);
    parts.push(header, pcap.slice(at + 16, at + 16 + keep));
    at += 16 + incl;
  }
  return Buffer.concat(parts);
}

const fixtures = [
  'fixtures/parallel-connections-interleaved/capture.pcap', // several connections interleaved
  'fixtures/tcp-out-of-order-and-retransmission/capture.pcap',
  'fixtures/pcapng-embedded-keylog-dsb/capture.pcapng', // secrets from the capture itself
  'fixtures/tls13-linux-cooked-any/capture.pcap', // SLL link layer
  'fixtures/tls12-ipv6-loopback/capture.pcap',
];

for (const file of fixtures) {
  test(`json streamed = json whole: ${file}`, () => assertSameAsWhole(file));
}

test('json streamed = json whole with a key log, across resumed sessions: tls12-session-ticket-resumption', () => {
  assertSameAsWhole('fixtures/tls12-session-ticket-resumption/capture.pcap', ['--keylog', 'fixtures/tls12-session-ticket-resumption/keylog.txt']);
});

test('json streamed = json whole on the bench capture with its key log: fixtures/bench/small.pcap', () => {
  assertSameAsWhole('fixtures/bench/small.pcap', ['--keylog', 'fixtures/bench/small.keylog']);
});

test('json streamed = json whole on a snaplen-cut capture and on one with a broken tail', () => {
  const dir = mkdtempSync(join(tmpdir(), 'wb-json-stream-'));
  try {
    const original = readFileSync('fixtures/parallel-connections-interleaved/capture.pcap');
    // Frames cut inside the TLS records: truncated segments in every connection's transport facts,
    // which the JSON leaves out and the report's truncated-frames findings show (the streamed
    // decode keeps truncated frame numbers only while their connection may still come).
    const cut = join(dir, 'cut.pcap');
    writeFileSync(cut, cutToSnaplen(original, 120));
    assertSameAsWhole(cut, [], [[]]);
    wirebook(['report', cut, '-o', join(dir, 'streamed.json')]);
    wirebook(['report', '-', '-o', join(dir, 'whole.json')], readFileSync(cut));
    const report = readFileSync(join(dir, 'streamed.json'), 'utf8');
    assertSameText(report, readFileSync(join(dir, 'whole.json'), 'utf8'), 'report of the cut capture');
    assert.equal(report.match(/"truncated-frames"/g)?.length, 5, 'one truncated-frames finding per connection');
    // A record header claiming more than any snaplen: the reader stops there with a problem, and
    // the input's size and SHA-256 still cover every byte of the file, in the chunks after it too.
    const broken = join(dir, 'broken.pcap');
    const tail = new Uint8Array(3 << 20).fill(0xee);
    const file = Buffer.concat([original, tail]);
    writeFileSync(broken, file);
    assertSameAsWhole(broken, [], [['--no-frames']]);
    const head = JSON.parse(wirebook(['json', '--no-frames', broken])) as { input: { bytes: number; sha256: string }; problems: unknown[] };
    assert.equal(head.input.bytes, file.length);
    assert.equal(head.input.sha256, createHash('sha256').update(file).digest('hex'));
    assert.ok(head.problems.length > 0, 'the broken tail is reported');
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});
