// From findings to a verdict: outcome, the stage where it stopped, who is at fault and who sent the
// alert (fixtures/INDEX.md: reported separately), and the most likely cause in one sentence.
import type { DecodedConnection } from '../model/decoded.ts';
import { alertName } from './alerts.ts';
import { labelOf, type AlertFacts, type ConnectionFacts, type Msg } from './facts.ts';
import { senderOf } from './sides.ts';
import type { ConnectionVerdict, Failure, Finding, Outcome } from './types.ts';

/** Which finding explains a failure best, most specific first. */
const CAUSE_PRIORITY = [
  'client-certificate-empty', 'client-certificate-missing', 'client-certificate-not-listed-ca', 'server-chain-incomplete',
  'certificate-expired', 'certificate-not-yet-valid', 'certificate-self-signed', 'certificate-name-mismatch',
  'no-shared-cipher', 'protocol-version-mismatch', 'insufficient-security', 'unknown-ca', 'internal-error',
  'weak-cipher-negotiated', 'heartbeat', 'reset-without-close-notify', 'alert-without-tls-alert', 'encrypted-alert',
  'handshake-incomplete', 'capture-started-late', 'fatal-alert',
];

function rank(f: Finding): number {
  const i = CAUSE_PRIORITY.indexOf(f.code);
  return i < 0 ? CAUSE_PRIORITY.length : i;
}

/** The finding that best explains a failure: errors first, by priority. */
export function primaryCause(findings: readonly Finding[]): Finding | undefined {
  const ranked = findings.filter((f) => f.severity === 'error' || f.code === 'encrypted-alert' || f.code === 'handshake-incomplete' || f.code === 'protocol-version-mismatch' || f.code === 'capture-started-late');
  return [...ranked].sort((a, b) => (a.severity === 'error' ? 0 : 1) - (b.severity === 'error' ? 0 : 1) || rank(a) - rank(b))[0];
}

function firstSentence(s: string): string {
  const m = /^(.+?[.!?])(\s|$)/.exec(s);
  return m ? m[1]! : s;
}

/** Where in the protocol a message sits, for the verdict's stage. */
function stageOf(f: ConnectionFacts, m: Msg): string {
  const prev = f.msgs[m.index - 1];
  const dataBefore = f.msgs.some((x) => x.index < m.index && x.kind === 'app-data' && x.index > Math.max(f.finished.c2s ?? Infinity, f.finished.s2c ?? Infinity));
  if (f.handshakeComplete && dataBefore) return 'after the handshake (application data)';
  if (!prev) return 'handshake: before any message';
  return `handshake: after the ${senderOf(prev.dir)}'s ${labelOf(f, prev)} (frame ${prev.frame})`;
}

function alertLabel(a: AlertFacts): string {
  const d = a.desc ?? -1;
  return `${a.descName ?? alertName(d)}(${d})`;
}

function successSummary(conn: DecodedConnection, findings: readonly Finding[]): string {
  const parts = [`Handshake completed${conn.version ? ` (${conn.version}${conn.cipherSuite ? `, ${conn.cipherSuite}` : ''})` : ''}`];
  const has = (c: string): boolean => findings.some((f) => f.code === c);
  if (has('session-resumed')) parts.push('session resumed');
  if (has('renegotiation')) parts.push('renegotiated');
  if (has('hello-retry-request')) parts.push('after a HelloRetryRequest');
  if (has('client-certificate-requested') && !has('client-certificate-empty')) parts.push('client authenticated');
  const closers = findings.filter((f) => f.code === 'close-notify').map((f) => f.side);
  if (closers.length > 0) parts.push(`closed with close_notify by the ${[...new Set(closers)].join(' and the ')}`);
  return `${parts.join('; ')}.`;
}

/** Outcome, failure and summary of one connection from its facts and findings. */
export function verdictOf(conn: DecodedConnection, facts: ConnectionFacts, findings: Finding[]): ConnectionVerdict {
  const v: ConnectionVerdict = { id: conn.id, client: conn.client, server: conn.server, outcome: 'success', summary: '', findings };
  const fatal = facts.alerts.find((a) => a.level === 2);
  const cause = primaryCause(findings);
  const has = (code: string, sev?: string): Finding | undefined => findings.find((f) => f.code === code && (sev === undefined || f.severity === sev));
  let outcome: Outcome = 'success';
  let failure: Failure | undefined;
  if (fatal) {
    outcome = 'failed';
    failure = { side: cause && cause.side !== 'unknown' ? cause.side : 'unknown', stage: stageOf(facts, fatal.msg), alert: alertLabel(fatal), sentBy: senderOf(fatal.msg.dir) };
  } else if (!facts.handshakeComplete) {
    const enc = findings.find((f) => f.code === 'encrypted-alert' && f.severity !== 'info');
    const closed = has('alert-without-tls-alert') ?? has('reset-without-close-notify') ?? has('handshake-incomplete', 'error');
    if (facts.msgs.length === 0 || (!conn.transport?.startSeen && facts.clientHellos.length === 0 && conn.transport)) outcome = 'incomplete';
    else if (enc) {
      outcome = 'failed';
      failure = { side: 'unknown', stage: stageOf(facts, facts.msgs.find((m) => m.field === undefined || enc.evidence.length === 0) ?? facts.msgs[facts.msgs.length - 1]!), alert: 'encrypted (unreadable without keys)', sentBy: enc.side === 'client' || enc.side === 'server' ? enc.side : 'server' };
      const encMsg = facts.msgs.find((m) => m.field && enc.evidence[0] && m.field.spans[0] && JSON.stringify(m.field.spans[0]) === JSON.stringify(enc.evidence[0]));
      if (encMsg) failure.stage = stageOf(facts, encMsg);
    } else if (closed) {
      outcome = 'failed';
      const last = facts.msgs[facts.msgs.length - 1]!;
      const t = conn.transport;
      const closer = t ? [['client', t.clientFin], ['server', t.serverFin], ['client', t.clientRst], ['server', t.serverRst]].filter((x): x is [string, number] => x[1] !== undefined).sort((a, b) => a[1] - b[1])[0] : undefined;
      failure = { side: closed.side, stage: `handshake: after the ${senderOf(last.dir)}'s ${labelOf(facts, last)} (frame ${last.frame})` };
      if (closer) failure.sentBy = closer[0] as 'client' | 'server';
    } else outcome = 'incomplete';
  } else {
    const rst = has('reset-without-close-notify', 'error');
    if (rst) {
      outcome = 'failed';
      failure = { side: rst.side, stage: 'closure: the connection was reset instead of closed with close_notify' };
      if (rst.side === 'client' || rst.side === 'server') failure.sentBy = rst.side;
    }
  }
  v.outcome = outcome;
  if (failure) v.failure = failure;
  if (outcome === 'success') v.summary = successSummary(conn, findings);
  else if (cause) {
    const alert = failure?.alert && cause.code !== 'fatal-alert' && failure.sentBy && !firstSentence(cause.detail).includes(failure.alert) ? ` The ${failure.sentBy} sent ${/encrypted/.test(failure.alert) ? 'an encrypted alert' : `the fatal alert ${failure.alert}`}.` : '';
    v.summary = `${cause.title}: ${firstSentence(cause.detail)}${alert}`;
  } else if (outcome === 'incomplete') v.summary = facts.msgs.length === 0 ? 'No TLS handshake in this connection.' : 'The handshake did not complete before the capture ended.';
  else v.summary = 'The connection failed; no specific cause was found.';
  return v;
}
