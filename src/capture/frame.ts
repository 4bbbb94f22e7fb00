/** pcap link-layer header types we decode (tcpdump.org LINKTYPE_* values). */
export const LinkType = {
  NULL: 0,
  ETHERNET: 1,
  RAW: 101,
  LINUX_SLL: 113,
  LOOP: 108,
  IPV4: 228,
  IPV6: 229,
  LINUX_SLL2: 276,
  /**
   * Not a real link type: a frame of pasted text that carries only TLS stream bytes (no IP/TCP),
   * e.g. one `openssl s_client -debug` read or write. Its direction is in `Frame.direction`.
   */
  WIREBOOK_STREAM: 0x7fff_0001,
} as const;

/** Which way a synthetic stream frame went. */
export type Direction = 'c2s' | 's2c';

/** One captured packet (or one pasted block of bytes), numbered from 1 as Wireshark numbers it. */
export interface Frame {
  number: number;
  /** Capture time in nanoseconds since the epoch; 0n when the input has no clock. */
  timeNs: bigint;
  linkType: number;
  /** The captured bytes (may be fewer than `origLength` when cut by the snaplen). */
  data: Uint8Array;
  origLength: number;
  interfaceId: number;
  /** Where the frame's bytes start in the input file (binary formats). */
  fileOffset?: number;
  /** 1-based line where the frame's dump starts (text formats). */
  line?: number;
  /** For WIREBOOK_STREAM frames: who sent the bytes. */
  direction?: Direction;
  /** Leading bytes that were not in the input but rebuilt (pasted packets shown without headers). */
  rebuiltHeader?: { length: number; note: string };
}

/** Input formats, sniffed from content (never from the file name). */
export type CaptureFormat =
  | 'pcap'
  | 'pcapng'
  | 'tcpdump-text'
  | 'openssl-debug'
  | 'openssl-msg'
  | 'hex';

/** A capture interface (pcapng IDB, or the single implicit one of pcap). */
export interface CaptureInterface {
  linkType: number;
  snapLen: number;
  name?: string;
  /** Timestamp units per second (1e6 for µs pcap, 1e9 for ns, 2^-n resolutions as their value). */
  tsUnitsPerSecond: number;
  /** Bytes of frame check sequence at the end of every frame (pcap link-type FCS bits, pcapng if_fcslen). */
  fcsLength?: number;
}

/** Secrets carried inside the capture (pcapng Decryption Secrets Block). */
export interface EmbeddedSecret {
  /** DSB secrets type, e.g. 0x544c534b for a TLS key log. */
  type: number;
  data: Uint8Array;
  /** Offset of the block in the file. */
  fileOffset: number;
}

/** Something wrong with the input that did not stop reading (or stopped it after some frames). */
export interface CaptureProblem {
  message: string;
  /** Byte offset in the file, or 1-based line for text inputs. */
  offset?: number;
  line?: number;
}

/** An input that cannot be read at all: not a capture, empty, broken before the first frame. */
export class CaptureError extends Error {
  constructor(
    message: string,
    readonly offset?: number,
    readonly line?: number,
  ) {
    super(message);
    this.name = 'CaptureError';
  }
}
