// Distinguished names (RFC 5280 §4.1.2.4, X.501): Name, RDNSequence, RelativeDistinguishedName,
// AttributeTypeAndValue, with Wireshark's names and positions (x509if.*, x509sat.*).
import type { Cursor } from '../../model/cursor.ts';
import { decodeOid, decodeString, parseDer, readAny, readElement, UNIVERSAL, type DerNode } from './der.ts';
import { ATTRIBUTE_SHORT, oidDisplay, oidInfo, oidName } from './oids.ts';

/** One attribute of a name: type OID and its text value. */
export interface NameAttribute {
  oid: string;
  /** RFC 4514 short name (`CN`) or the dotted OID. */
  type: string;
  value: string;
}

// Which Wireshark field holds an attribute's value (x509sat.DirectoryString CHOICE, or one plain
// string type such as x509sat.CountryName on the content) is the registry's `filter` column.
const DIRECTORY_STRING = 'x509sat.DirectoryString';

/** Wireshark's DirectoryString alternatives (X.520), by universal tag. */
const DIRECTORY_STRING_CHOICES: Record<number, string> = {
  [UNIVERSAL.PrintableString]: 'printableString',
  [UNIVERSAL.UTF8String]: 'uTF8String',
  [UNIVERSAL.T61String]: 'teletexString',
  [UNIVERSAL.UniversalString]: 'universalString',
  [UNIVERSAL.BMPString]: 'bmpString',
};

/** Display form of one attribute: `id-at-commonName=localhost`, as tshark shows RDNs. */
function attributeDisplay(a: NameAttribute): string {
  return `${oidName(a.oid) ?? a.oid}=${a.value}`;
}

/**
 * Name ::= CHOICE { rdnSequence RDNSequence } (RFC 5280 §4.1.2.4). Wireshark puts the CHOICE
 * name on the whole TLV and the RDNSequence name on its content.
 */
export function readName(r: Cursor, name: string, choiceFilter?: string, sequenceFilter?: string): NameAttribute[] {
  const attrs: NameAttribute[] = [];
  const el = readElement(r, { name, filter: choiceFilter, content: { name: 'rdnSequence', filter: sequenceFilter }, expect: { tag: UNIVERSAL.SEQUENCE } }, (c) => {
    readRdnSequence(c, attrs);
  });
  if (el) {
    const text = formatName(attrs);
    el.field.display = text;
    if (el.content) el.content.display = `${attrs.length} attributes (${text})`;
  }
  return attrs;
}

/** RDNSequence ::= SEQUENCE OF RelativeDistinguishedName (RFC 5280 §4.1.2.4): the content. */
function readRdnSequence(c: Cursor, attrs: NameAttribute[]): void {
  while (c.remaining > 0) if (!readRelativeDistinguishedName(c, attrs)) break;
}

/** RelativeDistinguishedName ::= SET SIZE (1..MAX) OF AttributeTypeAndValue (RFC 5280 §4.1.2.4). */
export function readRelativeDistinguishedName(r: Cursor, attrs: NameAttribute[]): boolean {
  const mine: NameAttribute[] = [];
  const el = readElement(r, { name: 'RelativeDistinguishedName', content: { name: 'RDNSequence item', filter: 'x509if.RDNSequence_item' }, expect: { tag: UNIVERSAL.SET } }, (c) => {
    while (c.remaining > 0) if (!readAttributeTypeAndValue(c, mine)) break;
  });
  if (!el) return false;
  el.field.display = mine.map(attributeDisplay).join('+');
  if (el.content) el.content.display = `${mine.length} item (${el.field.display})`;
  attrs.push(...mine);
  return true;
}

/** AttributeTypeAndValue ::= SEQUENCE { type AttributeType, value AttributeValue } (RFC 5280 §4.1.2.4). */
export function readAttributeTypeAndValue(r: Cursor, attrs: NameAttribute[]): boolean {
  let attr: NameAttribute | undefined;
  const el = readElement(r, { name: 'AttributeTypeAndValue', filter: 'x509if.RelativeDistinguishedName_item_element', expect: { tag: UNIVERSAL.SEQUENCE } }, (c) => {
    const oid = readOidElement(c, 'type', 'x509if.oid');
    if (oid === undefined || c.remaining === 0) return;
    const value = readAttributeValue(c, oid);
    attr = { oid, type: ATTRIBUTE_SHORT.get(oid) ?? oid, value };
  });
  if (!el) return false;
  if (attr) {
    attrs.push(attr);
    el.field.display = attributeDisplay(attr);
  }
  return true;
}

/** AttributeValue: DirectoryString (X.520) for most types, PrintableString for countryName. */
function readAttributeValue(c: Cursor, oid: string): string {
  const h = c.peek8();
  const tag = h === undefined ? -1 : h & 0x1f;
  // Only universal primitive strings are decoded as text; anything else is walked generically.
  const isString = h !== undefined && (h & 0xe0) === 0 && (tag in DIRECTORY_STRING_CHOICES || tag === UNIVERSAL.IA5String);
  let text = '';
  if (!isString) {
    readAny(c, 0, 'value');
    return text;
  }
  const filter = oidInfo(oid)?.filter;
  if (filter === DIRECTORY_STRING && DIRECTORY_STRING_CHOICES[tag]) {
    const choice = DIRECTORY_STRING_CHOICES[tag];
    const el = readElement(c, { name: 'DirectoryString', filter: 'x509sat.DirectoryString', content: { name: choice, filter: `x509sat.${choice}` } });
    if (el) {
      text = decodeString(tag, el.bytes);
      el.field.display = `${choice}: ${text}`;
      if (el.content) el.content.display = text;
    }
    return text;
  }
  const el = readElement(c, { name: oidName(oid) ?? 'value', content: { name: 'value', filter: filter === DIRECTORY_STRING ? undefined : filter } });
  if (el) {
    text = decodeString(tag, el.bytes);
    el.field.display = text;
    if (el.content) el.content.display = text;
  }
  return text;
}

/** Reads an OBJECT IDENTIFIER element whose content carries `filter`; returns the dotted OID. */
export function readOidElement(c: Cursor, name: string, filter?: string): string | undefined {
  const el = readElement(c, { name, content: { name, filter }, expect: { tag: UNIVERSAL.OID } });
  if (!el || el.header.tag !== UNIVERSAL.OID || el.header.cls !== 0) return undefined;
  const oid = decodeOid(el.bytes);
  if (oid === undefined) {
    if (el.content) el.content.malformed = 'not a valid OBJECT IDENTIFIER encoding';
    return undefined;
  }
  const shown = oidDisplay(oid);
  el.field.display = shown;
  if (el.content) {
    el.content.value = oid;
    el.content.display = shown;
  }
  return oid;
}

/**
 * A DistinguishedName of a TLS CertificateRequest's certificate_authorities (RFC 5246 §7.4.4,
 * RFC 8446 §4.2.4): the cursor's remaining bytes as a Name. tshark positions
 * `tls.handshake.dname` on the RDNSequence content, so that is where `contentFilter` goes.
 */
export function readDistinguishedName(r: Cursor, contentFilter = 'tls.handshake.dname'): void {
  const start = r.pos;
  readName(r, 'Distinguished Name', undefined, contentFilter);
  if (r.pos === start && r.remaining > 0) r.malformed('not a DER Name');
  if (r.remaining > 0) r.malformed(`${r.remaining} bytes after the Distinguished Name`);
}

/** RFC 4514 string of a name: most significant RDN last, so `CN=leaf,O=Org,C=XX`. */
export function formatName(attrs: readonly NameAttribute[]): string {
  return [...attrs].reverse().map((a) => `${a.type}=${escapeRfc4514(a.value)}`).join(',');
}

/** Escapes an attribute value per RFC 4514 §2.4. */
function escapeRfc4514(v: string): string {
  let s = v.replace(/[\\",+;<>=]/g, (ch) => `\\${ch}`).replace(/\0/g, '\\00');
  if (s.startsWith(' ') || s.startsWith('#')) s = `\\${s}`;
  if (s.endsWith(' ') && s.length > 1) s = `${s.slice(0, -1)}\\ `;
  return s;
}

/** The attributes of a Name from a parsed DER node (for summaries), in encoding order. */
export function nameAttributes(data: Uint8Array, node: DerNode | undefined): NameAttribute[] {
  const out: NameAttribute[] = [];
  for (const rdn of node?.children ?? []) {
    for (const atv of rdn.children ?? []) {
      const [t, v] = atv.children ?? [];
      if (!t || !v) continue;
      const oid = decodeOid(data.subarray(t.contentStart, t.contentEnd));
      if (!oid) continue;
      out.push({ oid, type: ATTRIBUTE_SHORT.get(oid) ?? oid, value: decodeString(v.header.tag, data.subarray(v.contentStart, v.contentEnd)) });
    }
  }
  return out;
}

/** Parses a DER Name on its own (CertificateRequest DNs as plain values). */
export function parseName(der: Uint8Array): NameAttribute[] {
  return nameAttributes(der, parseDer(der).nodes[0]);
}
