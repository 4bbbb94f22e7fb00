import { be32 } from '../capture/chunks.ts';
import { LinkType, type Direction, type Frame } from '../capture/frame.ts';
import { newQuickHeaders, quickAddress, quickWalk, type QuickHeaders } from '../link/quick.ts';
import type { Field } from '../model/field.ts';
import { DirectionAssembler } from './direction.ts';
import { StreamStorage } from './storage.ts';
import { addSeq, unwrapSeq } from './seq.ts';
import { ipv4EndpointId, PairTable, type EndpointId } from './table.ts';
import type { Connection, Endpoint, SegmentRecord } from './types.ts';

const FIN = 0x01;
const SYN = 0x02;
const RST = 0x04;
const ACK = 0x10;

/** How long (capture time) after a close late retransmissions still join the connection. */
const DEFAULT_CLOSE_GRACE_NS = 3_000_000_000n;
/** How long a handed-out connection's key keeps swallowing stray segments (about 2 MSL). */
const TOMBSTONE_NS = 60_000_000_000n;

/** Options of a Reassembler; without any, it keeps every connection until `finish()`. */
export interface ReassemblerOptions {
  /**
   * Receives each connection once, finished, as soon as it is closed (both FINs, or an RST) and
   * `closeGraceNs` of capture time has passed, or from `finish()` for the rest. The reassembler
   * keeps nothing of it afterwards, so a streaming consumer can decode it and drop it.
   */
  onConnectionClosed?: (conn: Connection) => void;
  /** Capture time after the close during which retransmissions still join it (default 3 s). */
  closeGraceNs?: bigint;
}

/** A connection being reassembled. */
interface ConnState {
  conn: Connection;
  /** The client's endpoint id, to tell the directions apart. */
  clientId: EndpointId;
  serverId: EndpointId;
  c2s: DirectionAssembler;
  s2c: DirectionAssembler;
  /** Raw ISN of the client's SYN, to tell a retransmitted SYN from a new connection on the same ports. */
  clientIsn?: number;
  /** A FIN or RST was seen (from either side). */
  closed: boolean;
  /** Set once both sides sent FIN, one sent RST, or a new SYN took its ports: the capture time it may be handed out. */
  releaseAt?: bigint;
  handedOut: boolean;
}

/** What stays in the table once a connection is handed out: it swallows late segments, and sees port reuse. */
interface Tombstone {
  clientIsn: number | undefined;
  clientId: EndpointId;
  serverId: EndpointId;
  purgeAt: bigint;
}

type Slot = ConnState | Tombstone;

function isLive(slot: Slot): slot is ConnState {
  return 'conn' in slot;
}

/**
 * Streaming TCP reassembly: push frames one at a time, then finish.
 * Only payload bytes are kept, never whole frames, so large captures stream. Connections are
 * keyed by both addresses and ports and numbered from 1 in order of their first frame. Closed
 * connections can be handed out early (`onConnectionClosed`) to bound memory.
 */
export class Reassembler {
  /** Connections not yet handed out, in order of their first frame. */
  private readonly live = new Set<ConnState>();
  private readonly table = new PairTable<Slot>();
  private stream: ConnState | undefined;
  private count = 0;
  /** The latest capture time seen: closes and tombstones age by it. */
  private clock = 0n;
  /** Connections waiting out their grace, due first (all wait the same grace from the clock, which never goes back). */
  private readonly closing = new Fifo<ConnState>();
  /** Tombstones, due first (all last the same time from the clock). */
  private readonly tombstones = new Fifo<Tombstone>();
  private readonly h: QuickHeaders = newQuickHeaders();
  private readonly storage = new StreamStorage();
  private readonly onClosed: ((conn: Connection) => void) | undefined;
  private readonly graceNs: bigint;
  /** Segments that arrived for a connection already handed out, and were dropped. */
  lateSegments = 0;

  constructor(options: ReassemblerOptions = {}) {
    this.onClosed = options.onConnectionClosed;
    this.graceNs = options.closeGraceNs ?? DEFAULT_CLOSE_GRACE_NS;
  }

  /** Adds one frame; frames that are not TCP (or synthetic stream frames) are ignored. */
  push(frame: Frame): void {
    if (frame.linkType === LinkType.WIREBOOK_STREAM) {
      this.pushStreamFrame(frame);
      return;
    }
    if (frame.timeNs > this.clock) this.clock = frame.timeNs;
    const h = this.h;
    // The fast header walk: no fields and, for IPv4, no address text unless a connection opens.
    if (!quickWalk(frame, h)) return;
    if (h.ipVersion === 4) {
      const src = ipv4EndpointId(be32(frame.data, h.addrOffset), h.srcPort);
      const dst = ipv4EndpointId(be32(frame.data, h.addrOffset + 4), h.dstPort);
      this.place(frame, src, dst);
    } else this.place(frame, `${quickAddress(frame, h, 0)}|${h.srcPort}`, `${quickAddress(frame, h, 1)}|${h.dstPort}`);
    if (this.due()) this.processDue();
  }

  /** Closes every connection not yet handed out and returns them in order of their first frame. */
  finish(): Connection[] {
    const out: Connection[] = [];
    for (const s of this.live) out.push(this.close(s));
    this.live.clear();
    this.storage.release();
    for (const conn of out) this.onClosed?.(conn);
    return out;
  }

  /** Puts one TCP segment into its connection. */
  private place(frame: Frame, srcId: EndpointId, dstId: EndpointId): void {
    const t = this.h;
    const isSyn = (t.flags & (SYN | ACK)) === SYN;
    const slot = this.table.get(srcId, dstId);
    let state: ConnState | undefined;
    if (slot !== undefined && isLive(slot)) {
      state = slot;
      // Port reuse: a new SYN after the old connection closed starts a new connection.
      if (isSyn && state.closed && state.clientIsn !== t.seq) {
        this.schedule(state);
        state = undefined;
      }
    } else if (slot !== undefined && !(isSyn && slot.clientIsn !== t.seq)) {
      this.lateSegments += 1;
      return;
    }
    if (!state) {
      state = this.open(frame, srcId, dstId);
      this.table.set(srcId, dstId, state);
    }
    const dir: Direction = srcId === state.clientId ? 'c2s' : 's2c';
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
    if (t.flags & (FIN | RST)) {
      state.closed = true;
      const finished = state.c2s.stream.finFrame !== undefined && state.s2c.stream.finFrame !== undefined;
      if (t.flags & RST || finished) this.schedule(state);
    }
    const dataSeq = t.flags & SYN ? addSeq(t.seq, 1) : t.seq;
    side.base ??= dataSeq;
    const rel = unwrapSeq(dataSeq, side.base, side.next);
    const fate =
      t.payloadLength > 0
        ? side.push({ start: rel, bytes: frame.data.subarray(t.payloadOffset, t.payloadOffset + t.payloadLength), frame: frame.number, frameOffset: t.payloadOffset })
        : 'no-payload';
    const record: SegmentRecord = { frame: frame.number, dir, timeNs: frame.timeNs, seq: rel, length: t.segmentLength, flags: t.flags, fate };
    state.conn.segments.push(record);
  }

  /** Starts a connection; the SYN sender is the client, else the SYN-ACK's receiver, else the first sender. */
  private open(frame: Frame, srcId: EndpointId, dstId: EndpointId): ConnState {
    const flags = this.h.flags;
    const src: Endpoint = { address: quickAddress(frame, this.h, 0), port: this.h.srcPort };
    const dst: Endpoint = { address: quickAddress(frame, this.h, 1), port: this.h.dstPort };
    const synAck = (flags & (SYN | ACK)) === (SYN | ACK);
    const startSeen = (flags & (SYN | ACK)) === SYN;
    return synAck ? this.add(dst, src, dstId, srcId, frame.number, startSeen) : this.add(src, dst, srcId, dstId, frame.number, startSeen);
  }

  /** Creates and registers a connection. */
  private add(client: Endpoint, server: Endpoint, clientId: EndpointId, serverId: EndpointId, frame: number, startSeen: boolean): ConnState {
    const notes: Field[] = [];
    const c2s = new DirectionAssembler('c2s', notes, this.storage);
    const s2c = new DirectionAssembler('s2c', notes, this.storage);
    this.count += 1;
    const conn: Connection = { id: this.count, client, server, firstFrame: frame, startSeen, c2s: c2s.stream, s2c: s2c.stream, segments: [], notes };
    const state: ConnState = { conn, clientId, serverId, c2s, s2c, closed: false, handedOut: false };
    this.live.add(state);
    return state;
  }

  /**
   * Queues a closed connection to be handed out once `closeGraceNs` of capture time has passed
   * (also one closed by a new SYN on its ports: nothing joins it any more, but one grace for all
   * keeps the queue in due order).
   */
  private schedule(state: ConnState): void {
    if (state.releaseAt !== undefined || state.handedOut) return;
    state.releaseAt = this.clock + this.graceNs;
    this.closing.push(state);
  }

  /** True when the first closing connection or tombstone is due. */
  private due(): boolean {
    const head = this.closing.peek();
    if (head !== undefined && head.releaseAt! <= this.clock) return true;
    const stone = this.tombstones.peek();
    return stone !== undefined && stone.purgeAt <= this.clock;
  }

  /**
   * Takes every closing connection that is due: packs its bytes (so its staging blocks serve open
   * connections, even when nobody takes connections early), then hands it to the callback if
   * there is one (else `finish()` returns it). Purges old tombstones.
   */
  private processDue(): void {
    for (let state = this.closing.peek(); state !== undefined && state.releaseAt! <= this.clock; state = this.closing.peek()) {
      this.closing.take();
      if (state.handedOut) continue;
      state.c2s.compact();
      state.s2c.compact();
      if (this.onClosed) this.onClosed(this.release(state));
    }
    for (let stone = this.tombstones.peek(); stone !== undefined && stone.purgeAt <= this.clock; stone = this.tombstones.peek()) {
      this.tombstones.take();
      this.table.delete(stone.clientId, stone.serverId, stone);
    }
  }

  /** Hands a connection out: finished, forgotten, its key left to a tombstone. */
  private release(state: ConnState): Connection {
    this.live.delete(state);
    const conn = this.close(state);
    if (this.table.get(state.clientId, state.serverId) === state) {
      const stone: Tombstone = { clientIsn: state.clientIsn, clientId: state.clientId, serverId: state.serverId, purgeAt: this.clock + TOMBSTONE_NS };
      this.table.set(state.clientId, state.serverId, stone);
      this.tombstones.push(stone);
    }
    return conn;
  }

  /** Finishes both directions of a connection and marks it handed out. */
  private close(state: ConnState): Connection {
    state.handedOut = true;
    state.conn.c2s = state.c2s.finish();
    state.conn.s2c = state.s2c.finish();
    return state.conn;
  }

  /** Next stream offset per direction of the synthetic two-party stream (text inputs). */
  private readonly streamPosition: Record<Direction, number> = { c2s: 0, s2c: 0 };

  /** Pasted text without IP/TCP: every such frame belongs to one synthetic client/server stream, in order. */
  private pushStreamFrame(frame: Frame): void {
    this.stream ??= this.add({ address: 'client', port: 0 }, { address: 'server', port: 0 }, 'client|0', 'server|0', frame.number, true);
    const dir: Direction = frame.direction ?? 'c2s';
    const side = dir === 'c2s' ? this.stream.c2s : this.stream.s2c;
    const bytes = frame.data;
    // A text frame may show less than was sent (openssl -msg prints a record's header but not its
    // encrypted body): the unseen bytes still take stream positions, so they become a gap and the
    // next frame lands where it really began.
    const seq = this.streamPosition[dir];
    this.streamPosition[dir] = seq + Math.max(bytes.length, frame.origLength);
    const fate = side.push({ start: seq, bytes, frame: frame.number, frameOffset: 0 });
    this.stream.conn.segments.push({ frame: frame.number, dir, timeNs: frame.timeNs, seq, length: bytes.length, flags: 0, fate });
  }
}

/** A first-in first-out queue read from a head index: taken entries are cleared, and the array is cut now and then rather than shifted on every take. */
class Fifo<T> {
  private items: (T | undefined)[] = [];
  private head = 0;

  push(item: T): void {
    this.items.push(item);
  }

  /** The first entry, or undefined when empty. */
  peek(): T | undefined {
    return this.items[this.head];
  }

  /** Removes the first entry. */
  take(): void {
    this.items[this.head++] = undefined;
    if (this.head > 1024 && this.head * 2 > this.items.length) {
      this.items = this.items.slice(this.head);
      this.head = 0;
    }
  }
}

/** Reassembles every TCP connection of the frames. */
export function reassembleConnections(frames: Iterable<Frame>): Connection[] {
  const r = new Reassembler();
  for (const f of frames) r.push(f);
  return r.finish();
}
