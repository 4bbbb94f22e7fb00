// `npm run bench [-- --only read,decode] [--skip ssldump] [--dir ../shared/bench] [--runs 2]
//  [--timeout 300] [--json FILE]`: wirebook beside tshark/tcpdump/ssldump on the same real
// captures in the same run, each line with its target and PASS/MISS (docs/bench.md).
//
// Every command runs as its own process under /usr/bin/time (and `timeout`), so wall time and
// peak memory are measured the same way for us and for them, and a slow or crashing command
// shows as FAILED instead of hanging or killing the bench. The machine is shared and noisy:
// compare ratios within one run, best of `--runs` passes.
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { cpus, loadavg, tmpdir } from 'node:os';
import { basename, dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { lastStderrLine, measure as measureCommand, type MeasureOptions, type Timing } from './measure.ts';

const GROUPS = ['read', 'decode', 'decrypt', 'ssldump', 'report', 'explain', 'site', 'pdf'] as const;
type Group = (typeof GROUPS)[number];

const USAGE = `usage: npm run bench -- [options]
  --dir DIR        bench captures (default ../shared/bench from the repo); without big.pcap
                   the bench falls back to fixtures/bench/small.pcap
  --only LIST      groups to run, comma-separated: ${GROUPS.join(',')}
  --skip LIST      groups to leave out (e.g. --skip ssldump, which takes ~30 s a pass)
  --runs N         passes per command, best wall time kept (default 2)
  --timeout S      seconds before a command is killed and shown as FAILED (default 300;
                   the PDF stage gets twice that)
  --pdf-renders N  timed walkthrough PDF renders after the warm-up (default 2)
  --json FILE      also write every figure as JSON
`;

const { values } = parseArgs({
  options: {
    dir: { type: 'string' },
    only: { type: 'string' },
    skip: { type: 'string' },
    runs: { type: 'string', default: '2' },
    timeout: { type: 'string', default: '300' },
    'pdf-renders': { type: 'string', default: '2' },
    json: { type: 'string' },
    help: { type: 'boolean', short: 'h' },
  },
});
if (values.help) {
  process.stdout.write(USAGE);
  process.exit(0);
}

function groupList(opt: string | undefined, name: string): Set<Group> | undefined {
  if (opt === undefined) return undefined;
  const list = opt.split(',').map((s) => s.trim()).filter(Boolean);
  for (const g of list) {
    if (!(GROUPS as readonly string[]).includes(g)) {
      process.stderr.write(`bench: --${name} ${g}: unknown group (groups: ${GROUPS.join(', ')})\n`);
      process.exit(2);
    }
  }
  return new Set(list as Group[]);
}
const only = groupList(values.only, 'only');
const skip = groupList(values.skip, 'skip') ?? new Set<Group>();
const want = (g: Group): boolean => (!only || only.has(g)) && !skip.has(g);

const repo = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const dir = values.dir !== undefined ? resolve(values.dir) : resolve(repo, '../shared/bench');
const runs = Math.max(1, Math.floor(Number(values.runs)) || 1);
const limit = Math.max(1, Number(values.timeout) || 300);
const pdfRenders = Math.max(1, Math.floor(Number(values['pdf-renders'])) || 2);
const node = process.execPath;
const wirebook = [node, join(repo, 'bin/wirebook.js')];
const stage = [node, '--import', 'tsx', join(repo, 'bench/stage.ts')];
const scratch = mkdtempSync(join(tmpdir(), 'wb-bench-'));
const notes: string[] = [];

function have(tool: string): boolean {
  return spawnSync('sh', ['-c', `command -v ${tool}`]).status === 0;
}

/** `measure` with this run's defaults (--runs, --timeout, the repository as working directory). */
function measure(argv: string[], opts: Partial<MeasureOptions> = {}): Timing {
  return measureCommand(argv, { cwd: repo, seconds: limit, runs, ...opts });
}

// ---------------------------------------------------------------------------------------------
// Captures

interface Capture {
  path: string;
  name: string;
  mb: number;
  frames: number;
  connections: number;
}

/** Groups that measure the bench captures (site and pdf use the repo's own files). */
const countsWanted = (['read', 'decode', 'decrypt', 'ssldump', 'report', 'explain'] as const).some(want);

/**
 * A bench capture. Its frames and connections come from the read group's reassembly when that
 * group runs (the same pass; see `learnCounts`), else from one `counts` stage run here.
 */
function capture(path: string): Capture {
  const c: Capture = { path, name: basename(path), mb: statSync(path).size / 1e6, frames: NaN, connections: NaN };
  if (!countsWanted || want('read')) return c;
  const r = spawnSync(stage[0]!, [...stage.slice(1), 'counts', path], { cwd: repo, encoding: 'utf8', timeout: limit * 1000 });
  try {
    const j = JSON.parse(r.stdout) as { frames: number; connections: number };
    c.frames = j.frames;
    c.connections = j.connections;
  } catch {
    notes.push(`counting frames and connections of ${c.name} failed (${lastStderrLine(r.stderr ?? '')}): frames/s and conns/s left out`);
  }
  return c;
}

let main: Capture;
let medium: Capture | undefined;
let keylog: string;
let serverKey: string;
if (existsSync(join(dir, 'big.pcap'))) {
  main = capture(join(dir, 'big.pcap'));
  if (existsSync(join(dir, 'medium.pcap')) && want('read')) medium = capture(join(dir, 'medium.pcap'));
  keylog = join(dir, 'big.keylog');
  serverKey = join(dir, 'server.key');
} else {
  const fallback = join(repo, 'fixtures/bench/small.pcap');
  notes.push(`no big.pcap in ${dir}: measured on ${fallback} instead (20 connections; the targets are for big.pcap)`);
  main = capture(fallback);
  keylog = join(repo, 'fixtures/bench/small.keylog');
  serverKey = join(repo, 'fixtures/bench/server.key');
}

// ---------------------------------------------------------------------------------------------
// Rows

interface Row {
  group: string;
  what: string;
  capture: string;
  reference: boolean;
  seconds: number;
  peakMiB: number;
  ok: boolean;
  mbPerSec?: number;
  framesPerSec?: number;
  connsPerSec?: number;
  target?: string;
  pass?: boolean;
  /** The judged figure: a ratio, seconds, seconds per page. */
  value?: string;
  note?: string;
}

const rows: Row[] = [];

function record(group: string, what: string, cap: Capture | string, t: Timing, reference: boolean): Row {
  const r: Row = {
    group,
    what,
    capture: typeof cap === 'string' ? cap : cap.name,
    reference,
    seconds: t.seconds,
    peakMiB: t.peakMiB,
    ok: t.ok,
  };
  if (t.note) r.note = t.note;
  if (t.ok && typeof cap !== 'string') {
    r.mbPerSec = cap.mb / t.seconds;
    if (Number.isFinite(cap.frames)) r.framesPerSec = cap.frames / t.seconds;
    if (Number.isFinite(cap.connections)) r.connsPerSec = cap.connections / t.seconds;
  }
  rows.push(r);
  const shown = t.ok ? `${t.seconds.toFixed(2)} s, peak ${t.peakMiB.toFixed(0)} MiB` : `FAILED: ${t.note}`;
  process.stderr.write(`bench: ${group} ${what} (${r.capture}): ${shown}\n`);
  return r;
}

function run(group: string, what: string, cap: Capture | string, argv: string[], reference = false, opts: Partial<MeasureOptions> = {}): { row: Row; t: Timing } {
  process.stderr.write(`bench: ${group} ${what} (${typeof cap === 'string' ? cap : cap.name}) ...\n`);
  const t = measure(argv, opts);
  return { row: record(group, what, cap, t, reference), t };
}

function judge(r: Row, target: string, pass: boolean | undefined, value?: string): void {
  r.target = target;
  if (pass !== undefined && r.ok) r.pass = pass;
  if (value !== undefined) r.value = value;
}

/** Throughput ratio against a reference row: their seconds over ours. */
function judgeRatio(ours: Row, ref: Row | undefined, min: number, refName: string): void {
  const target = `>= ${min}x ${refName}`;
  if (!ref || !ref.ok) return judge(ours, target, undefined, ref ? 'reference failed' : 'reference not run');
  const ratio = ref.seconds / ours.seconds;
  judge(ours, target, ratio >= min, ratioText(ratio));
}

/** A ratio readable at both ends: 12x, 5.3x, 0.21x, 0.0042x. */
function ratioText(x: number): string {
  return `${x >= 10 ? x.toFixed(0) : x >= 0.1 ? x.toFixed(2) : x.toPrecision(2)}x`;
}

function judgeSeconds(r: Row, max: number, label = ''): void {
  judge(r, `< ${max} s${label}`, r.seconds < max, `${r.seconds.toFixed(2)} s`);
}

// ---------------------------------------------------------------------------------------------
// The groups

const tshark = have('tshark');
const started = new Date();
const loadStart = loadavg();
process.stderr.write(
  `bench: ${main.path}: ${main.mb.toFixed(1)} MB${Number.isFinite(main.frames) ? `, ${main.frames} frames, ${main.connections} connections` : ''}; best of ${runs}, timeout ${limit} s\n`,
);

/** Takes a capture's frames and connections from a reassembly stage's output, and gives its row the rates. */
function learnCounts(cap: Capture, row: Row, stdout: string | undefined): void {
  if (Number.isFinite(cap.frames)) return;
  try {
    const j = JSON.parse(stdout ?? '') as { frames: number; connections: number };
    cap.frames = j.frames;
    cap.connections = j.connections;
  } catch {
    notes.push(`the reassembly of ${cap.name} failed: its frames and connections are not known, frames/s and conns/s left out`);
    return;
  }
  if (row.ok) {
    row.framesPerSec = cap.frames / row.seconds;
    row.connsPerSec = cap.connections / row.seconds;
  }
}

if (want('read')) {
  // Issue: read + reassembly >= 50 MB/s, and memory flat as captures grow (medium, then big).
  const byCap = new Map<string, { ours: Row; tshark?: Row }>();
  for (const cap of medium ? [medium, main] : [main]) {
    const { row, t } = run('read', 'wirebook read + TCP reassembly (stage)', cap, [...stage, 'reassemble', cap.path], false, { keepStdout: true });
    // The capture's counts come from this pass (no separate counting pass); the rows after it use them.
    learnCounts(cap, row, t.stdout);
    try {
      const inproc = (JSON.parse(t.stdout ?? '') as { seconds: number }).seconds;
      if (row.ok) row.note = `in-process ${inproc.toFixed(2)} s = ${(cap.mb / inproc).toFixed(0)} MB/s`;
    } catch {
      /* a failed stage already has its note */
    }
    if (cap === main) judge(row, '>= 50 MB/s', (row.mbPerSec ?? 0) >= 50, `${(row.mbPerSec ?? NaN).toFixed(1)} MB/s`);
    const entry: { ours: Row; tshark?: Row } = { ours: row };
    if (tshark) entry.tshark = run('read', 'tshark -T fields -e tcp.stream', cap, ['tshark', '-r', cap.path, '-T', 'fields', '-e', 'tcp.stream'], true).row;
    if (have('tcpdump')) run('read', 'tcpdump -r -nn', cap, ['tcpdump', '-r', cap.path, '-nn'], true);
    byCap.set(cap.path, entry);
  }
  if (medium) {
    const a = byCap.get(medium.path)!;
    const b = byCap.get(main.path)!;
    // Between these two sizes V8 mostly grows its heap to the work: shown, not judged (the judged
    // line is the next one, at three times the size).
    const r = growthRow('peak RSS growth, medium -> big', a.ours, b.ours, main.mb - medium.mb);
    if (r.ok && a.tshark?.ok && b.tshark?.ok) r.note = `tshark: +${(b.tshark.peakMiB - a.tshark.peakMiB).toFixed(0)} MiB`;
  }
  const big = byCap.get(main.path);
  if (big?.ours.ok && main.name === 'big.pcap') tripledGrowth(big.ours);
}

/** A line of peak-RSS growth between two read-stage rows: +MiB, and MiB per MB of capture added. */
function growthRow(what: string, from: Row, to: Row, dMb: number): Row {
  const r: Row = { group: 'read', what, capture: `+${dMb.toFixed(0)} MB`, reference: false, seconds: NaN, peakMiB: to.peakMiB, ok: from.ok && to.ok };
  const d = to.peakMiB - from.peakMiB;
  if (r.ok) r.value = `+${d.toFixed(0)} MiB (${(d / dMb).toFixed(2)}/MB)`;
  else r.note = 'a reassembly run failed';
  rows.push(r);
  return r;
}

/**
 * Memory flat as captures grow: the read stage on big.pcap three times over (editcap shifts each
 * copy by an hour, mergecap appends them), judged on how much more peak memory it takes than on
 * big.pcap itself.
 */
function tripledGrowth(big: Row): void {
  if (!have('editcap') || !have('mergecap')) {
    notes.push('editcap/mergecap missing (apt-get install tshark): the tripled-capture memory line is left out');
    return;
  }
  const copies = [main.path];
  for (const hours of [1, 2]) {
    const shifted = join(scratch, `big-${hours}h.pcap`);
    if (spawnSync('editcap', ['-t', String(hours * 3600), main.path, shifted]).status !== 0) return void notes.push('editcap failed: tripled-capture line left out');
    copies.push(shifted);
  }
  const tripled: Capture = { path: join(scratch, 'big-x3.pcap'), name: 'big.pcap x3', mb: NaN, frames: NaN, connections: NaN };
  if (spawnSync('mergecap', ['-a', '-F', 'pcap', '-w', tripled.path, ...copies]).status !== 0) return void notes.push('mergecap failed: tripled-capture line left out');
  tripled.mb = statSync(tripled.path).size / 1e6;
  const { row, t } = run('read', 'wirebook read + TCP reassembly (stage)', tripled, [...stage, 'reassemble', tripled.path], false, { keepStdout: true });
  learnCounts(tripled, row, t.stdout);
  const dMb = tripled.mb - main.mb;
  const r = growthRow('peak RSS growth, big -> big x3', big, row, dMb);
  if (r.ok) judge(r, '< 1 MiB per capture MB', (row.peakMiB - big.peakMiB) / dMb < 1, r.value);
  for (const f of [...copies.slice(1), tripled.path]) rmSync(f, { force: true });
}

let decryptRow: Row | undefined;
if (want('decode')) {
  // Issue: every field with its position, to /dev/null: >= 5x tshark's PDML throughput.
  const ref = tshark ? run('decode', 'tshark -Y tls -T pdml', main, ['tshark', '-r', main.path, '-Y', 'tls', '-T', 'pdml'], true).row : undefined;
  judgeRatio(run('decode', 'wirebook json', main, [...wirebook, 'json', main.path]).row, ref, 5, 'tshark pdml');
  judgeRatio(run('decode', 'wirebook json --no-frames', main, [...wirebook, 'json', '--no-frames', main.path]).row, ref, 5, 'tshark pdml');
  outputFloor(ref);
}

/**
 * What writing `wirebook json`'s output costs with nothing decoded: the same number of bytes of
 * ready-made JSON through the same writer, Node and tsx start-up included. No decoder can be
 * faster than this, so it says how much of a ratio target the output size alone leaves.
 */
function outputFloor(ref: Row | undefined): void {
  const count = spawnSync('sh', ['-c', `"$0" "$1" json "$2" | wc -c`, node, join(repo, 'bin/wirebook.js'), main.path], { encoding: 'utf8', timeout: limit * 1000 });
  const bytes = Number(count.stdout.trim());
  if (count.status !== 0 || !Number.isFinite(bytes) || bytes <= 0) {
    notes.push(`decode floor: counting the json output failed (${lastStderrLine(count.stderr ?? '')})`);
    return;
  }
  const r = run('decode', `floor: write ${(bytes / 1e9).toFixed(2)} GB of JSON, decode nothing`, main, [...stage, 'write', String(bytes)]).row;
  if (r.ok && ref?.ok) r.note = `5x tshark pdml = ${(ref.seconds / 5).toFixed(2)} s; writing the output alone takes ${r.seconds.toFixed(2)} s`;
}

if (want('decrypt') || want('ssldump')) {
  if (!existsSync(keylog) || !existsSync(serverKey)) notes.push(`decrypt: ${keylog} or ${serverKey} missing: left out`);
}
const haveKeys = existsSync(keylog) && existsSync(serverKey);
if (want('decrypt') && haveKeys) {
  // Issue: decrypt + decode with the key log and the server's RSA key: >= 5x tshark.
  let ref: Row | undefined;
  if (tshark) {
    const rsaUat = (key: string): string => `uat:rsa_keys:"${key}",""`;
    // The RSA uat syntax differs between Wireshark versions: prove this one decrypts with the
    // server key alone (the RSA-key-exchange connections) before timing it.
    const small = join(repo, 'fixtures/bench');
    const check = spawnSync('tshark', ['-r', join(small, 'small.pcap'), '-o', rsaUat(join(small, 'server.key')), '-Y', 'http'], { encoding: 'utf8', timeout: 60_000 });
    const n = (check.stdout ?? '').split('\n').filter(Boolean).length;
    notes.push(
      n > 0
        ? `tshark's -o '${rsaUat('server.key')}' checked: it decrypts ${n} HTTP packets of fixtures/bench/small.pcap with the RSA key alone`
        : `tshark's -o '${rsaUat('server.key')}' decrypted nothing on fixtures/bench/small.pcap: its decrypt figure may be too fast`,
    );
    ref = run('decrypt', 'tshark -T pdml, keylog + RSA key uat', main, ['tshark', '-r', main.path, '-Y', 'tls', '-T', 'pdml', '-o', `tls.keylog_file:${keylog}`, '-o', rsaUat(serverKey)], true).row;
  }
  decryptRow = run('decrypt', 'wirebook json --keylog --key', main, [...wirebook, 'json', main.path, '--keylog', keylog, '--key', serverKey]).row;
  judgeRatio(decryptRow, ref, 5, 'tshark pdml+keys');
}
if (want('ssldump') && haveKeys && have('ssldump')) {
  const r = run('decrypt', 'ssldump -A -H -n -l keylog', main, ['ssldump', '-r', main.path, '-A', '-H', '-n', '-l', keylog], true).row;
  if (decryptRow?.ok && r.ok) decryptRow.note = `${ratioText(r.seconds / decryptRow.seconds)} ssldump -l`;
}

const per5000 = main.connections === 5000 ? ' (5,000 conns)' : '';
if (want('report')) {
  for (const ext of ['json', 'html']) {
    const r = run('report', `wirebook report -o report.${ext}`, main, [...wirebook, 'report', main.path, '-o', join(scratch, `report.${ext}`)]).row;
    judgeSeconds(r, 10, per5000);
  }
}
if (want('explain')) {
  judgeSeconds(run('explain', 'wirebook explain -o walk.html', main, [...wirebook, 'explain', main.path, '-o', join(scratch, 'walk.html')]).row, 30);
}
if (want('site')) {
  const out = join(scratch, 'site');
  const { row, t } = run('site', 'wirebook build --lessons lessons -o DIR', 'lessons/', [...wirebook, 'build', '--lessons', 'lessons', '-o', out]);
  judgeSeconds(row, 5);
  const built = /wirebook build: (.*?) in /.exec(t.stderr ?? '');
  if (row.ok && built) row.note = built[1];
}
if (want('pdf')) {
  // Issue: walkthrough PDF, browser already warm: < 0.5 s per page.
  const fixture = join(repo, 'fixtures/bench/small.pcap');
  const { row, t } = run('pdf', 'walkthrough PDF, warm browser (stage)', 'small.pcap', [...stage, 'pdf', fixture, String(pdfRenders)], false, {
    keepStdout: true,
    seconds: limit * 2,
    runs: 1, // the stage repeats its renders itself
  });
  try {
    const j = JSON.parse(t.stdout ?? '') as { pages: number; bestSeconds: number; secondsPerPage: number; launchSeconds: number; warmupSeconds: number };
    row.seconds = j.bestSeconds;
    judge(row, '< 0.5 s/page', j.secondsPerPage < 0.5, `${j.secondsPerPage.toFixed(3)} s/page`);
    row.note = `${j.pages} pages; launch ${j.launchSeconds.toFixed(1)} s, warm-up ${j.warmupSeconds.toFixed(1)} s; time = best render`;
  } catch {
    judge(row, '< 0.5 s/page', undefined);
  }
}
rmSync(scratch, { recursive: true, force: true });

// ---------------------------------------------------------------------------------------------
// The table

const fmt = (n: number | undefined, digits: number): string => (n === undefined || !Number.isFinite(n) ? '' : n.toFixed(digits));
const header = ['group', 'command', 'capture', 'time s', 'MB/s', 'frames/s', 'conns/s', 'peak MiB', 'target', 'result'];
const cells = rows.map((r) => {
  const result = !r.ok
    ? `FAILED: ${r.note ?? ''}`
    : r.reference
      ? 'reference'
      : r.pass === undefined
        ? `${r.value ?? ''}`
        : `${r.pass ? 'PASS' : 'MISS'} ${r.value ?? ''}`;
  const note = r.ok && r.note ? ` (${r.note})` : '';
  return [
    r.group,
    r.what,
    r.capture,
    r.ok ? fmt(r.seconds, 2) : '',
    fmt(r.mbPerSec, 1),
    fmt(r.framesPerSec, 0),
    fmt(r.connsPerSec, 0),
    fmt(r.peakMiB, 0),
    r.target ?? '',
    (result + note).trim(),
  ];
});
const numeric = new Set([3, 4, 5, 6, 7]);
const widths = header.map((h, i) => Math.max(h.length, ...cells.map((c) => c[i]!.length)));
const line = (c: string[]): string => `| ${c.map((s, i) => (numeric.has(i) ? s.padStart(widths[i]!) : s.padEnd(widths[i]!))).join(' | ')} |`;
const rule = `|${widths.map((w, i) => (numeric.has(i) ? `${'-'.repeat(w + 1)}:` : '-'.repeat(w + 2))).join('|')}|`;

// The CLI runs from the working tree: say when it differed from the commit.
const dirty = spawnSync('git', ['status', '--porcelain', '--', 'src', 'bin'], { cwd: repo, encoding: 'utf8' }).stdout.trim() !== '';
const commit = spawnSync('git', ['rev-parse', '--short', 'HEAD'], { cwd: repo, encoding: 'utf8' }).stdout.trim() + (dirty ? '+uncommitted src' : '');
const loadEnd = loadavg();
const out: string[] = [];
out.push(
  `wirebook bench ${started.toISOString().slice(0, 16).replace('T', ' ')} UTC, commit ${commit}, ${cpus().length} cores, ` +
    `load ${loadStart[0]!.toFixed(1)} -> ${loadEnd[0]!.toFixed(1)}; best of ${runs}, timeout ${limit} s`,
);
out.push(`main capture ${main.path}: ${main.mb.toFixed(1)} MB, ${main.frames} frames, ${main.connections} connections`);
out.push('');
out.push(line(header), rule, ...cells.map(line));
const passed = rows.filter((r) => r.pass === true).length;
const missed = rows.filter((r) => r.pass === false).length;
const failed = rows.filter((r) => !r.ok).length;
out.push('', `targets: ${passed} PASS, ${missed} MISS; ${failed} command${failed === 1 ? '' : 's'} FAILED`);
for (const n of notes) out.push(`note: ${n}`);
process.stdout.write(out.join('\n') + '\n');

if (values.json) {
  const tsharkVersion = tshark ? spawnSync('tshark', ['--version'], { encoding: 'utf8' }).stdout.split('\n')[0] : undefined;
  writeFileSync(
    values.json,
    JSON.stringify(
      {
        date: started.toISOString(),
        commit,
        machine: { cores: cpus().length, loadStart, loadEnd, node: process.version, tshark: tsharkVersion },
        dir,
        runs,
        timeoutSeconds: limit,
        captures: [medium, main].filter(Boolean),
        notes,
        rows,
        summary: { passed, missed, failed },
      },
      null,
      2,
    ) + '\n',
  );
}
