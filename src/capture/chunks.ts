import type { CaptureInterface, CaptureProblem, EmbeddedSecret, Frame } from './frame.ts';

/** A frame as a reader yields it, before the driver numbers it. */
export type RawFrame = Omit<Frame, 'number'>;

/** Where format readers put what they find; the driver numbers frames and keeps the lists. */
export interface CaptureSink {
  frame(frame: RawFrame): void;
  /** A record Wireshark numbers as a frame but that carries no packet (pcapng custom blocks). */
  skipFrameNumber(): void;
  /** Registers an interface and returns its global id (ids run across pcapng sections). */
  addInterface(iface: CaptureInterface): number;
  secret(secret: EmbeddedSecret): void;
  problem(problem: CaptureProblem): void;
}

/**
 * An incremental binary reader: the driver pushes chunks of the file in order and calls
 * `finish` at the end. A fatal problem is thrown as a CaptureError; the driver records it.
 */
export interface BinaryCaptureReader {
  push(chunk: Uint8Array): void;
  finish(): void;
}

/**
 * The unread tail of a file read in chunks. Binary readers parse whole blocks, so a block cut by
 * a chunk boundary stays here until the next chunk completes it; only that tail is ever copied.
 */
export class ChunkBuffer {
  private buf: Uint8Array = new Uint8Array(0);
  private start = 0;
  /** File offset of the first unread byte. */
  offset = 0;

  /** Appends the next chunk of the file. */
  append(chunk: Uint8Array): void {
    if (this.start >= this.buf.length) {
      this.buf = chunk;
    } else {
      const rest = this.buf.subarray(this.start);
      const joined = new Uint8Array(rest.length + chunk.length);
      joined.set(rest, 0);
      joined.set(chunk, rest.length);
      this.buf = joined;
    }
    this.start = 0;
  }

  /** Number of unread bytes held. */
  get available(): number {
    return this.buf.length - this.start;
  }

  /** A view of the next `length` unread bytes (the caller checks `available` first). */
  peek(length: number): Uint8Array {
    return this.buf.subarray(this.start, this.start + length);
  }

  /** Marks `length` bytes as read. */
  consume(length: number): void {
    this.start += length;
    this.offset += length;
  }
}

/** A DataView over exactly the bytes of `bytes`. */
export function viewOf(bytes: Uint8Array): DataView {
  return new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
}

/** Rounds a length up to the next multiple of 4 (pcapng pads every body and option to 32 bits). */
export function pad4(length: number): number {
  return (length + 3) & ~3;
}

/** Lower-case hex of a 32-bit value, for messages. */
export function hex32(value: number): string {
  return '0x' + (value >>> 0).toString(16).padStart(8, '0');
}
