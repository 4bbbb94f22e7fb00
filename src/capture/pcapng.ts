// pcapng files (draft-ietf-opsawg-pcapng): a sequence of blocks `type u32, length u32, body,
// length u32`, grouped into sections that each start with a Section Header Block carrying its own
// byte order and owning the interfaces described after it.
import { ChunkBuffer, hex32, pad4, viewOf, type BinaryCaptureReader, type CaptureSink } from './chunks.ts';
import { CaptureError } from './frame.ts';
import { int64Option, readOptions, stringOption, uint8Option, type OptionArea } from './pcapng-options.ts';

const BLOCK = {
  PACKET: 0x00000002,
  INTERFACE_DESCRIPTION: 0x00000001,
  SIMPLE_PACKET: 0x00000003,
  ENHANCED_PACKET: 0x00000006,
  DECRYPTION_SECRETS: 0x0000000a,
  SECTION_HEADER: 0x0a0d0d0a,
  SYSTEMD_JOURNAL: 0x00000009,
  CUSTOM_COPY: 0x00000bad,
  CUSTOM_NO_COPY: 0x40000bad,
} as const;

const BYTE_ORDER_MAGIC = 0x1a2b3c4d;
/** Wireshark refuses blocks above 16 MiB; a larger length means a corrupt file, not a big packet. */
export const MAXIMUM_BLOCK_LENGTH = 16 * 1024 * 1024;

/** An interface as its section sees it: how to turn its timestamps into nanoseconds. */
interface SectionInterface {
  globalId: number;
  linkType: number;
  snapLen: number;
  unitsPerSecond: bigint;
  offsetSeconds: bigint;
}

interface Section {
  littleEndian: boolean;
  interfaces: SectionInterface[];
}

/** One whole block, trailer checked: its type, body bytes and where it starts in the file. */
interface Block {
  type: number;
  body: Uint8Array;
  fileOffset: number;
  littleEndian: boolean;
}

/** True when the first four bytes are the pcapng Section Header Block type. */
export function isPcapngMagic(first4: number): boolean {
  return first4 >>> 0 === BLOCK.SECTION_HEADER;
}

/** Reads a pcapng file incrementally, chunk by chunk. */
export class PcapngReader implements BinaryCaptureReader {
  private readonly input = new ChunkBuffer();
  private section: Section | undefined;

  constructor(private readonly sink: CaptureSink) {}

  push(chunk: Uint8Array): void {
    this.input.append(chunk);
    for (let block = this.nextBlock(); block; block = this.nextBlock()) {
      this.readBlock(block);
    }
  }

  detach(): void {
    this.input.detach();
  }

  finish(): void {
    const left = this.input.available;
    if (left === 0) {
      if (!this.section) throw new CaptureError('empty pcapng file: no Section Header Block', 0);
      return;
    }
    const at = this.input.offset;
    if (left < 12) {
      throw new CaptureError(`file cut short in the block header at byte ${at}: needs 12 bytes, ${left} remain`, at);
    }
    const v = viewOf(this.input.peek(12));
    const le = this.byteOrderAt(v, at);
    throw new CaptureError(
      `file cut short in the block at byte ${at} (type ${hex32(v.getUint32(0, le))}): needs ${v.getUint32(4, le)} bytes, ${left} remain`,
      at,
    );
  }

  /** The byte order for the block at `at`: an SHB announces its own, others use their section's. */
  private byteOrderAt(v: DataView, at: number): boolean {
    if (v.getUint32(0, false) !== BLOCK.SECTION_HEADER) {
      if (!this.section) throw new CaptureError(`not a pcapng file: first block type ${hex32(v.getUint32(0, false))} at byte ${at}`, at);
      return this.section.littleEndian;
    }
    const magic = v.getUint32(8, true);
    if (magic === BYTE_ORDER_MAGIC) return true;
    if (v.getUint32(8, false) === BYTE_ORDER_MAGIC) return false;
    throw new CaptureError(
      `Section Header Block at byte ${at}: bad byte-order magic ${hex32(v.getUint32(8, false))} at byte ${at + 8} (expected 0x1a2b3c4d)`,
      at + 8,
    );
  }

  /** Frames the next whole block, validating both length fields; undefined while it is incomplete. */
  private nextBlock(): Block | undefined {
    if (this.input.available < 12) return undefined;
    const at = this.input.offset;
    const head = viewOf(this.input.peek(12));
    const le = this.byteOrderAt(head, at);
    const type = head.getUint32(0, le);
    const length = head.getUint32(4, le);
    if (length < 12 || length % 4 !== 0) {
      throw new CaptureError(
        `block at byte ${at} (type ${hex32(type)}): length ${length} is ${length < 12 ? 'below the minimum 12' : 'not a multiple of 4'}`,
        at,
      );
    }
    if (length > MAXIMUM_BLOCK_LENGTH) {
      throw new CaptureError(`block at byte ${at} (type ${hex32(type)}): length ${length} exceeds the maximum ${MAXIMUM_BLOCK_LENGTH}`, at);
    }
    if (this.input.available < length) return undefined;
    const bytes = this.input.peek(length);
    const trailing = viewOf(bytes).getUint32(length - 4, le);
    if (trailing !== length) {
      throw new CaptureError(
        `block at byte ${at} (type ${hex32(type)}): trailing length ${trailing} at byte ${at + length - 4} differs from the leading length ${length}`,
        at + length - 4,
      );
    }
    this.input.consume(length);
    return { type, body: bytes.subarray(8, length - 4), fileOffset: at, littleEndian: le };
  }

  private readBlock(block: Block): void {
    switch (block.type) {
      case BLOCK.SECTION_HEADER:
        return this.readSectionHeaderBlock(block);
      case BLOCK.INTERFACE_DESCRIPTION:
        return this.readInterfaceDescriptionBlock(block);
      case BLOCK.ENHANCED_PACKET:
        return this.readEnhancedPacketBlock(block);
      case BLOCK.SIMPLE_PACKET:
        return this.readSimplePacketBlock(block);
      case BLOCK.PACKET:
        return this.readObsoletePacketBlock(block);
      case BLOCK.DECRYPTION_SECRETS:
        return this.readDecryptionSecretsBlock(block);
      case BLOCK.SYSTEMD_JOURNAL:
      case BLOCK.CUSTOM_COPY:
      case BLOCK.CUSTOM_NO_COPY:
        // Wireshark shows these as frames; keep our numbers equal to its numbers.
        return this.sink.skipFrameNumber();
      default:
        // Name resolution, interface statistics, custom, journal and unknown blocks carry no frames.
        return;
    }
  }

  /** Reports a block whose body is shorter than its fixed fields; the block is skipped. */
  private tooShort(block: Block, name: string, needed: number): boolean {
    if (block.body.length >= needed) return false;
    this.sink.problem({
      message: `${name} at byte ${block.fileOffset}: body of ${block.body.length} bytes is shorter than its ${needed} bytes of fixed fields; skipped`,
      offset: block.fileOffset,
    });
    return true;
  }

  private optionArea(block: Block, start: number, blockName: string): OptionArea {
    return { bytes: block.body, start, fileOffset: block.fileOffset + 8, littleEndian: block.littleEndian, blockName: `${blockName} at byte ${block.fileOffset}` };
  }

  /** SHB: starts a new section with its own byte order; interfaces of the old section end here. */
  private readSectionHeaderBlock(block: Block): void {
    if (block.body.length < 16) {
      throw new CaptureError(`Section Header Block at byte ${block.fileOffset}: body of ${block.body.length} bytes is shorter than 16`, block.fileOffset);
    }
    const v = viewOf(block.body);
    const major = v.getUint16(4, block.littleEndian);
    const minor = v.getUint16(6, block.littleEndian);
    if (major !== 1) {
      throw new CaptureError(`unsupported pcapng version ${major}.${minor} at byte ${block.fileOffset + 12} (expected 1.0)`, block.fileOffset + 12);
    }
    readOptions(this.optionArea(block, 16, 'Section Header Block'), this.sink);
    this.section = { littleEndian: block.littleEndian, interfaces: [] };
  }

  /** IDB: link type, snaplen, and the options that set names and timestamp units. */
  private readInterfaceDescriptionBlock(block: Block): void {
    const section = this.section!;
    if (this.tooShort(block, 'Interface Description Block', 8)) return;
    const le = block.littleEndian;
    const v = viewOf(block.body);
    const linkType = v.getUint16(0, le);
    const snapLen = v.getUint32(4, le);
    const options = readOptions(this.optionArea(block, 8, 'Interface Description Block'), this.sink);
    const tsresol = uint8Option(options, 9) ?? 6;
    // if_tsresol: high bit clear = 10^-n seconds, set = 2^-n seconds.
    const unitsPerSecond = tsresol & 0x80 ? 1n << BigInt(tsresol & 0x7f) : 10n ** BigInt(tsresol);
    const name = stringOption(options, 2);
    const fcsLength = uint8Option(options, 13);
    const globalId = this.sink.addInterface({
      linkType,
      snapLen,
      tsUnitsPerSecond: Number(unitsPerSecond),
      ...(name !== undefined ? { name } : {}),
      ...(fcsLength !== undefined ? { fcsLength } : {}),
    });
    section.interfaces.push({ globalId, linkType, snapLen, unitsPerSecond, offsetSeconds: int64Option(options, 14, le) ?? 0n });
  }

  /** The section's interface `id`, or a problem naming the block when it does not exist. */
  private interfaceFor(id: number, block: Block, name: string): SectionInterface | undefined {
    const iface = this.section!.interfaces[id];
    if (!iface) {
      this.sink.problem({
        message: `${name} at byte ${block.fileOffset}: interface ${id} is not described in this section (it has ${this.section!.interfaces.length}); packet skipped`,
        offset: block.fileOffset,
      });
    }
    return iface;
  }

  /** Timestamp units since the epoch → nanoseconds, exact (BigInt), floor for units finer than 1 ns. */
  private toNanoseconds(iface: SectionInterface, high: number, low: number): bigint {
    const ticks = (BigInt(high) << 32n) | BigInt(low);
    const units = iface.unitsPerSecond;
    const seconds = ticks / units;
    const rest = ticks % units;
    return (seconds + iface.offsetSeconds) * 1_000_000_000n + (rest * 1_000_000_000n) / units;
  }

  /** Checks that `capLen` bytes of packet data (padded) fit in the body after `start`. */
  private packetFits(block: Block, name: string, start: number, capLen: number): boolean {
    if (start + capLen <= block.body.length) return true;
    this.sink.problem({
      message: `${name} at byte ${block.fileOffset}: data length ${capLen} does not fit in the block (${block.body.length - start} bytes left); packet skipped`,
      offset: block.fileOffset,
    });
    return false;
  }

  /** EPB: interface, 64-bit timestamp, captured and original lengths, data, options. */
  private readEnhancedPacketBlock(block: Block): void {
    const name = 'Enhanced Packet Block';
    if (this.tooShort(block, name, 20)) return;
    const le = block.littleEndian;
    const v = viewOf(block.body);
    const iface = this.interfaceFor(v.getUint32(0, le), block, name);
    const capLen = v.getUint32(12, le);
    if (!iface || !this.packetFits(block, name, 20, capLen)) return;
    readOptions(this.optionArea(block, 20 + pad4(capLen), name), this.sink);
    this.sink.frame({
      number: 0,
      timeNs: this.toNanoseconds(iface, v.getUint32(4, le), v.getUint32(8, le)),
      linkType: iface.linkType,
      data: block.body.subarray(20, 20 + capLen),
      origLength: v.getUint32(16, le),
      interfaceId: iface.globalId,
      fileOffset: block.fileOffset + 28,
    });
  }

  /** SPB: interface 0, no timestamp; captured length is the original length capped by snaplen. */
  private readSimplePacketBlock(block: Block): void {
    const name = 'Simple Packet Block';
    if (this.tooShort(block, name, 4)) return;
    const iface = this.interfaceFor(0, block, name);
    if (!iface) return;
    const origLength = viewOf(block.body).getUint32(0, block.littleEndian);
    const room = block.body.length - 4;
    let capLen = iface.snapLen > 0 ? Math.min(origLength, iface.snapLen) : origLength;
    if (capLen > room) {
      this.sink.problem({ message: `${name} at byte ${block.fileOffset}: original length ${origLength} does not fit in the block; ${room} bytes kept`, offset: block.fileOffset });
      capLen = room;
    }
    this.sink.frame({
      number: 0,
      timeNs: 0n,
      linkType: iface.linkType,
      data: block.body.subarray(4, 4 + capLen),
      origLength,
      interfaceId: iface.globalId,
      fileOffset: block.fileOffset + 12,
    });
  }

  /** Obsolete Packet Block (type 2): like an EPB with a 16-bit interface id and a drops count. */
  private readObsoletePacketBlock(block: Block): void {
    const name = 'Packet Block';
    if (this.tooShort(block, name, 20)) return;
    const le = block.littleEndian;
    const v = viewOf(block.body);
    const iface = this.interfaceFor(v.getUint16(0, le), block, name);
    const capLen = v.getUint32(12, le);
    if (!iface || !this.packetFits(block, name, 20, capLen)) return;
    readOptions(this.optionArea(block, 20 + pad4(capLen), name), this.sink);
    this.sink.frame({
      number: 0,
      timeNs: this.toNanoseconds(iface, v.getUint32(4, le), v.getUint32(8, le)),
      linkType: iface.linkType,
      data: block.body.subarray(20, 20 + capLen),
      origLength: v.getUint32(16, le),
      interfaceId: iface.globalId,
      fileOffset: block.fileOffset + 28,
    });
  }

  /** DSB: secrets type and data, kept whole for the decryption stage. */
  private readDecryptionSecretsBlock(block: Block): void {
    const name = 'Decryption Secrets Block';
    if (this.tooShort(block, name, 8)) return;
    const v = viewOf(block.body);
    const type = v.getUint32(0, block.littleEndian);
    const length = v.getUint32(4, block.littleEndian);
    if (!this.packetFits(block, name, 8, length)) return;
    readOptions(this.optionArea(block, 8 + pad4(length), name), this.sink);
    this.sink.secret({ type, data: block.body.slice(8, 8 + length), fileOffset: block.fileOffset });
  }
}
