// tcpdump -x / -xx / -X / -XX text: optional header lines ("18:29:39.081926 IP a.1 > b.2: ...")
// each followed by "\t0x0010:  4500 003c ...  E..<" lines. -x/-X start at the IP header, -xx/-XX
// at the link header; which one a dump is, is read from its bytes, not from how it was made.
import type { RawFrame } from './chunks.ts';
import { LinkType } from './frame.ts';
import { TCPDUMP_HEX_LINE, hexBeforeAsciiColumn, hexTokensToBytes, splitLines, type TextRead } from './text-lines.ts';
import { detectLinkType, ipLengthOf } from './text-linktype.ts';
import { SequenceBases, readSegmentLine, rebuildSegment, rebuiltTcpLength, type SegmentLine } from './text-tcp-rebuild.ts';

/** What a header line tells: when, which ports, how long the TCP payload was. */
interface PacketHeader {
  line: number;
  timeNs?: bigint;
  srcPort?: number;
  dstPort?: number;
  payloadLength?: number;
  /** The TCP segment the line describes (IPv4 only), for rebuilding headers a dump leaves out. */
  segment?: SegmentLine;
}

/** One packet's dump being collected. */
interface PacketDump {
  header?: PacketHeader;
  firstLine: number;
  startOffset: number;
  bytes: number[];
  /** Set after a broken line: the bytes collected so far are kept, later lines are not used. */
  broken: boolean;
}

const CLOCK = /^\s*(?:(\d{4})-(\d\d)-(\d\d) )?(\d\d):(\d\d):(\d\d)\.(\d{1,9})\b/;
const EPOCH = /^\s*(\d{6,})\.(\d{1,9})\b/;
const ADDRESSES = /\S+\.(\d+) > \S+\.(\d+):/;
const HEADER_START = /^\s*(?:IP6?|ARP|RARP)\s/;

/** Nanoseconds from a header line's timestamp (-t default, -tt, -tttt); time-of-day only counts from 1970-01-01 UTC. */
function readHeaderTime(line: string): bigint | undefined {
  const frac = (digits: string): bigint => BigInt(digits.padEnd(9, '0'));
  const epoch = EPOCH.exec(line);
  if (epoch) return BigInt(epoch[1]!) * 1_000_000_000n + frac(epoch[2]!);
  const clock = CLOCK.exec(line);
  if (!clock) return undefined;
  const [, y, mo, d, h, mi, s, f] = clock;
  const day = y ? BigInt(Date.UTC(Number(y), Number(mo) - 1, Number(d)) / 1000) : 0n;
  const seconds = day + BigInt(Number(h) * 3600 + Number(mi) * 60 + Number(s));
  return seconds * 1_000_000_000n + frac(f!);
}

/** True for a tcpdump packet header line (it starts with a timestamp or a protocol name). */
function isHeaderLine(line: string): boolean {
  return CLOCK.test(line) || EPOCH.test(line) || HEADER_START.test(line);
}

/** Reads a header line: timestamp, ports and TCP payload length ("length 130" or old "1:143(142)"). */
function readHeaderLine(line: string, lineNo: number): PacketHeader {
  const header: PacketHeader = { line: lineNo };
  const time = readHeaderTime(line);
  if (time !== undefined) header.timeNs = time;
  addHeaderDetails(header, line);
  return header;
}

/** Adds ports and payload length found on a header line or its continuation (tcpdump -v wraps). */
function addHeaderDetails(header: PacketHeader, line: string): void {
  const ports = ADDRESSES.exec(line);
  if (ports) {
    header.srcPort = Number(ports[1]);
    header.dstPort = Number(ports[2]);
    const tail = line.slice(ports.index + ports[0].length);
    const lengths = [...tail.matchAll(/\blength (\d+)/g)];
    const old = /\d+:\d+\((\d+)\)/.exec(tail);
    const last = lengths.at(-1);
    if (last) header.payloadLength = Number(last[1]);
    else if (old) header.payloadLength = Number(old[1]);
    const segment = readSegmentLine(line);
    if (segment) header.segment = segment;
  }
}

/** Reads tcpdump hex text into frames; broken lines become problems with their line numbers. */
export function readTcpdumpText(text: string): TextRead {
  const problems: TextRead['problems'] = [];
  const packets: Packet[] = [];
  const bases = new SequenceBases();
  let header: PacketHeader | undefined;
  let headerOpen = false;
  let dump: PacketDump | undefined;
  const close = (): void => {
    if (dump) packets.push(finishPacket(dump, bases, problems));
    dump = undefined;
  };
  const lines = splitLines(text);
  for (let i = 0; i < lines.length; i++) {
    const line = lines[i]!;
    const lineNo = i + 1;
    const hex = TCPDUMP_HEX_LINE.exec(line);
    if (!hex) {
      if (line.trim() === '') continue;
      close();
      if (isHeaderLine(line)) {
        header = readHeaderLine(line, lineNo);
        headerOpen = true;
      } else if (header && headerOpen) {
        addHeaderDetails(header, line);
      } else {
        header = undefined;
      }
      continue;
    }
    const offset = parseInt(hex[1]!, 16);
    // tcpdump writes two spaces after the colon; more (in 5-column groups) mean the first
    // groups were left blank, as in dumps that show only the payload of a packet.
    const extra = hex[2]!.replace(/\t/g, '').length - 2;
    const lineOffset = offset + (extra > 0 && extra % 5 === 0 ? (extra / 5) * 2 : 0);
    if (dump && lineOffset === 0 && dump.bytes.length > 0) close();
    if (!dump) {
      dump = { firstLine: lineNo, startOffset: lineOffset, bytes: [], broken: false, ...(header ? { header } : {}) };
      header = undefined;
      headerOpen = false;
    }
    readHexLineInto(dump, hex[3]!, lineOffset, lineNo, problems);
  }
  close();
  // Headerless packets are placed last: their sequence numbers need every whole packet's.
  const frames: RawFrame[] = [];
  for (const p of packets) {
    const frame = 'dump' in p ? placeHeaderless(p.dump, bases, problems) : p.frame;
    if (frame) frames.push(frame);
  }
  problems.sort((a, b) => (a.line ?? 0) - (b.line ?? 0));
  return { frames, problems };
}

/** A finished whole packet, or a headerless one waiting for the sequence bases. */
type Packet = { frame: RawFrame | undefined } | { dump: PacketDump };

/** Appends one hex line to the packet, or records why it cannot be used. */
function readHexLineInto(dump: PacketDump, rest: string, lineOffset: number, lineNo: number, problems: TextRead['problems']): void {
  if (dump.broken) return;
  const bytes = hexTokensToBytes(hexBeforeAsciiColumn(rest));
  const expected = dump.startOffset + dump.bytes.length;
  if (!bytes) {
    problems.push({ message: `line ${lineNo}: bad hex "${rest.trim().slice(0, 48)}"; the packet keeps its first ${dump.bytes.length} bytes`, line: lineNo });
    dump.broken = true;
  } else if (lineOffset !== expected) {
    problems.push({
      message: `line ${lineNo}: offset 0x${lineOffset.toString(16).padStart(4, '0')} does not continue the previous line (expected 0x${expected.toString(16).padStart(4, '0')}); the packet keeps its first ${dump.bytes.length} bytes`,
      line: lineNo,
    });
    dump.broken = true;
  } else {
    dump.bytes.push(...bytes);
  }
}

/** Turns a collected dump into a frame (a whole packet), or defers it when its headers are not shown. */
function finishPacket(dump: PacketDump, bases: SequenceBases, problems: TextRead['problems']): Packet {
  if (dump.bytes.length === 0) return { frame: undefined };
  if (dump.startOffset !== 0) return { dump };
  const line = dump.header?.line ?? dump.firstLine;
  const timeNs = dump.header?.timeNs ?? 0n;
  const data = Uint8Array.from(dump.bytes);
  const detected = detectLinkType(data);
  if (detected.problem) problems.push({ message: `line ${dump.firstLine}: ${detected.problem}`, line: dump.firstLine });
  const ipLength = ipLengthOf(data, detected.linkType);
  const origLength = Math.max(data.length, ipLength === undefined ? 0 : ipLength + detected.ipOffset);
  if (dump.header?.segment) bases.learn(dump.header.segment, data, detected.ipOffset);
  return { frame: { timeNs, linkType: detected.linkType, data, origLength, interfaceId: 0, line } };
}

/**
 * A packet shown from the middle: with a header line whose sequence numbers the paste's whole
 * packets make absolute, its IP/TCP headers are rebuilt; else its bytes become a stream frame
 * (when they are exactly the announced payload) or it is skipped, each said in a problem.
 */
function placeHeaderless(dump: PacketDump, bases: SequenceBases, problems: TextRead['problems']): RawFrame | undefined {
  const line = dump.header?.line ?? dump.firstLine;
  const timeNs = dump.header?.timeNs ?? 0n;
  const data = Uint8Array.from(dump.bytes);
  const h = dump.header;
  const segment = h && !dump.broken && h.payloadLength === data.length ? h.segment : undefined;
  const numbers = segment ? bases.resolve(segment) : undefined;
  const start = `0x${dump.startOffset.toString(16).padStart(4, '0')}`;
  if (segment && numbers) {
    problems.push({
      message:
        `line ${dump.firstLine}: the dump starts at byte ${start}; its IP and TCP headers are rebuilt from the header line on line ${h!.line} (sequence ${segment.seq} is ${numbers.seq} absolute), so the ${data.length} payload bytes take their place in the connection` +
        // No IPv4 + TCP header ends at that offset: the frame's offsets then differ from the paste's.
        (rebuiltTcpLength(dump.startOffset) === undefined ? `; no IPv4 and TCP headers end at byte ${start}, so in the frame the payload starts at byte 0x0028 instead` : ''),
      line: dump.firstLine,
    });
    return rebuildSegment({ timeNs, interfaceId: 0, line }, segment, numbers, data, dump.startOffset);
  }
  if (h?.srcPort !== undefined && h.dstPort !== undefined && !dump.broken && h.payloadLength === data.length) {
    // The shown bytes are exactly the TCP payload the header line announces: keep them as stream bytes.
    const direction = h.srcPort < h.dstPort ? 's2c' : 'c2s';
    problems.push({
      message: `line ${dump.firstLine}: the dump starts at byte ${start}; the IP and TCP headers are not shown, so its ${data.length} bytes (the TCP payload, as the header line says) are kept as a ${direction} stream frame`,
      line: dump.firstLine,
    });
    return { timeNs, linkType: LinkType.WIREBOOK_STREAM, data, origLength: data.length, interfaceId: 0, line, direction };
  }
  problems.push({
    message: `line ${dump.firstLine}: the packet dump starts at byte ${start}, not 0: the bytes before it are not shown, so the packet cannot be decoded; skipped`,
    line: dump.firstLine,
  });
  return undefined;
}
