// The diagnosis vocabulary: findings with evidence, per-connection verdicts, and the rule shape.
import type { DecodedCapture, DecodedConnection } from '../model/decoded.ts';
import type { Span } from '../model/span.ts';
import type { CertificateSummary } from '../tls/x509/summary.ts';
import type { ConnectionFacts } from './facts.ts';

export type Severity = 'error' | 'warning' | 'info';

/** Who a finding (or a failure) is attributed to: the side whose configuration is at fault. */
export type Side = 'client' | 'server' | 'network' | 'unknown';

/** One observation with the bytes that prove it (DESIGN.md: every finding cites spans). */
export interface Finding {
  /** Stable code from the catalogue (docs/findings.md). */
  code: string;
  severity: Severity;
  side: Side;
  title: string;
  detail: string;
  evidence: Span[];
  /** What to check next. */
  check?: string;
}

export type Outcome = 'success' | 'failed' | 'incomplete';

/** Where and by whom a connection failed; `alert` names the fatal alert and who sent it. */
export interface Failure {
  side: Side;
  stage: string;
  alert?: string;
  /** The side that sent the fatal alert, reset or closed first (may differ from `side`). */
  sentBy?: 'client' | 'server';
}

/** The diagnosis of one connection. */
export interface ConnectionVerdict {
  id: number;
  client: string;
  server: string;
  outcome: Outcome;
  failure?: Failure;
  /** The most likely cause in one sentence. */
  summary: string;
  findings: Finding[];
}

/** Options for diagnosis: trusted CAs the user supplies and the clock for validity checks. */
export interface DiagnoseOptions {
  /** Trusted CA certificates (summaries or DER); the chain's top is checked against them. */
  cas?: (CertificateSummary | Uint8Array)[];
  /** Time for validity checks; default: the connection's first frame time (the capture's time). */
  now?: Date;
}

/** What a rule sees: the capture, the connection, facts extracted once, and earlier findings. */
export interface RuleContext {
  capture: DecodedCapture;
  conn: DecodedConnection;
  facts: ConnectionFacts;
  cas: CertificateSummary[];
  /** Validity checks use this instant; undefined when the capture has no clock. */
  now?: Date;
  /** Findings of the rules that ran before (rules are ordered so later ones can refine). */
  findings: readonly Finding[];
}

/** A diagnosis rule: data with one function (the registry in rules/index.ts lists them). */
export interface Rule {
  name: string;
  /** The codes this rule can emit (documented in docs/findings.md). */
  codes: readonly string[];
  run(ctx: RuleContext): Finding[];
}
