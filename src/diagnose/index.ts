// Diagnosis entry points: run every rule over a connection and turn the findings into a verdict.
import type { DecodedCapture, DecodedConnection } from '../model/decoded.ts';
import type { CertificateSummary } from '../tls/x509/summary.ts';
import { caSummaries } from './certs.ts';
import { connectionFacts } from './facts.ts';
import { RULES } from './rules/index.ts';
import { noteSessions } from './rules/sessions.ts';
import type { ConnectionVerdict, DiagnoseOptions, Finding, RuleContext } from './types.ts';
import { verdictOf } from './verdict.ts';

export type { ConnectionVerdict, DiagnoseOptions, Failure, Finding, Outcome, Rule, Severity, Side } from './types.ts';
export { CATALOGUE } from './catalogue.ts';
export { ALERTS } from './alerts.ts';
export { RULES } from './rules/index.ts';

const SEVERITY_ORDER = { error: 0, warning: 1, info: 2 } as const;

/** Diagnoses one connection: findings from every rule (with evidence), outcome, failure and summary. */
export function diagnoseConnection(capture: DecodedCapture, conn: DecodedConnection, opts: DiagnoseOptions = {}, cas?: CertificateSummary[]): ConnectionVerdict {
  const facts = connectionFacts(capture, conn);
  const findings: Finding[] = [];
  const ctx: RuleContext = { capture, conn, facts, cas: cas ?? caSummaries(opts.cas), findings };
  const now = opts.now ?? facts.startTime;
  if (now) ctx.now = now;
  for (const rule of RULES) findings.push(...rule.run(ctx));
  // Stable order: errors first, then warnings, then info; rule order within a severity.
  const sorted = findings.map((f, i) => ({ f, i })).sort((a, b) => SEVERITY_ORDER[a.f.severity] - SEVERITY_ORDER[b.f.severity] || a.i - b.i).map((x) => x.f);
  return verdictOf(conn, facts, sorted);
}

/**
 * Lets the diagnosis of a streamed capture see a connection it is not asked about, so the
 * connections diagnosed after it read as they do when the capture lists every connection.
 */
export function noteConnection(capture: DecodedCapture, conn: DecodedConnection): void {
  noteSessions(capture, conn);
}

/** Diagnoses every connection of a capture (CA summaries computed once). */
export function diagnoseCapture(capture: DecodedCapture, opts: DiagnoseOptions = {}): ConnectionVerdict[] {
  const cas = caSummaries(opts.cas);
  return capture.connections.map((c) => diagnoseConnection(capture, c, opts, cas));
}
