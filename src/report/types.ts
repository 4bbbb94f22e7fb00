// The incident report model: what every renderer (JSON, Markdown, HTML) prints.
import type { Failure, Outcome, Severity, Side } from '../diagnose/types.ts';
import type { Span } from '../model/span.ts';

/** One cited byte range with its hex (left out for decrypted bytes in a redacted report). */
export interface EvidenceBytes {
  span: Span;
  hex?: string;
  /** The span is longer than the hex shown. */
  truncated?: boolean;
}

export interface ReportFinding {
  code: string;
  severity: Severity;
  side: Side;
  title: string;
  detail: string;
  evidence: Span[];
  check?: string;
  bytes?: EvidenceBytes[];
}

export interface ReportConnection {
  id: number;
  client: string;
  server: string;
  version?: string;
  cipherSuite?: string;
  sni?: string;
  outcome: Outcome;
  failure?: Failure;
  summary: string;
  findings: ReportFinding[];
  /** The ladder: messages in wire order. */
  messages: { dir: 'c2s' | 's2c'; frame: number; type: string }[];
  /** Group this connection belongs to (index into `groups`). */
  group: number;
}

/** Connections with the same verdict from the same client network to the same server. */
export interface ReportGroup {
  outcome: Outcome;
  side?: Side;
  alert?: string;
  /** The main finding code (or `success`). */
  cause: string;
  title: string;
  clients: string;
  server: string;
  count: number;
  connections: number[];
  /** The connection shown expanded. */
  example: number;
  /** Worst severity among the group's findings. */
  worst?: Severity;
}

export interface Report {
  capture: { sha256: string; format: string; frames: number; bytes: number; connections: number };
  counts: { success: number; failed: number; incomplete: number };
  /** What the capture could not show (encrypted parts without keys, gaps, late start...). */
  notSeen: string[];
  redacted: boolean;
  groups: ReportGroup[];
  connections: ReportConnection[];
}
