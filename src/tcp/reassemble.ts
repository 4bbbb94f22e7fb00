import { LinkType, type Direction, type Frame } from '../capture/frame.ts';
import { quickDecode } from '../link/quick.ts';
import type { FrameDecode } from '../link/layer.ts';
import type { Field } from '../model/field.ts';
import { DirectionAssembler } from './direction.ts';
import { addSeq, unwrapSeq } from './seq.ts';
import type { Connection, Endpoint, SegmentRecord } from './types.ts';

const FIN = 0x01;
const SYN = 0x02;
const RST = 0x04;
const ACK = 0x10;

/** A connection being reassembled. */
interface ConnState {
  conn: Connection;
  /** `address|port` of the client, to tell the directions apart. */
  clientKey: string;
  c2s: DirectionAssembler;
  s2c: DirectionAssembler;
  /** Raw ISN of the client's SYN, to tell a retransmitted SYN from a new connection on the same ports. */
  clientIsn?: number;
  closed: boolean;
}

/** `address|port`. */
function endpointKey(e: Endpoint): string {
  return `${e.address}|${e.port}`;
}

/** The same key for both directions: the two endpoints in sorted order. */
function connectionKey(a: Endpoint, b: Endpoint): string {
  const ka = endpointKey(a);
  const kb = endpointKey(b);
  return ka < kb ? `${ka}>${kb}` : `${kb}>${ka}`;
}

/**
 * Streaming TCP reassembly: push frames (with their header decode) one at a time, then finish.
 * Only payload bytes are kept, never whole frames, so large captures stream. Connections are
 * keyed by both addresses and ports and numbered from 1 in order of their first frame.
 */
export class Reassembler {
  private readonly all: ConnState[] = [];
  private readonly current = new Map<string, ConnState>();
  private stream: ConnState | undefined;

  /** Adds one frame; frames that are not TCP (or synthetic stream frames) are ignored. */
  push(frame: Frame, decode?: FrameDecode): void {
    if (frame.linkType === LinkType.WIREBOOK_STREAM) {
      this.pushStreamFrame(frame);
      return;
    }
    // Without a full decode, the fast header walk: no fields are built for frames nobody shows.
    const d = decode ?? quickDecode(frame);
    if (!d.ip || !d.tcp) return;
    const t = d.tcp;
    const src: Endpoint = { address: d.ip.src, port: t.srcPort };
    const dst: Endpoint = { address: d.ip.dst, port: t.dstPort };
    const key = connectionKey(src, dst);
    let state = this.current.get(key);
    const isSyn = (t.flags & (SYN | ACK)) === SYN;
    // Port reuse: a new SYN after the old connection closed starts a new connection.
    if (state && isSyn && state.closed && state.clientIsn !== t.seq) state = undefined;
    if (!state) {
      state = this.open(frame.number, src, dst, t.flags);
      this.current.set(key, state);
    }
    const dir: Direction = endpointKey(src) === state.clientKey ? 'c2s' : 's2c';
    const side = dir === 'c2s' ? state.c2s : state.s2c;
    const stream = side.stream;
    if (t.flags & SYN) {
      stream.synFrame ??= frame.number;
      if (dir === 'c2s' && isSyn) state.clientIsn = t.seq;
      // The SYN takes one sequence number: data starts at ISN + 1.
      if (side.base === undefined) side.base = addSeq(t.seq, 1);
    }
    if (t.flags & FIN) stream.finFrame ??= frame.number;
    if (t.flags & RST) stream.rstFrame ??= frame.number;
    if (t.flags & (FIN | RST)) state.closed = true;
    const dataSeq = t.flags & SYN ? addSeq(t.seq, 1) : t.seq;
    side.base ??= dataSeq;
    const rel = unwrapSeq(dataSeq, side.base, side.next);
    const bytes = frame.data.slice(t.payloadOffset, t.payloadOffset + t.payloadLength);
    const fate = side.push({ start: rel, bytes, frame: frame.number, frameOffset: t.payloadOffset });
    const record: SegmentRecord = { frame: frame.number, dir, timeNs: frame.timeNs, seq: rel, length: t.segmentLength, flags: t.flags, fate };
    state.conn.segments.push(record);
  }

  /** Closes every connection and returns them in order of their first frame. */
  finish(): Connection[] {
    return this.all.map((s) => {
      s.conn.c2s = s.c2s.finish();
      s.conn.s2c = s.s2c.finish();
      return s.conn;
    });
  }

  /** Starts a connection; the SYN sender is the client, else the SYN-ACK's receiver, else the first sender. */
  private open(frame: number, src: Endpoint, dst: Endpoint, flags: number): ConnState {
    const synAck = (flags & (SYN | ACK)) === (SYN | ACK);
    const [client, server] = synAck ? [dst, src] : [src, dst];
    const startSeen = (flags & (SYN | ACK)) === SYN;
    return this.add(client, server, frame, startSeen);
  }

  /** Creates and registers a connection. */
  private add(client: Endpoint, server: Endpoint, frame: number, startSeen: boolean): ConnState {
    const notes: Field[] = [];
    const c2s = new DirectionAssembler('c2s', notes);
    const s2c = new DirectionAssembler('s2c', notes);
    const conn: Connection = { id: this.all.length + 1, client, server, firstFrame: frame, startSeen, c2s: c2s.stream, s2c: s2c.stream, segments: [], notes };
    const state: ConnState = { conn, clientKey: endpointKey(client), c2s, s2c, closed: false };
    this.all.push(state);
    return state;
  }

  /** Pasted text without IP/TCP: every such frame belongs to one synthetic client/server stream, in order. */
  private pushStreamFrame(frame: Frame): void {
    this.stream ??= this.add({ address: 'client', port: 0 }, { address: 'server', port: 0 }, frame.number, true);
    const dir: Direction = frame.direction ?? 'c2s';
    const side = dir === 'c2s' ? this.stream.c2s : this.stream.s2c;
    const bytes = frame.data.slice();
    const seq = side.next;
    const fate = side.push({ start: seq, bytes, frame: frame.number, frameOffset: 0 });
    this.stream.conn.segments.push({ frame: frame.number, dir, timeNs: frame.timeNs, seq, length: bytes.length, flags: 0, fate });
  }
}

/** Reassembles every TCP connection of the frames (decoding their headers unless decodes are given, by frame number). */
export function reassembleConnections(frames: Iterable<Frame>, decodes?: ReadonlyMap<number, FrameDecode>): Connection[] {
  const r = new Reassembler();
  for (const f of frames) r.push(f, decodes?.get(f.number));
  return r.finish();
}
