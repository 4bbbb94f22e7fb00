/**
 * Test helpers for the extension, fingerprint and STARTTLS tests: hello messages pulled out of a
 * capture with tshark (the oracle we did not write), a minimal hello reader that hands the
 * extensions to readExtensions, and tshark's own field positions for comparison.
 * Temporary until the capture readers, TCP reassembly and the TLS decoder land.
 */
import { execFileSync } from 'node:child_process';
import { BufferByteMap, FrameByteMap } from '../../src/model/bytemap.ts';
import { Cursor, guarded } from '../../src/model/cursor.ts';
import type { Field } from '../../src/model/field.ts';
import { fromHex } from '../../src/model/hex.ts';
import type { ClientHelloInfo, ServerHelloInfo } from '../../src/tls/hello.ts';
import { readExtensions, type ExtensionMessage } from '../../src/tls/extensions/index.ts';

/** One handshake message as tshark saw it. `framePos` is set when its bytes lie in one frame. */
export interface TsharkHandshake {
  stream: number;
  frame: number;
  type: number;
  bytes: Uint8Array;
  framePos?: number;
  /** tshark's fields under this message: [filter, pos, len] (pos in the frame when framePos is set). */
  fields: [string, number, number][];
}

type Json = string | number | boolean | null | Json[] | { [k: string]: Json };
type RawTuple = [string, number, number, ...Json[]];

function isRawTuple(v: Json): v is RawTuple {
  return Array.isArray(v) && typeof v[0] === 'string' && typeof v[1] === 'number' && typeof v[2] === 'number';
}

function asList(v: Json | undefined): Json[] {
  if (v === undefined || v === null) return [];
  return Array.isArray(v) && !isRawTuple(v) ? v : [v];
}

function obj(v: Json | undefined): { [k: string]: Json } | undefined {
  return v !== null && typeof v === 'object' && !Array.isArray(v) ? v : undefined;
}

/** Collects every `X_raw` below a node as [X, pos, len]. */
function collectRaw(node: Json, out: [string, number, number][]): void {
  const o = obj(node);
  if (!o) {
    if (Array.isArray(node)) for (const x of node) collectRaw(x, out);
    return;
  }
  for (const [k, v] of Object.entries(o)) {
    if (k.endsWith('_raw')) {
      for (const t of asList(v)) if (isRawTuple(t)) out.push([k.slice(0, -4), t[1], t[2]]);
    } else {
      collectRaw(v, out);
    }
  }
}

function runTshark(args: string[]): string {
  return execFileSync('tshark', args, { maxBuffer: 512 * 1024 * 1024, stdio: ['ignore', 'pipe', 'ignore'] }).toString('utf8');
}

/** Every handshake message of the given types in the capture, with tshark's field positions. */
export function tsharkHandshakes(file: string, types: number[] = [1, 2], extra: string[] = []): TsharkHandshake[] {
  const filter = types.map((t) => `tls.handshake.type==${t}`).join(' || ');
  const text = runTshark(['-r', file, ...extra, '-Y', filter, '-T', 'json', '-x', '--no-duplicate-keys', '-J', 'frame tcp tls']);
  const packets = JSON.parse(text) as Json[];
  const out: TsharkHandshake[] = [];
  for (const p of packets) {
    const layers = obj(obj(obj(p)?._source)?.layers);
    if (!layers) continue;
    const frameRaw = asList(layers.frame_raw)[0];
    const frameHex = isRawTuple(frameRaw as Json) ? (frameRaw as RawTuple)[0] : '';
    const frame = Number(obj(layers.frame)?.['frame.number']);
    const stream = Number(obj(layers.tcp)?.['tcp.stream']);
    for (const tls of asList(layers.tls)) {
      for (const rec of asList(obj(tls)?.['tls.record'])) {
        const r = obj(rec);
        if (!r) continue;
        const hs = asList(r['tls.handshake']);
        const raws = asList(r['tls.handshake_raw']);
        hs.forEach((h, i) => {
          const raw = raws[i];
          if (!isRawTuple(raw as Json)) return;
          const [hex, pos] = raw as RawTuple;
          const bytes = fromHex(hex);
          if (!bytes || bytes.length < 4 || !types.includes(bytes[0]!)) return;
          const fields: [string, number, number][] = [];
          collectRaw(h, fields);
          const inFrame = frameHex.slice(pos * 2, pos * 2 + hex.length) === hex;
          out.push({ stream, frame, type: bytes[0]!, bytes, ...(inFrame ? { framePos: pos } : {}), fields });
        });
      }
    }
  }
  return out;
}

/** A hello read with our readers: the values, the fields, and where the extensions start. */
export interface ReadHello<T> {
  info: T;
  fields: Field[];
}

function cursorFor(h: TsharkHandshake, fields: Field[]): Cursor {
  const map = h.framePos !== undefined ? new FrameByteMap(h.frame, h.framePos) : new BufferByteMap(`hs-${h.frame}`);
  return new Cursor(h.bytes, map, fields);
}

/** RFC 8446 §4.1.2 ClientHello, read minimally so the extensions can be handed to readExtensions. */
export function readClientHelloForTest(h: TsharkHandshake): ReadHello<ClientHelloInfo> {
  const fields: Field[] = [];
  const r = cursorFor(h, fields);
  const info: ClientHelloInfo = {
    legacyVersion: 0,
    random: new Uint8Array(0),
    sessionId: new Uint8Array(0),
    cipherSuites: [],
    compressionMethods: [],
    extensions: { types: [] },
  };
  guarded(() => {
    r.u8('Handshake Type', 'tls.handshake.type');
    const len = r.u24('Length', 'tls.handshake.length');
    r.struct('ClientHello', undefined, len, (b) => {
      info.legacyVersion = b.u16('Version', 'tls.handshake.version');
      info.random = b.bytes('Random', 'tls.handshake.random', 32);
      const sid = b.u8('Session ID Length', 'tls.handshake.session_id_length');
      info.sessionId = b.bytes('Session ID', 'tls.handshake.session_id', sid);
      const cs = b.u16('Cipher Suites Length', 'tls.handshake.cipher_suites_length');
      b.struct('Cipher Suites', 'tls.handshake.ciphersuites', cs, (c) => {
        while (c.remaining > 0) info.cipherSuites.push(c.u16('Cipher Suite', 'tls.handshake.ciphersuite'));
      });
      const cm = b.u8('Compression Methods Length', 'tls.handshake.comp_methods_length');
      b.struct('Compression Methods', 'tls.handshake.comp_methods', cm, (c) => {
        while (c.remaining > 0) info.compressionMethods.push(c.u8('Compression Method', 'tls.handshake.comp_method'));
      });
      info.extensions = readExtensions(b, { message: 'client_hello' });
    });
  });
  return { info, fields };
}

const HRR_RANDOM = 'cf21ad74e59a6111be1d8c021e65b891c2a211167abb8c5e079e09e2c8a8339c';

/** RFC 8446 §4.1.3 ServerHello (HelloRetryRequest by its random), read minimally. */
export function readServerHelloForTest(h: TsharkHandshake): ReadHello<ServerHelloInfo> {
  const fields: Field[] = [];
  const r = cursorFor(h, fields);
  const info: ServerHelloInfo = {
    legacyVersion: 0,
    random: new Uint8Array(0),
    sessionId: new Uint8Array(0),
    cipherSuite: 0,
    compressionMethod: 0,
    extensions: { types: [] },
    helloRetryRequest: false,
  };
  guarded(() => {
    r.u8('Handshake Type', 'tls.handshake.type');
    const len = r.u24('Length', 'tls.handshake.length');
    r.struct('ServerHello', undefined, len, (b) => {
      info.legacyVersion = b.u16('Version', 'tls.handshake.version');
      info.random = b.bytes('Random', 'tls.handshake.random', 32);
      info.helloRetryRequest = Buffer.from(info.random).toString('hex') === HRR_RANDOM;
      // TLS 1.3 drafts (0x7fNN, Facebook's 0x7eNN) dropped session id and compression until draft 22.
      if (info.legacyVersion >> 8 === 0x7f || info.legacyVersion >> 8 === 0x7e) {
        info.cipherSuite = b.u16('Cipher Suite', 'tls.handshake.ciphersuite');
        info.extensions = readExtensions(b, { message: 'server_hello' });
        return;
      }
      const sid = b.u8('Session ID Length', 'tls.handshake.session_id_length');
      info.sessionId = b.bytes('Session ID', 'tls.handshake.session_id', sid);
      info.cipherSuite = b.u16('Cipher Suite', 'tls.handshake.ciphersuite');
      info.compressionMethod = b.u8('Compression Method', 'tls.handshake.comp_method');
      const message: ExtensionMessage = info.helloRetryRequest ? 'hello_retry_request' : 'server_hello';
      info.extensions = readExtensions(b, { message });
    });
  });
  return { info, fields };
}

/** tshark's JA3/JA3S values per frame: frame → [full, hash] in message order. */
export function tsharkJa3(file: string, server: boolean, extra: string[] = []): Map<number, [string, string][]> {
  const f = server ? ['tls.handshake.ja3s_full', 'tls.handshake.ja3s'] : ['tls.handshake.ja3_full', 'tls.handshake.ja3'];
  const text = runTshark([
    '-r', file, ...extra, '-Y', `tls.handshake.type==${server ? 2 : 1}`, '-T', 'fields',
    '-E', 'separator=/t', '-E', 'occurrence=a', '-E', 'aggregator=|', '-e', 'frame.number', '-e', f[0]!, '-e', f[1]!,
  ]);
  const out = new Map<number, [string, string][]>();
  for (const line of text.split('\n')) {
    if (!line.trim()) continue;
    const [frame, full, hash] = line.split('\t');
    const fulls = (full ?? '').split('|');
    const hashes = (hash ?? '').split('|');
    out.set(Number(frame), fulls.map((x, i) => [x, hashes[i] ?? '']));
  }
  return out;
}

/** Our fields' frame positions as [filter, offset, length] (single-span fields only). */
function ourPositions(fields: Field[]): Set<string> {
  const set = new Set<string>();
  const walk = (fs: Field[]): void => {
    for (const f of fs) {
      const s = f.spans[0];
      if (f.filter && f.spans.length === 1 && s && 'frame' in s) set.add(`${f.filter}@${s.offset}+${s.length}`);
      if (f.children) walk(f.children);
    }
  };
  walk(fields);
  return set;
}

/**
 * Compares tshark's extension fields of a hello (everything from extensions_length on) with ours:
 * same filter name at the same offset and length. Returns the count and what did not match.
 */
export function compareExtensionPositions(h: TsharkHandshake, fields: Field[]): { total: number; missing: string[] } {
  const ours = ourPositions(fields);
  const start = h.fields.find(([f]) => f === 'tls.handshake.extensions_length')?.[1];
  const missing: string[] = [];
  let total = 0;
  if (start === undefined) return { total, missing };
  for (const [f, pos, len] of h.fields) {
    if (pos < start || !f.startsWith('tls.')) continue;
    total++;
    if (!ours.has(`${f}@${pos}+${len}`)) missing.push(`${f}@${pos}+${len}`);
  }
  return { total, missing };
}

/** Both directions of one TCP stream, reassembled by tshark (`follow,tcp,raw`): node 0 → c2s. */
export function tsharkStreamBytes(file: string, stream = 0): { c2s: Uint8Array; s2c: Uint8Array } {
  const text = runTshark(['-r', file, '-q', '-z', `follow,tcp,raw,${stream}`]);
  const c2s: Uint8Array[] = [];
  const s2c: Uint8Array[] = [];
  let body = false;
  for (const line of text.split('\n')) {
    if (line.startsWith('Node 1:')) {
      body = true;
      continue;
    }
    if (!body || line.startsWith('=') || line.trim() === '') continue;
    const bytes = fromHex(line.trim());
    if (!bytes) continue;
    (line.startsWith('\t') ? s2c : c2s).push(bytes);
  }
  return { c2s: Buffer.concat(c2s), s2c: Buffer.concat(s2c) };
}
