/** Test helper: frames of a capture file, and a pcap writer for asking tshark about handcrafted frames. */
import { readFileSync, writeFileSync } from 'node:fs';
import type { Frame } from '../../src/capture/frame.ts';
import { readCaptureBytes } from '../../src/capture/read.ts';

/** Every frame of a capture file, read by the project's capture readers (sniffed by content). */
export function readFrames(file: string): Frame[] {
  return readCaptureBytes(new Uint8Array(readFileSync(file))).frames;
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
