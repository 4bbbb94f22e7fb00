import type { Field } from '../../model/field.ts';
import { summarizeCertificate, type CertificateSummary } from '../../tls/x509/summary.ts';
import type { ByteSource } from '../bytes.ts';
import { esc } from '../escape.ts';

/** Filter names of the field that holds one whole DER certificate. */
export const CERT_FILTERS = new Set(['tls.handshake.certificate', 'x509af.Certificate_element']);

const DAY = 86_400_000;
// Captures made before 1995 do not exist; such a clock is relative (text dumps) or unset.
const EARLIEST_REAL_CLOCK = Date.UTC(1995, 0, 1);

/** The certificates in the trees, outermost only (a TLS certificate entry may wrap an x509 element). */
export function certificateFields(roots: readonly Field[]): Field[] {
  const out: Field[] = [];
  const visit = (fs: readonly Field[]): void => {
    for (const f of fs) {
      if (f.filter !== undefined && CERT_FILTERS.has(f.filter)) out.push(f);
      else visit(f.children ?? []);
    }
  };
  visit(roots);
  return out;
}

/** `12 days`, `5 hours`, `1 day`: a distance in time in the largest whole unit. */
function distance(ms: number): string {
  const days = Math.floor(ms / DAY);
  if (days >= 1) return `${days.toLocaleString('en-US')} day${days === 1 ? '' : 's'}`;
  const hours = Math.floor(ms / 3_600_000);
  if (hours >= 1) return `${hours} hour${hours === 1 ? '' : 's'}`;
  const minutes = Math.max(1, Math.floor(ms / 60_000));
  return `${minutes} minute${minutes === 1 ? '' : 's'}`;
}

/**
 * Whether the certificate was valid when the capture was made (not today: course material
 * must not rot, and an incident is judged at the time it happened).
 */
export function validityAt(s: Pick<CertificateSummary, 'notBefore' | 'notAfter'>, captureMs: number | undefined): { text: string; ok: boolean | undefined } {
  if (captureMs === undefined || captureMs < EARLIEST_REAL_CLOCK) return { text: 'capture time unknown (the input has no absolute timestamps)', ok: undefined };
  const from = s.notBefore ? Date.parse(s.notBefore) : NaN;
  const to = s.notAfter ? Date.parse(s.notAfter) : NaN;
  if (Number.isNaN(from) || Number.isNaN(to)) return { text: 'validity dates unreadable', ok: false };
  if (captureMs < from) return { text: `not yet valid: starts ${distance(from - captureMs)} after the capture`, ok: false };
  if (captureMs > to) return { text: `expired ${distance(captureMs - to)} before the capture`, ok: false };
  return { text: `valid at capture time (expires ${distance(to - captureMs)} after it)`, ok: true };
}

function keyText(s: CertificateSummary): string {
  const k = s.publicKey;
  if (k.description) return k.description;
  const parts = [k.algorithm ?? k.algorithmOid ?? 'unknown algorithm'];
  if (k.curve) parts.push(k.curve);
  if (k.bits) parts.push(`${k.bits} bits`);
  return parts.join(', ');
}

function sans(s: CertificateSummary): string {
  const all = [...s.san.dns.map((d) => `DNS:${d}`), ...s.san.ip.map((d) => `IP:${d}`), ...s.san.email.map((d) => `email:${d}`), ...s.san.uri.map((d) => `URI:${d}`)];
  if (all.length > 0) return all.join(', ');
  // A CA needs no host names; a server certificate without SANs fails in current browsers.
  return s.isCA ? 'none' : 'none (only the subject CN names a host, which current clients ignore)';
}

function selfSigned(s: CertificateSummary): string {
  if (s.selfSigned === true) return 'yes: subject = issuer and the signature verifies with its own key';
  if (s.selfIssued) return s.selfSigned === false ? 'self-issued (subject = issuer) but its signature does not verify with its own key' : 'self-issued (subject = issuer)';
  return 'no';
}

/** The summary card of one certificate, everything escaped (certificate names are untrusted input). */
export function renderCertCard(s: CertificateSummary, n: number, of: number, captureMs: number | undefined): string {
  const v = validityAt(s, captureMs);
  const vcls = v.ok === undefined ? '' : v.ok ? ' class="ok"' : ' class="fail"';
  const ca = s.isCA ? `yes${s.pathLen !== undefined ? ` (path length ≤ ${s.pathLen})` : ''}` : 'no (end entity)';
  const rows: [string, string][] = [
    ['Subject', esc(s.subject || '(empty)')],
    ['Issuer', esc(s.issuer || '(empty)')],
    ['Validity', `${esc(s.notBefore ?? '?')} → ${esc(s.notAfter ?? '?')}<br><strong${vcls}>${esc(v.text)}</strong>`],
    ['Public key', esc(keyText(s))],
    ['Signature algorithm', esc(s.signatureAlgorithm ?? s.signatureAlgorithmOid ?? '?')],
    ['Subject alternative names', esc(sans(s))],
    ['CA', esc(ca)],
    ['Self-signed', esc(selfSigned(s))],
    ['SHA-256', `<code>${esc(s.sha256)}</code>`],
  ];
  if (s.errors.length > 0) rows.push(['Problems', `<span class="fail">${esc(s.errors.join('; '))}</span>`]);
  const dl = rows.map(([k, val]) => `<dt>${esc(k)}</dt><dd>${val}</dd>`).join('');
  const pos = of > 1 ? `${n} of ${of}${n === 1 ? ' (the sender’s own)' : ''}` : `${n}`;
  return `<div class="certcard"><h4>Certificate ${esc(pos)}: ${esc(s.subject || '(no subject)')}</h4><dl>${dl}</dl></div>`;
}

/** Summary cards for every certificate in the trees, judged at the capture time `captureNs`. */
export function renderCertCards(roots: readonly Field[], source: ByteSource, captureNs: bigint | undefined, skip?: ReadonlyMap<Field, unknown>): string {
  const all = certificateFields(roots);
  const certs = all.filter((c) => !skip?.has(c));
  if (certs.length === 0) return '';
  const ms = captureNs === undefined ? undefined : Number(captureNs / 1_000_000n);
  const cards = certs.map((c) => renderCertCard(summarizeCertificate(source.resolve(c.spans).bytes), all.indexOf(c) + 1, all.length, ms));
  return `<div class="certcards">${cards.join('')}</div>`;
}
