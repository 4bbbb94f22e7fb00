// Measuring one command for the bench: its own process under /usr/bin/time (wall time, peak RSS)
// and `timeout`, so a slow or crashing command shows as FAILED with the reason instead of
// hanging or killing the bench.
import { spawnSync } from 'node:child_process';

/** Wall time, peak RSS and outcome of one measured command. */
export interface Timing {
  seconds: number;
  peakMiB: number;
  ok: boolean;
  /** Why it failed: the last meaningful stderr line, a timeout, a kill. */
  note?: string;
  stdout?: string;
  stderr?: string;
}

/** The line of stderr that says what went wrong (not Node's version line nor a stack frame). */
export function lastStderrLine(stderr: string): string {
  if (/heap out of memory/i.test(stderr)) return 'JavaScript heap out of memory';
  const lines = stderr
    .split('\n')
    .map((l) => l.trim())
    .filter(
      (l) =>
        l !== '' &&
        !l.startsWith('WBTIME') &&
        !/^Command (exited|terminated)/.test(l) &&
        !/^Running as user "root"/.test(l) &&
        !/^Node\.js v\d/.test(l) &&
        !/^at /.test(l) &&
        !/^[{}^\]]+$/.test(l),
    );
  const error = lines.filter((l) => /^(\w*Error|Error)\b/.test(l)).pop();
  const line = error ?? lines.pop() ?? '(no stderr)';
  return line.length > 160 ? `${line.slice(0, 157)}...` : line;
}

function measureOnce(argv: string[], cwd: string, seconds: number, keepStdout: boolean): Timing {
  const r = spawnSync('/usr/bin/time', ['-f', 'WBTIME %e %M', 'timeout', '-k', '10', String(seconds), ...argv], {
    cwd,
    encoding: 'utf8',
    stdio: ['ignore', keepStdout ? 'pipe' : 'ignore', 'pipe'],
    maxBuffer: 256 * 1024 * 1024,
    timeout: (seconds + 60) * 1000,
    killSignal: 'SIGKILL',
  });
  const stderr = r.stderr ?? '';
  const m = /WBTIME ([\d.]+) (\d+)/.exec(stderr);
  const t: Timing = {
    seconds: m ? Number(m[1]) : NaN,
    peakMiB: m ? Number(m[2]) / 1024 : NaN,
    ok: r.error === undefined && r.status === 0 && m !== null,
    stderr,
  };
  if (keepStdout) t.stdout = r.stdout ?? '';
  if (!t.ok) {
    if (r.error) t.note = `bench could not run it: ${r.error.message}`;
    else if (r.status === 124) t.note = `timed out after ${seconds} s`;
    // 128 + SIGKILL: how time and timeout report a child killed by signal 9 (the OOM killer, timeout -k).
    else if (r.status === 128 + 9) t.note = `killed (SIGKILL, out of memory?): ${lastStderrLine(stderr)}`;
    else if (r.status === 127) t.note = `command not found: ${argv[0]}`;
    else t.note = `exit ${r.status ?? r.signal}: ${lastStderrLine(stderr)}`;
  }
  return t;
}

/** How to measure: keep stdout, per-pass timeout, passes. */
export interface MeasureOptions {
  /** Working directory of the command. */
  cwd: string;
  keepStdout?: boolean;
  /** Timeout for one pass, seconds. */
  seconds: number;
  /** Passes; the best wall time is kept. */
  runs: number;
}

/** Best wall time of `runs` passes under /usr/bin/time and `timeout`; a failed pass is not repeated. */
export function measure(argv: string[], opts: MeasureOptions): Timing {
  let best: Timing | undefined;
  for (let i = 0; i < opts.runs; i++) {
    const t = measureOnce(argv, opts.cwd, opts.seconds, opts.keepStdout ?? false);
    if (!t.ok) return best ?? t;
    if (!best || t.seconds < best.seconds) best = t;
  }
  return best!;
}
