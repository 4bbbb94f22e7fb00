// An `openssl asn1parse -i` style listing for renderers, from the same DER walker: one line per
// element with offset, depth, header length, content length and tag, primitives with their value.
import { toHex } from '../../model/hex.ts';
import { parseDer, primitiveDisplay, tagName, UNIVERSAL, walkDer, type DerNode } from './der.ts';
import { oidName } from './oids.ts';

/** One listing line's data. */
export interface Asn1Line {
  offset: number;
  depth: number;
  headerLength: number;
  /** Content length; undefined for the indefinite form. */
  length: number | undefined;
  constructed: boolean;
  tag: string;
  value?: string;
}

/** The elements of `der` in `asn1parse` order (depth-first), plus lines for what could not be read. */
export function asn1Lines(der: Uint8Array): { lines: Asn1Line[]; errors: string[] } {
  const { nodes, errors } = parseDer(der);
  const lines = [...walkDer(nodes)].map((n) => lineOf(der, n));
  return { lines, errors: errors.map((e) => `${e.offset}: ${e.reason}`) };
}

function lineOf(der: Uint8Array, n: DerNode): Asn1Line {
  const line: Asn1Line = {
    offset: n.start,
    depth: n.depth,
    headerLength: n.contentStart - n.start,
    length: n.header.length === undefined ? undefined : n.contentEnd - n.contentStart,
    constructed: n.header.constructed,
    tag: tagName(n.header),
  };
  if (!n.header.constructed) {
    const b = der.subarray(n.contentStart, n.contentEnd);
    if (n.header.cls === 0 && n.header.tag === UNIVERSAL.OID) {
      const shown = primitiveDisplay(n.header, b);
      line.value = shown ? (oidName(shown) ?? shown) : undefined;
    } else if (n.header.cls === 0 && (n.header.tag === UNIVERSAL.OCTET_STRING || n.header.tag === UNIVERSAL.BIT_STRING)) {
      line.value = n.header.tag === UNIVERSAL.OCTET_STRING ? `[HEX DUMP]:${toHex(b).toUpperCase()}` : undefined;
    } else if (n.header.cls === 0 && n.header.tag === UNIVERSAL.INTEGER) {
      line.value = toHex(b).toUpperCase();
    } else if (n.header.cls === 0 && (n.header.tag === UNIVERSAL.UTCTime || n.header.tag === UNIVERSAL.GeneralizedTime)) {
      line.value = Buffer.from(b).toString('latin1');
    } else if (!(n.header.cls === 0 && n.header.tag === UNIVERSAL.NULL)) {
      line.value = primitiveDisplay(n.header, b);
    }
  }
  return line;
}

/** The listing as text, formatted like `openssl asn1parse -i` (`    0:d=0  hl=4 l= 890 cons: SEQUENCE`). */
export function asn1parse(der: Uint8Array): string {
  const { lines, errors } = asn1Lines(der);
  const out = lines.map((l) => {
    const len = l.length === undefined ? 'l=inf ' : `l=${String(l.length).padStart(4)}`;
    const head = `${String(l.offset).padStart(5)}:d=${String(l.depth).padEnd(2)} hl=${l.headerLength} ${len} ${l.constructed ? 'cons' : 'prim'}: ${' '.repeat(l.depth)}`;
    return l.value === undefined ? `${head}${l.tag}` : `${head}${l.tag.padEnd(18)}:${l.value}`;
  });
  for (const e of errors) out.push(`Error in encoding at ${e}`);
  return out.join('\n') + '\n';
}
