// `wirebook json` on a capture file, streamed: the JSON text is written as frames are read and as
// connections are decoded, so neither the capture nor the output is ever held whole (issue #3).
// The text is byte-identical to JSON.stringify(captureToJson(decodeCapture(file))).
import { writeSync } from 'node:fs';
import { forEachConnection, forEachFrameBatch, scanCaptureFile } from '../decode-stream.ts';
import type { DecodeOptions } from '../decode.ts';
import { decodeFrameHeaders } from '../link/decode.ts';
import type { DecodedConnection, DecodedFrame } from '../model/decoded.ts';
import type { Connection } from '../tcp/types.ts';
import { captureHeadToJson, connectionToJson, frameToJson, type JsonOptions } from '../model/serialize.ts';
import { tlsCoverage } from '../tls/coverage.ts';

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

/**
 * One connection's JSON text, in pieces that join to JSON.stringify(connectionToJson(c, opts)):
 * each record's fields are one piece. A connection with decrypted data is hundreds of kilobytes
 * of text; made as one string, each lands in V8's large-object space, and 5,000 of those made
 * the garbage collector the slowest part of `wirebook json --keylog` on big.pcap.
 */
export function* connectionJsonParts(c: DecodedConnection, opts: JsonOptions): Generator<string> {
  const whole = connectionToJson(c, opts);
  const before: Record<string, unknown> = {};
  const after: Record<string, unknown> = {};
  let seen = false;
  // `fields` keeps its place among the keys (connectionToJson's order; `id` always comes first).
  for (const [key, value] of Object.entries(whole)) {
    if (key === 'fields') seen = true;
    else (seen ? after : before)[key] = value;
  }
  yield `${JSON.stringify(before).slice(0, -1)},"fields":[`;
  const list = whole.fields as unknown[];
  for (let i = 0; i < list.length; i++) yield (i > 0 ? ',' : '') + JSON.stringify(list[i]);
  const tail = JSON.stringify(after);
  yield tail === '{}' ? ']}' : `],${tail.slice(1)}`;
}

/** Streams `wirebook json CAPTURE` (a file, not stdin) to stdout. */
export async function streamJson(path: string, decode: DecodeOptions, opts: JsonOptions): Promise<void> {
  const scan = await scanCaptureFile(path);
  const w = new ChunkedWriter();
  const head = JSON.stringify(captureHeadToJson({ input: { format: scan.format, frames: scan.frames, bytes: scan.bytes, sha256: scan.sha256 }, problems: scan.problems }));
  await w.write(head.slice(0, -1));
  if (opts.frames ?? true) {
    await w.write(',"frames":[');
    let first = true;
    await forEachFrameBatch(path, async (batch) => {
      for (const frame of batch) {
        const f: DecodedFrame = { number: frame.number, timeNs: frame.timeNs, origLength: frame.origLength, data: frame.data, fields: decodeFrameHeaders(frame).fields };
        if (frame.line !== undefined) f.line = frame.line;
        const text = JSON.stringify(frameToJson(f));
        const wait = w.write(first ? text : ',' + text);
        if (wait) await wait;
        first = false;
      }
    });
    await w.write(']');
  }
  await w.write(',"connections":[');
  let first = true;
  await forEachConnection(path, decode, scan.secrets, async (c) => {
    if (!first) {
      const wait = w.write(',');
      if (wait) await wait;
    }
    for (const text of connectionJsonParts(c.decoded, opts)) {
      const wait = w.write(text);
      if (wait) await wait;
    }
    first = false;
  });
  await w.write(']}\n');
  await w.flush();
}

/** One connection's line of `wirebook json --stats`: TLS stream bytes and how many leaf fields cover. */
export function coverageLine(raw: Connection, decoded: DecodedConnection): object {
  const cov = tlsCoverage(raw, decoded);
  const pct = cov.streamBytes === 0 ? 100 : (100 * cov.coveredBytes) / cov.streamBytes;
  return { id: decoded.id, client: decoded.client, server: decoded.server, streamBytes: cov.streamBytes, coveredBytes: cov.coveredBytes, coverage: Number(pct.toFixed(3)) };
}

/** Streams `wirebook json --stats CAPTURE`: coverage figures per connection. */
export async function streamJsonStats(path: string, decode: DecodeOptions): Promise<void> {
  // Only the embedded secrets are needed before decoding (a pcapng may hold them anywhere): no hash.
  const { secrets } = await forEachFrameBatch(path, () => undefined);
  const lines: object[] = [];
  await forEachConnection(path, decode, secrets, (c) => {
    lines.push(coverageLine(c.raw, c.decoded));
  });
  const w = new ChunkedWriter();
  await w.write(JSON.stringify({ connections: lines }, null, 2) + '\n');
  await w.flush();
}
