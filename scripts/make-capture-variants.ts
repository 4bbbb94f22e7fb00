// Writes the hand-made capture variants under fixtures/variants/ from a tcpdump pcap, without using
// wirebook's own reader (so the readers are checked against files made independently of them,
// and tshark is the judge). Run by scripts/make-capture-variants.sh; usage:
//   node --import tsx scripts/make-capture-variants.ts SOURCE.pcap OUTDIR
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

interface Packet {
  sec: number;
  usec: number;
  data: Uint8Array;
  origLen: number;
}

const [source, outDir] = process.argv.slice(2);
if (!source || !outDir) throw new Error('usage: make-capture-variants.ts SOURCE.pcap OUTDIR');
const file = readFileSync(source);

/** Records of a little-endian microsecond pcap (what tcpdump writes on x86). */
function readLittleEndianPcap(bytes: Buffer): { linkType: number; packets: Packet[] } {
  if (bytes.readUInt32LE(0) !== 0xa1b2c3d4) throw new Error('expected a little-endian µs pcap');
  const packets: Packet[] = [];
  for (let at = 24; at + 16 <= bytes.length; ) {
    const capLen = bytes.readUInt32LE(at + 8);
    packets.push({ sec: bytes.readUInt32LE(at), usec: bytes.readUInt32LE(at + 4), origLen: bytes.readUInt32LE(at + 12), data: bytes.subarray(at + 16, at + 16 + capLen) });
    at += 16 + capLen;
  }
  return { linkType: bytes.readUInt32LE(20), packets };
}

/** The same pcap with every header field written big-endian (as a SPARC or PowerPC host would). */
function bigEndianPcap(bytes: Buffer, nanoseconds: boolean): Buffer {
  const out = Buffer.from(bytes);
  out.writeUInt32BE(nanoseconds ? 0xa1b23c4d : 0xa1b2c3d4, 0);
  out.writeUInt16BE(bytes.readUInt16LE(4), 4);
  out.writeUInt16BE(bytes.readUInt16LE(6), 6);
  for (const f of [8, 12, 16, 20]) out.writeUInt32BE(bytes.readUInt32LE(f), f);
  for (let at = 24; at + 16 <= bytes.length; ) {
    const capLen = bytes.readUInt32LE(at + 8);
    const frac = bytes.readUInt32LE(at + 4);
    out.writeUInt32BE(bytes.readUInt32LE(at), at);
    out.writeUInt32BE(nanoseconds ? frac * 1000 + 7 : frac, at + 4);
    out.writeUInt32BE(capLen, at + 8);
    out.writeUInt32BE(bytes.readUInt32LE(at + 12), at + 12);
    at += 16 + capLen;
  }
  return out;
}

/** pcapng block writer for one byte order. */
class BlockWriter {
  readonly parts: Buffer[] = [];
  constructor(readonly le: boolean) {}
  u16(v: number): Buffer {
    const b = Buffer.alloc(2);
    if (this.le) b.writeUInt16LE(v);
    else b.writeUInt16BE(v);
    return b;
  }
  u32(v: number): Buffer {
    const b = Buffer.alloc(4);
    if (this.le) b.writeUInt32LE(v >>> 0);
    else b.writeUInt32BE(v >>> 0);
    return b;
  }
  /** An option with its value padded to 4 bytes; `padding: false` leaves the padding out (hostile). */
  option(code: number, value: Uint8Array, padding = true): Buffer {
    const pad = padding ? (4 - (value.length % 4)) % 4 : 0;
    return Buffer.concat([this.u16(code), this.u16(value.length), value, Buffer.alloc(pad)]);
  }
  endOfOptions(): Buffer {
    return Buffer.alloc(4);
  }
  block(type: number, body: Buffer): void {
    const padded = Buffer.concat([body, Buffer.alloc((4 - (body.length % 4)) % 4)]);
    const length = padded.length + 12;
    this.parts.push(Buffer.concat([this.u32(type), this.u32(length), padded, this.u32(length)]));
  }
  sectionHeader(options: Buffer[] = []): void {
    const bom = this.u32(0x1a2b3c4d);
    this.block(0x0a0d0d0a, Buffer.concat([bom, this.u16(1), this.u16(0), Buffer.alloc(8, 0xff), ...options]));
  }
  interfaceDescription(linkType: number, snapLen: number, options: Buffer[] = []): void {
    this.block(1, Buffer.concat([this.u16(linkType), this.u16(0), this.u32(snapLen), ...options]));
  }
  enhancedPacket(ifId: number, ticks: bigint, p: Packet, options: Buffer[] = []): void {
    const data = Buffer.concat([p.data, Buffer.alloc((4 - (p.data.length % 4)) % 4)]);
    const high = Number(ticks >> 32n);
    const low = Number(ticks & 0xffffffffn);
    this.block(6, Buffer.concat([this.u32(ifId), this.u32(high), this.u32(low), this.u32(p.data.length), this.u32(p.origLen), data, ...options]));
  }
  simplePacket(p: Packet, snapLen: number): void {
    this.block(3, Buffer.concat([this.u32(p.origLen), p.data.subarray(0, Math.min(p.origLen, snapLen))]));
  }
  obsoletePacket(ifId: number, ticks: bigint, p: Packet): void {
    const high = Number(ticks >> 32n);
    const low = Number(ticks & 0xffffffffn);
    this.block(2, Buffer.concat([this.u16(ifId), this.u16(0), this.u32(high), this.u32(low), this.u32(p.data.length), this.u32(p.origLen), p.data]));
  }
  bytes(): Buffer {
    return Buffer.concat(this.parts);
  }
}

const text = (s: string): Buffer => Buffer.from(s, 'utf8');
const micros = (p: Packet): bigint => BigInt(p.sec) * 1_000_000n + BigInt(p.usec);
const { linkType, packets } = readLittleEndianPcap(file);
const half = Math.ceil(packets.length / 2);
const write = (name: string, bytes: Uint8Array): void => writeFileSync(join(outDir, name), bytes);

write('be.pcap', bigEndianPcap(file, false));
write('be-ns.pcap', bigEndianPcap(file, true));

// Simple Packet Blocks only: no timestamps, interface 0; a snaplen of 100 cuts the longer packets.
{
  const w = new BlockWriter(true);
  w.sectionHeader();
  w.interfaceDescription(linkType, 100);
  for (const p of packets) w.simplePacket(p, 100);
  write('spb-only.pcapng', w.bytes());
}

// Two sections: little-endian µs, then big-endian with if_tsresol 2^-20 and if_tsoffset 1000 s,
// so section 2's interface 0 must not be section 1's.
{
  const a = new BlockWriter(true);
  a.sectionHeader([a.option(4, text('wirebook variants')), a.endOfOptions()]);
  a.interfaceDescription(linkType, 262144, [a.option(2, text('secA')), a.endOfOptions()]);
  for (const p of packets.slice(0, half)) a.enhancedPacket(0, micros(p), p);
  const b = new BlockWriter(false);
  b.sectionHeader();
  b.interfaceDescription(linkType, 262144, [b.option(2, text('secB')), b.option(9, Uint8Array.of(0x80 | 20)), b.option(14, Buffer.from([0, 0, 0, 0, 0, 0, 0x03, 0xe8])), b.endOfOptions()]);
  for (const p of packets.slice(half)) b.enhancedPacket(0, ((BigInt(p.sec) - 1000n) << 20n) + (BigInt(p.usec) << 20n) / 1_000_000n, p);
  write('two-sections.pcapng', Buffer.concat([a.bytes(), b.bytes()]));
}

// Odd option lengths (legal, padded), an obsolete Packet Block, a name resolution block and a
// custom block to skip, and a Decryption Secrets Block.
{
  const w = new BlockWriter(true);
  w.sectionHeader([w.option(1, text('odd')), w.endOfOptions()]);
  w.interfaceDescription(linkType, 65535, [w.option(2, text('lo0')), w.option(3, text('loopback')), w.option(9, Uint8Array.of(6)), w.endOfOptions()]);
  w.block(4, Buffer.concat([w.u16(1), w.u16(9), Buffer.from([127, 0, 0, 1]), text('host\0'), Buffer.alloc(3), w.u16(0), w.u16(0)]));
  w.block(0x00000bad, Buffer.concat([w.u32(32473), text('private')]));
  w.block(0x0a, Buffer.concat([w.u32(0x544c534b), w.u32(7), text('CLIENT_'), Buffer.alloc(1)]));
  packets.forEach((p, i) => {
    if (i === 1) w.obsoletePacket(0, micros(p), p);
    else w.enhancedPacket(0, micros(p), p, i === 0 ? [w.option(1, text('x')), w.option(1, text('abcde')), w.endOfOptions()] : []);
  });
  write('odd-options.pcapng', w.bytes());
}

// Hostile: an option whose length runs past its block (block framing intact, packets all there).
{
  const w = new BlockWriter(true);
  w.sectionHeader();
  w.interfaceDescription(linkType, 65535, [w.option(2, text('lo')), w.u16(3), w.u16(200)]);
  for (const p of packets.slice(0, 3)) w.enhancedPacket(0, micros(p), p);
  write('bad-option-past-block.pcapng', w.bytes());
}

/** Offsets of the blocks of a little-endian pcapng file. */
function blockOffsets(bytes: Buffer): number[] {
  const offsets: number[] = [];
  for (let at = 0; at + 12 <= bytes.length; at += bytes.readUInt32LE(at + 4)) offsets.push(at);
  return offsets;
}

// Hostile edits of editcap's pcapng (made first by the shell script) and of the source pcap.
{
  const ng = readFileSync(join(outDir, 'editcap.pcapng'));
  const blocks = blockOffsets(ng);
  const fifth = blocks[4]!;
  const pastEnd = Buffer.from(ng);
  pastEnd.writeUInt32LE(0x00100000, fifth + 4);
  write('bad-block-past-end.pcapng', pastEnd);
  const notFour = Buffer.from(ng);
  notFour.writeUInt32LE(ng.readUInt32LE(fifth + 4) + 2, fifth + 4);
  write('bad-block-length-not-4.pcapng', notFour);
  const badTrailer = Buffer.from(ng);
  const fifthEnd = fifth + ng.readUInt32LE(fifth + 4);
  badTrailer.writeUInt32LE(ng.readUInt32LE(fifth + 4) + 4, fifthEnd - 4);
  write('bad-trailing-length.pcapng', badTrailer);
  write('cut-mid-packet.pcapng', ng.subarray(0, blocks[8]! + 40));
  const garbage = Buffer.alloc(64);
  for (let i = 0; i < garbage.length; i++) garbage[i] = (i * 37 + 11) & 0xff;
  write('garbage-after-header.pcapng', Buffer.concat([ng.subarray(0, blocks[1]!), garbage]));
}
{
  let at = 24;
  for (let i = 0; i < 9; i++) at += 16 + file.readUInt32LE(at + 8);
  write('cut-mid-packet.pcap', file.subarray(0, at + 16 + 20));
  const garbage = Buffer.alloc(64);
  for (let i = 0; i < garbage.length; i++) garbage[i] = (i * 53 + 7) & 0xff;
  write('garbage-after-header.pcap', Buffer.concat([file.subarray(0, 24), garbage]));
  const wrong = Buffer.from(file);
  wrong.writeUInt32BE(0xdeadbeef, 0);
  write('wrong-magic.pcap', wrong);
  write('empty.pcap', new Uint8Array(0));
  write('header-only.pcap', file.subarray(0, 24));
}
