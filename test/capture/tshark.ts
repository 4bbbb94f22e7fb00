// Runs tshark (installed by .ci/run) to get the reference view of a capture: what we must agree with.
import { execFile, spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import type { Frame } from '../../src/capture/frame.ts';

/** One frame as tshark sees it. */
export interface TsharkFrame {
  number: number;
  len: number;
  capLen: number;
  epoch: string;
  /** Section-local, as Wireshark numbers it (ours are global across sections). */
  interfaceId: number;
  section: number;
  hex: string;
}

/** True when tshark can be run here. */
export const hasTshark = spawnSync('tshark', ['-v'], { encoding: 'utf8' }).status === 0;

interface TsharkPacket {
  _source: { layers: { frame_raw?: [string, ...unknown[]]; frame: Record<string, string> } };
}

let running = 0;
const waiting: (() => void)[] = [];

/** Runs tshark, at most 3 at a time, resolving with its stdout even when it exits non-zero (damaged files). */
function runTshark(args: string[]): Promise<string> {
  return new Promise((resolve) => {
    const start = (): void => {
      running += 1;
      execFile('tshark', args, { encoding: 'utf8', maxBuffer: 1 << 28 }, (_error, stdout) => {
        running -= 1;
        waiting.shift()?.();
        resolve(stdout);
      });
    };
    if (running < 3) start();
    else waiting.push(start);
  });
}

/**
 * tshark's packet frames of a file (frames before a damaged spot included), or undefined without
 * tshark. Dissection is switched off: only the frame layer (lengths, time, raw bytes) is needed.
 * Records that are not packets (pcapng custom blocks, which tshark also numbers) are left out.
 */
export async function tsharkFrames(file: string): Promise<TsharkFrame[] | undefined> {
  if (!hasTshark) return undefined;
  const out = (await runTshark(['-r', file, '-T', 'json', '-x', '--disable-protocol', 'ALL'])).trim();
  if (out === '') return [];
  let packets: TsharkPacket[];
  try {
    packets = JSON.parse(out) as TsharkPacket[];
  } catch {
    packets = JSON.parse(out.replace(/,\s*$/, '') + ']') as TsharkPacket[];
  }
  return packets
    .filter((p) => p._source.layers.frame['frame.cb_pen'] === undefined)
    .map((p) => {
      const f = p._source.layers.frame;
      return {
        number: Number(f['frame.number']),
        len: Number(f['frame.len']),
        capLen: Number(f['frame.cap_len']),
        epoch: f['frame.time_epoch'] ?? '0.000000000',
        interfaceId: Number(f['frame.interface_id'] ?? 0),
        section: Number(f['frame.section_number'] ?? 1),
        hex: p._source.layers.frame_raw?.[0] ?? '',
      };
    });
}

/** tshark's reassembled payload of TCP stream `n`, per direction: [client→server, server→client]. */
export function tsharkFollow(file: string, n = 0): [string, string] {
  const run = spawnSync('tshark', ['-r', file, '-q', '-z', `follow,tcp,raw,${n}`], { encoding: 'utf8', maxBuffer: 1 << 28 });
  let c2s = '';
  let s2c = '';
  for (const line of run.stdout.split('\n')) {
    if (/^\t[0-9a-f]+$/.test(line)) s2c += line.trim();
    else if (/^[0-9a-f]+$/.test(line)) c2s += line;
  }
  return [c2s, s2c];
}

/** sha256 over the bytes of frames (or hex strings), in order. */
export function sha256Frames(frames: readonly (Frame | string)[]): string {
  const h = createHash('sha256');
  for (const f of frames) h.update(typeof f === 'string' ? Buffer.from(f, 'hex') : f.data);
  return h.digest('hex');
}

/** A nanosecond timestamp as tshark prints frame.time_epoch ("1795458579.081926000"). */
export function epochOf(ns: bigint): string {
  const s = ns / 1_000_000_000n;
  const frac = (ns % 1_000_000_000n).toString().padStart(9, '0');
  return `${s}.${frac}`;
}

/** Lower-case hex of bytes. */
export function hexOf(bytes: Uint8Array): string {
  return Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength).toString('hex');
}
