// Certificate chain reasoning on summaries: order, completeness, trust anchors, names, strength.
import { summarizeCertificate, type CertificateSummary } from '../tls/x509/summary.ts';
import type { CertFacts } from './facts.ts';

/** Summaries of user-supplied CAs (DER is summarized here). */
export function caSummaries(cas: readonly (CertificateSummary | Uint8Array)[] | undefined): CertificateSummary[] {
  return (cas ?? []).map((c) => (c instanceof Uint8Array ? summarizeCertificate(c) : c));
}

/** The result of walking a chain from its leaf through the certificates that were sent. */
export interface ChainWalk {
  /** Indexes into the sent list, leaf first, following issuer -> subject. */
  path: number[];
  /** Sent certificates not on the path (extra or out of order). */
  unused: number[];
  /** The path is in the order it was sent (each certificate followed by its issuer). */
  ordered: boolean;
  /** The path ends at a self-issued certificate (a root was sent). */
  endsAtRoot: boolean;
  /** The issuer the path needs next and that was not sent (undefined when it ends at a root). */
  missingIssuer?: string;
  /** AIA caIssuers URLs of the path's last certificate (where the missing issuer can be fetched). */
  aia: string[];
  /** The missing issuer is one of the supplied CAs (a trusted root omitted on purpose: fine). */
  anchoredInSupplied: boolean;
}

/** True when `issuer` plausibly issued `child`: names match, and key identifiers when both are present. */
export function issued(issuer: CertificateSummary, child: CertificateSummary): boolean {
  if (issuer.subject !== child.issuer) return false;
  if (issuer.subjectKeyId && child.authorityKeyId) return issuer.subjectKeyId === child.authorityKeyId;
  return true;
}

/** Walks the sent chain from the leaf (first certificate). */
export function walkChain(certs: readonly CertFacts[], cas: readonly CertificateSummary[]): ChainWalk | undefined {
  const sums = certs.map((c) => c.summary);
  if (!sums[0]) return undefined;
  const path = [0];
  const seen = new Set([0]);
  let cur = sums[0];
  while (!cur.selfIssued) {
    const next = sums.findIndex((s, i) => s !== undefined && !seen.has(i) && issued(s, cur));
    if (next < 0) break;
    path.push(next);
    seen.add(next);
    cur = sums[next]!;
  }
  const unused = sums.map((_, i) => i).filter((i) => !seen.has(i));
  const ordered = path.every((p, i) => p === i);
  const endsAtRoot = cur.selfIssued;
  const walk: ChainWalk = { path, unused, ordered, endsAtRoot, aia: cur.caIssuers, anchoredInSupplied: false };
  if (!endsAtRoot) {
    walk.missingIssuer = cur.issuer;
    walk.anchoredInSupplied = cas.some((ca) => issued(ca, cur));
  } else {
    walk.anchoredInSupplied = cas.some((ca) => ca.sha256 === cur.sha256 || ca.subject === cur.subject);
  }
  return walk;
}

/** DNS name matching with a single left-most wildcard label (RFC 6125 §6.4.3). */
export function nameMatches(pattern: string, host: string): boolean {
  const p = pattern.toLowerCase().replace(/\.$/, '');
  const h = host.toLowerCase().replace(/\.$/, '');
  if (p === h) return true;
  if (!p.startsWith('*.')) return false;
  const rest = p.slice(2);
  const dot = h.indexOf('.');
  return dot > 0 && h.slice(dot + 1) === rest;
}

/** The names a certificate is valid for: SAN DNS names, else the subject CN (legacy). */
export function certNames(s: CertificateSummary): string[] {
  if (s.san.dns.length > 0 || s.san.ip.length > 0) return [...s.san.dns, ...s.san.ip];
  const cn = s.subjectAttributes.find((a) => a.type === 'CN')?.value;
  return cn ? [cn] : [];
}

/** Why a key is weak, or undefined. */
export function weakKey(s: CertificateSummary): string | undefined {
  const alg = (s.publicKey.algorithm ?? '').toLowerCase();
  const bits = s.publicKey.bits;
  if (bits === undefined) return undefined;
  if ((alg.includes('rsa') || alg.includes('dsa') || alg.includes('dh')) && !alg.includes('ecdsa') && bits < 2048) return `${s.publicKey.algorithm} ${bits} bits (< 2048)`;
  if ((alg.includes('ec') || s.publicKey.curve) && bits < 224) return `${s.publicKey.curve ?? s.publicKey.algorithm} ${bits} bits (< 224)`;
  return undefined;
}

/** Why a signature algorithm is weak (MD2/MD5/SHA-1), or undefined. */
export function weakSignature(s: CertificateSummary): string | undefined {
  const a = (s.signatureAlgorithm ?? '').toLowerCase();
  if (/md2|md5/.test(a)) return s.signatureAlgorithm;
  if (/sha1|sha-1|dsa-with-sha1|ecdsa-with-sha1/.test(a) && !/sha1\d/.test(a)) return s.signatureAlgorithm;
  return undefined;
}

/** A short label: `CN=... (issued by CN=...)`. */
export function certLabel(s: CertificateSummary): string {
  return `"${s.subject}"`;
}
