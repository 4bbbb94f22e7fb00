// Certificate chains as sent on the wire: complete and ordered, valid at the capture's time,
// self-signed, name vs SNI, weak keys and signatures, and the supplied CA list.
import type { Field } from '../../model/field.ts';
import type { Span } from '../../model/span.ts';
import { finding } from '../catalogue.ts';
import { certLabel, certNames, nameMatches, walkChain, weakKey, weakSignature } from '../certs.ts';
import type { CertFacts, CertMessageFacts } from '../facts.ts';
import { first, spansOf } from '../query.ts';
import { peerOf, senderOf } from '../sides.ts';
import type { Finding, Rule, RuleContext, Severity } from '../types.ts';

/** A sub-field of a certificate when the X.509 decoder produced it, else the whole certificate. */
function part(c: CertFacts, ...filters: string[]): Span[] {
  for (const f of filters) {
    const x = first(c.field, f);
    if (x && x.spans.length > 0) return spansOf(x);
  }
  return spansOf(c.field);
}

/** Did the peer of `owner` reject certificates with one of these alerts? */
function peerAlerted(ctx: RuleContext, owner: 'client' | 'server', codes: readonly number[]): { desc: number; field: Field } | undefined {
  const a = ctx.facts.alerts.find((x) => x.desc !== undefined && codes.includes(x.desc) && senderOf(x.msg.dir) === peerOf(owner));
  return a ? { desc: a.desc!, field: a.field } : undefined;
}

const CERT_ALERTS = [42, 43, 44, 45, 46, 48] as const;

function completeness(ctx: RuleContext, m: CertMessageFacts, owner: 'client' | 'server'): Finding[] {
  const out: Finding[] = [];
  const walk = walkChain(m.certs, ctx.cas);
  const leaf = m.certs[0]?.summary;
  if (!walk || !leaf) return out;
  if (!walk.ordered || walk.unused.length > 0) {
    const extra = walk.unused.map((i) => certLabel(m.certs[i]!.summary!)).join(', ');
    out.push(finding('server-chain-order', `The ${owner}'s chain is not in issuer order (leaf first, each certificate followed by its issuer)${extra ? `; not on the leaf's path: ${extra}` : ''}. Strict clients reject such chains.`, spansOf(m.field), { side: owner }));
  }
  if (walk.endsAtRoot || owner !== 'server') return out;
  const last = m.certs[walk.path[walk.path.length - 1]!]!.summary!;
  const rejected = peerAlerted(ctx, owner, [48, 46, 42]);
  // A chain that ends at an intermediate whose issuer (the root) is omitted is the normal case;
  // a chain that stops at the leaf is incomplete unless the leaf's issuer is itself a trusted root.
  const stopsAtLeaf = walk.path.length === 1 && !leaf.isCA;
  if (walk.anchoredInSupplied) return out;
  if (!stopsAtLeaf && !rejected) return out;
  const aia = walk.aia.length > 0 ? ` Its AIA caIssuers points to ${walk.aia.join(', ')}.` : '';
  const sent = m.certs.length === 1 ? 'only the leaf certificate' : `${m.certs.length} certificates`;
  // Without a rejection the capture cannot tell a missing intermediate from a leaf issued by a
  // root the clients hold (a private CA does this): a warning, not an error, and said so.
  const because = rejected
    ? ` The client rejected the chain with alert ${rejected.desc} — consistent with a missing intermediate.`
    : ` The client did not reject it here, so "${walk.missingIssuer}" may be a root it trusts; if it is an intermediate, clients that do not already hold it will fail with unknown_ca (--ca with the trusted roots settles it).`;
  out.push(finding('server-chain-incomplete', `The server sent ${sent}; the chain stops at ${certLabel(last)} whose issuer "${walk.missingIssuer}" was not sent (missing intermediate CA).${aia}${because}`, [...part(m.certs[walk.path[walk.path.length - 1]!]!, 'x509af.issuer'), ...(rejected ? spansOf(rejected.field) : [])], {
    side: 'server', severity: rejected ? 'error' : 'warning',
    check: `install the intermediate "${walk.missingIssuer}" on the server and send the full chain (openssl s_client -connect HOST:PORT -showcerts shows what is sent)`,
  }));
  return out;
}

function validity(ctx: RuleContext, m: CertMessageFacts, owner: 'client' | 'server'): Finding[] {
  const out: Finding[] = [];
  const now = ctx.now;
  if (!now) return out;
  const at = now.toISOString().replace(/\.\d+Z$/, 'Z');
  m.certs.forEach((c, i) => {
    const s = c.summary;
    if (!s) return;
    const role = i === 0 ? `${owner}'s certificate` : `certificate ${i + 1} of the ${owner}'s chain`;
    const ev = part(c, 'x509af.validity_element', 'x509af.validity');
    if (s.notAfter && new Date(s.notAfter) < now) {
      out.push(finding('certificate-expired', `The ${role} ${certLabel(s)} expired on ${s.notAfter}, before the capture was made (${at}).`, ev, { side: owner }));
    }
    if (s.notBefore && new Date(s.notBefore) > now) {
      out.push(finding('certificate-not-yet-valid', `The ${role} ${certLabel(s)} is valid only from ${s.notBefore}, after the capture was made (${at}): a clock problem on the issuing or the checking side.`, ev, { side: owner }));
    }
  });
  return out;
}

function leafChecks(ctx: RuleContext, m: CertMessageFacts, owner: 'client' | 'server'): Finding[] {
  const out: Finding[] = [];
  const leafC = m.certs[0];
  const leaf = leafC?.summary;
  if (!leafC || !leaf) return out;
  if (leaf.selfIssued && leaf.selfSigned !== false) {
    const trusted = ctx.cas.some((ca) => ca.sha256 === leaf.sha256);
    const rejected = peerAlerted(ctx, owner, CERT_ALERTS);
    if (!trusted) {
      const sev: Severity = rejected ? 'error' : 'warning';
      const tail = rejected ? ` The ${peerOf(owner)} rejected it (alert ${rejected.desc}).` : ` Only peers that have this exact certificate in their trust store accept it.`;
      out.push(finding('certificate-self-signed', `The ${owner}'s certificate ${certLabel(leaf)} is self-signed (issuer = subject, signed by its own key).${tail}`, [...part(leafC, 'x509af.issuer'), ...(rejected ? spansOf(rejected.field) : [])], { side: owner, severity: sev }));
    }
  }
  const sni = ctx.facts.clientHellos[0]?.sni ?? ctx.conn.sni;
  if (owner === 'server' && sni) {
    const names = certNames(leaf);
    if (names.length > 0 && !names.some((n) => nameMatches(n, sni))) {
      const rejected = peerAlerted(ctx, owner, [42, 46]);
      out.push(finding('certificate-name-mismatch', `The client asked for "${sni}" (SNI) but the server's certificate is for ${names.map((n) => `"${n}"`).join(', ')}.`, [...spansOf(first(ctx.facts.clientHellos[0]?.field, 'tls.handshake.extensions_server_name')), ...part(leafC, 'x509ce.dNSName', 'x509af.subject')], { side: 'server', severity: rejected ? 'error' : 'warning' }));
    }
  }
  m.certs.forEach((c, i) => {
    const s = c.summary;
    if (!s) return;
    const wk = weakKey(s);
    if (wk) out.push(finding('weak-key', `Certificate ${i + 1} of the ${owner}'s chain ${certLabel(s)} has a weak key: ${wk}.`, part(c, 'x509af.subjectPublicKeyInfo_element', 'x509af.subjectPublicKeyInfo'), { side: owner }));
    // A root's own signature is never checked (it is trusted as is), so only non-roots count.
    const ws = s.selfIssued ? undefined : weakSignature(s);
    if (ws) out.push(finding('weak-signature', `Certificate ${i + 1} of the ${owner}'s chain ${certLabel(s)} is signed with ${ws}.`, part(c, 'x509af.algorithm_element'), { side: owner }));
  });
  if (owner === 'server' && ctx.cas.length > 0) {
    const walk = walkChain(m.certs, ctx.cas);
    if (walk && !walk.anchoredInSupplied) out.push(finding('untrusted-root', `The server's chain does not lead to any of the ${ctx.cas.length} supplied CA certificate(s)${walk.missingIssuer ? `: it needs "${walk.missingIssuer}"` : ''}.`, spansOf(m.field)));
  }
  return out;
}

export const chainRule: Rule = {
  name: 'certificate chain',
  codes: ['server-chain-incomplete', 'server-chain-order', 'certificate-expired', 'certificate-not-yet-valid', 'certificate-self-signed', 'certificate-name-mismatch', 'weak-key', 'weak-signature', 'untrusted-root'],
  run(ctx) {
    const out: Finding[] = [];
    const seen = new Set<string>();
    for (const m of ctx.facts.certificates) {
      const owner = senderOf(m.msg.dir);
      if (m.certs.length === 0) continue;
      // Renegotiation resends the same chain: check each chain once per side.
      const key = `${owner}:${m.certs.map((c) => c.summary?.sha256 ?? '').join(',')}`;
      if (seen.has(key)) continue;
      seen.add(key);
      out.push(...completeness(ctx, m, owner), ...validity(ctx, m, owner), ...leafChecks(ctx, m, owner));
    }
    return out;
  },
};
