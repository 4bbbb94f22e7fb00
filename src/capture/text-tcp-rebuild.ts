// A pasted packet whose IP and TCP headers the author left out (seed 001's packet 4 shows only
// its payload, from 0x0034) cannot be placed in its connection by its bytes. Its tcpdump header
// line still says who sent it and where it goes in the stream ("P 1419:1719(300) ack 143 win
// 106"): with the sequence numbers made absolute from the other packets of the paste, the
// headers are rebuilt and the frame is marked so every rebuilt byte says where it came from.
import { be32, type RawFrame } from './chunks.ts';
import { LinkType } from './frame.ts';

/** What a tcpdump header line says about one TCP segment. */
export interface SegmentLine {
  src: string;
  dst: string;
  srcPort: number;
  dstPort: number;
  /** TCP flag bits (FIN 0x01, SYN 0x02, RST 0x04, PSH 0x08, ACK 0x10, URG 0x20). */
  flags: number;
  /** Sequence number as printed (relative unless tcpdump -S, or on a SYN). */
  seq?: number;
  ack?: number;
  win?: number;
}

// tcpdump -v prints the addresses on a continuation line, without the "IP" that starts the first.
const ENDPOINTS = /(?:^|\s)(\d+\.\d+\.\d+\.\d+)\.(\d+) > (\d+\.\d+\.\d+\.\d+)\.(\d+):\s*(.*)$/;
const FLAG_BITS: Readonly<Record<string, number>> = { F: 0x01, S: 0x02, R: 0x04, P: 0x08, '.': 0x10, U: 0x20, E: 0x40, W: 0x80 };

function flagBits(letters: string): number {
  let bits = 0;
  for (const c of letters) bits |= FLAG_BITS[c] ?? 0;
  return bits;
}

/** Reads the IPv4 TCP part of a tcpdump header line (or its -v continuation) in the old ("P 1:143(142) ack 1") or new ("Flags [P.], seq 1:143") form. */
export function readSegmentLine(line: string): SegmentLine | undefined {
  const m = ENDPOINTS.exec(line);
  if (!m) return undefined;
  const out: SegmentLine = { src: m[1]!, srcPort: Number(m[2]), dst: m[3]!, dstPort: Number(m[4]), flags: 0 };
  const rest = m[5]!;
  const modern = /Flags \[([A-Z.]+)\](?:, seq (\d+)(?::\d+)?)?/.exec(rest);
  const old = /^([SFPRUEW.]+) (?:(\d+):\d+\(\d+\))?/.exec(rest);
  if (modern) {
    out.flags = flagBits(modern[1]!);
    if (modern[2] !== undefined) out.seq = Number(modern[2]);
  } else if (old) {
    out.flags = flagBits(old[1]!);
    if (old[2] !== undefined) out.seq = Number(old[2]);
  } else return undefined;
  const ack = /\back (\d+)/.exec(rest);
  if (ack) {
    out.ack = Number(ack[1]);
    out.flags |= 0x10;
  }
  const win = /\bwin (\d+)/.exec(rest);
  if (win) out.win = Number(win[1]);
  return out;
}

const flowKey = (s: SegmentLine, reverse = false): string => (reverse ? `${s.dst}.${s.dstPort}>${s.src}.${s.srcPort}` : `${s.src}.${s.srcPort}>${s.dst}.${s.dstPort}`);

/** Where a whole pasted packet's TCP header starts, when it is IPv4 at `ipOffset`. */
function tcpOffset(data: Uint8Array, ipOffset: number): number | undefined {
  if (data.length < ipOffset + 20 || data[ipOffset]! >> 4 !== 4 || data[ipOffset + 9] !== 6) return undefined;
  const at = ipOffset + (data[ipOffset]! & 0x0f) * 4;
  return data.length >= at + 12 ? at : undefined;
}

/**
 * True when the line names the whole packet's own addresses and ports: numbers from a line that
 * does not (hand-edited, anonymized, impossible like 300.0.0.1) would rebuild headers of another flow.
 */
function describes(line: SegmentLine, data: Uint8Array, ipOffset: number, tcp: number): boolean {
  const sameAddress = (address: string, at: number): boolean => ipv4Bytes(address).every((b, i) => data[at + i] === b);
  const port = (at: number): number => (data[at]! << 8) | data[at + 1]!;
  return sameAddress(line.src, ipOffset + 12) && sameAddress(line.dst, ipOffset + 16) && port(tcp) === line.srcPort && port(tcp + 2) === line.dstPort;
}

/**
 * Learns, per direction of each flow, what to add to a printed sequence number to get the real
 * one: from whole packets whose header line and TCP header both give it (SYNs are printed with
 * absolute numbers and are skipped; an ACK teaches the reverse direction). A line that does not
 * describe its packet teaches nothing, so headers are only rebuilt for flows the bytes show.
 */
export class SequenceBases {
  private readonly bases = new Map<string, number>();

  /** Records what a whole packet (IP at `ipOffset`) and its header line say. */
  learn(line: SegmentLine, data: Uint8Array, ipOffset: number): void {
    if (line.flags & 0x02) return;
    const tcp = tcpOffset(data, ipOffset);
    if (tcp === undefined || !describes(line, data, ipOffset, tcp)) return;
    if (line.seq !== undefined && !this.bases.has(flowKey(line))) this.bases.set(flowKey(line), (be32(data, tcp + 4) - line.seq) >>> 0);
    if (line.ack !== undefined && !this.bases.has(flowKey(line, true))) this.bases.set(flowKey(line, true), (be32(data, tcp + 8) - line.ack) >>> 0);
  }

  /** The real sequence and acknowledgement numbers of a segment line, when both bases are known. */
  resolve(line: SegmentLine): { seq: number; ack: number } | undefined {
    const seqBase = this.bases.get(flowKey(line));
    const ackBase = this.bases.get(flowKey(line, true));
    if (seqBase === undefined || line.seq === undefined) return undefined;
    const ack = line.ack !== undefined && ackBase !== undefined ? (ackBase + line.ack) >>> 0 : 0;
    return { seq: (seqBase + line.seq) >>> 0, ack };
  }
}

function ipv4Bytes(address: string): number[] {
  return address.split('.').map(Number);
}

/** RFC 791 header checksum, so the rebuilt header reads as valid. */
function ipChecksum(h: Uint8Array): number {
  let sum = 0;
  for (let i = 0; i < h.length; i += 2) sum += (h[i]! << 8) | h[i + 1]!;
  while (sum > 0xffff) sum = (sum & 0xffff) + (sum >>> 16);
  return ~sum & 0xffff;
}

/**
 * The TCP header length (20 to 60, a multiple of 4) that puts the payload at `payloadOffset` behind
 * a 20-byte IPv4 header; undefined when none can (the payload then sits at 40, not where the paste
 * showed it).
 */
export function rebuiltTcpLength(payloadOffset: number): number | undefined {
  return payloadOffset >= 40 && payloadOffset <= 80 && (payloadOffset - 20) % 4 === 0 ? payloadOffset - 20 : undefined;
}

/**
 * A raw-IPv4 frame of rebuilt IP + TCP headers followed by the shown payload. The TCP header is
 * padded with NOP options so the payload starts at the offset the dump printed it at (0x0034 in
 * seed 001), which keeps frame offsets equal to the offsets on the pasted lines.
 */
export function rebuildSegment(base: Omit<RawFrame, 'data' | 'origLength' | 'linkType'>, line: SegmentLine, numbers: { seq: number; ack: number }, payload: Uint8Array, payloadOffset: number): RawFrame {
  const tcpLength = rebuiltTcpLength(payloadOffset) ?? 20;
  const headerLength = 20 + tcpLength;
  const data = new Uint8Array(headerLength + payload.length);
  const total = data.length;
  data.set([0x45, 0, total >> 8, total & 0xff, 0, 0, 0x40, 0, 64, 6, 0, 0, ...ipv4Bytes(line.src), ...ipv4Bytes(line.dst)], 0);
  const sum = ipChecksum(data.subarray(0, 20));
  data[10] = sum >> 8;
  data[11] = sum & 0xff;
  const t = 20;
  const win = line.win ?? 0;
  data.set([line.srcPort >> 8, line.srcPort & 0xff, line.dstPort >> 8, line.dstPort & 0xff], t);
  data.set([numbers.seq >>> 24, (numbers.seq >>> 16) & 0xff, (numbers.seq >>> 8) & 0xff, numbers.seq & 0xff], t + 4);
  data.set([numbers.ack >>> 24, (numbers.ack >>> 16) & 0xff, (numbers.ack >>> 8) & 0xff, numbers.ack & 0xff], t + 8);
  data.set([(tcpLength / 4) << 4, line.flags & 0xff, (win >> 8) & 0xff, win & 0xff, 0, 0, 0, 0], t + 12);
  data.fill(0x01, t + 20, t + tcpLength);
  data.set(payload, headerLength);
  return {
    ...base,
    linkType: LinkType.RAW,
    data,
    origLength: data.length,
    rebuiltHeader: {
      length: headerLength,
      note: 'not in the pasted text: rebuilt from the tcpdump header line (addresses, ports, flags, sequence and acknowledgement numbers, window); IP id, TTL and the TCP checksum are placeholders',
    },
  };
}
