import { accessSync, constants, readFileSync, statSync } from 'node:fs';
import type { CaptureProblem } from '../capture/frame.ts';
import { InputError } from './args.ts';

/** The InputError (exit 3) for a capture that cannot be read. */
function unreadable(path: string, e: unknown): InputError {
  const err = e as NodeJS.ErrnoException;
  const what = path === '-' ? 'standard input' : `'${path}'`;
  return new InputError(`cannot read ${what}: ${err.code === 'ENOENT' ? 'no such file' : err.code === 'EISDIR' ? 'is a directory' : err.message}`);
}

/** Reads a capture file, or standard input for `-`; unreadable input is an InputError (exit 3). */
export function readInput(path: string): Uint8Array {
  try {
    return path === '-' ? readFileSync(0) : readFileSync(path);
  } catch (e) {
    throw unreadable(path, e);
  }
}

/** Fails as readInput would (InputError, exit 3) when a capture file cannot be read, without reading it. */
export function checkReadable(path: string): void {
  try {
    accessSync(path, constants.R_OK);
    if (statSync(path).isDirectory()) throw Object.assign(new Error('is a directory'), { code: 'EISDIR' });
  } catch (e) {
    throw unreadable(path, e);
  }
}

/** Reads a file given on the command line (key log, key, CA certificates), as an InputError when missing; as text with 'utf8'. */
export function readFileArg(path: string, what: string): Uint8Array;
export function readFileArg(path: string, what: string, encoding: 'utf8'): string;
export function readFileArg(path: string, what: string, encoding?: 'utf8'): Uint8Array | string {
  try {
    return encoding ? readFileSync(path, encoding) : new Uint8Array(readFileSync(path));
  } catch (e) {
    throw new InputError(`cannot read ${what} '${path}': ${(e as NodeJS.ErrnoException).code ?? (e as Error).message}`);
  }
}

/** At most this many capture problems are printed as warnings; the rest are counted. */
const WARNINGS_SHOWN = 5;

/**
 * Says on stderr what could not be read in the capture (a file cut short, a bad block): commands
 * whose output has no place for it (summary, dump) would otherwise leave it unsaid.
 */
export function warnCaptureProblems(command: string, problems: readonly CaptureProblem[], err: NodeJS.WritableStream = process.stderr): void {
  for (const p of problems.slice(0, WARNINGS_SHOWN)) err.write(`wirebook ${command}: warning: ${p.message}\n`);
  if (problems.length > WARNINGS_SHOWN) err.write(`wirebook ${command}: warning: ${problems.length - WARNINGS_SHOWN} more capture problems (wirebook json lists them all)\n`);
}
