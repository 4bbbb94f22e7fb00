/**
 * tshark as an oracle we did not write (DESIGN.md, "How we know it is right"): runs `tshark -T
 * pdml` and `-z follow,tcp,raw`, parses the output, and compares our annotated fields against
 * Wireshark's by filter name, position and size (and value where the two are comparable).
 * Protocol-agnostic: link/IP/TCP tests use it today, the TLS and X.509 work reuses it.
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { isFrameSpan } from '../../src/model/span.ts';
import type { Field, FieldValue } from '../../src/model/field.ts';

/** One `<field>` or `<proto>` element of PDML. */
export interface PdmlField {
  name: string;
  pos: number;
  size: number;
  show?: string;
  value?: string;
  /** The enclosing `<proto>` name (the layer the field belongs to). */
  proto: string;
  hidden: boolean;
  /** True for `<proto>` elements. */
  isProto: boolean;
}

/** The PDML fields of one packet. */
export interface PdmlPacket {
  frame: number;
  fields: PdmlField[];
}

let tsharkPath: string | null | undefined;

/** The tshark executable, or null when it is not installed (tests then skip and say so). */
export function tsharkAvailable(): string | null {
  if (tsharkPath !== undefined) return tsharkPath;
  const probe = spawnSync('tshark', ['--version'], { encoding: 'utf8', timeout: 30_000 });
  tsharkPath = probe.status === 0 ? 'tshark' : null;
  return tsharkPath;
}

/** Runs tshark with the given arguments and returns stdout; throws with stderr on failure. */
export function runTshark(args: readonly string[], timeoutMs = 120_000): string {
  const res = spawnSync('tshark', ['-n', ...args], { encoding: 'utf8', timeout: timeoutMs, maxBuffer: 1024 * 1024 * 1024 });
  if (res.error) throw res.error;
  if (res.status !== 0) throw new Error(`tshark ${args.join(' ')} exited ${res.status}: ${res.stderr}`);
  return res.stdout;
}

/** `-o name:value` pairs as tshark arguments. */
function prefArgs(prefs: Readonly<Record<string, string>>): string[] {
  return Object.entries(prefs).flatMap(([k, v]) => ['-o', `${k}:${v}`]);
}

const ENTITIES: Record<string, string> = { amp: '&', lt: '<', gt: '>', quot: '"', apos: "'" };

/** Undoes XML escaping in an attribute value. */
function unescapeXml(s: string): string {
  return s.replace(/&(#x[0-9a-fA-F]+|#\d+|[a-z]+);/g, (m, e: string) => {
    if (e.startsWith('#x')) return String.fromCodePoint(parseInt(e.slice(2), 16));
    if (e.startsWith('#')) return String.fromCodePoint(parseInt(e.slice(1), 10));
    return ENTITIES[e] ?? m;
  });
}

/** Parses the attributes of one tag. */
function attributes(tag: string): Map<string, string> {
  const out = new Map<string, string>();
  for (const m of tag.matchAll(/([a-z_]+)="([^"]*)"/g)) out.set(m[1]!, unescapeXml(m[2]!));
  return out;
}

/** Parses PDML text into packets (a small tag scanner: PDML is flat, regular XML). */
export function parsePdml(xml: string): PdmlPacket[] {
  const packets: PdmlPacket[] = [];
  let current: PdmlPacket | undefined;
  let proto = '';
  for (const m of xml.matchAll(/<(\/?)(packet|proto|field)\b([^>]*?)(\/?)>/g)) {
    const [, closing, tag, attrText] = m;
    if (tag === 'packet') {
      if (closing) {
        if (current) packets.push(current);
        current = undefined;
      } else current = { frame: packets.length + 1, fields: [] };
      continue;
    }
    if (closing || !current) continue;
    const a = attributes(attrText!);
    const name = a.get('name') ?? '';
    if (tag === 'proto') proto = name;
    if (name === 'frame.number') current.frame = Number(a.get('show'));
    current.fields.push({
      name,
      pos: Number(a.get('pos') ?? 0),
      size: Number(a.get('size') ?? 0),
      show: a.get('show'),
      value: a.get('value'),
      proto,
      hidden: a.get('hide') === 'yes',
      isProto: tag === 'proto',
    });
  }
  return packets;
}

/** Every packet of a capture as tshark dissects it (`-T pdml`), with optional `-o` preferences. */
export function pdml(file: string, prefs: Readonly<Record<string, string>> = {}, extra: readonly string[] = []): PdmlPacket[] {
  return parsePdml(runTshark(['-r', file, '-T', 'pdml', ...prefArgs(prefs), ...extra]));
}

/** True for PDML entries that are not bytes of the packet: generated, size 0, hidden duplicates. */
export function isByteField(f: PdmlField): boolean {
  return f.size > 0 && !f.hidden && f.name !== '' && !f.name.startsWith('_ws.');
}

/** One of our fields as the comparison sees it. */
export interface OurField {
  filter: string;
  frame: number;
  pos: number;
  size: number;
  value?: FieldValue;
}

/** Our fields with a filter name, flattened, one entry per field (its first frame span and total length). */
export function flattenOurs(fields: readonly Field[], accept: (filter: string) => boolean): OurField[] {
  const out: OurField[] = [];
  const walk = (list: readonly Field[]): void => {
    for (const f of list) {
      if (f.filter && accept(f.filter) && f.malformed === undefined) {
        const first = f.spans.find(isFrameSpan);
        if (first) {
          const size = f.spans.reduce((n, s) => n + s.length, 0);
          out.push({ filter: f.filter, frame: first.frame, pos: first.offset, size, value: f.value });
        }
      }
      if (f.children) walk(f.children);
    }
  };
  walk(fields);
  return out;
}

/** Whether our value says the same as tshark's `show` (or raw `value`) text. */
export function valuesAgree(ours: FieldValue | undefined, t: PdmlField): boolean {
  if (ours === undefined) return true;
  const show = t.show ?? '';
  if (typeof ours === 'boolean') return show === (ours ? '1' : '0') || show.toLowerCase() === String(ours);
  if (typeof ours === 'number') {
    const n = /^0x[0-9a-f]+$/i.test(show) ? parseInt(show, 16) : /^-?\d+$/.test(show) ? Number(show) : NaN;
    return n === ours;
  }
  const norm = (s: string): string => s.toLowerCase().replace(/[:\s]/g, '');
  return ours === show || norm(ours) === norm(show) || (t.value !== undefined && norm(ours) === norm(t.value));
}

/** One disagreement between our fields and tshark's. */
export interface Difference {
  frame: number;
  filter: string;
  kind: 'position' | 'value' | 'missing-in-tshark' | 'missing-in-ours';
  detail: string;
}

/** Agreement figures of one comparison. */
export interface Agreement {
  /** Our fields compared (those with a filter the caller accepts). */
  compared: number;
  /** Our fields tshark has at the same position and size. */
  agree: number;
  /** Of those, fields whose values were compared, and how many agreed. */
  valuesCompared: number;
  valuesAgree: number;
  /** tshark byte fields in the accepted protocols, and how many of them we produce. */
  theirs: number;
  covered: number;
  differences: Difference[];
}

/** An empty tally to add comparisons into. */
export function emptyAgreement(): Agreement {
  return { compared: 0, agree: 0, valuesCompared: 0, valuesAgree: 0, theirs: 0, covered: 0, differences: [] };
}

/**
 * Compares our fields of one frame with tshark's packet by filter name + position + size, then
 * value. `accept` picks the filter names in scope (e.g. `eth.`/`ip.`/`tcp.`); `compareValue`
 * says which values are comparable (tshark shows some relative to state we do not keep).
 */
export function compareFrame(
  ours: readonly Field[],
  theirs: PdmlPacket,
  accept: (filter: string) => boolean,
  compareValue: (filter: string) => boolean = () => true,
  into: Agreement = emptyAgreement(),
): Agreement {
  const frame = theirs.frame;
  const byName = new Map<string, PdmlField[]>();
  const tfields = theirs.fields.filter((f) => isByteField(f) && accept(f.name));
  for (const f of tfields) {
    const list = byName.get(f.name) ?? [];
    list.push(f);
    byName.set(f.name, list);
  }
  const matched = new Set<PdmlField>();
  for (const o of flattenOurs(ours, accept)) {
    into.compared++;
    const candidates = byName.get(o.filter);
    if (!candidates) {
      into.differences.push({ frame, filter: o.filter, kind: 'missing-in-tshark', detail: `ours at ${o.pos}+${o.size}` });
      continue;
    }
    const same = candidates.filter((t) => t.pos === o.pos && t.size === o.size);
    if (same.length === 0) {
      const where = candidates.map((t) => `${t.pos}+${t.size}`).join(', ');
      into.differences.push({ frame, filter: o.filter, kind: 'position', detail: `ours at ${o.pos}+${o.size}, tshark at ${where}` });
      continue;
    }
    into.agree++;
    const free = same.find((t) => !matched.has(t)) ?? same[0]!;
    matched.add(free);
    if (o.value !== undefined && compareValue(o.filter)) {
      into.valuesCompared++;
      if (same.some((t) => valuesAgree(o.value, t))) into.valuesAgree++;
      else into.differences.push({ frame, filter: o.filter, kind: 'value', detail: `ours ${String(o.value)}, tshark ${free.show ?? ''} (${free.value ?? ''})` });
    }
  }
  for (const t of tfields) {
    into.theirs++;
    if (matched.has(t)) into.covered++;
    else into.differences.push({ frame, filter: t.name, kind: 'missing-in-ours', detail: `tshark at ${t.pos}+${t.size} show=${t.show ?? ''}` });
  }
  return into;
}

/** `a/b agree` with a percentage, for test output. */
export function ratio(a: number, b: number): string {
  return `${a}/${b} agree${b ? ` (${((100 * a) / b).toFixed(2)}%)` : ''}`;
}

/** Both directions of one TCP stream as `tshark -z follow,tcp,raw,N` gives them. */
export interface FollowedStream {
  /** `address:port` of node 0 (the side that sent the stream's first frame) and node 1. */
  node0: string;
  node1: string;
  bytes0: Uint8Array;
  bytes1: Uint8Array;
}

/** Parses `follow,tcp,raw` output: node-0 lines flush left, node-1 lines indented with a tab. */
export function parseFollowRaw(text: string): FollowedStream {
  const node0 = /^Node 0: (.*)$/m.exec(text)?.[1] ?? '';
  const node1 = /^Node 1: (.*)$/m.exec(text)?.[1] ?? '';
  const parts: [string[], string[]] = [[], []];
  const body = text.split(/^Node 1: .*$/m)[1] ?? '';
  for (const line of body.split('\n')) {
    if (/^=+$/.test(line.trim()) || line.trim() === '') continue;
    const side = line.startsWith('\t') ? 1 : 0;
    parts[side].push(line.trim());
  }
  return { node0, node1, bytes0: Buffer.from(parts[0].join(''), 'hex'), bytes1: Buffer.from(parts[1].join(''), 'hex') };
}

/** `tshark -q -z follow,tcp,raw,N`: both directions' bytes of stream N. */
export function followTcpRaw(file: string, streamIndex: number, prefs: Readonly<Record<string, string>> = {}): FollowedStream {
  return parseFollowRaw(runTshark(['-r', file, '-q', ...prefArgs(prefs), '-z', `follow,tcp,raw,${streamIndex}`]));
}

/** The number of TCP streams tshark finds (`tcp.stream` values). */
export function tcpStreamCount(file: string, prefs: Readonly<Record<string, string>> = {}): number {
  const out = runTshark(['-r', file, ...prefArgs(prefs), '-T', 'fields', '-e', 'tcp.stream']);
  let max = -1;
  for (const line of out.split('\n')) if (line.trim() !== '') max = Math.max(max, Number(line));
  return max + 1;
}

/** Every stream `0..count-1` with one tshark run (many `-z follow` taps), in stream order. */
export function followAllTcpRaw(file: string, count: number, prefs: Readonly<Record<string, string>> = {}): FollowedStream[] {
  if (count === 0) return [];
  const taps = Array.from({ length: count }, (_, i) => ['-z', `follow,tcp,raw,${i}`]).flat();
  const out = runTshark(['-r', file, '-q', ...prefArgs(prefs), ...taps]);
  const blocks = out.split(/^={20,}\nFollow: tcp,raw\n/m).slice(1);
  const byIndex = new Map<number, FollowedStream>();
  for (const b of blocks) {
    const index = Number(/^Filter: tcp\.stream eq (\d+)/m.exec(b)?.[1] ?? -1);
    byIndex.set(index, parseFollowRaw(b));
  }
  return Array.from({ length: count }, (_, i) => byIndex.get(i) ?? { node0: '', node1: '', bytes0: new Uint8Array(), bytes1: new Uint8Array() });
}

/**
 * Concatenates captures into one pcapng (`mergecap -a`, frames in file order, each file's link
 * type kept) and passes its path to `body`: tshark's start-up dominates small fixtures, so one
 * run over all of them is much faster than one run each. Frame N of the result is the N-th
 * frame counting through the files in order.
 */
export function withConcatenated<T>(files: readonly string[], body: (merged: string) => T): T {
  const dir = mkdtempSync(join(tmpdir(), 'wirebook-oracle-'));
  try {
    const merged = join(dir, 'merged.pcapng');
    const res = spawnSync('mergecap', ['-a', '-F', 'pcapng', '-w', merged, ...files], { encoding: 'utf8', timeout: 120_000 });
    if (res.status !== 0) throw new Error(`mergecap failed: ${res.stderr}`);
    return body(merged);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
