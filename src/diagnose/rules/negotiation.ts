// Negotiation: what the hellos offered and chose, to name the cause of handshake_failure,
// protocol_version and insufficient_security; HelloRetryRequest; SSLv2 hellos; weak suites.
import { cipherSuite, groupName, sslv2CipherSpecInfo } from '../../registry/index.ts';
import { finding } from '../catalogue.ts';
import type { AlertFacts, HelloFacts } from '../facts.ts';
import { fieldsOf, spansOf } from '../query.ts';
import { listText, senderOf, versionText } from '../sides.ts';
import type { Finding, Rule, RuleContext, Side } from '../types.ts';

interface SuiteView {
  code: number;
  name: string;
  export: boolean;
  /** Why it is weak or legacy, if it is. */
  weak?: string;
  legacy?: string;
}

/** Registry view of an offered suite (2-byte TLS codes and 3-byte SSLv2 specs). */
function suiteView(code: number): SuiteView | undefined {
  if (code > 0xffff) {
    const s = sslv2CipherSpecInfo.get(code);
    return s ? { code, name: s.name, export: s.export, weak: 'SSL 2.0 cipher spec', legacy: 'SSL 2.0' } : undefined;
  }
  const s = cipherSuite(code);
  if (!s || s.scsv) return undefined;
  const v: SuiteView = { code, name: s.name, export: s.export };
  if (s.export) v.weak = 'export-grade';
  else if (/NULL/.test(s.cipher)) v.weak = 'no encryption';
  else if (/anon/i.test(s.authentication)) v.weak = 'anonymous (no authentication)';
  else if (/RC4|^DES|DES40|RC2|IDEA|3DES/.test(s.cipher)) v.weak = `weak cipher ${s.cipher}`;
  if (v.weak) v.legacy = v.weak;
  else if (s.keyExchange === 'RSA' || s.keyExchange === 'DH' || s.keyExchange === 'ECDH') v.legacy = 'no forward secrecy';
  else if (s.kind === 'block') v.legacy = 'CBC mode';
  return v;
}

function offered(h: HelloFacts): SuiteView[] {
  return h.suites.map(suiteView).filter((v): v is SuiteView => v !== undefined);
}

/** Highest version a ClientHello offers (supported_versions wins over the legacy field). */
export function clientMax(h: HelloFacts): number | undefined {
  const listed = h.supportedVersions.filter((v) => (v & 0x0f0f) !== 0x0a0a);
  return listed.length > 0 ? Math.max(...listed) : h.version;
}

function firstFatal(ctx: RuleContext): AlertFacts | undefined {
  return ctx.facts.alerts.find((a) => a.level === 2);
}

/** handshake_failure / protocol_version / insufficient_security in answer to the hellos. */
function mismatch(ctx: RuleContext, ch: HelloFacts, alert: AlertFacts): Finding[] {
  const f = ctx.facts;
  const sender = senderOf(alert.msg.dir);
  const sh = f.serverHellos[0];
  const beforeServerHello = !sh || sh.msg.index > alert.msg.index;
  const ev = [...spansOf(alert.field)];
  const out: Finding[] = [];
  const max = clientMax(ch);
  if (alert.desc === 70 || (alert.desc === 80 && max !== undefined && max < 0x0303 && beforeServerHello)) {
    const versions = ch.supportedVersions.length > 0 ? ch.supportedVersions.filter((v) => (v & 0x0f0f) !== 0x0a0a).map(versionText) : [versionText(ch.version)];
    const vf = fieldsOf(ch.field, 'tls.handshake.extensions.supported_versions')[0] ?? fieldsOf(ch.field, 'tls.handshake.version')[0];
    let side: Side = 'unknown';
    let why: string;
    if (sender === 'server' && beforeServerHello) {
      side = max !== undefined && max < 0x0303 ? 'client' : 'server';
      why = side === 'client'
        ? `The client offers at most ${versionText(max)} (${listText(versions)}); the server requires a newer version and refused the ClientHello.`
        : `The client offers ${listText(versions)}; the server supports none of them (it may only allow older versions).`;
    } else {
      side = 'server';
      why = `The server chose ${versionText(sh?.supportedVersions[0] ?? sh?.version)}, which the client does not accept (it offered ${listText(versions)}).`;
    }
    if (alert.desc === 80) why += ' The server answered with internal_error(80) rather than protocol_version(70), as OpenSSL 3 does for TLS 1.0/1.1 clients at the default security level.';
    out.push(finding('protocol-version-mismatch', why, [...spansOf(vf), ...ev], { side, severity: alert.desc === 80 ? 'warning' : 'error' }));
    return out;
  }
  if (alert.desc !== 40 && alert.desc !== 71) return out;
  if (sender === 'server' && beforeServerHello) {
    const suites = offered(ch);
    const legacy = suites.filter((s) => s.legacy);
    const allLegacy = suites.length > 0 && legacy.length === suites.length;
    const names = suites.map((s) => s.name);
    const side: Side = allLegacy ? 'client' : 'unknown';
    const reason = allLegacy
      ? `Every suite the client offers is legacy (${listText([...new Set(legacy.map((s) => s.legacy!))])}): the client's offer is the outlier; modern servers disable these suites.`
      : 'The client offers current suites, so the server\'s configuration is unusually narrow (or requires something else: a group, a signature algorithm, a client feature).';
    const groups = ch.groups.length > 0 ? ` Groups offered: ${listText(ch.groups.map((g) => groupName(g) ?? `0x${g.toString(16)}`))}.` : '';
    const sfield = fieldsOf(ch.field, 'tls.handshake.ciphersuites')[0];
    out.push(finding('no-shared-cipher', `The server rejected the ClientHello with ${alert.descName ?? 'handshake_failure'}(${alert.desc}) before any ServerHello: most likely no cipher suite in common. The client offered ${suites.length} suite${suites.length === 1 ? '' : 's'}: ${listText(names, 8)}. ${reason}${groups}`, [...spansOf(sfield), ...ev], { side }));
    return out;
  }
  if (sender === 'client' && sh) {
    out.push(finding('no-shared-cipher', `The client refused the server's choice (${sh.suites.map((s) => cipherSuite(s)?.name ?? s).join(', ')}) with ${alert.descName ?? 'handshake_failure'}(${alert.desc}).`, [...spansOf(fieldsOf(sh.field, 'tls.handshake.ciphersuite')[0]), ...ev], { side: 'server', severity: 'warning', title: 'Client refused the server\'s parameters' }));
  }
  return out;
}

function hrr(ctx: RuleContext): Finding[] {
  const h = ctx.facts.hrr;
  if (!h) return [];
  const ch = ctx.facts.clientHellos[0];
  const sel = h.selectedGroup;
  const wanted = sel !== undefined ? groupName(sel) ?? `0x${sel.toString(16)}` : 'another group (or a cookie)';
  const had = ch && ch.keyShareGroups.length > 0 ? ` The first ClientHello's key_share had ${listText(ch.keyShareGroups.map((g) => groupName(g) ?? `0x${g.toString(16)}`))}.` : '';
  return [finding('hello-retry-request', `The server answered the first ClientHello with a HelloRetryRequest asking for ${wanted}, and the client sent a second ClientHello: one extra round trip, not an error.${had}`, spansOf(h.field), { side: 'client' })];
}

function legacyOffers(ctx: RuleContext): Finding[] {
  const out: Finding[] = [];
  const ch = ctx.facts.clientHellos[0];
  if (!ch) return out;
  if (ch.sslv2) out.push(finding('sslv2-hello', `The client sent its ClientHello in the SSL 2.0-compatible format (frame ${ch.msg.frame}), offering up to ${versionText(ch.version)}. Modern servers refuse SSLv2-format hellos.`, spansOf(ch.field)));
  const suites = offered(ch);
  const exp = suites.filter((s) => s.export);
  const evOf = (list: SuiteView[]): ReturnType<typeof spansOf> => spansOf(...list.slice(0, 8).map((s) => fieldsOf(ch.field, ch.sslv2 ? 'tls.handshake.cipherspec' : 'tls.handshake.ciphersuite', s.code)[0]));
  if (exp.length > 0) out.push(finding('export-cipher-offered', `The client offers ${exp.length} export-grade suite${exp.length === 1 ? '' : 's'} (40/56-bit keys): ${listText(exp.map((s) => s.name))}. A server that accepts them is open to FREAK/Logjam-style downgrades.`, evOf(exp)));
  const weak = suites.filter((s) => s.weak && !s.export);
  if (weak.length > 0) out.push(finding('weak-cipher-offered', `The client offers ${weak.length} weak suite${weak.length === 1 ? '' : 's'}: ${listText(weak.map((s) => `${s.name} (${s.weak})`))}.`, evOf(weak)));
  const sh = ctx.facts.serverHellos[0];
  const chosen = sh?.suites[0] !== undefined ? suiteView(sh.suites[0]) : undefined;
  if (sh && chosen?.weak) out.push(finding('weak-cipher-negotiated', `The server chose ${chosen.name} (${chosen.weak}).`, spansOf(fieldsOf(sh.field, 'tls.handshake.ciphersuite')[0]), { severity: chosen.export ? 'error' : 'warning' }));
  return out;
}

export const negotiationRule: Rule = {
  name: 'negotiation',
  codes: ['no-shared-cipher', 'protocol-version-mismatch', 'hello-retry-request', 'sslv2-hello', 'export-cipher-offered', 'weak-cipher-offered', 'weak-cipher-negotiated'],
  run(ctx) {
    const out: Finding[] = [...hrr(ctx), ...legacyOffers(ctx)];
    const ch = ctx.facts.clientHellos[0];
    const alert = firstFatal(ctx);
    // Only alerts that answer the hellos (before any certificate/key exchange) are negotiation failures.
    const certFirst = ctx.facts.certificates[0];
    if (ch && alert && (!certFirst || certFirst.msg.index > alert.msg.index)) out.push(...mismatch(ctx, ch, alert));
    return out;
  },
};

