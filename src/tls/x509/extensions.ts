// Certificate extensions (RFC 5280 §4.2, RFC 6962 §3.3): the extnValue OCTET STRING and the DER
// inside it for the common extensions, with tshark 4.0's x509ce/pkix1implicit/tls.sct names.
// Like tshark, a decoded extension shows no field for the OCTET STRING itself; an unknown one
// shows its content as `x509af.extnValue`.
import type { Cursor } from '../../model/cursor.ts';
import { toHex } from '../../model/hex.ts';
import { measure, nextIs, parseDer, peekHeader, readAny, readElement, readValue, UNIVERSAL } from './der.ts';
import { readAttributeTypeAndValue, readName, readOidElement, type NameAttribute } from './name.ts';
import { oidName } from './oids.ts';

const SEQ = { tag: UNIVERSAL.SEQUENCE };
const OCTETS = { tag: UNIVERSAL.OCTET_STRING };
const plainHex = (b: Uint8Array): string => toHex(b);

/** Calls `step` until the cursor is empty or a step makes no progress (garbage stops the loop). */
function each(c: Cursor, step: (c: Cursor) => unknown): void {
  while (c.remaining > 0) {
    const before = c.pos;
    step(c);
    if (c.pos === before) break;
  }
}

/** Decoders of extnValue contents, by extension OID. */
const DECODERS: ReadonlyMap<string, (c: Cursor) => void> = new Map([
  ['2.5.29.19', readBasicConstraints],
  ['2.5.29.15', readKeyUsage],
  ['2.5.29.37', readExtKeyUsage],
  ['2.5.29.17', (c: Cursor) => readGeneralNamesSyntax(c, 'SubjectAltName')],
  ['2.5.29.18', (c: Cursor) => readGeneralNamesSyntax(c, 'IssuerAltName')],
  ['2.5.29.14', readSubjectKeyIdentifier],
  ['2.5.29.35', readAuthorityKeyIdentifier],
  ['1.3.6.1.5.5.7.1.1', readAuthorityInfoAccess],
  ['1.3.6.1.5.5.7.1.11', readAuthorityInfoAccess],
  ['2.5.29.31', readCrlDistributionPoints],
  ['2.5.29.46', readCrlDistributionPoints],
  ['2.5.29.32', readCertificatePolicies],
  ['1.3.6.1.4.1.11129.2.4.2', readSctListExtension],
]);

/** extnValue OCTET STRING (RFC 5280 §4.1): decoded by the extension's reader when we have one. */
export function readExtnValue(c: Cursor, oid: string | undefined): void {
  const decode = oid ? DECODERS.get(oid) : undefined;
  if (decode) {
    readElement(c, { name: 'extnValue', kb: 'x509af.extnValue', expect: OCTETS }, decode);
    return;
  }
  // Unknown extension: walk the inner DER generically when it is well formed, else one leaf.
  const ext = measure(c.data, c.pos, c.end);
  const clean = typeof ext !== 'string' && !ext.problem && parseDer(c.data, ext.contentStart, ext.contentEnd).errors.length === 0;
  readElement(c, { name: 'extnValue', content: { name: 'extnValue', filter: 'x509af.extnValue' }, expect: OCTETS },
    clean ? (v) => each(v, (x) => readAny(x, 3)) : undefined);
}

/** BasicConstraints ::= SEQUENCE { cA BOOLEAN DEFAULT FALSE, pathLenConstraint INTEGER OPTIONAL } (RFC 5280 §4.2.1.9). */
function readBasicConstraints(c: Cursor): void {
  let shown = 'cA: False';
  const el = readElement(c, { name: 'BasicConstraints', filter: 'x509ce.BasicConstraintsSyntax_element', expect: SEQ }, (s) => {
    if (nextIs(s, { tag: UNIVERSAL.BOOLEAN })) {
      const b = readValue(s, 'cA', 'x509ce.cA', { tag: UNIVERSAL.BOOLEAN }, (v) => (v[0] ? 'True' : 'False'));
      if (b?.content) b.content.value = b.bytes[0] !== 0;
      shown = `cA: ${b?.bytes[0] ? 'True' : 'False'}`;
    }
    if (nextIs(s, { tag: UNIVERSAL.INTEGER })) {
      const p = readValue(s, 'pathLenConstraint', 'x509ce.pathLenConstraint', { tag: UNIVERSAL.INTEGER });
      if (p) shown += `, pathLenConstraint: ${p.field.display ?? '?'}`;
    }
  });
  if (el) el.field.display = shown;
}

/** The nine KeyUsage bits (RFC 5280 §4.2.1.3), bit 0 being the most significant bit of the first byte. */
const KEY_USAGE_BITS = [
  'digitalSignature', 'contentCommitment', 'keyEncipherment', 'dataEncipherment', 'keyAgreement',
  'keyCertSign', 'cRLSign', 'encipherOnly', 'decipherOnly',
] as const;

/** KeyUsage ::= BIT STRING { digitalSignature (0), ... decipherOnly (8) } (RFC 5280 §4.2.1.3). */
function readKeyUsage(c: Cursor): void {
  readElement(c, { name: 'KeyUsage', expect: { tag: UNIVERSAL.BIT_STRING } }, (s) => {
    s.u8('Padding', 'ber.bitstring.padding');
    if (s.remaining === 0) return;
    const width = Math.min(s.remaining, 2) as 1 | 2;
    const value = width === 2 ? (s.data[s.pos]! << 8) | s.data[s.pos + 1]! : s.data[s.pos]!;
    const set = KEY_USAGE_BITS.filter((_, i) => i < width * 8 && value & (1 << (width * 8 - 1 - i)));
    const f = s.annotate('KeyUsage', 'x509ce.KeyUsage', s.remaining, toHex(s.data, s.pos, s.end), { display: set.join(', ') || '(none)' });
    s.bits(f, width, value, KEY_USAGE_BITS.slice(0, width * 8).map((name, i) => ({
      name, filter: `x509ce.KeyUsage.${name}`, mask: 1 << (width * 8 - 1 - i), bool: true,
    })));
    // decipherOnly lives in a second byte that DER omits when it is clear; tshark still lists it.
    if (width === 1) f.children!.push({ name: 'decipherOnly', filter: 'x509ce.KeyUsage.decipherOnly', spans: f.spans.map((x) => ({ ...x })), value: false, display: 'decipherOnly: Not set' });
    s.skip(s.remaining);
  });
}

/** ExtKeyUsageSyntax ::= SEQUENCE SIZE (1..MAX) OF KeyPurposeId (RFC 5280 §4.2.1.12). */
function readExtKeyUsage(c: Cursor): void {
  const names: string[] = [];
  const el = readElement(c, { name: 'ExtKeyUsageSyntax', content: { name: 'KeyPurposeIDs', filter: 'x509ce.KeyPurposeIDs' }, expect: SEQ }, (s) => {
    each(s, (x) => {
      const oid = readOidElement(x, 'KeyPurposeId', 'x509ce.KeyPurposeId');
      if (oid) names.push(oidName(oid) ?? oid);
    });
  });
  if (el) el.field.display = names.join(', ');
}

/** GeneralNames ::= SEQUENCE SIZE (1..MAX) OF GeneralName (RFC 5280 §4.2.1.6), as SAN and IAN carry it. */
function readGeneralNamesSyntax(c: Cursor, name: string): void {
  const shown: string[] = [];
  const el = readElement(c, { name, content: { name: 'GeneralNames', filter: 'x509ce.GeneralNames' }, expect: SEQ }, (s) => {
    each(s, (x) => readGeneralName(x, 'x509ce.GeneralName', shown));
  });
  if (el) el.field.display = shown.join(', ');
}

/** How each implicitly tagged GeneralName alternative is shown (RFC 5280 §4.2.1.6). */
const GENERAL_NAME_TEXT: Record<number, [string, string]> = {
  1: ['rfc822Name', 'x509ce.rfc822Name'],
  2: ['dNSName', 'x509ce.dNSName'],
  6: ['uniformResourceIdentifier', 'x509ce.uniformResourceIdentifier'],
};

/** `127.0.0.1` or `::1`-style text of an iPAddress; undefined for other lengths (name constraints). */
function ipText(b: Uint8Array): string | undefined {
  if (b.length === 4) return b.join('.');
  if (b.length !== 16) return undefined;
  const groups: string[] = [];
  for (let i = 0; i < 16; i += 2) groups.push(((b[i]! << 8) | b[i + 1]!).toString(16));
  return groups.join(':').replace(/(^|:)0(:0)+(:|$)/, '::').replace(/:{3,}/, '::');
}

/**
 * GeneralName ::= CHOICE { otherName [0], rfc822Name [1], dNSName [2], x400Address [3],
 * directoryName [4], ediPartyName [5], uniformResourceIdentifier [6], iPAddress [7],
 * registeredID [8] } (RFC 5280 §4.2.1.6). tshark puts the CHOICE name on the content of the
 * implicitly tagged alternatives. Appends `type: value` to `shown`.
 */
export function readGeneralName(c: Cursor, choiceFilter: string, shown: string[] = []): void {
  const h = peekHeader(c);
  if (!h || h.cls !== 2) {
    readAny(c, 3, 'GeneralName');
    return;
  }
  const text = GENERAL_NAME_TEXT[h.tag];
  if (text && !h.constructed) {
    const [alt, filter] = text;
    const el = readElement(c, { name: 'GeneralName', content: { name: 'GeneralName', filter: choiceFilter } }, (g) => {
      if (g.remaining > 0) g.text(alt, filter, g.remaining, 'latin1');
    });
    if (el) {
      const v = Buffer.from(el.bytes).toString('latin1');
      el.field.display = `${alt}: ${v}`;
      shown.push(el.field.display);
    }
    return;
  }
  if (h.tag === 7 && !h.constructed) {
    const el = readElement(c, { name: 'GeneralName', content: { name: 'GeneralName', filter: choiceFilter } }, (g) => {
      const b = g.data.subarray(g.pos, g.end);
      const ip = ipText(b);
      const filter = b.length === 4 ? 'x509ce.IPAddress.ipv4' : b.length === 16 ? 'x509ce.IPAddress.ipv6' : 'x509ce.iPAddress';
      if (g.remaining > 0) g.bytes('iPAddress', filter, g.remaining, { display: ip ?? toHex(b) });
    });
    if (el) {
      el.field.display = `iPAddress: ${ipText(el.bytes) ?? toHex(el.bytes)}`;
      shown.push(el.field.display);
    }
    return;
  }
  if (h.tag === 8 && !h.constructed) {
    const el = readElement(c, { name: 'GeneralName', content: { name: 'GeneralName', filter: choiceFilter } }, (g) => {
      if (g.remaining > 0) g.bytes('registeredID', 'x509ce.registeredID', g.remaining);
    });
    if (el) shown.push(`registeredID: ${toHex(el.bytes)}`);
    return;
  }
  if (h.tag === 4 && h.constructed) {
    // directoryName [4] EXPLICIT Name: tshark puts the CHOICE on the [4] content, which is the Name.
    const el = readElement(c, { name: 'GeneralName', content: { name: 'GeneralName', filter: choiceFilter } }, (g) => {
      readName(g, 'directoryName', 'x509ce.directoryName', 'x509if.rdnSequence');
    });
    if (el) shown.push(`directoryName: ${el.content?.children?.[0]?.display ?? ''}`);
    return;
  }
  // otherName [0], x400Address [3], ediPartyName [5]: walked generically.
  const el = readElement(c, { name: 'GeneralName', content: { name: 'GeneralName', filter: choiceFilter } },
    h.constructed ? (g) => each(g, (x) => readAny(x, 4)) : undefined);
  if (el) shown.push(`[${h.tag}]`);
}

/** SubjectKeyIdentifier ::= KeyIdentifier ::= OCTET STRING (RFC 5280 §4.2.1.2). */
function readSubjectKeyIdentifier(c: Cursor): void {
  readValue(c, 'SubjectKeyIdentifier', 'x509ce.SubjectKeyIdentifier', OCTETS, plainHex);
}

/**
 * AuthorityKeyIdentifier ::= SEQUENCE { keyIdentifier [0], authorityCertIssuer [1] GeneralNames,
 * authorityCertSerialNumber [2] } (RFC 5280 §4.2.1.1).
 */
function readAuthorityKeyIdentifier(c: Cursor): void {
  const el = readElement(c, { name: 'AuthorityKeyIdentifier', filter: 'x509ce.AuthorityKeyIdentifier_element', expect: SEQ }, (s) => {
    if (nextIs(s, { cls: 2, tag: 0 })) readValue(s, 'keyIdentifier', 'x509ce.keyIdentifier', { cls: 2, tag: 0 }, plainHex);
    if (nextIs(s, { cls: 2, tag: 1 })) {
      readElement(s, { name: 'authorityCertIssuer', content: { name: 'authorityCertIssuer', filter: 'x509ce.authorityCertIssuer' } },
        (g) => each(g, (x) => readGeneralName(x, 'x509ce.GeneralName')));
    }
    if (nextIs(s, { cls: 2, tag: 2 })) readValue(s, 'authorityCertSerialNumber', 'x509ce.authorityCertSerialNumber', { cls: 2, tag: 2 }, plainHex);
    each(s, (x) => readAny(x, 3));
  });
  const kid = el?.field.children?.find((f) => f.name === 'keyIdentifier');
  if (el && kid?.display) el.field.display = `keyIdentifier: ${kid.display}`;
}

/** AuthorityInfoAccessSyntax ::= SEQUENCE SIZE (1..MAX) OF AccessDescription (RFC 5280 §4.2.2.1; SIA §4.2.2.2). */
function readAuthorityInfoAccess(c: Cursor): void {
  readElement(c, { name: 'AuthorityInfoAccessSyntax', content: { name: 'AuthorityInfoAccessSyntax', filter: 'pkix1implicit.AuthorityInfoAccessSyntax' }, expect: SEQ },
    (s) => each(s, readAccessDescription));
}

/** AccessDescription ::= SEQUENCE { accessMethod OBJECT IDENTIFIER, accessLocation GeneralName } (RFC 5280 §4.2.2.1). */
function readAccessDescription(c: Cursor): void {
  const shown: string[] = [];
  let method: string | undefined;
  const el = readElement(c, { name: 'AccessDescription', filter: 'pkix1implicit.AccessDescription_element', expect: SEQ }, (s) => {
    method = readOidElement(s, 'accessMethod', 'pkix1implicit.accessMethod');
    if (s.remaining > 0) readGeneralName(s, 'pkix1implicit.accessLocation', shown);
  });
  if (el) el.field.display = `${method ? (oidName(method) ?? method) : '?'}: ${shown.join(', ')}`;
}

/** CRLDistributionPoints ::= SEQUENCE SIZE (1..MAX) OF DistributionPoint (RFC 5280 §4.2.1.13). */
function readCrlDistributionPoints(c: Cursor): void {
  readElement(c, { name: 'CRLDistributionPoints', content: { name: 'CRLDistPointsSyntax', filter: 'x509ce.CRLDistPointsSyntax' }, expect: SEQ },
    (s) => each(s, readDistributionPoint));
}

/** DistributionPoint ::= SEQUENCE { distributionPoint [0], reasons [1], cRLIssuer [2] } (RFC 5280 §4.2.1.13). */
function readDistributionPoint(c: Cursor): void {
  readElement(c, { name: 'DistributionPoint', filter: 'x509ce.DistributionPoint_element', expect: SEQ }, (s) => {
    if (nextIs(s, { cls: 2, tag: 0 })) readElement(s, { name: 'distributionPoint [0]' }, readDistributionPointName);
    if (nextIs(s, { cls: 2, tag: 1 })) readValue(s, 'reasons', 'x509ce.reasons', { cls: 2, tag: 1 }, plainHex);
    if (nextIs(s, { cls: 2, tag: 2 })) {
      readElement(s, { name: 'cRLIssuer', content: { name: 'cRLIssuer', filter: 'x509ce.cRLIssuer' } },
        (g) => each(g, (x) => readGeneralName(x, 'x509ce.GeneralName')));
    }
    each(s, (x) => readAny(x, 3));
  });
}

/**
 * DistributionPointName ::= CHOICE { fullName [0] GeneralNames, nameRelativeToCRLIssuer [1]
 * RelativeDistinguishedName } (RFC 5280 §4.2.1.13). Both alternatives are implicit, so tshark
 * puts the CHOICE and the alternative on the same content bytes.
 */
function readDistributionPointName(c: Cursor): void {
  const h = peekHeader(c);
  if (!h || h.cls !== 2 || (h.tag !== 0 && h.tag !== 1)) {
    each(c, (x) => readAny(x, 3));
    return;
  }
  const alt = h.tag === 0 ? 'fullName' : 'nameRelativeToCRLIssuer';
  readElement(c, { name: alt, content: { name: 'distributionPoint', filter: 'x509ce.distributionPoint' } }, (d) => {
    if (d.remaining === 0) return;
    d.struct(alt, `x509ce.${alt}`, d.remaining, (g) => {
      const attrs: NameAttribute[] = [];
      if (h.tag === 0) each(g, (x) => readGeneralName(x, 'x509ce.GeneralName'));
      else each(g, (x) => readAttributeTypeAndValue(x, attrs));
    });
  });
}

/** CertificatePolicies ::= SEQUENCE SIZE (1..MAX) OF PolicyInformation (RFC 5280 §4.2.1.4). */
function readCertificatePolicies(c: Cursor): void {
  readElement(c, { name: 'CertificatePolicies', content: { name: 'CertificatePoliciesSyntax', filter: 'x509ce.CertificatePoliciesSyntax' }, expect: SEQ },
    (s) => each(s, readPolicyInformation));
}

/** PolicyInformation ::= SEQUENCE { policyIdentifier CertPolicyId, policyQualifiers SEQUENCE OF PolicyQualifierInfo OPTIONAL } (RFC 5280 §4.2.1.4). */
function readPolicyInformation(c: Cursor): void {
  let oid: string | undefined;
  const el = readElement(c, { name: 'PolicyInformation', filter: 'x509ce.PolicyInformation_element', expect: SEQ }, (s) => {
    oid = readOidElement(s, 'policyIdentifier', 'x509ce.policyIdentifier');
    if (nextIs(s, SEQ)) {
      readElement(s, { name: 'policyQualifiers', content: { name: 'policyQualifiers', filter: 'x509ce.policyQualifiers' } },
        (q) => each(q, readPolicyQualifierInfo));
    }
    each(s, (x) => readAny(x, 3));
  });
  if (el && oid) el.field.display = oidName(oid) ?? oid;
}

/** PolicyQualifierInfo ::= SEQUENCE { policyQualifierId, qualifier ANY } (RFC 5280 §4.2.1.4): CPS URIs as IA5String. */
function readPolicyQualifierInfo(c: Cursor): void {
  readElement(c, { name: 'PolicyQualifierInfo', filter: 'x509ce.PolicyQualifierInfo_element', expect: SEQ }, (s) => {
    readOidElement(s, 'policyQualifierId', 'x509ce.id');
    if (nextIs(s, { tag: UNIVERSAL.IA5String })) readValue(s, 'cPSuri', 'pkix1explicit.DirectoryString', { tag: UNIVERSAL.IA5String });
    each(s, (x) => readAny(x, 4, 'qualifier'));
  });
}

/** The SCT list extension: an OCTET STRING holding the TLS-encoded SignedCertificateTimestampList (RFC 6962 §3.3). */
function readSctListExtension(c: Cursor): void {
  readElement(c, { name: 'SignedCertificateTimestampList', expect: OCTETS }, readSignedCertificateTimestampList);
}

/** opaque SerializedSCT<1..2^16-1>; SignedCertificateTimestampList ::= SerializedSCT sct_list<1..2^16-1> (RFC 6962 §3.3). */
export function readSignedCertificateTimestampList(c: Cursor): void {
  c.vector({ name: 'Signed Certificate Timestamps', lengthName: 'Serialized SCT List Length', lengthFilter: 'tls.sct.scts_length', lengthBytes: 2 },
    (l) => {
      while (l.remaining > 0) {
        const n = l.peek16();
        if (n === undefined) {
          l.malformed('SCT length needs 2 bytes');
          return;
        }
        l.struct('Signed Certificate Timestamp', undefined, 2 + n, readSignedCertificateTimestamp);
      }
    });
}

/** SignedCertificateTimestamp (RFC 6962 §3.2), behind its own 2-byte length. */
function readSignedCertificateTimestamp(s: Cursor): void {
  s.u16('Serialized SCT Length', 'tls.sct.sct_length');
  s.u8('SCT Version', 'tls.sct.sct_version');
  s.bytes('Log ID', 'tls.sct.sct_logid', 32);
  const t = s.peek16() === undefined ? undefined : s.data.subarray(s.pos, s.pos + 8);
  const ms = t && t.length === 8 ? Number(Buffer.from(t).readBigUInt64BE()) : undefined;
  const iso = ms !== undefined && ms < 8.64e15 ? new Date(ms).toISOString() : undefined;
  s.u64('Timestamp', 'tls.sct.sct_timestamp', iso ? { display: iso } : undefined);
  const extLen = s.u16('Extensions length', 'tls.sct.sct_extensions_length');
  if (extLen > 0) s.bytes('Extensions', 'tls.sct.sct_extensions', extLen);
  s.struct('Signature Algorithm', 'tls.handshake.sig_hash_alg', 2, (a) => {
    a.u8('Signature Hash Algorithm Hash', 'tls.handshake.sig_hash_hash');
    a.u8('Signature Hash Algorithm Signature', 'tls.handshake.sig_hash_sig');
  });
  const sigLen = s.u16('Signature Length', 'tls.sct.sct_signature_length');
  s.bytes('Signature', 'tls.sct.sct_signature', sigLen);
}
