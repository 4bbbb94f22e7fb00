// `npm run bench [-- --only read,decode] [--dir ../shared/bench]`: wirebook beside tshark/tcpdump on
// the same real captures in the same run. Every command runs as its own process under
// /usr/bin/time, so wall time and peak memory are measured the same way for us and for them.
// The machine is shared and noisy: compare ratios within one run, best of `--runs` passes.
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { parseArgs } from 'node:util';

interface Timing {
  seconds: number;
  maxRssMiB: number;
  ok: boolean;
  note?: string;
}

const { values } = parseArgs({
  options: {
    dir: { type: 'string', default: '../shared/bench' },
    only: { type: 'string' },
    runs: { type: 'string', default: '2' },
  },
});
const dir = resolve(values.dir!);
const runs = Math.max(1, Number(values.runs));
const only = values.only ? new Set(values.only.split(',')) : undefined;
const wirebook = [process.execPath, resolve('bin/wirebook.js')];
const stage = [process.execPath, '--import', 'tsx', resolve('bench/stage.ts')];

function have(tool: string): boolean {
  return spawnSync('sh', ['-c', `command -v ${tool}`]).status === 0;
}

/** Runs argv (stdout to /dev/null) under /usr/bin/time; best wall time of `runs` passes. */
function measure(argv: string[], env: NodeJS.ProcessEnv = {}): Timing {
  let best: Timing | undefined;
  for (let i = 0; i < runs; i++) {
    const r = spawnSync('/usr/bin/time', ['-f', 'WBTIME %e %M', ...argv], {
      encoding: 'utf8',
      env: { ...process.env, ...env },
      stdio: ['ignore', 'ignore', 'pipe'],
      maxBuffer: 64 * 1024 * 1024,
    });
    const m = /WBTIME ([\d.]+) (\d+)/.exec(r.stderr);
    const t: Timing = m
      ? { seconds: Number(m[1]), maxRssMiB: Number(m[2]) / 1024, ok: r.status === 0 }
      : { seconds: NaN, maxRssMiB: NaN, ok: false, note: r.stderr.slice(0, 200) };
    if (!t.ok) t.note = r.stderr.replace(/WBTIME.*\n?/, '').trim().split('\n').slice(-2).join(' ');
    if (!best || (t.ok && t.seconds < best.seconds)) best = t;
  }
  return best!;
}

interface Row {
  group: string;
  what: string;
  file: string;
  t: Timing;
  mb: number;
  units?: { count: number; name: string };
}

const rows: Row[] = [];
function row(group: string, what: string, file: string, t: Timing, units?: { count: number; name: string }): void {
  const mb = statSync(file).size / 1e6;
  const r: Row = { group, what, file, t, mb };
  if (units) r.units = units;
  rows.push(r);
  const rate = t.ok ? `${(mb / t.seconds).toFixed(1).padStart(7)} MB/s` : '     failed';
  const u = units && t.ok ? `  ${(units.count / t.seconds).toFixed(0).padStart(7)} ${units.name}/s` : '';
  process.stdout.write(
    `${group.padEnd(8)} ${what.padEnd(52)} ${file.split('/').pop()!.padEnd(11)} ${t.seconds.toFixed(2).padStart(7)} s ${rate}${u}  peak ${t.maxRssMiB.toFixed(0).padStart(5)} MiB${t.note ? `  (${t.note})` : ''}\n`,
  );
}

function counts(file: string): { frames: number; connections: number } {
  const r = spawnSync(stage[0]!, [...stage.slice(1), 'counts', file], { encoding: 'utf8' });
  return JSON.parse(r.stdout) as { frames: number; connections: number };
}

const caps = ['small', 'medium', 'big'].map((n) => join(dir, `${n}.pcap`)).filter(existsSync);
if (caps.length === 0) {
  console.error(`bench: no captures in ${dir} (expected small.pcap, medium.pcap, big.pcap; see --dir)`);
  process.exit(2);
}
const big = caps[caps.length - 1]!;
const keylog = big.replace(/\.pcap$/, '.keylog');
const serverKey = join(dir, 'server.key');
const bigCounts = counts(big);
console.log(`bench: ${big}: ${(statSync(big).size / 1e6).toFixed(1)} MB, ${bigCounts.frames} frames, ${bigCounts.connections} connections; best of ${runs}`);

const want = (name: string): boolean => !only || only.has(name);

if (want('read')) {
  // Issue #2: read + reassembly, and memory as the capture grows.
  for (const f of caps) row('read', 'wirebook read + TCP reassembly (streamed)', f, measure([...stage, 'reassemble', f]), { count: counts(f).frames, name: 'frames' });
  if (have('tshark')) row('read', 'tshark -T fields -e tcp.stream', big, measure(['tshark', '-r', big, '-T', 'fields', '-e', 'tcp.stream']), { count: bigCounts.frames, name: 'frames' });
  if (have('tcpdump')) row('read', 'tcpdump -r -nn', big, measure(['tcpdump', '-r', big, '-nn']), { count: bigCounts.frames, name: 'frames' });
}
if (want('decode')) {
  // Issue #3: every field with its position, to /dev/null.
  row('decode', 'wirebook json --no-frames', big, measure([...wirebook, 'json', '--no-frames', big]), { count: bigCounts.connections, name: 'conns' });
  row('decode', 'wirebook json (with frame headers)', big, measure([...wirebook, 'json', big]), { count: bigCounts.connections, name: 'conns' });
  if (have('tshark')) row('decode', 'tshark -Y tls -T pdml', big, measure(['tshark', '-r', big, '-Y', 'tls', '-T', 'pdml']), { count: bigCounts.connections, name: 'conns' });
}
if (want('decrypt') && existsSync(keylog)) {
  // Issue #4: decrypt + decode with the key log and the server key.
  row('decrypt', 'wirebook json --keylog --key', big, measure([...wirebook, 'json', '--no-frames', '--keylog', keylog, '--key', serverKey, big]), { count: bigCounts.connections, name: 'conns' });
  if (have('tshark'))
    row('decrypt', 'tshark -T pdml with keylog + RSA key', big, measure(['tshark', '-r', big, '-Y', 'tls', '-T', 'pdml', '-o', `tls.keylog_file:${keylog}`, '-o', `uat:rsa_keys:"${serverKey}",""`]), { count: bigCounts.connections, name: 'conns' });
}
if (want('explain')) {
  const out = mkdtempSync(join(tmpdir(), 'wb-bench-'));
  row('render', 'wirebook explain -o walk.html', big, measure([...wirebook, 'explain', big, '-o', join(out, 'walk.html')]), { count: bigCounts.connections, name: 'conns' });
  row('render', 'wirebook report -o report.json', big, measure([...wirebook, 'report', big, '-o', join(out, 'report.json')]), { count: bigCounts.connections, name: 'conns' });
}
if (want('site')) {
  const out = mkdtempSync(join(tmpdir(), 'wb-site-'));
  const t = measure([...wirebook, 'build', '--lessons', 'lessons', '-o', out]);
  console.log(`site     wirebook build (lessons -> site)                     ${t.seconds.toFixed(2)} s  peak ${t.maxRssMiB.toFixed(0)} MiB${t.ok ? '' : `  failed: ${t.note}`}`);
  const pdf = spawnSync(stage[0]!, [...stage.slice(1), 'pdf-per-page', out], { encoding: 'utf8' });
  process.stdout.write(pdf.stdout || pdf.stderr);
}
