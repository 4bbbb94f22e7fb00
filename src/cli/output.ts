// Where streamed command output goes: standard output (waiting while it is full), a file created
// only when the first byte is written (an error before that leaves no file behind), or memory.
import { closeSync, openSync, rmSync, writeSync } from 'node:fs';

/** Takes output in order: text (written as UTF-8) or bytes. */
export interface Sink {
  write(chunk: string | Uint8Array): void | Promise<void>;
}

/**
 * Standard output; each write resolves once stdout can take more (a slow pipe holds the writer
 * back), and rejects when stdout fails (EPIPE: the reader went away): a write that waited for a
 * 'drain' that never comes would leave the command's cleanup undone.
 */
export function stdoutSink(out: NodeJS.WritableStream = process.stdout): Sink {
  return {
    write: (chunk) =>
      new Promise<void>((resolve, reject) => {
        if (out.write(chunk, (e) => e && reject(e))) return resolve();
        const drained = (): void => {
          out.off('error', failed);
          resolve();
        };
        const failed = (e: Error): void => {
          out.off('drain', drained);
          reject(e);
        };
        out.once('drain', drained);
        out.once('error', failed);
      }),
  };
}

/** Writes all of `bytes` to `fd` (writeSync may write less than it was given). */
export function writeAll(fd: number, bytes: Uint8Array): void {
  for (let done = 0; done < bytes.length; ) done += writeSync(fd, bytes, done, bytes.length - done);
}

/** A file written synchronously; `discard` removes what was written (a run that failed halfway). */
export class FileSink implements Sink {
  private fd: number | undefined;

  constructor(readonly path: string) {}

  write(chunk: string | Uint8Array): void {
    if (this.fd === undefined) this.fd = openSync(this.path, 'w');
    writeAll(this.fd, typeof chunk === 'string' ? Buffer.from(chunk, 'utf8') : chunk);
  }

  /** Closes the file, creating it empty when nothing was written (as writeFileSync would). */
  close(): void {
    if (this.fd === undefined) this.fd = openSync(this.path, 'w');
    closeSync(this.fd);
    this.fd = undefined;
  }

  /** Closes and removes the file if this sink created it. */
  discard(): void {
    if (this.fd === undefined) return;
    closeSync(this.fd);
    this.fd = undefined;
    rmSync(this.path, { force: true });
  }
}

/** Output kept in memory (a PDF is made from the whole page; tests compare pages). */
export class MemorySink implements Sink {
  private readonly chunks: Buffer[] = [];

  write(chunk: string | Uint8Array): void {
    this.chunks.push(typeof chunk === 'string' ? Buffer.from(chunk, 'utf8') : Buffer.from(chunk));
  }

  /** Everything written, as text. */
  text(): string {
    return Buffer.concat(this.chunks).toString('utf8');
  }
}
