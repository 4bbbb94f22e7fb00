import type { Frame } from '../capture/frame.ts';
import type { Cursor } from '../model/cursor.ts';
import type { Field } from '../model/field.ts';

/** The TCP header values reassembly needs, plus where the segment's payload is in the frame. */
export interface TcpInfo {
  srcPort: number;
  dstPort: number;
  seq: number;
  ack: number;
  /** The 12 flag bits (FIN = 0x001 ... AE = 0x100). */
  flags: number;
  window: number;
  /** Offset of the first payload byte within the frame's captured bytes. */
  payloadOffset: number;
  /** Payload bytes present in the frame (fewer than `segmentLength` when the snaplen cut them). */
  payloadLength: number;
  /** Payload length the IP header declares (the segment's real length on the wire). */
  segmentLength: number;
}

/** The link, IP and TCP headers of one frame, decoded and annotated. */
export interface FrameDecode {
  /** One top-level field per layer (`Ethernet II`, `Internet Protocol Version 4`, ...). */
  fields: Field[];
  ip?: { version: 4 | 6; src: string; dst: string };
  tcp?: TcpInfo;
  udp?: { srcPort: number; dstPort: number };
  /** True when the capture's snaplen cut the frame (fewer bytes captured than were on the wire). */
  truncated: boolean;
}

/** What follows a header: which registry names the next protocol, its number, and where its bytes end. */
export interface NextLayer {
  table: 'ethertype' | 'ip';
  type: number;
  /** Absolute offset where this layer's payload ends (IP total length); the frame end when absent. */
  end?: number;
}

/** State shared by the layer readers of one frame. */
export interface LayerContext {
  frame: Frame;
  result: FrameDecode;
  /** Filter name for bytes after the outermost payload (Ethernet padding, SLL trailer). */
  trailerFilter?: string;
  /** Where the current layer's bytes end on the wire (may lie past the captured bytes). */
  declaredEnd: number;
}

/** Reads one header at the cursor (adding its top-level field) and says what comes next, if anything. */
export type LayerReader = (r: Cursor, ctx: LayerContext) => NextLayer | undefined;
