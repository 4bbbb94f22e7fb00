// Runs the real command line (bin/wirebook.js) in a child process, as a user would.
import { spawnSync } from 'node:child_process';

/** What one run printed, and its exit code. */
export interface Run {
  status: number | null;
  stdout: string;
  stderr: string;
}

/** `wirebook ARGS...` from the repository root, with `input` on standard input and `env` when given. */
export function wirebook(args: string[], input?: Uint8Array, env?: NodeJS.ProcessEnv): Run {
  const r = spawnSync(process.execPath, ['bin/wirebook.js', ...args], { input, env, encoding: 'utf8', timeout: 120_000, maxBuffer: 64 * 1024 * 1024 });
  return { status: r.status, stdout: r.stdout, stderr: r.stderr };
}
