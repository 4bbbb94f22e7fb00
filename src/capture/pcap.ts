// Classic libpcap files: a 24-byte file header, then 16-byte record headers each followed by
// the captured bytes. Layout: draft-ietf-opsawg-pcap, and libpcap's sf-pcap.c for the checks.
import { ChunkBuffer, hex32, viewOf, type BinaryCaptureReader, type CaptureSink } from './chunks.ts';
import { CaptureError } from './frame.ts';

const FILE_HEADER_LENGTH = 24;
const RECORD_HEADER_LENGTH = 16;
/** libpcap's MAXIMUM_SNAPLEN: no real record is bigger, so a larger caplen means a corrupt file. */
export const MAXIMUM_SNAPLEN = 262144;

/** What the file header says about every record that follows. */
interface PcapHeader {
  littleEndian: boolean;
  /** The record's fractional-second field counts microseconds (the common case), else nanoseconds. */
  micros: boolean;
  snapLen: number;
  linkType: number;
  interfaceId: number;
}

/** The four magic numbers (as read big-endian from the first 4 bytes) and what they mean. */
const MAGICS: ReadonlyMap<number, { littleEndian: boolean; nanoseconds: boolean }> = new Map([
  [0xa1b2c3d4, { littleEndian: false, nanoseconds: false }],
  [0xd4c3b2a1, { littleEndian: true, nanoseconds: false }],
  [0xa1b23c4d, { littleEndian: false, nanoseconds: true }],
  [0x4d3cb2a1, { littleEndian: true, nanoseconds: true }],
]);

/**
 * Seconds and microseconds as nanoseconds with one BigInt conversion: seconds * 1e6 + micros stays
 * below 2^53 for any 32-bit values, so the number is exact.
 */
function microsToNs(seconds: number, micros: number): bigint {
  return BigInt(seconds * 1_000_000 + micros) * 1000n;
}

/** True when the first four bytes are one of the classic pcap magics. */
export function isPcapMagic(first4: number): boolean {
  return MAGICS.has(first4 >>> 0);
}

/** Reads a classic pcap file incrementally, chunk by chunk. */
export class PcapReader implements BinaryCaptureReader {
  private readonly input = new ChunkBuffer();
  private header: PcapHeader | undefined;

  constructor(private readonly sink: CaptureSink) {}

  push(chunk: Uint8Array): void {
    this.input.append(chunk);
    if (!this.header) {
      if (this.input.available < FILE_HEADER_LENGTH) return;
      this.header = this.readFileHeader();
    }
    while (this.readRecord(this.header)) {
      // each call consumes one whole record
    }
  }

  detach(): void {
    this.input.detach();
  }

  finish(): void {
    const left = this.input.available;
    if (!this.header) {
      throw new CaptureError(
        `file cut short in the pcap file header: needs ${FILE_HEADER_LENGTH} bytes, ${left} remain`,
        0,
      );
    }
    if (left === 0) return;
    const at = this.input.offset;
    if (left < RECORD_HEADER_LENGTH) {
      throw new CaptureError(
        `file cut short in the record header at byte ${at}: needs ${RECORD_HEADER_LENGTH} bytes, ${left} remain`,
        at,
      );
    }
    const capLen = this.input.u32(8, this.header.littleEndian);
    throw new CaptureError(
      `file cut short in the record at byte ${at}: needs ${RECORD_HEADER_LENGTH + capLen} bytes, ${left} remain`,
      at,
    );
  }

  /** The 24-byte file header: magic, version, snaplen, link type (with its FCS bits). */
  private readFileHeader(): PcapHeader {
    const bytes = this.input.peek(FILE_HEADER_LENGTH);
    const v = viewOf(bytes);
    const kind = MAGICS.get(v.getUint32(0, false));
    if (!kind) throw new CaptureError(`not a pcap file: magic ${hex32(v.getUint32(0, false))} at byte 0`, 0);
    const le = kind.littleEndian;
    const major = v.getUint16(4, le);
    const minor = v.getUint16(6, le);
    // libpcap reads every 2.x file; versions 1.x and 3+ never existed in the wild.
    if (major !== 2) throw new CaptureError(`unsupported pcap version ${major}.${minor} at byte 4 (expected 2.4)`, 4);
    const rawSnapLen = v.getUint32(16, le);
    const linkField = v.getUint32(20, le);
    // libpcap: bits 0-15 link type, 0x04000000 "FCS length present", top 4 bits the FCS length in 16-bit words.
    const linkType = linkField & 0xffff;
    const fcsLength = linkField & 0x04000000 ? ((linkField >>> 28) & 0xf) * 2 : undefined;
    // A snaplen of 0 (some writers) or above the maximum means "no limit" to libpcap.
    const snapLen = rawSnapLen === 0 || rawSnapLen > MAXIMUM_SNAPLEN ? MAXIMUM_SNAPLEN : rawSnapLen;
    const interfaceId = this.sink.addInterface({
      linkType,
      snapLen: rawSnapLen,
      tsUnitsPerSecond: kind.nanoseconds ? 1e9 : 1e6,
      ...(fcsLength !== undefined ? { fcsLength } : {}),
    });
    this.input.consume(FILE_HEADER_LENGTH);
    return { littleEndian: le, micros: !kind.nanoseconds, snapLen, linkType, interfaceId };
  }

  /** One record header and its bytes; false when the buffer does not yet hold the whole record. */
  private readRecord(header: PcapHeader): boolean {
    if (this.input.available < RECORD_HEADER_LENGTH) return false;
    const at = this.input.offset;
    const le = header.littleEndian;
    const capLen = this.input.u32(8, le);
    if (capLen > MAXIMUM_SNAPLEN) {
      // Nothing after this can be trusted to start at a record boundary.
      throw new CaptureError(
        `record at byte ${at}: captured length ${capLen} exceeds the maximum ${MAXIMUM_SNAPLEN}; the file is corrupt from here`,
        at,
      );
    }
    if (this.input.available < RECORD_HEADER_LENGTH + capLen) return false;
    if (capLen > header.snapLen) {
      this.sink.problem({
        message: `record at byte ${at}: captured length ${capLen} exceeds the file's snaplen ${header.snapLen}`,
        offset: at,
      });
    }
    const seconds = this.input.u32(0, le);
    const fraction = this.input.u32(4, le);
    // A view, not a copy: whoever keeps frames copies them (see read.ts).
    const data = this.input.peek(RECORD_HEADER_LENGTH + capLen, RECORD_HEADER_LENGTH);
    this.sink.frame({
      number: 0,
      timeNs: header.micros ? microsToNs(seconds, fraction) : BigInt(seconds) * 1_000_000_000n + BigInt(fraction),
      linkType: header.linkType,
      data,
      origLength: this.input.u32(12, le),
      interfaceId: header.interfaceId,
      fileOffset: at + RECORD_HEADER_LENGTH,
    });
    this.input.consume(RECORD_HEADER_LENGTH + capLen);
    return true;
  }
}
