// pcapng options (draft-ietf-opsawg-pcapng §3.5): code u16, length u16, value padded to 32 bits,
// ended by opt_endofopt (code 0) or by the end of the block body.
import { pad4, viewOf, type CaptureSink } from './chunks.ts';

/** One option as found in a block: its code, value bytes and file offset. */
export interface PcapngOption {
  code: number;
  value: Uint8Array;
  fileOffset: number;
}

/** Where the options sit: `bytes[start..]` of a block body that starts at `fileOffset` in the file. */
export interface OptionArea {
  bytes: Uint8Array;
  start: number;
  fileOffset: number;
  littleEndian: boolean;
  blockName: string;
}

/**
 * Reads the options of one block. Odd lengths are legal (the value is padded to 4); an option
 * whose value or padding runs past the block is flagged as a problem and ends the options.
 */
export function readOptions(area: OptionArea, sink: CaptureSink): PcapngOption[] {
  const { bytes, littleEndian: le } = area;
  const v = viewOf(bytes);
  const options: PcapngOption[] = [];
  let pos = area.start;
  while (pos + 4 <= bytes.length) {
    const code = v.getUint16(pos, le);
    const length = v.getUint16(pos + 2, le);
    if (code === 0) break;
    const at = area.fileOffset + pos;
    const remaining = bytes.length - pos - 4;
    if (length > remaining) {
      sink.problem({
        message: `${area.blockName}: option ${code} at byte ${at} has length ${length}, but only ${remaining} bytes of the block remain`,
        offset: at,
      });
      break;
    }
    options.push({ code, value: bytes.subarray(pos + 4, pos + 4 + length), fileOffset: at + 4 });
    if (pad4(length) > remaining) {
      sink.problem({
        message: `${area.blockName}: option ${code} at byte ${at} (length ${length}) lacks its padding to 4 bytes before the end of the block`,
        offset: at,
      });
      break;
    }
    pos += 4 + pad4(length);
  }
  return options;
}

/** The value of the first option with `code`, if present. */
export function findOption(options: readonly PcapngOption[], code: number): Uint8Array | undefined {
  return options.find((o) => o.code === code)?.value;
}

/** A UTF-8 string option (trailing NULs, which some writers add, removed). */
export function stringOption(options: readonly PcapngOption[], code: number): string | undefined {
  const value = findOption(options, code);
  if (!value) return undefined;
  return new TextDecoder().decode(value).replace(/\0+$/, '');
}

/** A signed 64-bit option such as if_tsoffset. */
export function int64Option(options: readonly PcapngOption[], code: number, le: boolean): bigint | undefined {
  const value = findOption(options, code);
  if (!value || value.length < 8) return undefined;
  return viewOf(value).getBigInt64(0, le);
}

/** A one-byte option such as if_tsresol or if_fcslen. */
export function uint8Option(options: readonly PcapngOption[], code: number): number | undefined {
  const value = findOption(options, code);
  return value && value.length >= 1 ? value[0] : undefined;
}
