// Helpers for the X.509 tests: PEM files, tshark PDML of Certificate messages, and the checks
// (leaf tiling, element positions) that compare our fields with oracles we did not write.
import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { FrameByteMap } from '../../src/model/bytemap.ts';
import { Cursor, guarded } from '../../src/model/cursor.ts';
import { leafFields, walkFields, type Field } from '../../src/model/field.ts';
import { fromHex } from '../../src/model/hex.ts';
import { isFrameSpan } from '../../src/model/span.ts';
import { pemBlocks } from '../../src/crypto/pem.ts';

/** Every certificate in a PEM file, as DER. */
export function pemCertificates(path: string): Uint8Array[] {
  return pemBlocks(readFileSync(path, 'utf8'), 'CERTIFICATE');
}

/** Runs a reader over `bytes` as if they sat at `base` in frame 1; returns its fields. */
export function decodeWith(bytes: Uint8Array, read: (r: Cursor) => void, base = 0): Field[] {
  const out: Field[] = [];
  guarded(() => read(new Cursor(bytes, new FrameByteMap(1, base), out)));
  return out;
}

/** `[offset, length]` of a field's single frame span. */
export function spanOf(f: Field): [number, number] | undefined {
  const s = f.spans[0];
  return s && isFrameSpan(s) && f.spans.length === 1 ? [s.offset, s.length] : undefined;
}

/**
 * Checks that the leaves tile `[base, base+length)`: sorted by offset, no gaps, no overlaps.
 * Leaves with identical spans (bit-field children of one byte) count once. Returns problems.
 */
export function tilingProblems(fields: readonly Field[], base: number, length: number): string[] {
  const seen = new Set<string>();
  const spans: [number, number][] = [];
  for (const leaf of leafFields(fields)) {
    for (const s of leaf.spans) {
      if (!isFrameSpan(s)) return ['non-frame span'];
      const key = `${s.offset}:${s.length}`;
      if (!seen.has(key)) {
        seen.add(key);
        spans.push([s.offset, s.length]);
      }
    }
  }
  spans.sort((a, b) => a[0] - b[0]);
  const problems: string[] = [];
  let at = base;
  for (const [o, l] of spans) {
    if (o > at) problems.push(`gap ${at}..${o}`);
    if (o < at) problems.push(`overlap at ${o} (covered to ${at})`);
    at = Math.max(at, o + l);
  }
  if (at !== base + length) problems.push(`covered to ${at}, expected ${base + length}`);
  return problems;
}

/** One element as `openssl asn1parse` lists it. */
export interface OpensslElement {
  offset: number;
  depth: number;
  hl: number;
  length: number | undefined;
}

/** Runs `openssl asn1parse -inform DER` on the bytes. */
export function opensslAsn1parse(der: Uint8Array): OpensslElement[] {
  const text = execFileSync('openssl', ['asn1parse', '-inform', 'DER'], { input: der, encoding: 'utf8', stdio: ['pipe', 'pipe', 'ignore'] });
  const out: OpensslElement[] = [];
  for (const m of text.matchAll(/^\s*(\d+):d=(\d+)\s+hl=(\d+)\s+l=\s*(\d+|inf)/gm)) {
    out.push({ offset: Number(m[1]), depth: Number(m[2]), hl: Number(m[3]), length: m[4] === 'inf' ? undefined : Number(m[4]) });
  }
  return out;
}

/** Elements our fields annotate: a field whose first two children are the Tag and Length leaves. */
export function annotatedElements(fields: readonly Field[], base = 0): Map<number, { hl: number; total: number }[]> {
  const out = new Map<number, { hl: number; total: number }[]>();
  for (const f of walkFields(fields)) {
    const [tag, len] = f.children ?? [];
    if (tag?.kb !== 'asn1.tag' || len?.kb !== 'asn1.length') continue;
    const whole = spanOf(f);
    const t = spanOf(tag);
    const l = spanOf(len);
    if (!whole || !t || !l) continue;
    const list = out.get(whole[0] - base) ?? [];
    list.push({ hl: t[1] + l[1], total: whole[1] });
    out.set(whole[0] - base, list);
  }
  return out;
}

/** An x509-family field tshark shows, with its position in the packet's data source. */
export interface PdmlField {
  name: string;
  pos: number;
  size: number;
}

/** One certificate of a Certificate message in PDML: its bytes, position, and the fields under it. */
export interface PdmlCertificate {
  frame: number;
  pos: number;
  der: Uint8Array;
  fields: PdmlField[];
}

const X509_FAMILY = /^(x509\w*|pkcs1|pkix1\w*|ber|tls\.sct|tls\.handshake\.sig_hash)\b/;

function attr(line: string, name: string): string | undefined {
  return new RegExp(` ${name}="([^"]*)"`).exec(line)?.[1];
}

/** True when tshark is installed. */
export function haveTshark(): boolean {
  try {
    execFileSync('tshark', ['--version'], { stdio: 'ignore' });
    return true;
  } catch {
    return false;
  }
}

/** The certificates of every Certificate message in a capture, with tshark's x509 fields. */
export function pdmlCertificates(capture: string): PdmlCertificate[] {
  const pdml = execFileSync('tshark', ['-r', capture, '-T', 'pdml', '-Y', 'tls.handshake.certificate'], {
    encoding: 'utf8', maxBuffer: 512 * 1024 * 1024, stdio: ['ignore', 'pipe', 'ignore'],
  });
  const certs: PdmlCertificate[] = [];
  let frame = 0;
  let current: PdmlCertificate | undefined;
  for (const line of pdml.split('\n')) {
    if (line.includes('<packet>')) current = undefined;
    const name = attr(line, 'name');
    if (name === 'frame.number') frame = Number(attr(line, 'show'));
    if (name === undefined) continue;
    const pos = Number(attr(line, 'pos'));
    const size = Number(attr(line, 'size'));
    if (name === 'tls.handshake.certificate') {
      const value = attr(line, 'value');
      if (value) {
        current = { frame, pos, der: fromHex(value)!, fields: [] };
        certs.push(current);
      }
      continue;
    }
    if (current && X509_FAMILY.test(name) && pos >= current.pos && pos + size <= current.pos + current.der.length) {
      current.fields.push({ name, pos, size });
    }
  }
  return certs;
}

/** Compares tshark's fields with ours (multiset of filter/pos/size): matched, missing and extra. */
export function comparePdml(pdml: readonly PdmlField[], ours: readonly Field[]): { matched: number; missing: PdmlField[]; extra: PdmlField[] } {
  const pool = new Map<string, number>();
  const mine: PdmlField[] = [];
  for (const f of walkFields(ours)) {
    const s = spanOf(f);
    if (!f.filter || !s || !X509_FAMILY.test(f.filter)) continue;
    mine.push({ name: f.filter, pos: s[0], size: s[1] });
    const key = `${f.filter}@${s[0]}+${s[1]}`;
    pool.set(key, (pool.get(key) ?? 0) + 1);
  }
  let matched = 0;
  const missing: PdmlField[] = [];
  const theirs = new Map<string, number>();
  for (const p of pdml) {
    const key = `${p.name}@${p.pos}+${p.size}`;
    theirs.set(key, (theirs.get(key) ?? 0) + 1);
    const n = pool.get(key) ?? 0;
    if (n > 0) {
      pool.set(key, n - 1);
      matched++;
    } else missing.push(p);
  }
  const extra = mine.filter((m) => {
    const key = `${m.name}@${m.pos}+${m.size}`;
    const n = theirs.get(key) ?? 0;
    if (n > 0) {
      theirs.set(key, n - 1);
      return false;
    }
    return true;
  });
  return { matched, missing, extra };
}
