/**
 * Test helper: a fixture capture decoded into the annotation model. Uses the lead's
 * `src/decode.ts` (`decodeCapture`) when it exists; until then it composes the decoders that do
 * exist (capture readers, TCP reassembly, the TLS core) and derives the transport summary, so the
 * diagnosis tests run on real bytes either way.
 */
import { createHash } from 'node:crypto';
import { existsSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { readCaptureBytes } from '../../src/capture/read.ts';
import type { DecodedCapture, DecodedConnection, DecodedFrame, TransportSummary } from '../../src/model/decoded.ts';
import { reassembleConnections } from '../../src/tcp/reassemble.ts';
import type { Connection } from '../../src/tcp/types.ts';
import { decodeTlsConnection } from '../../src/tls/connection.ts';

export const ROOT = join(dirname(fileURLToPath(import.meta.url)), '..', '..');
export const FIXTURES = join(ROOT, 'fixtures');

type DecodeFn = (input: Uint8Array, opts?: { keylog?: string }) => DecodedCapture;

let lead: DecodeFn | null | undefined;

/** The lead's decodeCapture when src/decode.ts exists (loaded once), else null. */
async function leadDecoder(): Promise<DecodeFn | null> {
  if (lead !== undefined) return lead;
  lead = null;
  const path = join(ROOT, 'src', 'decode.ts');
  if (existsSync(path)) {
    // A computed specifier keeps tsc from requiring the module before it lands.
    const mod = (await import(path)) as { decodeCapture?: DecodeFn };
    if (typeof mod.decodeCapture === 'function') lead = mod.decodeCapture;
  }
  return lead;
}

/** Transport facts from a reassembled TCP connection. */
function transportOf(c: Connection): TransportSummary {
  const truncated = new Set<number>();
  let last = c.firstFrame;
  for (const s of c.segments) last = Math.max(last, s.frame);
  const gaps: TransportSummary['gaps'] = [];
  for (const dir of ['c2s', 's2c'] as const) for (const g of c[dir].gaps) gaps.push({ dir, start: g.start, length: g.length, afterFrame: g.afterFrame });
  const t: TransportSummary = { startSeen: c.startSeen, gaps, truncatedFrames: [...truncated], lastFrame: last };
  if (c.c2s.finFrame !== undefined) t.clientFin = c.c2s.finFrame;
  if (c.s2c.finFrame !== undefined) t.serverFin = c.s2c.finFrame;
  if (c.c2s.rstFrame !== undefined) t.clientRst = c.c2s.rstFrame;
  if (c.s2c.rstFrame !== undefined) t.serverRst = c.s2c.rstFrame;
  return t;
}

/** Composes the existing decoders (no decryption) into a DecodedCapture. */
function fallbackDecode(input: Uint8Array): DecodedCapture {
  const read = readCaptureBytes(input);
  const frames: DecodedFrame[] = read.frames.map((f) => ({ number: f.number, timeNs: f.timeNs, origLength: f.origLength, data: f.data, fields: [] }));
  const conns = reassembleConnections(read.frames);
  const connections: DecodedConnection[] = [];
  for (const c of conns) {
    const d = decodeTlsConnection(c).decoded;
    const t = transportOf(c);
    for (const s of c.segments) {
      const f = read.frames[s.frame - 1];
      if (f && f.data.length < f.origLength) t.truncatedFrames.push(s.frame);
    }
    t.truncatedFrames = [...new Set(t.truncatedFrames)].sort((a, b) => a - b);
    d.transport = t;
    connections.push(d);
  }
  return {
    input: { format: read.format, frames: read.frames.length, bytes: input.length, sha256: createHash('sha256').update(input).digest('hex') },
    problems: read.problems,
    frames,
    connections,
  };
}

const cache = new Map<string, DecodedCapture>();

/** Decodes a capture file (path relative to fixtures/ or absolute), with its keylog when given. */
export async function decodeFixture(path: string, keylog?: string): Promise<DecodedCapture> {
  const file = path.startsWith('/') ? path : join(FIXTURES, path);
  const key = `${file}|${keylog ?? ''}`;
  const hit = cache.get(key);
  if (hit) return hit;
  const bytes = new Uint8Array(readFileSync(file));
  const decode = await leadDecoder();
  const opts: { keylog?: string } = {};
  if (keylog !== undefined) opts.keylog = readFileSync(keylog.startsWith('/') ? keylog : join(FIXTURES, keylog), 'utf8');
  const out = decode ? decode(bytes, opts) : fallbackDecode(bytes);
  cache.set(key, out);
  return out;
}

/** The scenario folder's capture file (capture.pcap or capture.pcapng). */
export function scenarioCapture(folder: string): string {
  for (const name of ['capture.pcap', 'capture.pcapng']) if (existsSync(join(FIXTURES, folder, name))) return join(FIXTURES, folder, name);
  throw new Error(`no capture in fixtures/${folder}`);
}
