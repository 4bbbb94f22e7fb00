/**
 * Test helper: frames of a pcap or pcapng file. A deliberately tiny reader (EPB, SPB, IDB; both
 * byte orders) so the link/TCP tests do not depend on the capture readers' progress; the readers
 * have their own tests.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import type { Frame } from '../../src/capture/frame.ts';

/** Frames of a classic pcap file. */
function readPcap(b: Buffer): Frame[] {
  const magic = b.readUInt32LE(0);
  const le = magic === 0xa1b2c3d4 || magic === 0xa1b23c4d;
  const u32 = (o: number): number => (le ? b.readUInt32LE(o) : b.readUInt32BE(o));
  const linkType = u32(20) & 0xffff;
  const frames: Frame[] = [];
  for (let at = 24; at + 16 <= b.length; ) {
    const incl = u32(at + 8);
    const orig = u32(at + 12);
    const data = new Uint8Array(b.subarray(at + 16, at + 16 + incl));
    frames.push({ number: frames.length + 1, timeNs: 0n, linkType, data, origLength: orig, interfaceId: 0, fileOffset: at });
    at += 16 + incl;
  }
  return frames;
}

/** Frames of a pcapng file (sections, interfaces, enhanced and simple packet blocks). */
function readPcapng(b: Buffer): Frame[] {
  const frames: Frame[] = [];
  let le = true;
  let links: { linkType: number; snap: number }[] = [];
  for (let at = 0; at + 12 <= b.length; ) {
    let type = b.readUInt32LE(at);
    if (type === 0x0a0d0d0a) {
      le = b.readUInt32LE(at + 8) === 0x1a2b3c4d;
      links = [];
    }
    const u32 = (o: number): number => (le ? b.readUInt32LE(o) : b.readUInt32BE(o));
    const u16 = (o: number): number => (le ? b.readUInt16LE(o) : b.readUInt16BE(o));
    type = u32(at);
    const len = u32(at + 4);
    if (type === 1) links.push({ linkType: u16(at + 8), snap: u32(at + 12) });
    if (type === 6) {
      const iface = u32(at + 8);
      const incl = u32(at + 20);
      const data = new Uint8Array(b.subarray(at + 28, at + 28 + incl));
      frames.push({ number: frames.length + 1, timeNs: 0n, linkType: links[iface]?.linkType ?? 1, data, origLength: u32(at + 24), interfaceId: iface, fileOffset: at });
    }
    if (type === 3) {
      const orig = u32(at + 8);
      const incl = Math.min(orig, len - 16, links[0]?.snap || orig);
      frames.push({ number: frames.length + 1, timeNs: 0n, linkType: links[0]?.linkType ?? 1, data: new Uint8Array(b.subarray(at + 12, at + 12 + incl)), origLength: orig, interfaceId: 0, fileOffset: at });
    }
    at += len;
  }
  return frames;
}

/** Every frame of a pcap or pcapng file. */
export function readFrames(file: string): Frame[] {
  const b = readFileSync(file);
  return b.readUInt32LE(0) === 0x0a0d0d0a ? readPcapng(b) : readPcap(b);
}

/** Writes frames as a little-endian microsecond pcap (for asking tshark about handcrafted frames). */
export function writePcap(file: string, linkType: number, frames: readonly { data: Uint8Array; origLength?: number }[]): void {
  const head = Buffer.alloc(24);
  head.writeUInt32LE(0xa1b2c3d4, 0);
  head.writeUInt16LE(2, 4);
  head.writeUInt16LE(4, 6);
  head.writeUInt32LE(262144, 16);
  head.writeUInt32LE(linkType, 20);
  const parts: Buffer[] = [head];
  for (const f of frames) {
    const rec = Buffer.alloc(16);
    rec.writeUInt32LE(f.data.length, 8);
    rec.writeUInt32LE(f.origLength ?? f.data.length, 12);
    parts.push(rec, Buffer.from(f.data));
  }
  writeFileSync(file, Buffer.concat(parts));
}
