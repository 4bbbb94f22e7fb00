// The public entry to the capture readers: sniff the format from content, run the right reader,
// number the frames from 1 in file order, and keep interfaces, embedded secrets and problems.
import { open, type FileHandle } from 'node:fs/promises';
import type { BinaryCaptureReader, CaptureSink } from './chunks.ts';
import { CaptureError, type CaptureFormat, type CaptureInterface, type CaptureProblem, type EmbeddedSecret, type Frame } from './frame.ts';
import { PcapReader } from './pcap.ts';
import { PcapngReader } from './pcapng.ts';
import { notACapture, sniffBinary, sniffFormat } from './sniff.ts';
import { readHexText } from './text-hex.ts';
import type { TextRead } from './text-lines.ts';
import { looksLikeText } from './text-lines.ts';
import { readOpensslMsgText } from './text-openssl-msg.ts';
import { readOpensslDebugText } from './text-openssl.ts';
import { readTcpdumpText } from './text-tcpdump.ts';

/** A whole capture read into memory. */
export interface CaptureRead {
  format: CaptureFormat;
  frames: Frame[];
  interfaces: CaptureInterface[];
  secrets: EmbeddedSecret[];
  problems: CaptureProblem[];
}

/** A capture read as it is consumed; `interfaces`, `secrets` and `problems` fill as blocks are met. */
export interface CaptureStream {
  format: CaptureFormat;
  interfaces: CaptureInterface[];
  secrets: EmbeddedSecret[];
  problems: CaptureProblem[];
  /** The frames in file order, each with its own copy of its bytes; can be iterated once. */
  frames(): AsyncGenerator<Frame>;
  /**
   * The frames in file order, one array per chunk read (so a consumer pays for one await per
   * chunk, not per frame). Binary frames' `data` are views into the read buffer, which the next
   * chunk overwrites: they are valid until the next batch is asked for, so a consumer that keeps
   * a frame longer copies its `data`. Either this or `frames()` can be iterated, once.
   */
  batches(): AsyncGenerator<Frame[]>;
}

const CHUNK_SIZE = 1 << 20;

/** How to open a capture for streaming. */
export interface OpenCaptureOptions {
  /**
   * Sees every chunk of the input as it is read, in order, so a caller can hash or count the
   * bytes without reading the file again. The chunk is valid only during the call. Every byte is
   * seen once the frames have been read to the end, even when the reader stops early at broken
   * data (the rest is then read for the hook alone).
   */
  onChunk?: (chunk: Uint8Array) => void;
}

/** Numbers frames and keeps what the binary readers report. */
class Collector implements CaptureSink {
  readonly interfaces: CaptureInterface[] = [];
  readonly secrets: EmbeddedSecret[] = [];
  readonly problems: CaptureProblem[] = [];
  queue: Frame[] = [];
  count = 0;

  frame(frame: Frame): void {
    this.count += 1;
    frame.number = this.count;
    this.queue.push(frame);
  }
  skipFrameNumber(): void {
    this.count += 1;
  }
  addInterface(iface: CaptureInterface): number {
    return this.interfaces.push(iface) - 1;
  }
  secret(secret: EmbeddedSecret): void {
    this.secrets.push(secret);
  }
  problem(problem: CaptureProblem): void {
    this.problems.push(problem);
  }
  /** Records a fatal error, unless nothing was read before it: then the input is unreadable. */
  fatal(error: unknown): void {
    if (!(error instanceof CaptureError) || this.count === 0) throw error;
    this.problems.push({ message: error.message, ...(error.offset !== undefined ? { offset: error.offset } : {}) });
  }
  take(): Frame[] {
    const frames = this.queue;
    this.queue = [];
    return frames;
  }
}

/** A plain Uint8Array view: Buffer.slice would not copy, and frames must not pin file chunks. */
function plain(bytes: Uint8Array): Uint8Array {
  return new Uint8Array(bytes.buffer, bytes.byteOffset, bytes.byteLength);
}

/** Gives frames their own bytes: binary readers hand out views into the chunks they read. */
function ownBytes(frames: Frame[]): Frame[] {
  for (const f of frames) f.data = f.data.slice();
  return frames;
}

function binaryReader(format: 'pcap' | 'pcapng', sink: CaptureSink): BinaryCaptureReader {
  return format === 'pcap' ? new PcapReader(sink) : new PcapngReader(sink);
}

/** Runs the text reader for `format` and gives its frames interfaces (one per link type) and numbers. */
function readText(format: CaptureFormat, bytes: Uint8Array): CaptureRead {
  const text = new TextDecoder().decode(bytes);
  const readers: Partial<Record<CaptureFormat, (t: string) => TextRead>> = {
    'tcpdump-text': readTcpdumpText,
    'openssl-debug': readOpensslDebugText,
    'openssl-msg': readOpensslMsgText,
    hex: readHexText,
  };
  const read = readers[format]!(text);
  if (read.frames.length === 0) {
    const first = read.problems[0];
    throw new CaptureError(
      `no packets could be read from this ${format} text${first ? `: ${first.message}` : ''}`,
      undefined,
      first?.line ?? 1,
    );
  }
  const interfaces: CaptureInterface[] = [];
  const frames = read.frames.map((f, i): Frame => {
    let id = interfaces.findIndex((x) => x.linkType === f.linkType);
    if (id < 0) id = interfaces.push({ linkType: f.linkType, snapLen: 0, name: format, tsUnitsPerSecond: format === 'tcpdump-text' ? 1e6 : 1e9 }) - 1;
    return { ...f, number: i + 1, interfaceId: id };
  });
  return { format, frames, interfaces, secrets: [], problems: read.problems };
}

/** Reads a whole capture held in memory (any format), sniffing the format from its content. */
export function readCaptureBytes(input: Uint8Array): CaptureRead {
  const bytes = plain(input);
  const format = sniffFormat(bytes);
  if (format !== 'pcap' && format !== 'pcapng') return readText(format, bytes);
  const sink = new Collector();
  try {
    const reader = binaryReader(format, sink);
    reader.push(bytes);
    reader.finish();
  } catch (error) {
    sink.fatal(error);
  }
  // Callers keep these frames: copies, so they do not alias (or keep alive) the input.
  return { format, frames: ownBytes(sink.take()), interfaces: sink.interfaces, secrets: sink.secrets, problems: sink.problems };
}

/**
 * Chunks of a file, or of stdin for '-'; file errors become CaptureErrors. A file is read into one
 * buffer used again for every chunk (a fresh 1 MiB buffer per chunk is garbage V8 collects late, and
 * it shows as memory growing with the file): a chunk is valid until the next one is asked for.
 */
async function* readChunks(path: string, onChunk?: (chunk: Uint8Array) => void): AsyncGenerator<Uint8Array> {
  const fail = (error: unknown): CaptureError => {
    const reason = error instanceof Error ? error.message : String(error);
    return new CaptureError(`cannot read ${path === '-' ? 'standard input' : path}: ${reason}`);
  };
  if (path === '-') {
    try {
      for await (const chunk of process.stdin) {
        const bytes = plain(typeof chunk === 'string' ? new TextEncoder().encode(chunk) : (chunk as Uint8Array));
        onChunk?.(bytes);
        yield bytes;
      }
    } catch (error) {
      throw fail(error);
    }
    return;
  }
  let file: FileHandle;
  try {
    file = await open(path, 'r');
  } catch (error) {
    throw fail(error);
  }
  try {
    const buffer = new Uint8Array(CHUNK_SIZE);
    for (;;) {
      let read: number;
      try {
        read = (await file.read(buffer, 0, CHUNK_SIZE, null)).bytesRead;
      } catch (error) {
        throw fail(error);
      }
      if (read === 0) return;
      const chunk = buffer.subarray(0, read);
      onChunk?.(chunk);
      yield chunk;
    }
  } finally {
    await file.close();
  }
}

function concat(parts: readonly Uint8Array[]): Uint8Array {
  const out = new Uint8Array(parts.reduce((n, p) => n + p.length, 0));
  let at = 0;
  for (const p of parts) {
    out.set(p, at);
    at += p.length;
  }
  return out;
}

/** A stream over frames that were all read already (text formats). */
function streamOf(read: CaptureRead): CaptureStream {
  let started = false;
  async function* batches(): AsyncGenerator<Frame[]> {
    if (started) throw new Error('the frames of a capture stream can be read only once');
    started = true;
    yield read.frames;
  }
  return {
    format: read.format,
    interfaces: read.interfaces,
    secrets: read.secrets,
    problems: read.problems,
    batches,
    frames: () => framesOf(batches()),
  };
}

/** Frames one by one from batches, each given its own bytes. */
async function* framesOf(batches: AsyncGenerator<Frame[]>): AsyncGenerator<Frame> {
  for await (const batch of batches) yield* ownBytes(batch);
}

/**
 * Opens a capture file (or '-' for stdin) for streaming. Binary captures are read in 1 MiB chunks
 * so memory stays flat; text dumps are small and read whole. Throws CaptureError when the input
 * is empty, not a capture, or broken before its first frame.
 */
export async function openCapture(path: string, opts: OpenCaptureOptions = {}): Promise<CaptureStream> {
  const chunks = readChunks(path, opts.onChunk);
  const head: Uint8Array[] = [];
  let headLength = 0;
  let ended = false;
  while (headLength < 4) {
    const next = await chunks.next();
    if (next.done) {
      ended = true;
      break;
    }
    // Copied: the next read reuses the chunk's memory.
    head.push(next.value.slice());
    headLength += next.value.length;
  }
  const first = concat(head);
  const format = first.length === 0 ? sniffFormat(first) : sniffBinary(first);
  if (format !== 'pcap' && format !== 'pcapng') {
    if (!looksLikeText(first)) {
      await chunks.return(undefined);
      throw notACapture(first);
    }
    const rest: Uint8Array[] = [first];
    if (!ended) for await (const chunk of chunks) rest.push(chunk.slice());
    const all = concat(rest);
    return streamOf(readText(sniffFormat(all), all));
  }
  return openBinaryStream(format, first, chunks, ended, opts.onChunk !== undefined);
}

/** Pushes the first chunk now (so header errors throw from openCapture) and the rest on demand. */
async function openBinaryStream(
  format: 'pcap' | 'pcapng',
  first: Uint8Array,
  chunks: AsyncGenerator<Uint8Array>,
  ended: boolean,
  readToEnd: boolean,
): Promise<CaptureStream> {
  const sink = new Collector();
  const reader = binaryReader(format, sink);
  let stopped = false;
  const run = (step: () => void): void => {
    try {
      step();
    } catch (error) {
      stopped = true;
      sink.fatal(error);
    }
  };
  try {
    run(() => reader.push(first));
    if (ended && !stopped) run(() => reader.finish());
  } catch (error) {
    await chunks.return(undefined);
    throw error;
  }
  let started = false;
  async function* batches(): AsyncGenerator<Frame[]> {
    if (started) throw new Error('the frames of a capture stream can be read only once');
    started = true;
    try {
      const first = sink.take();
      if (first.length > 0) yield first;
      if (!ended && (!stopped || readToEnd)) {
        for await (const chunk of chunks) {
          // Stopped at broken data: the rest is read only so that the onChunk hook sees every byte.
          if (stopped) continue;
          run(() => reader.push(chunk));
          const batch = sink.take();
          if (batch.length > 0) yield batch;
          if (stopped && readToEnd) continue;
          if (stopped) break;
          // The consumer is done with the batch; the next read reuses the chunk's memory.
          reader.detach();
        }
        if (!stopped) run(() => reader.finish());
      }
      const last = sink.take();
      if (last.length > 0) yield last;
    } finally {
      await chunks.return(undefined);
    }
  }
  return {
    format,
    interfaces: sink.interfaces,
    secrets: sink.secrets,
    problems: sink.problems,
    batches,
    frames: () => framesOf(batches()),
  };
}
