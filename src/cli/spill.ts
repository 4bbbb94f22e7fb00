// Output that must wait for what comes before it: a walkthrough's sections are rendered as
// connections are decoded, but the page's index above them is complete only after the last one.
// Up to `limit` bytes (16 MB) wait in memory, past that in a temp file: a 300 MB page of 5,000
// connections costs 16 MB of memory, and a page of one connection never touches the disk.
import { randomBytes } from 'node:crypto';
import { closeSync, openSync, readSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { writeAll, type Sink } from './output.ts';

const READ = 1 << 20;
/** Signals that would end the process with the temp file left behind. */
const SIGNALS: readonly NodeJS.Signals[] = ['SIGINT', 'SIGTERM', 'SIGHUP'];

/** Where held output waits: a folder for the temp file, and how many bytes stay in memory first. */
export interface SpillOptions {
  spillDir: string;
  spillLimit?: number;
}

/** Text held until `copyTo`, in memory up to `limit` bytes, then in a temp file in `dir`. */
export class SpillBuffer implements Sink {
  private parts: Buffer[] = [];
  private size = 0;
  private fd: number | undefined;
  private path: string | undefined;

  constructor(
    private readonly dir: string,
    private readonly limit = 16 << 20,
  ) {}

  private readonly atExit = (): void => this.dispose();

  /**
   * Ctrl-C or a kill while the temp file exists: remove it, then end as the signal would have
   * (128 + its number). Listening for a signal replaces Node's default of dying at once.
   */
  private readonly onSignal = (signal: NodeJS.Signals): void => {
    this.dispose();
    process.exit(128 + (signal === 'SIGINT' ? 2 : signal === 'SIGHUP' ? 1 : 15));
  };

  /** Whether the text went to a temp file (tests ask). */
  get spilled(): boolean {
    return this.path !== undefined;
  }

  /** Adds text (as UTF-8) or bytes (copied) after what was written before. */
  write(chunk: string | Uint8Array): void {
    const bytes = typeof chunk === 'string' ? Buffer.from(chunk, 'utf8') : Buffer.from(chunk);
    this.parts.push(bytes);
    this.size += bytes.length;
    if (this.size >= this.limit) this.spill();
  }

  /** Writes everything held, in order, to `out`: the temp file in 1 MB pieces, then what is in memory. */
  async copyTo(out: Sink): Promise<void> {
    if (this.fd !== undefined) {
      const buf = Buffer.allocUnsafe(READ);
      for (let at = 0; ; ) {
        const n = readSync(this.fd, buf, 0, READ, at);
        if (n === 0) break;
        at += n;
        // Sinks copy or write what they are given (Sink), so the buffer is reused for the next read.
        await out.write(buf.subarray(0, n));
      }
    }
    for (const part of this.parts) await out.write(part);
  }

  /** Closes and removes the temp file, if any (on success and on error alike; safe twice). */
  dispose(): void {
    process.off('exit', this.atExit);
    for (const signal of SIGNALS) process.off(signal, this.onSignal);
    if (this.fd !== undefined) closeSync(this.fd);
    if (this.path !== undefined) rmSync(this.path, { force: true });
    this.fd = undefined;
    this.path = undefined;
    this.parts = [];
    this.size = 0;
  }

  private spill(): void {
    if (this.fd === undefined) {
      // Hidden, unique, readable by the owner only: the page may hold decrypted data.
      this.path = join(this.dir, `.wirebook-${process.pid}-${randomBytes(6).toString('hex')}.tmp`);
      this.fd = openSync(this.path, 'wx+', 0o600);
      // Should the process end with the buffer still in use (a promise that never settles), the file still goes.
      process.once('exit', this.atExit);
      for (const signal of SIGNALS) process.once(signal, this.onSignal);
    }
    writeAll(this.fd, this.parts.length === 1 ? this.parts[0]! : Buffer.concat(this.parts));
    this.parts = [];
    this.size = 0;
  }
}
