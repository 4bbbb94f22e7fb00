// The command line's promises from DESIGN.md: exit 0 done, 2 usage error, 3 input unreadable;
// `-` reads standard input; --help on every command.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { wirebook } from './support/wirebook.ts';

test('no command is a usage error (2); --help is not', () => {
  assert.equal(wirebook([]).status, 2);
  const h = wirebook(['--help']);
  assert.equal(h.status, 0);
  assert.match(h.stdout, /json +print every annotation/);
});

test('an unknown command or option is a usage error naming it', () => {
  const a = wirebook(['frobnicate']);
  assert.equal(a.status, 2);
  assert.match(a.stderr, /unknown command 'frobnicate'/);
  const b = wirebook(['json', '--bogus', 'x.pcap']);
  assert.equal(b.status, 2);
  assert.match(b.stderr, /bogus/);
});

test('a missing file and a non-capture are unreadable input (3) with a clear message', () => {
  const a = wirebook(['json', 'fixtures/does-not-exist.pcap']);
  assert.equal(a.status, 3);
  assert.match(a.stderr, /no such file/);
  const b = wirebook(['summary', 'README.md']);
  assert.equal(b.status, 3);
  assert.match(b.stderr, /not a capture/);
});

test('summary reads pasted openssl -debug text from standard input', () => {
  const text = readFileSync('fixtures/text-dumps/scenario2-s_client-debug.txt');
  const r = wirebook(['summary', '-'], text);
  assert.equal(r.status, 0, r.stderr);
  const lines = r.stdout.trim().split('\n');
  assert.match(lines[0]!, /C>S .*Client Hello/);
  assert.match(lines[1]!, /S>C .*Server Hello/);
});

test('every command answers --help with its usage', () => {
  for (const c of ['json', 'summary', 'explain', 'report', 'dump', 'build']) {
    const r = wirebook([c, '--help']);
    assert.equal(r.status, 0, `${c} --help`);
    assert.match(r.stdout, new RegExp(`^Usage: wirebook ${c} `));
    assert.match(r.stdout, /\nOptions:\n {2}-/);
    assert.equal(r.stderr, '');
  }
});

test('only the commands that print calculations (json, explain) take --show-secrets; report, summary and dump refuse it', () => {
  for (const c of ['json', 'explain']) assert.match(wirebook([c, '--help']).stdout, /--show-secrets/);
  for (const c of ['report', 'summary', 'dump']) {
    const help = wirebook([c, '--help']).stdout;
    assert.doesNotMatch(help, /show-secrets/, `${c} --help`);
    assert.match(help, /--keylog FILE/, `${c} --help`);
    const r = wirebook([c, 'fixtures/protocol-version-mismatch/capture.pcap', '--show-secrets']);
    assert.equal(r.status, 2, c);
    assert.match(r.stderr, /Unknown option '--show-secrets'/, c);
  }
});

test('summary and dump say on stderr what could not be read (their output has no place for it), file and stdin alike', () => {
  const cut = 'fixtures/variants/cut-mid-packet.pcap';
  for (const c of ['summary', 'dump']) {
    for (const args of [[c, cut], [c, '-']]) {
      const r = wirebook(args, readFileSync(cut));
      assert.equal(r.status, 0, `${args.join(' ')}: ${r.stderr}`);
      assert.match(r.stdout, /Client Hello/, args.join(' '));
      assert.equal(r.stderr, `wirebook ${c}: warning: file cut short in the record at byte 3420: needs 129 bytes, 36 remain\n`, args.join(' '));
    }
    assert.equal(wirebook([c, 'fixtures/bench/small.pcap']).stderr, '', `${c}: a whole capture gives no warning`);
  }
});

test('build: a mistake in a lesson is exit 3 with `lesson FILE:LINE: reason`, not a stack trace', () => {
  const dir = mkdtempSync(join(tmpdir(), 'wirebook-lesson-'));
  try {
    mkdirSync(join(dir, 'lessons'));
    writeFileSync(join(dir, 'lessons', '01-x.md'), '# X\n\n```wirebook capture=fixtures/tls12-ecdhe-rsa-aes128-gcm/capture.pcap select="c1 ServerHello" fields="tls.no_such_field"\n```\n');
    const r = wirebook(['build', '--lessons', join(dir, 'lessons'), '-o', join(dir, 'site')]);
    assert.equal(r.status, 3, r.stderr);
    assert.match(r.stderr, /^wirebook build: lesson .*01-x\.md:3: the decoder produces no field "tls\.no_such_field" in c1 ServerHello/);
    assert.doesNotMatch(r.stderr, /\n\s+at /);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});

test('a PDF without a browser is exit 3 with how to get one, for explain, report and build alike', () => {
  const dir = mkdtempSync(join(tmpdir(), 'wirebook-nobrowser-'));
  try {
    const env = { ...process.env, PUPPETEER_EXECUTABLE_PATH: join(dir, 'no-chromium-here') };
    const runs = [
      ['explain', 'fixtures/bench/small.pcap', '-o', join(dir, 'walk.pdf')],
      ['explain', '-', '-o', join(dir, 'walk.pdf')],
      ['report', 'fixtures/bench/small.pcap', '-o', join(dir, 'report.pdf')],
      ['build', '--lessons', 'lessons', '-o', join(dir, 'site'), '--pdf'],
    ];
    for (const args of runs) {
      const r = wirebook(args, readFileSync('fixtures/bench/small.pcap'), env);
      assert.equal(r.status, 3, `${args.join(' ')}: ${r.stderr}`);
      assert.match(r.stderr, new RegExp(`^wirebook ${args[0]}: No Chromium found at .*no-chromium-here\\. Install one \\(Debian/Ubuntu: apt-get install -y chromium`), args.join(' '));
      assert.doesNotMatch(r.stderr, /\n\s+at /, args.join(' '));
    }
    assert.ok(!readdirSync(dir).some((f) => f.endsWith('.pdf')), 'no PDF written');
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});
