// A tolerant DER/BER TLV walker (X.690 §8.1). Two faces over one header parser:
// - `readElement`/`readAny` read through a Cursor and annotate every byte (Tag and Length leaves,
//   then the content), so spans come from the cursor, never from hand arithmetic;
// - `parseDer` builds a plain tree (offsets, header lengths) for the asn1parse view and summaries.
// Bad input never throws: it becomes a malformed field (or a node `malformed` reason) and the walk
// resumes at the parent's next sibling. Nesting is capped, so hostile input cannot recurse deeply.
import { Cursor, Overrun } from '../../model/cursor.ts';
import type { Field } from '../../model/field.ts';
import { toHex } from '../../model/hex.ts';
import { primitiveDisplay } from './values.ts';

export { decodeOid, decodeString, decodeTime, integerValue, primitiveDisplay, UNIVERSAL } from './values.ts';

/** Deepest nesting we follow; real certificates stay under 12. */
export const MAX_DEPTH = 64;

/** Tag classes, in the order of the two top bits of the identifier octet (X.690 §8.1.2.2). */
export const TAG_CLASSES = ['universal', 'application', 'context', 'private'] as const;
export type TagClass = 0 | 1 | 2 | 3;

/** The identifier and length octets of one element. */
export interface DerHeader {
  cls: TagClass;
  constructed: boolean;
  tag: number;
  /** Bytes of identifier octets (more than 1 in the high-tag-number form). */
  tagBytes: number;
  /** Bytes of length octets. */
  lengthBytes: number;
  /** Declared content length; undefined for the indefinite form (0x80). */
  length: number | undefined;
}

/** Where one element sits: `[start, end)` with content `[contentStart, contentEnd)`. */
export interface DerExtent {
  header: DerHeader;
  start: number;
  contentStart: number;
  contentEnd: number;
  end: number;
  /** Indefinite form closed by end-of-contents octets at `contentEnd`. */
  eoc: boolean;
  /** Why the element is not well formed (overrun, indefinite without end-of-contents...). */
  problem?: string;
}

const UNIVERSAL_NAMES: Record<number, string> = {
  0: 'EOC', 1: 'BOOLEAN', 2: 'INTEGER', 3: 'BIT STRING', 4: 'OCTET STRING', 5: 'NULL', 6: 'OBJECT',
  7: 'OBJECT DESCRIPTOR', 8: 'EXTERNAL', 9: 'REAL', 10: 'ENUMERATED', 12: 'UTF8STRING', 13: 'RELATIVE OID',
  16: 'SEQUENCE', 17: 'SET', 18: 'NUMERICSTRING', 19: 'PRINTABLESTRING', 20: 'T61STRING', 21: 'VIDEOTEXSTRING',
  22: 'IA5STRING', 23: 'UTCTIME', 24: 'GENERALIZEDTIME', 25: 'GRAPHICSTRING', 26: 'VISIBLESTRING',
  27: 'GENERALSTRING', 28: 'UNIVERSALSTRING', 30: 'BMPSTRING',
};

/** The tag as `openssl asn1parse` names it: `SEQUENCE`, `cont [ 3 ]`, `appl [ 1 ]`. */
export function tagName(h: Pick<DerHeader, 'cls' | 'tag'>): string {
  if (h.cls === 0) return UNIVERSAL_NAMES[h.tag] ?? `UNIVERSAL ${h.tag}`;
  const prefix = h.cls === 1 ? 'appl' : h.cls === 2 ? 'cont' : 'priv';
  return `${prefix} [ ${h.tag} ]`;
}

/** The tag in ASN.1 notation: `SEQUENCE`, `[0]`, `[APPLICATION 1]`. */
export function tagLabel(h: Pick<DerHeader, 'cls' | 'tag'>): string {
  if (h.cls === 0) return UNIVERSAL_NAMES[h.tag] ?? `UNIVERSAL ${h.tag}`;
  return h.cls === 2 ? `[${h.tag}]` : `[${h.cls === 1 ? 'APPLICATION' : 'PRIVATE'} ${h.tag}]`;
}

/** Parses the identifier and length octets at `pos`; a string is the reason they cannot be read. */
export function readHeader(data: Uint8Array, pos: number, end: number): DerHeader | string {
  if (pos >= end) return 'no bytes left for an element';
  const b0 = data[pos]!;
  let p = pos + 1;
  let tag = b0 & 0x1f;
  if (tag === 0x1f) {
    // High-tag-number form (X.690 §8.1.2.4): base-128 digits, the last without bit 8.
    tag = 0;
    for (;;) {
      if (p >= end) return 'identifier octets run past the end';
      const b = data[p++]!;
      if (p - pos > 5) return 'tag number too large';
      tag = tag * 128 + (b & 0x7f);
      if (!(b & 0x80)) break;
    }
  }
  const tagBytes = p - pos;
  if (p >= end) return 'no length octets after the tag';
  const l0 = data[p++]!;
  let length: number | undefined;
  if (l0 < 0x80) length = l0;
  else if (l0 === 0x80) length = undefined;
  else if (l0 === 0xff) return 'length octet 0xff is reserved (X.690 §8.1.3.5)';
  else {
    const n = l0 & 0x7f;
    if (n > 4) return `length of ${n} octets is beyond any certificate`;
    if (p + n > end) return `length needs ${n} more bytes, only ${end - p} remain`;
    length = 0;
    for (let i = 0; i < n; i++) length = length * 256 + data[p++]!;
  }
  return {
    cls: (b0 >> 6) as TagClass,
    constructed: (b0 & 0x20) !== 0,
    tag,
    tagBytes,
    lengthBytes: p - pos - tagBytes,
    length,
  };
}

/**
 * Locates the element at `pos` within `[pos, end)`: a declared length beyond `end` is clipped
 * and reported; an indefinite length is closed by scanning the children for end-of-contents.
 */
export function measure(data: Uint8Array, pos: number, end: number, depth = 0): DerExtent | string {
  const header = readHeader(data, pos, end);
  if (typeof header === 'string') return header;
  const contentStart = pos + header.tagBytes + header.lengthBytes;
  if (header.length !== undefined) {
    const declaredEnd = contentStart + header.length;
    if (declaredEnd <= end) return { header, start: pos, contentStart, contentEnd: declaredEnd, end: declaredEnd, eoc: false };
    return {
      header, start: pos, contentStart, contentEnd: end, end, eoc: false,
      problem: `length ${header.length} exceeds the ${end - contentStart} bytes that remain in the enclosing element`,
    };
  }
  if (!header.constructed) {
    return { header, start: pos, contentStart, contentEnd: end, end, eoc: false, problem: 'indefinite length on a primitive element' };
  }
  // BER indefinite form (X.690 §8.1.3.6): children up to the 00 00 end-of-contents octets.
  let p = contentStart;
  while (p < end) {
    if (data[p] === 0 && p + 1 < end && data[p + 1] === 0) {
      return { header, start: pos, contentStart, contentEnd: p, end: p + 2, eoc: true, problem: 'indefinite length (BER) is not allowed in DER' };
    }
    if (depth >= MAX_DEPTH) break;
    const child = measure(data, p, end, depth + 1);
    if (typeof child === 'string') break;
    p = child.end;
  }
  return { header, start: pos, contentStart, contentEnd: end, end, eoc: false, problem: 'indefinite length without end-of-contents octets' };
}

/** A node of the plain tree `parseDer` builds. */
export interface DerNode extends DerExtent {
  depth: number;
  children?: DerNode[];
}

/** A stretch `parseDer` could not read as elements. */
export interface DerError {
  offset: number;
  length: number;
  reason: string;
}

/** Parses `[start, end)` into a tree of elements; never throws, bounded by MAX_DEPTH. */
export function parseDer(data: Uint8Array, start = 0, end = data.length): { nodes: DerNode[]; errors: DerError[] } {
  const errors: DerError[] = [];
  const level = (from: number, to: number, depth: number): DerNode[] => {
    const nodes: DerNode[] = [];
    let p = from;
    while (p < to) {
      const ext = measure(data, p, to, depth);
      if (typeof ext === 'string') {
        errors.push({ offset: p, length: to - p, reason: ext });
        break;
      }
      const node: DerNode = { ...ext, depth };
      if (ext.problem) errors.push({ offset: p, length: ext.end - p, reason: ext.problem });
      if (ext.header.constructed) {
        if (depth + 1 >= MAX_DEPTH) errors.push({ offset: ext.contentStart, length: ext.contentEnd - ext.contentStart, reason: `nesting deeper than ${MAX_DEPTH} levels` });
        else node.children = level(ext.contentStart, ext.contentEnd, depth + 1);
      }
      nodes.push(node);
      p = ext.end;
    }
    return nodes;
  };
  return { nodes: level(start, end, 0), errors };
}

/** Visits a DER tree depth-first, parents first. */
export function* walkDer(nodes: readonly DerNode[]): Generator<DerNode> {
  for (const n of nodes) {
    yield n;
    if (n.children) yield* walkDer(n.children);
  }
}

/** A tag a reader expects; `constructed` defaults to what the class and number imply. */
export interface TagSpec {
  cls?: TagClass;
  tag: number;
}

/** The fields one element adds and where it sits. */
export interface Element extends DerExtent {
  /** The field over the whole TLV (Tag, Length and content below it). */
  field: Field;
  /** The field over the content, when the spec asked for one. */
  content?: Field;
  /** The content bytes. */
  bytes: Uint8Array;
}

/** How to annotate one element (Wireshark positions some names on the TLV, some on the content). */
export interface ElementSpec {
  name: string;
  /** Filter on the whole TLV: SEQUENCEs (`*_element`) and CHOICEs of untagged alternatives. */
  filter?: string;
  /** Gives the content its own field: primitive values, SEQUENCE OF, implicitly tagged alternatives. */
  content?: { name?: string; filter?: string };
  display?: string;
  kb?: string;
  expect?: TagSpec;
}

/** Tag and length as one line for Tag leaves: `0x30 (SEQUENCE, universal, constructed)`. */
function tagDisplay(h: DerHeader, bytes: Uint8Array): string {
  return `0x${toHex(bytes)} (${tagLabel(h)}, ${TAG_CLASSES[h.cls]}, ${h.constructed ? 'constructed' : 'primitive'})`;
}

function lengthDisplay(h: DerHeader): string {
  if (h.length === undefined) return 'indefinite (0x80)';
  return h.lengthBytes === 1 ? `${h.length} (short form)` : `${h.length} (long form, ${h.lengthBytes - 1} length bytes)`;
}

/** The header of the next element, without reading it. */
export function peekHeader(r: Cursor): DerHeader | undefined {
  const h = readHeader(r.data, r.pos, r.end);
  return typeof h === 'string' ? undefined : h;
}

/** True when the next element has the given class and tag number. */
export function nextIs(r: Cursor, spec: TagSpec): boolean {
  const h = peekHeader(r);
  return h !== undefined && h.cls === (spec.cls ?? 0) && h.tag === spec.tag;
}

/**
 * Reads one element as a field over its TLV with Tag and Length leaves, then its content: `body`
 * reads the content through a cursor over exactly those bytes, else the content is one leaf.
 * A wrong tag is flagged on the Tag leaf and the content is walked generically instead.
 * Returns undefined (after recording a malformed field over the rest) when no header can be read.
 */
export function readElement(
  r: Cursor,
  spec: ElementSpec,
  body?: (c: Cursor, el: Element) => void,
  depth = 0,
): Element | undefined {
  const ext = measure(r.data, r.pos, r.end, depth);
  if (typeof ext === 'string') {
    r.malformed(`${spec.name}: ${ext}`);
    return undefined;
  }
  const h = ext.header;
  const field: Field = { name: spec.name, spans: r.spans(ext.start, ext.end - ext.start), children: [] };
  if (spec.filter) field.filter = spec.filter;
  if (spec.display) field.display = spec.display;
  if (spec.kb) field.kb = spec.kb;
  r.add(field);
  const el: Element = { ...ext, field, bytes: r.data.subarray(ext.contentStart, ext.contentEnd) };
  const e = new Cursor(r.data, r.map, field.children!, ext.start, ext.end);

  const tagField = e.annotate('Tag', undefined, h.tagBytes, toHex(r.data, ext.start, ext.start + h.tagBytes), { kb: 'asn1.tag' });
  tagField.display = tagDisplay(h, r.data.subarray(ext.start, ext.start + h.tagBytes));
  e.skip(h.tagBytes);
  const lengthField = e.annotate('Length', undefined, h.lengthBytes, h.length ?? 'indefinite', { kb: 'asn1.length', display: lengthDisplay(h) });
  if (ext.problem) lengthField.malformed = ext.problem;
  e.skip(h.lengthBytes);

  let wrongTag = false;
  if (spec.expect && (h.cls !== (spec.expect.cls ?? 0) || h.tag !== spec.expect.tag)) {
    wrongTag = true;
    tagField.malformed = `expected ${tagLabel({ cls: spec.expect.cls ?? 0, tag: spec.expect.tag })}, found ${tagLabel(h)}`;
  }

  let out = field.children!;
  const contentLength = ext.contentEnd - ext.contentStart;
  if ((spec.content || !body || wrongTag) && contentLength > 0) {
    const walkInside = (body && !wrongTag) || (wrongTag && h.constructed);
    const node = e.annotate(spec.content?.name ?? spec.name, spec.content?.filter, contentLength, walkInside ? undefined : toHex(el.bytes));
    el.content = node;
    if (walkInside) out = node.children = [];
  }
  const c = new Cursor(r.data, r.map, out, ext.contentStart, ext.contentEnd);
  try {
    if (wrongTag) {
      if (h.constructed) while (c.remaining > 0 && readAny(c, depth + 1)) { /* next sibling */ }
      else c.skip(c.remaining);
    } else if (body) body(c, el);
    else c.skip(c.remaining);
  } catch (err) {
    if (!(err instanceof Overrun)) throw err;
  }
  if (c.pos < c.end) c.malformed(`${c.end - c.pos} bytes left over in ${spec.name}`);
  if (ext.eoc) {
    e.pos = ext.contentEnd;
    e.annotate('End-of-contents', undefined, 2, '0000', { kb: 'asn1.eoc' });
  }
  r.pos = ext.end;
  return el;
}

/** Reads any element generically (name from its tag, children walked); false when none could be read. */
export function readAny(r: Cursor, depth = 0, name?: string): boolean {
  const h = peekHeader(r);
  if (depth >= MAX_DEPTH) {
    r.malformed(`nesting deeper than ${MAX_DEPTH} levels`);
    return false;
  }
  const label = name ?? (h ? tagLabel(h) : 'element');
  if (h?.constructed) {
    return readElement(r, { name: label, kb: 'asn1.element' }, (c) => {
      while (c.remaining > 0 && readAny(c, depth + 1)) { /* next sibling */ }
    }, depth) !== undefined;
  }
  const el = readElement(r, { name: label, kb: 'asn1.element', content: { name: 'Value' } }, undefined, depth);
  if (!el) return false;
  const shown = primitiveDisplay(el.header, el.bytes);
  if (shown !== undefined) {
    el.field.display = shown;
    if (el.content) el.content.display = shown;
  }
  return true;
}

/**
 * Reads a primitive element whose content is the named value (Wireshark puts INTEGER, OCTET
 * STRING, OID, string and time names on the content), with a display computed from the bytes.
 */
export function readValue(
  r: Cursor,
  name: string,
  filter: string | undefined,
  expect: TagSpec,
  show?: (bytes: Uint8Array, h: DerHeader) => string | undefined,
): Element | undefined {
  const el = readElement(r, { name, content: { name, filter }, expect });
  if (!el || el.field.children?.[0]?.malformed) return el;
  const shown = show ? show(el.bytes, el.header) : primitiveDisplay(el.header, el.bytes);
  if (shown !== undefined) {
    el.field.display = shown;
    if (el.content) el.content.display = shown;
  }
  return el;
}

/** `0x` and the hex of an INTEGER's bytes, as Wireshark shows serial numbers. */
export function hexDisplay(b: Uint8Array): string {
  return `0x${toHex(b)}`;
}
