// Output text in large pieces: what `wirebook json` and `summary` write through.
import { writeSync } from 'node:fs';

/**
 * Collects output text and hands it to stdout in large pieces, waiting whenever stdout is full.
 * Text is encoded straight into a buffer as it comes: joining the pieces into one string first
 * and encoding that cost more than producing a gigabyte of JSON did (docs/bench.md). Standard
 * output on Linux is written synchronously anyway (Node's docs, "A note on process I/O"), so
 * there the buffer is written with writeSync and reused: a fresh megabyte per piece costs a
 * page fault per 4 KB written.
 */
export class ChunkedWriter {
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

  /** Adds text; returns a promise only when the output is full: wait for it before writing more. */
  write(text: string): Promise<void> | undefined {
    // UTF-8 takes at most 3 bytes per UTF-16 unit: check room without measuring the text.
    if (this.used + text.length * 3 <= this.limit) {
      this.used += this.buf.write(text, this.used, 'utf8');
      return undefined;
    }
    const wait = this.send();
    if (text.length * 3 > this.limit) {
      const bytes = Buffer.from(text, 'utf8');
      return wait ? wait.then(() => this.sendBytes(bytes)) : this.sendBytes(bytes);
    }
    this.used = this.buf.write(text, 0, 'utf8');
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
