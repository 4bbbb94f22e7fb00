// Plain values of a certificate for renderers and diagnosis (expiry, names, CA flags, chain links),
// read from the same DER walker as the annotated decode. node:crypto's X509Certificate is used only
// to verify the self-signature and to cross-check the serial number.
import { createHash, X509Certificate } from 'node:crypto';
import { toHex } from '../../model/hex.ts';
import { decodeOid, decodeString, decodeTime, parseDer, UNIVERSAL, type DerNode } from './der.ts';
import { formatName, nameAttributes, type NameAttribute } from './name.ts';
import { NAMED_CURVES, oidName } from './oids.ts';

/** What renderers and diagnosis need to know about one certificate. */
export interface CertificateSummary {
  /** 1, 2 or 3. */
  version?: number;
  serialHex?: string;
  subject: string;
  subjectAttributes: NameAttribute[];
  issuer: string;
  issuerAttributes: NameAttribute[];
  /** ISO 8601 (UTC). */
  notBefore?: string;
  notAfter?: string;
  publicKey: { algorithmOid?: string; algorithm?: string; bits?: number; curve?: string; description?: string };
  signatureAlgorithmOid?: string;
  signatureAlgorithm?: string;
  san: { dns: string[]; ip: string[]; email: string[]; uri: string[] };
  isCA: boolean;
  pathLen?: number;
  keyUsage?: string[];
  extKeyUsage?: string[];
  subjectKeyId?: string;
  authorityKeyId?: string;
  ocsp: string[];
  caIssuers: string[];
  crlDistributionPoints: string[];
  policies: string[];
  extensions: { oid: string; name?: string; critical: boolean }[];
  /** Subject and issuer are the same name (RFC 5280 §3.2). */
  selfIssued: boolean;
  /** Self-issued and its signature verifies with its own key; undefined when node:crypto cannot parse it. */
  selfSigned?: boolean;
  sha256: string;
  /** Why parts could not be read; empty for a well-formed certificate. */
  errors: string[];
}

const KEY_USAGE = ['digitalSignature', 'contentCommitment', 'keyEncipherment', 'dataEncipherment', 'keyAgreement', 'keyCertSign', 'cRLSign', 'encipherOnly', 'decipherOnly'];

/** Summarizes a DER certificate; never throws (problems go to `errors`). */
export function summarizeCertificate(der: Uint8Array): CertificateSummary {
  // Servers send the same chain on every connection: parse and verify each certificate once.
  if (der.length > 1 << 16) return summarize(der);
  const key = Buffer.from(der.buffer, der.byteOffset, der.length).toString('latin1');
  let s = summaries.get(key);
  if (s === undefined) {
    if (summaries.size >= 512) summaries.clear();
    summaries.set(key, (s = summarize(der)));
  }
  // A copy: callers own what they get.
  return clonePlain(s);
}

/** A deep copy of plain data (objects, arrays, primitives), cheaper than structuredClone for small trees. */
function clonePlain<T>(v: T): T {
  if (Array.isArray(v)) return v.map(clonePlain) as T;
  if (v !== null && typeof v === 'object') {
    const o: Record<string, unknown> = {};
    for (const k of Object.keys(v)) o[k] = clonePlain((v as Record<string, unknown>)[k]);
    return o as T;
  }
  return v;
}

const summaries = new Map<string, CertificateSummary>();

function summarize(der: Uint8Array): CertificateSummary {
  const s: CertificateSummary = {
    subject: '', subjectAttributes: [], issuer: '', issuerAttributes: [], publicKey: {},
    san: { dns: [], ip: [], email: [], uri: [] }, isCA: false, ocsp: [], caIssuers: [], crlDistributionPoints: [],
    policies: [], extensions: [], selfIssued: false, sha256: createHash('sha256').update(der).digest('hex'), errors: [],
  };
  const { nodes, errors } = parseDer(der);
  for (const e of errors) s.errors.push(`offset ${e.offset}: ${e.reason}`);
  const cert = nodes[0];
  const bytes = (n: DerNode): Uint8Array => der.subarray(n.contentStart, n.contentEnd);
  const oidOf = (n: DerNode | undefined): string | undefined => (n && n.header.cls === 0 && n.header.tag === UNIVERSAL.OID ? decodeOid(bytes(n)) : undefined);
  const tbs = cert?.children?.[0];
  if (!tbs?.children) {
    s.errors.push('no TBSCertificate SEQUENCE');
    return s;
  }
  const t = [...tbs.children];
  if (t[0]?.header.cls === 2 && t[0].header.tag === 0) {
    const v = t.shift()!.children?.[0];
    if (v) s.version = (der[v.contentStart] ?? 0) + 1;
  } else s.version = 1;
  const [serial, sigAlg, issuer, validity, subject, spki, ...rest] = t;
  if (serial) s.serialHex = toHex(bytes(serial));
  s.signatureAlgorithmOid = oidOf(sigAlg?.children?.[0]);
  s.signatureAlgorithm = s.signatureAlgorithmOid && (oidName(s.signatureAlgorithmOid) ?? s.signatureAlgorithmOid);
  s.issuerAttributes = nameAttributes(der, issuer);
  s.subjectAttributes = nameAttributes(der, subject);
  s.issuer = formatName(s.issuerAttributes);
  s.subject = formatName(s.subjectAttributes);
  const [nb, na] = validity?.children ?? [];
  if (nb) s.notBefore = decodeTime(nb.header.tag, bytes(nb));
  if (na) s.notAfter = decodeTime(na.header.tag, bytes(na));
  if (spki) readKey(s, der, spki);
  const extList = rest.find((n) => n.header.cls === 2 && n.header.tag === 3)?.children?.[0]?.children ?? [];
  for (const ext of extList) readExtensionSummary(s, der, ext);
  if (serial && s.serialHex === undefined) s.errors.push('no serial number');
  if (!s.notAfter) s.errors.push('validity could not be read');
  s.selfIssued = issuer !== undefined && subject !== undefined && toHex(der, issuer.start, issuer.end) === toHex(der, subject.start, subject.end);
  crossCheck(s, der);
  return s;
}

/** SubjectPublicKeyInfo (RFC 5280 §4.1.2.7): algorithm, RSA modulus size or EC curve. */
function readKey(s: CertificateSummary, der: Uint8Array, spki: DerNode): void {
  const [alg, key] = spki.children ?? [];
  const oidNode = alg?.children?.[0];
  const oid = oidNode ? decodeOid(der.subarray(oidNode.contentStart, oidNode.contentEnd)) : undefined;
  s.publicKey.algorithmOid = oid;
  s.publicKey.algorithm = oid && (oidName(oid) ?? oid);
  const param = alg?.children?.[1];
  if (oid === '1.2.840.10045.2.1' && param?.header.tag === UNIVERSAL.OID) {
    const curve = decodeOid(der.subarray(param.contentStart, param.contentEnd));
    const known = curve ? NAMED_CURVES[curve] : undefined;
    s.publicKey.curve = known?.[0] ?? curve;
    s.publicKey.bits = known?.[1];
    s.publicKey.description = `EC ${s.publicKey.curve ?? '?'}`;
  } else if (oid === '1.2.840.113549.1.1.1' && key) {
    const inner = parseDer(der, key.contentStart + 1, key.contentEnd).nodes[0]?.children?.[0];
    if (inner) {
      let i = inner.contentStart;
      while (i < inner.contentEnd && der[i] === 0) i++;
      s.publicKey.bits = i < inner.contentEnd ? (inner.contentEnd - i) * 8 - Math.clz32(der[i]!) + 24 : 0;
      s.publicKey.description = `RSA ${s.publicKey.bits} bits`;
    }
  } else if (oid) {
    s.publicKey.description = (oidName(oid) ?? oid).replace(/^id-/, '');
  }
}

/** One Extension (RFC 5280 §4.2): the values diagnosis needs, from the DER inside extnValue. */
function readExtensionSummary(s: CertificateSummary, der: Uint8Array, ext: DerNode): void {
  const kids = ext.children ?? [];
  const oidNode = kids[0];
  if (!oidNode) return;
  const oid = decodeOid(der.subarray(oidNode.contentStart, oidNode.contentEnd));
  if (!oid) return;
  const crit = kids.length > 2 && kids[1]!.header.tag === UNIVERSAL.BOOLEAN && der[kids[1]!.contentStart] !== 0;
  s.extensions.push({ oid, name: oidName(oid), critical: crit });
  const value = kids[kids.length - 1]!;
  const inner = parseDer(der, value.contentStart, value.contentEnd).nodes[0];
  if (!inner) return;
  const text = (n: DerNode): string => decodeString(n.header.tag, der.subarray(n.contentStart, n.contentEnd));
  const hex = (n: DerNode): string => toHex(der, n.contentStart, n.contentEnd);
  const oids = (n: DerNode): string[] => (n.children ?? []).map((k) => decodeOid(der.subarray(k.contentStart, k.contentEnd)) ?? '?');
  switch (oid) {
    case '2.5.29.19':
      for (const k of inner.children ?? []) {
        if (k.header.tag === UNIVERSAL.BOOLEAN) s.isCA = der[k.contentStart] !== 0;
        if (k.header.tag === UNIVERSAL.INTEGER) s.pathLen = der.subarray(k.contentStart, k.contentEnd).reduce((a, b) => a * 256 + b, 0);
      }
      break;
    case '2.5.29.15': {
      const b = der.subarray(inner.contentStart + 1, inner.contentEnd);
      s.keyUsage = KEY_USAGE.filter((_, i) => (b[i >> 3] ?? 0) & (0x80 >> (i & 7)));
      break;
    }
    case '2.5.29.37':
      s.extKeyUsage = oids(inner).map((o) => oidName(o) ?? o);
      break;
    case '2.5.29.17':
      for (const g of inner.children ?? []) addGeneralName(s, der, g);
      break;
    case '2.5.29.14':
      s.subjectKeyId = hex(inner);
      break;
    case '2.5.29.35': {
      const k = inner.children?.find((c) => c.header.cls === 2 && c.header.tag === 0);
      if (k) s.authorityKeyId = hex(k);
      break;
    }
    case '1.3.6.1.5.5.7.1.1':
      for (const ad of inner.children ?? []) {
        const [m, loc] = ad.children ?? [];
        if (!m || !loc || loc.header.tag !== 6) continue;
        const method = decodeOid(der.subarray(m.contentStart, m.contentEnd));
        if (method === '1.3.6.1.5.5.7.48.1') s.ocsp.push(text(loc));
        if (method === '1.3.6.1.5.5.7.48.2') s.caIssuers.push(text(loc));
      }
      break;
    case '2.5.29.31':
      for (const dp of inner.children ?? []) {
        const full = dp.children?.[0]?.children?.[0];
        for (const g of full?.children ?? []) if (g.header.cls === 2 && g.header.tag === 6) s.crlDistributionPoints.push(text(g));
      }
      break;
    case '2.5.29.32':
      for (const pi of inner.children ?? []) {
        const o = pi.children?.[0];
        const p = o ? decodeOid(der.subarray(o.contentStart, o.contentEnd)) : undefined;
        if (p) s.policies.push(p);
      }
      break;
  }
}

/** Adds a SAN GeneralName (RFC 5280 §4.2.1.6) to the summary's lists. */
function addGeneralName(s: CertificateSummary, der: Uint8Array, g: DerNode): void {
  if (g.header.cls !== 2) return;
  const b = der.subarray(g.contentStart, g.contentEnd);
  const text = Buffer.from(b).toString('latin1');
  if (g.header.tag === 1) s.san.email.push(text);
  else if (g.header.tag === 2) s.san.dns.push(text);
  else if (g.header.tag === 6) s.san.uri.push(text);
  else if (g.header.tag === 7) {
    if (b.length === 4) s.san.ip.push(b.join('.'));
    else if (b.length === 16) {
      const groups: string[] = [];
      for (let i = 0; i < 16; i += 2) groups.push(((b[i]! << 8) | b[i + 1]!).toString(16));
      s.san.ip.push(groups.join(':').replace(/(^|:)0(:0)+(:|$)/, '::').replace(/:{3,}/, '::'));
    } else s.san.ip.push(toHex(b));
  }
}

/** Verifies the self-signature and cross-checks the serial with node:crypto, when it parses the certificate. */
function crossCheck(s: CertificateSummary, der: Uint8Array): void {
  let x: X509Certificate;
  try {
    x = new X509Certificate(der);
  } catch {
    return;
  }
  if (s.serialHex !== undefined && x.serialNumber.replace(/^0+/, '').toLowerCase() !== s.serialHex.replace(/^0+/, '')) {
    s.errors.push(`serial number disagrees with node:crypto (${x.serialNumber})`);
  }
  try {
    s.selfSigned = s.selfIssued && x.verify(x.publicKey);
  } catch {
    // Keys node:crypto cannot use (e.g. algorithms newer than its OpenSSL): unknown, not false.
    s.selfSigned = undefined;
  }
}
