import { readFileSync } from 'node:fs';
import { InputError } from './args.ts';

/** Reads a capture file, or standard input for `-`; unreadable input is an InputError (exit 3). */
export function readInput(path: string): Uint8Array {
  try {
    return path === '-' ? readFileSync(0) : readFileSync(path);
  } catch (e) {
    const err = e as NodeJS.ErrnoException;
    const what = path === '-' ? 'standard input' : `'${path}'`;
    throw new InputError(`cannot read ${what}: ${err.code === 'ENOENT' ? 'no such file' : err.code === 'EISDIR' ? 'is a directory' : err.message}`);
  }
}

/** Reads a small text file given on the command line (key log, key), as an InputError when missing. */
export function readTextFile(path: string, what: string): string {
  try {
    return readFileSync(path, 'utf8');
  } catch (e) {
    throw new InputError(`cannot read ${what} '${path}': ${(e as NodeJS.ErrnoException).code ?? (e as Error).message}`);
  }
}

/** Reads a binary file given on the command line (DER key, CA certificates), as an InputError when missing. */
export function readBinaryFile(path: string, what: string): Uint8Array {
  try {
    return new Uint8Array(readFileSync(path));
  } catch (e) {
    throw new InputError(`cannot read ${what} '${path}': ${(e as NodeJS.ErrnoException).code ?? (e as Error).message}`);
  }
}
