import type { CaptureInterface, CaptureProblem, EmbeddedSecret, Frame } from './frame.ts';

/** A frame as a reader yields it, before the driver numbers it. */
export type RawFrame = Omit<Frame, 'number'>;

/** Where format readers put what they find; the driver numbers frames and keeps the lists. */
export interface CaptureSink {
  /** Takes a frame; readers pass `number: 0` and the sink numbers it in place (one object per frame). */
  frame(frame: Frame): void;
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
  /** Copies unread bytes out of the chunks pushed so far, so the caller may reuse their memory. */
  detach(): void;
}

/**
 * The unread bytes of a file read in chunks. Binary readers parse whole records; a record inside
 * one chunk is handed out as a view of it (no copy), and only a record cut by a chunk boundary is
 * copied, into an array of its own size, when it is complete.
 */
export class ChunkBuffer {
  /** Unread chunks in order; the first is read from `start`. */
  private parts: Uint8Array[] = [];
  private start = 0;
  private total = 0;
  /** File offset of the first unread byte. */
  offset = 0;

  /** Appends the next chunk of the file. */
  append(chunk: Uint8Array): void {
    if (chunk.length === 0) return;
    this.parts.push(chunk);
    this.total += chunk.length;
  }

  /** Number of unread bytes held. */
  get available(): number {
    return this.total;
  }

  /** A view of the next `length` unread bytes, from `from` on (the caller checks `available` first). */
  peek(length: number, from = 0): Uint8Array {
    const first = this.parts[0];
    if (first === undefined) return new Uint8Array(0);
    if (this.start + length <= first.length) return first.subarray(this.start + from, this.start + length);
    // Across a chunk boundary: gather just these bytes.
    const out = new Uint8Array(Math.min(length, this.total));
    let at = 0;
    for (let i = 0; at < out.length; i++) {
      const part = this.parts[i]!;
      const skip = i === 0 ? this.start : 0;
      const n = Math.min(part.length - skip, out.length - at);
      out.set(part.subarray(skip, skip + n), at);
      at += n;
    }
    return from === 0 ? out : out.subarray(from);
  }

  /** The unsigned 32-bit value `at` bytes into the unread bytes (the caller checks `available`). */
  u32(at: number, littleEndian: boolean): number {
    const first = this.parts[0]!;
    const i = this.start + at;
    if (i + 4 > first.length) return viewOf(this.peek(at + 4)).getUint32(at, littleEndian);
    return littleEndian
      ? (first[i]! | (first[i + 1]! << 8) | (first[i + 2]! << 16) | (first[i + 3]! << 24)) >>> 0
      : be32(first, i);
  }

  /** Copies the unread bytes (at most a record cut by the chunk end) into memory of their own. */
  detach(): void {
    if (this.total === 0) {
      this.parts = [];
      this.start = 0;
      return;
    }
    this.parts = [this.peek(this.total).slice()];
    this.start = 0;
  }

  /** Marks `length` bytes as read. */
  consume(length: number): void {
    this.offset += length;
    this.total -= length;
    let left = length;
    while (left > 0) {
      const first = this.parts[0]!;
      const inFirst = first.length - this.start;
      if (left < inFirst) {
        this.start += left;
        return;
      }
      left -= inFirst;
      this.parts.shift();
      this.start = 0;
    }
  }
}

/** The unsigned big-endian 32-bit value at `at` (the caller checks the 4 bytes exist). */
export function be32(bytes: Uint8Array, at: number): number {
  return ((bytes[at]! << 24) | (bytes[at + 1]! << 16) | (bytes[at + 2]! << 8) | bytes[at + 3]!) >>> 0;
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
