import type { StreamSegment } from '../model/bytemap.ts';
import type { Field } from '../model/field.ts';
import type { Direction } from '../capture/frame.ts';

/** One end of a connection: an IP address in its usual text form and a port. */
export interface Endpoint {
  address: string;
  port: number;
}

/** A contiguous run of reassembled bytes of one direction, with the frames they came from. */
export interface StreamChunk {
  /** Offset of the chunk's first byte in the direction's stream (relative sequence number). */
  start: number;
  bytes: Uint8Array;
  /** Segment offsets are relative to `bytes` (0 = first byte of this chunk). */
  segments: StreamSegment[];
}

/** Bytes of a direction that were never captured. */
export interface StreamGap {
  start: number;
  length: number;
  /** The frame after which the missing bytes should have arrived. */
  afterFrame: number;
}

/** What became of one TCP segment during reassembly. */
export type SegmentFate = 'new' | 'retransmission' | 'overlap' | 'conflicting-overlap' | 'out-of-order' | 'no-payload';

/** One TCP segment of a connection, as the reassembler saw it. */
export interface SegmentRecord {
  frame: number;
  dir: Direction;
  timeNs: bigint;
  /** Relative sequence number of the first payload byte. */
  seq: number;
  length: number;
  flags: number;
  fate: SegmentFate;
}

/** One direction of a connection, reassembled. */
export interface DirectedStream {
  chunks: StreamChunk[];
  gaps: StreamGap[];
  /** Frames carrying SYN, FIN and RST from this side (first one each). */
  synFrame?: number;
  finFrame?: number;
  rstFrame?: number;
}

/** A TCP connection (or a pasted two-party stream), with both directions reassembled. */
export interface Connection {
  id: number;
  client: Endpoint;
  server: Endpoint;
  firstFrame: number;
  /** False when the capture started after the connection's SYN. */
  startSeen: boolean;
  c2s: DirectedStream;
  s2c: DirectedStream;
  segments: SegmentRecord[];
  /** Reassembly anomalies (gaps, conflicting overlaps) as malformed/expert fields with spans. */
  notes: Field[];
}
