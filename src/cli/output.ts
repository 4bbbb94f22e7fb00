// Where command output goes: standard output in large pieces (waiting while it is full), a file
// created only when the first byte is written (an error before that leaves no file behind), or memory.
import { closeSync, openSync, rmSync, writeSync } from 'node:fs';

/** Takes output in order: text (written as UTF-8) or bytes, which it has copied or written by the time `write` returns (the caller may reuse them). */
export interface Sink {
  write(chunk: string | Uint8Array): void | Promise<void>;
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

/**
 * Standard output (or another stream): collects output and hands it on in large pieces, waiting
 * whenever the stream is full; `flush` at the end. Writing throws (or rejects) when stdout fails,
 * EPIPE when the reader went away, so a command's cleanup still runs.
 * Text is encoded straight into a buffer as it comes: joining the pieces into one string first
 * and encoding that cost more than producing a gigabyte of JSON did (docs/bench.md). Standard
 * output on Linux is written synchronously anyway (Node's docs, "A note on process I/O"), so
 * there the buffer is written with writeSync and reused: a fresh megabyte per piece costs a
 * page fault per 4 KB written.
 */
export class ChunkedWriter implements Sink {
  private buf: Buffer;
  private used = 0;
  /** The descriptor written synchronously, when the stream is this process's stdout on Linux. */
  private fd: number | undefined;

  constructor(
    private readonly out: NodeJS.WritableStream = process.stdout,
    private readonly limit = 1 << 20,
  ) {
    this.buf = Buffer.allocUnsafe(limit);
    if (out === process.stdout && process.platform === 'linux' && process.stdout.writableLength === 0) this.fd = process.stdout.fd;
  }

  /** Adds text (as UTF-8) or bytes; returns a promise only when the output is full: wait for it before writing more. */
  write(chunk: string | Uint8Array): Promise<void> | undefined {
    // UTF-8 takes at most 3 bytes per UTF-16 unit: check room without measuring the text.
    const room = typeof chunk === 'string' ? chunk.length * 3 : chunk.length;
    if (this.used + room <= this.limit) {
      this.used += typeof chunk === 'string' ? this.buf.write(chunk, this.used, 'utf8') : (this.buf.set(chunk, this.used), chunk.length);
      return undefined;
    }
    const wait = this.send();
    if (room > this.limit) {
      // A copy: the caller may reuse its bytes, and a stream may hold them until written.
      const bytes = typeof chunk === 'string' ? Buffer.from(chunk, 'utf8') : Buffer.from(chunk);
      return wait ? wait.then(() => this.sendBytes(bytes)) : this.sendBytes(bytes);
    }
    this.used = typeof chunk === 'string' ? this.buf.write(chunk, 0, 'utf8') : (this.buf.set(chunk, 0), chunk.length);
    return wait;
  }

  /** Sends what is collected and resolves once the stream can take more. */
  flush(): Promise<void> {
    return this.send() ?? Promise.resolve();
  }

  /** Hands the filled part of the buffer on. */
  private send(): Promise<void> | undefined {
    if (this.used === 0) return undefined;
    const full = this.buf.subarray(0, this.used);
    this.used = 0;
    if (this.fd !== undefined) return this.writeAll(full);
    // The stream keeps the bytes until written: later text goes to another buffer.
    this.buf = Buffer.allocUnsafe(this.limit);
    return this.sendBytes(full);
  }

  /**
   * Writes synchronously. A pipe is non-blocking (libuv makes it so): when it is full, the rest
   * goes through the stream, and the returned promise waits until it is written, after which
   * synchronous writes can go on without overtaking it.
   */
  private writeAll(bytes: Buffer): Promise<void> | undefined {
    let at = 0;
    try {
      while (at < bytes.length) at += writeSync(this.fd!, bytes, at, bytes.length - at);
      return undefined;
    } catch (e) {
      if ((e as NodeJS.ErrnoException).code !== 'EAGAIN') throw e;
    }
    const rest = Buffer.from(bytes.subarray(at));
    return new Promise((resolve, reject) => {
      this.out.write(rest, (e) => (e ? reject(e) : resolve()));
    });
  }

  private sendBytes(bytes: Buffer): Promise<void> | undefined {
    if (this.fd !== undefined) return this.writeAll(bytes);
    if (this.out.write(bytes)) return undefined;
    return new Promise((resolve) => this.out.once('drain', resolve));
  }
}

/** Writes a whole text to stdout and waits until it is flushed (what the in-memory paths print). */
export async function writeOut(text: string): Promise<void> {
  const w = new ChunkedWriter();
  await w.write(text);
  await w.flush();
}
