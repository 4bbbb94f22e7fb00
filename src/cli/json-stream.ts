// `wirebook json` on a capture file, streamed: the JSON text is written as frames are read and as
// connections are decoded, so neither the capture nor the output is ever held whole (issue #3).
// The text is byte-identical to JSON.stringify(captureToJson(decodeCapture(file))).
import { forEachConnection, forEachFrameBatch, scanCaptureFile } from '../decode-stream.ts';
import type { DecodeOptions } from '../decode.ts';
import { decodeFrameHeaders } from '../link/decode.ts';
import type { DecodedConnection, DecodedFrame } from '../model/decoded.ts';
import type { Connection } from '../tcp/types.ts';
import { captureHeadToJson, connectionToJson, frameToJson, type JsonOptions } from '../model/serialize.ts';
import { tlsCoverage } from '../tls/coverage.ts';

/** Collects output text and hands it to stdout in large pieces, waiting whenever stdout is full. */
export class ChunkedWriter {
  private parts: string[] = [];
  private size = 0;

  constructor(
    private readonly out: NodeJS.WritableStream = process.stdout,
    private readonly limit = 1 << 20,
  ) {}

  /** Adds text; returns a promise only when a piece was sent and the stream asked to wait. */
  write(text: string): Promise<void> | undefined {
    this.parts.push(text);
    this.size += text.length;
    return this.size >= this.limit ? this.flush() : undefined;
  }

  /** Sends what is collected and resolves once the stream can take more. */
  flush(): Promise<void> {
    const text = this.parts.join('');
    this.parts = [];
    this.size = 0;
    return new Promise((resolve, reject) => {
      const more = this.out.write(text, (e) => {
        if (e) reject(e);
      });
      if (more) resolve();
      else this.out.once('drain', resolve);
    });
  }
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
    const text = JSON.stringify(connectionToJson(c.decoded, opts));
    const wait = w.write(first ? text : ',' + text);
    if (wait) await wait;
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
