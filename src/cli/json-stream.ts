// `wirebook json` on a capture file, streamed: the JSON text is written as frames are read and as
// connections are decoded, so neither the capture nor the output is ever held whole (issue #3).
// The text is byte-identical to JSON.stringify(captureToJson(decodeCapture(file))).
import { ChunkedWriter } from './output.ts';
import { forEachConnection, forEachFrameBatch, scanCaptureFile, surveyCaptureFile } from '../decode-stream.ts';
import type { DecodeOptions } from '../decode.ts';
import { decodeFrameHeaders } from '../link/decode.ts';
import type { DecodedConnection } from '../model/decoded.ts';
import { decodedFrame } from '../frame-fields.ts';
import type { Connection } from '../tcp/types.ts';
import { captureHeadToJson, connectionToJson, frameToJson, type JsonOptions } from '../model/serialize.ts';
import { tlsCoverage } from '../tls/coverage.ts';

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
        const text = JSON.stringify(frameToJson(decodedFrame(frame, decodeFrameHeaders(frame).fields)));
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
  const { secrets } = await surveyCaptureFile(path);
  const lines: object[] = [];
  await forEachConnection(path, decode, secrets, (c) => {
    lines.push(coverageLine(c.raw, c.decoded));
  });
  const w = new ChunkedWriter();
  await w.write(JSON.stringify({ connections: lines }, null, 2) + '\n');
  await w.flush();
}
