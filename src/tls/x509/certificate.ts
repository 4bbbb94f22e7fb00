// X.509 certificates (RFC 5280 §4.1) decoded element by element through a Cursor. One function per
// ASN.1 structure; filter names and positions follow tshark 4.0's x509af/x509if/x509sat/pkcs1
// dissectors (SEQUENCEs on the whole TLV, values and SEQUENCE OFs on the content, explicit
// [n] wrappers unnamed), so our spans compare field by field with tshark PDML.
import type { Cursor } from '../../model/cursor.ts';
import { DecodeMemo } from '../../model/memo.ts';
import { decodeOid, decodeTime, hexDisplay, nextIs, readAny, readElement, readValue, UNIVERSAL } from './der.ts';
import { readExtnValue } from './extensions.ts';
import { readName, readOidElement } from './name.ts';
import { NAMED_CURVES, oidDisplay, oidName } from './oids.ts';

const SEQ = { tag: UNIVERSAL.SEQUENCE };
// Servers send the same chain on every connection: decode each certificate once, then re-place it.
const memo = new DecodeMemo();

/** Certificate ::= SEQUENCE { tbsCertificate, signatureAlgorithm, signatureValue } (RFC 5280 §4.1.1). */
export function readCertificate(r: Cursor): void {
  memo.read(r, decodeCertificate);
}

/** readCertificate without the memo: the decode itself. */
function decodeCertificate(r: Cursor): void {
  const el = readElement(r, { name: 'Certificate', kb: 'x509af.Certificate_element', expect: SEQ }, (c) => {
    readTbsCertificate(c);
    if (c.remaining > 0) readAlgorithmIdentifier(c, 'signatureAlgorithm', 'x509af.algorithmIdentifier_element');
    if (c.remaining > 0) readSignatureValue(c);
    while (c.remaining > 0) if (!readUnexpected(c, 'Certificate')) break;
  });
  if (el && r.remaining > 0) r.malformed(`${r.remaining} bytes after the certificate's DER`);
}

/** An element a structure does not define: walked generically and flagged. */
function readUnexpected(c: Cursor, where: string): boolean {
  const before = c.out.length;
  const ok = readAny(c, 1);
  const f = c.out[before];
  if (ok && f) f.malformed = `unexpected element in ${where}`;
  return ok;
}

/**
 * TBSCertificate ::= SEQUENCE { version [0] EXPLICIT, serialNumber, signature, issuer, validity,
 * subject, subjectPublicKeyInfo, issuerUniqueID [1], subjectUniqueID [2], extensions [3] } (RFC 5280 §4.1.2).
 */
export function readTbsCertificate(r: Cursor): void {
  readElement(r, { name: 'tbsCertificate', filter: 'x509af.signedCertificate_element', expect: SEQ }, (c) => {
    if (nextIs(c, { cls: 2, tag: 0 })) readVersion(c);
    if (c.remaining > 0) readValue(c, 'serialNumber', 'x509af.serialNumber', { tag: UNIVERSAL.INTEGER }, hexDisplay);
    if (c.remaining > 0) readAlgorithmIdentifier(c, 'signature', 'x509af.signature_element');
    if (c.remaining > 0) readName(c, 'issuer', 'x509af.issuer', 'x509if.rdnSequence');
    if (c.remaining > 0) readValidity(c);
    // Wireshark's SubjectName CHOICE lives in x509af, hence x509af.rdnSequence here (x509if for issuer).
    if (c.remaining > 0) readName(c, 'subject', 'x509af.subject', 'x509af.rdnSequence');
    if (c.remaining > 0) readSubjectPublicKeyInfo(c);
    if (nextIs(c, { cls: 2, tag: 1 })) readValue(c, 'issuerUniqueID', 'x509af.issuerUniqueIdentifier', { cls: 2, tag: 1 }, hexDisplay);
    if (nextIs(c, { cls: 2, tag: 2 })) readValue(c, 'subjectUniqueID', 'x509af.subjectUniqueIdentifier', { cls: 2, tag: 2 }, hexDisplay);
    if (nextIs(c, { cls: 2, tag: 3 })) readExtensions(c);
    while (c.remaining > 0) if (!readUnexpected(c, 'TBSCertificate')) break;
  });
}

/** version [0] EXPLICIT Version DEFAULT v1, Version ::= INTEGER { v1(0), v2(1), v3(2) } (RFC 5280 §4.1.2.1). */
function readVersion(r: Cursor): void {
  readElement(r, { name: 'version [0]', expect: { cls: 2, tag: 0 } }, (c) => {
    const el = readValue(c, 'version', 'x509af.version', { tag: UNIVERSAL.INTEGER }, (b) => {
      const v = b.length === 1 ? b[0]! : -1;
      return v >= 0 && v <= 2 ? `v${v + 1} (${v})` : `unknown (0x${Buffer.from(b).toString('hex')})`;
    });
    if (el?.content && el.bytes.length === 1) el.content.value = el.bytes[0]!;
  });
}

/**
 * AlgorithmIdentifier ::= SEQUENCE { algorithm OBJECT IDENTIFIER, parameters ANY OPTIONAL }
 * (RFC 5280 §4.1.1.2). EC keys carry ECParameters (RFC 5480 §2.1.1). Returns the OID and curve.
 */
export function readAlgorithmIdentifier(r: Cursor, name: string, filter: string): { oid?: string; curve?: string } {
  const out: { oid?: string; curve?: string } = {};
  const el = readElement(r, { name, filter, expect: SEQ }, (c) => {
    out.oid = readOidElement(c, 'algorithm', 'x509af.algorithm.id');
    if (c.remaining === 0) return;
    if (out.oid === '1.2.840.10045.2.1' && nextIs(c, { tag: UNIVERSAL.OID })) {
      // ECParameters ::= CHOICE { namedCurve OBJECT IDENTIFIER, ... }: untagged, so on the TLV.
      const p = readElement(c, { name: 'ECParameters', filter: 'pkcs1.ECParameters', content: { name: 'namedCurve', filter: 'pkcs1.namedCurve' } });
      out.curve = p ? decodeOid(p.bytes) : undefined;
      if (p && out.curve) {
        p.field.display = oidDisplay(out.curve);
        if (p.content) Object.assign(p.content, { value: out.curve, display: oidDisplay(out.curve) });
      }
      return;
    }
    readAny(c, 2, 'parameters');
  });
  if (el && out.oid) el.field.display = oidName(out.oid) ?? out.oid;
  return out;
}

/** Validity ::= SEQUENCE { notBefore Time, notAfter Time } (RFC 5280 §4.1.2.5). */
export function readValidity(r: Cursor): void {
  readElement(r, { name: 'validity', filter: 'x509af.validity_element', expect: SEQ }, (c) => {
    readTime(c, 'notBefore', 'x509af.notBefore');
    if (c.remaining > 0) readTime(c, 'notAfter', 'x509af.notAfter');
  });
}

/** Time ::= CHOICE { utcTime UTCTime, generalTime GeneralizedTime } (RFC 5280 §4.1.2.5.1-2). */
export function readTime(r: Cursor, name: string, filter: string): string | undefined {
  const tag = r.peek8();
  const generalized = tag === UNIVERSAL.GeneralizedTime;
  const choice = generalized ? 'generalizedTime' : 'utcTime';
  const el = readElement(r, {
    name, filter, content: { name: choice, filter: `x509af.${choice}` },
    expect: { tag: generalized ? UNIVERSAL.GeneralizedTime : UNIVERSAL.UTCTime },
  });
  if (!el || el.header.cls !== 0) return undefined;
  const iso = decodeTime(el.header.tag, el.bytes);
  const text = Buffer.from(el.bytes).toString('latin1');
  el.field.display = iso ?? text;
  if (el.content) {
    el.content.value = text;
    el.content.display = iso ?? `${text} (not a valid time)`;
    if (!iso) el.content.malformed = `not a valid ${choice}`;
  }
  return iso;
}

/** SubjectPublicKeyInfo ::= SEQUENCE { algorithm AlgorithmIdentifier, subjectPublicKey BIT STRING } (RFC 5280 §4.1.2.7). */
export function readSubjectPublicKeyInfo(r: Cursor): void {
  let shown: string | undefined;
  const el = readElement(r, { name: 'subjectPublicKeyInfo', filter: 'x509af.subjectPublicKeyInfo_element', expect: SEQ }, (c) => {
    const alg = readAlgorithmIdentifier(c, 'algorithm', 'x509af.algorithm_element');
    if (c.remaining === 0) return;
    shown = keyDescription(alg.oid, alg.curve, readSubjectPublicKey(c, alg.oid));
  });
  if (el && shown) el.field.display = shown;
}

/** `RSA 2048 bits`, `EC P-256`, else the algorithm's name. */
function keyDescription(oid: string | undefined, curve: string | undefined, rsaBits: number | undefined): string | undefined {
  if (oid === undefined) return undefined;
  if (rsaBits !== undefined) return `RSA ${rsaBits} bits`;
  if (curve !== undefined) return `EC ${NAMED_CURVES[curve]?.[0] ?? oidName(curve) ?? curve}`;
  const name = oidName(oid);
  return name ? name.replace(/^id-/, '') : oid;
}

/**
 * subjectPublicKey BIT STRING (RFC 5280 §4.1.2.7). Wireshark shows the unused-bits octet
 * (`ber.bitstring.padding`) except for RSA, where it decodes RSAPublicKey right after it.
 * Returns the RSA modulus size in bits.
 */
function readSubjectPublicKey(r: Cursor, alg: string | undefined): number | undefined {
  const rsa = alg === '1.2.840.113549.1.1.1';
  let bits: number | undefined;
  readElement(r, { name: 'subjectPublicKey', expect: { tag: UNIVERSAL.BIT_STRING } }, (c) => {
    c.u8('Padding', rsa ? undefined : 'ber.bitstring.padding', undefined, { kb: 'ber.bitstring.padding' });
    if (c.remaining === 0) return;
    if (!rsa) {
      c.bytes('subjectPublicKey', 'x509af.subjectPublicKey', c.remaining);
      return;
    }
    c.struct('subjectPublicKey', 'x509af.subjectPublicKey', c.remaining, (k) => {
      bits = readRsaPublicKey(k);
    });
  });
  return bits;
}

/** RSAPublicKey ::= SEQUENCE { modulus INTEGER, publicExponent INTEGER } (RFC 8017 §A.1.1). */
function readRsaPublicKey(r: Cursor): number | undefined {
  let bits: number | undefined;
  readElement(r, { name: 'RSAPublicKey', expect: SEQ }, (c) => {
    const m = readValue(c, 'modulus', 'pkcs1.modulus', { tag: UNIVERSAL.INTEGER }, hexDisplay);
    if (m) {
      let i = 0;
      while (i < m.bytes.length && m.bytes[i] === 0) i++;
      bits = i < m.bytes.length ? (m.bytes.length - i) * 8 - Math.clz32(m.bytes[i]!) + 24 : 0;
      m.field.display = `${bits} bits`;
    }
    if (c.remaining > 0) readValue(c, 'publicExponent', 'pkcs1.publicExponent', { tag: UNIVERSAL.INTEGER });
  });
  return bits;
}

/** extensions [3] EXPLICIT Extensions, Extensions ::= SEQUENCE SIZE (1..MAX) OF Extension (RFC 5280 §4.1.2.9). */
function readExtensions(r: Cursor): void {
  readElement(r, { name: 'extensions [3]', expect: { cls: 2, tag: 3 } }, (c) => {
    const el = readElement(c, { name: 'extensions', content: { name: 'extensions', filter: 'x509af.extensions' }, expect: SEQ }, (s) => {
      let n = 0;
      while (s.remaining > 0 && readExtension(s)) n++;
      return n;
    });
    if (el?.content) el.content.display = `${el.content.children?.length ?? 0} items`;
  });
}

/** Extension ::= SEQUENCE { extnID OBJECT IDENTIFIER, critical BOOLEAN DEFAULT FALSE, extnValue OCTET STRING } (RFC 5280 §4.1). */
export function readExtension(r: Cursor): boolean {
  let oid: string | undefined;
  let critical = false;
  const el = readElement(r, { name: 'Extension', filter: 'x509af.Extension_element', expect: SEQ }, (c) => {
    oid = readOidElement(c, 'extnID', 'x509af.extension.id');
    if (nextIs(c, { tag: UNIVERSAL.BOOLEAN })) {
      const b = readValue(c, 'critical', 'x509af.critical', { tag: UNIVERSAL.BOOLEAN }, (v) => (v[0] ? 'True' : 'False'));
      critical = b?.bytes[0] !== undefined && b.bytes[0] !== 0;
      if (b?.content) b.content.value = critical;
    }
    if (c.remaining > 0) readExtnValue(c, oid);
  });
  if (!el) return false;
  el.field.display = `${oid ? oidDisplay(oid) : 'unknown'}${critical ? ', critical' : ''}`;
  return true;
}

/** signatureValue BIT STRING (RFC 5280 §4.1.1.3): the unused-bits octet, then the signature. */
function readSignatureValue(r: Cursor): void {
  readElement(r, { name: 'signatureValue', expect: { tag: UNIVERSAL.BIT_STRING } }, (c) => {
    c.u8('Padding', 'ber.bitstring.padding');
    if (c.remaining > 0) c.bytes('encrypted', 'x509af.encrypted', c.remaining, { display: `${c.remaining} bytes` });
  });
}
