// Client authentication, the seed 001 checklist: did the server ask (CertificateRequest, which
// types and CAs), did the client answer (Certificate empty or not, CertificateVerify), does its
// chain lead to a listed CA; TLS 1.3's certificate_required and what encryption hides.
import { finding } from '../catalogue.ts';
import type { CertRequestFacts, ConnectionFacts } from '../facts.ts';
import { fieldsOf, spansOf } from '../query.ts';
import { listText } from '../sides.ts';
import type { Finding, Rule, RuleContext } from '../types.ts';

/** A fatal alert the server sent after `index`, if any. */
function serverFatalAfter(f: ConnectionFacts, index: number): ConnectionFacts['alerts'][number] | undefined {
  return f.alerts.find((a) => a.msg.dir === 's2c' && a.msg.index > index && a.level === 2);
}

function requested(r: CertRequestFacts): Finding {
  const types = r.certTypes.length > 0 ? ` Certificate types: ${listText(r.certTypes.map((t) => (/\(([^)]+)\)/.exec(t.display)?.[1] ?? t.display)))}.` : '';
  const cas = r.cas.length > 0 ? ` Acceptable CAs (${r.cas.length}): ${listText(r.cas.map((c) => `"${c.name}"`), 5)}.` : ' No CA names listed (any CA the server trusts).';
  const ev = [...spansOf(fieldsOf(r.field, 'tls.handshake.type')[0]), ...spansOf(fieldsOf(r.field, 'tls.handshake.cert_types')[0]), ...spansOf(fieldsOf(r.field, 'tls.handshake.dnames')[0])];
  return finding('client-certificate-requested', `The server sent a CertificateRequest in frame ${r.msg.frame}: it asks the client to authenticate.${types}${cas}`, ev.length > 0 ? ev : spansOf(r.field));
}

function answer(ctx: RuleContext, r: CertRequestFacts): Finding[] {
  const f = ctx.facts;
  const out: Finding[] = [];
  const cert = f.certificates.find((c) => c.msg.dir === 'c2s' && c.msg.index > r.msg.index);
  const fatal = serverFatalAfter(f, r.msg.index);
  const failed = !!fatal || !f.handshakeComplete;
  const alertText = fatal ? ` The server then sent the fatal alert ${fatal.descName ?? fatal.desc}(${fatal.desc}) in frame ${fatal.msg.frame}.` : ' The server carried on: client authentication is optional on this server.';
  const alertEv = fatal ? spansOf(fatal.field) : [];
  if (!cert) {
    const clientMoved = f.msgs.some((m) => m.dir === 'c2s' && m.index > r.msg.index && (m.hsType === 16 || m.kind === 'ccs' || m.hsType === 20));
    if (clientMoved) {
      out.push(finding('client-certificate-missing', `The server requested a client certificate (frame ${r.msg.frame}) but the client answered without any Certificate message (an SSL 3.0-style "no certificate").${alertText}`, [...spansOf(r.field), ...alertEv], { severity: failed ? 'error' : 'info' }));
    }
    return out;
  }
  if (cert.certs.length === 0) {
    out.push(finding('client-certificate-empty', `The server requested a client certificate (frame ${r.msg.frame}); the client answered with an EMPTY Certificate message in frame ${cert.msg.frame} (certificates length 0): it has no certificate configured, or none issued by a CA the server lists.${alertText}`, [...spansOf(fieldsOf(cert.field, 'tls.handshake.certificates_length')[0] ?? cert.field), ...alertEv], { severity: failed ? 'error' : 'info' }));
    return out;
  }
  const chain = cert.certs.map((c) => c.summary).filter((s) => s !== undefined);
  const names = new Set(r.cas.map((c) => c.name));
  if (names.size > 0 && chain.length > 0 && !chain.some((s) => names.has(s.issuer) || names.has(s.subject))) {
    const rejected = f.alerts.find((a) => a.msg.dir === 's2c' && a.msg.index > cert.msg.index && a.desc !== undefined && [42, 46, 48].includes(a.desc));
    out.push(finding('client-certificate-not-listed-ca', `The client's certificate "${chain[0]!.subject}" is issued by "${chain[chain.length - 1]!.issuer}", which is not among the CAs the server listed (${listText([...names].map((n) => `"${n}"`), 4)}).`, [...spansOf(cert.certs[0]!.field), ...(rejected ? spansOf(rejected.field) : [])], { severity: rejected ? 'error' : 'warning' }));
  }
  const verify = f.msgs.find((m) => m.dir === 'c2s' && m.index > cert.msg.index && m.hsType === 15);
  const sawClear = f.msgs.some((m) => m.dir === 'c2s' && m.index > cert.msg.index && (m.hsType === 16 || m.kind === 'ccs'));
  if (!verify && sawClear && !f.tls13) {
    out.push(finding('client-certificate-verify-missing', `The client sent a certificate (frame ${cert.msg.frame}) but no CertificateVerify: it cannot prove it holds the private key.`, spansOf(cert.field)));
  }
  return out;
}

/** TLS 1.3: certificate_required(116) read from a (decrypted) alert. */
function certificateRequired(ctx: RuleContext, found: readonly Finding[]): Finding[] {
  const a = ctx.facts.alerts.find((x) => x.desc === 116);
  if (!a) return [];
  if (found.some((x) => x.code === 'client-certificate-empty' || x.code === 'client-certificate-missing')) return [];
  const seen = ctx.facts.certRequests.length > 0 ? '' : ' The CertificateRequest and the client\'s Certificate are encrypted in TLS 1.3 and could not be read here.';
  return [finding('client-certificate-missing', `The server sent certificate_required(116) in frame ${a.msg.frame}: it requires a client certificate and the client sent none.${seen}`, spansOf(a.field))];
}

export const clientAuthRule: Rule = {
  name: 'client authentication',
  codes: ['client-certificate-requested', 'client-certificate-empty', 'client-certificate-missing', 'client-certificate-not-listed-ca', 'client-certificate-verify-missing'],
  run(ctx) {
    const out: Finding[] = [];
    for (const r of ctx.facts.certRequests) {
      if (r.msg.dir !== 's2c') continue;
      out.push(requested(r), ...answer(ctx, r));
    }
    out.push(...certificateRequired(ctx, out));
    return out;
  },
};
