// Streaming decode of a capture file for outputs that are written as they are produced (`wirebook
// json`): memory stays flat as captures grow, because frames are never kept and each connection
// is decoded once TCP has closed it, handed on, and dropped.
import { createHash } from 'node:crypto';
import { setImmediate } from 'node:timers/promises';
import { type CaptureFormat, type CaptureProblem, type EmbeddedSecret, type Frame } from './capture/frame.ts';
import { openCapture } from './capture/read.ts';
import { decodeOneConnection, decrypterFactory, type DecodeOptions } from './decode.ts';
import type { DecodedConnection } from './model/decoded.ts';
import { Reassembler } from './tcp/reassemble.ts';
import type { Connection } from './tcp/types.ts';
import type { TlsConnectionDecode } from './tls/connection.ts';

/** What a first, cheap pass over a capture file learns: the JSON `input` object, the problems and the embedded secrets. */
export interface CaptureScan {
  format: CaptureFormat;
  frames: number;
  bytes: number;
  sha256: string;
  problems: CaptureProblem[];
  secrets: EmbeddedSecret[];
}

/** What reading every frame of a capture learns besides the frames. */
export interface FrameBatchesRead {
  frames: number;
  format: CaptureFormat;
  problems: CaptureProblem[];
  secrets: EmbeddedSecret[];
}

/**
 * What a callback of forEachFrameBatch or forEachConnection returns to end the read there: the
 * rest of the file is not read (a page of connection 5 need not decode the 4,995 after it).
 */
export const STOP: unique symbol = Symbol('stop reading');

/** What the callbacks of a streamed read return: nothing, or STOP. */
export type Step = void | typeof STOP;

/**
 * Calls `each` for every batch of frames of the file (frames are views: do not keep their bytes)
 * until it returns STOP; `onChunk` sees every byte of the file as it is read (see OpenCaptureOptions).
 * After a STOP, what it returns covers the frames read until then.
 */
export async function forEachFrameBatch(path: string, each: (batch: Frame[]) => Step | Promise<Step>, onChunk?: (chunk: Uint8Array) => void): Promise<FrameBatchesRead> {
  const stream = await openCapture(path, onChunk ? { onChunk } : {});
  let frames = 0;
  for await (const batch of stream.batches()) {
    frames += batch.length;
    // Leaving the loop closes the file (the batches generator's finally).
    if ((await each(batch)) === STOP) break;
  }
  return { frames, format: stream.format, problems: stream.problems, secrets: stream.secrets };
}

/**
 * A first pass without the hash: frames, format, problems and embedded secrets (a pcapng may hold
 * its Decryption Secrets Blocks anywhere, and every connection needs them before it is decoded).
 */
export function surveyCaptureFile(path: string): Promise<FrameBatchesRead> {
  return forEachFrameBatch(path, () => undefined);
}

/**
 * The first pass: counts frames and collects problems and embedded secrets without decoding
 * anything, and hashes the bytes as that same read goes (the file is read once). Throws
 * CaptureError when nothing can be read (as readCaptureBytes).
 */
export async function scanCaptureFile(path: string): Promise<CaptureScan> {
  const hash = createHash('sha256');
  let bytes = 0;
  const read = await forEachFrameBatch(path, () => undefined, (chunk) => {
    hash.update(chunk);
    bytes += chunk.length;
  });
  return { format: read.format, frames: read.frames, bytes, sha256: hash.digest('hex'), problems: read.problems, secrets: read.secrets };
}

/** How long a run of decoding may hold the event loop before it lets signals and I/O in. */
const TURN_MS = 50;

/** One decoded connection with the TLS decoder's view and its reassembled streams. */
export interface StreamedConnection {
  decoded: DecodedConnection;
  tls: TlsConnectionDecode;
  raw: Connection;
}

/**
 * Reassembles the file's TCP connections and decodes each as soon as it is closed, in the order of
 * their ids (a connection that closes early waits, undecoded, for the ones before it: decrypters
 * remember sessions across connections, and resumption must see them in the same order as a
 * whole-capture decode). `each` gets every connection once, in id order, until it returns STOP
 * (then no later connection is decoded, nor the rest of the file read).
 * `onBatch`, when given, sees every batch of frames before any connection in it is handed out
 * (their bytes are views: copy what must outlive the call).
 */
export async function forEachConnection(path: string, opts: DecodeOptions, embedded: readonly EmbeddedSecret[], each: (c: StreamedConnection) => Step | Promise<Step>, onBatch?: (batch: readonly Frame[]) => void): Promise<void> {
  // Raw connections wait here until every connection before them is decoded; decoding happens
  // one at a time in `drain`, so at most one decoded connection is alive at once.
  const waiting = new Map<number, Connection>();
  let next = 1;
  // Frames cut short by the snapshot length, kept only while a connection still to be decoded may
  // hold them (decodeOneConnection lists a connection's truncated segments). Connections are
  // numbered in order of their first frame, so once one is decoded no later one holds a frame
  // before its first: those entries go, with its own. The set then spans the frames since the
  // oldest connection not yet decoded (as `waiting` does), not the whole file; it is in frame order.
  const truncated = new Set<number>();
  const forget = (c: Connection): void => {
    for (const s of c.segments) truncated.delete(s.frame);
    for (const f of truncated) {
      if (f >= c.firstFrame) break;
      truncated.delete(f);
    }
  };
  const reassembler = new Reassembler({ onConnectionClosed: (conn) => waiting.set(conn.id, conn) });
  // One factory for the pass: it remembers sessions across the connections, as in a whole-capture decode.
  const decrypterFor = decrypterFactory(opts);
  let lastTurn = performance.now();
  const drain = async (): Promise<Step> => {
    for (let c = waiting.get(next); c !== undefined; c = waiting.get(next)) {
      waiting.delete(next);
      next += 1;
      const tls = decodeOneConnection(c, truncated, decrypterFor, embedded);
      forget(c);
      if ((await each({ decoded: tls.decoded, tls, raw: c })) === STOP) return STOP;
      // Connections closed together (all of them, at the end of a capture) are decoded in one
      // run: let the event loop turn now and then, or Ctrl-C would wait for the whole run (a
      // command listening for SIGINT to remove its temp file only hears it between turns).
      if (performance.now() - lastTurn > TURN_MS) {
        await setImmediate();
        lastTurn = performance.now();
      }
    }
  };
  let stopped = false;
  await forEachFrameBatch(path, async (batch) => {
    onBatch?.(batch);
    for (const frame of batch) {
      if (frame.data.length < frame.origLength) truncated.add(frame.number);
      reassembler.push(frame);
    }
    if ((await drain()) === STOP) stopped = true;
    return stopped ? STOP : undefined;
  });
  if (stopped) return;
  reassembler.finish();
  await drain();
}
