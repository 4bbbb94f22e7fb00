// Builds the report model from a decoded capture and its verdicts: evidence bytes, groups of
// identical failures, and the list of what the capture could not show.
import { primaryCause } from '../diagnose/verdict.ts';
import type { ConnectionVerdict, Finding, Severity } from '../diagnose/types.ts';
import type { DecodedCapture, DecodedConnection } from '../model/decoded.ts';
import { isFrameSpan, type Span } from '../model/span.ts';
import type { EvidenceBytes, Report, ReportConnection, ReportFinding, ReportGroup } from './types.ts';

export interface ReportOptions {
  /**
   * Withhold the hex of every decrypted byte cited, so the report can go to the other party. Facts
   * learned by decryption (a TLS 1.3 certificate's subject, an encrypted alert's name) are still
   * stated; secrets are never in a report, redacted or not.
   */
  redact?: boolean;
  /** SHA-256 of the capture file (defaults to the capture's own). */
  sha256?: string;
  /** Most bytes of hex shown per cited span. */
  maxHexBytes?: number;
}

function toHex(b: Uint8Array): string {
  let s = '';
  for (const x of b) s += x.toString(16).padStart(2, '0');
  return s;
}

/** Hex of the cited bytes; decrypted-buffer bytes are withheld when redacting. */
function evidenceBytes(capture: DecodedCapture, conn: DecodedConnection | undefined, spans: readonly Span[], redact: boolean, max: number): EvidenceBytes[] {
  return spans.slice(0, 8).map((span) => {
    const e: EvidenceBytes = { span: { ...span } };
    const src = isFrameSpan(span) ? capture.frames[span.frame - 1]?.data : redact ? undefined : conn?.buffers[span.buffer];
    if (src && span.offset + span.length <= src.length) {
      const n = Math.min(span.length, max);
      e.hex = toHex(src.subarray(span.offset, span.offset + n));
      if (n < span.length) e.truncated = true;
    }
    return e;
  });
}

/** `10.0.0.0/24` for IPv4 clients, `[2001:db8::]/64`-style prefix for IPv6, else the host. */
export function clientNetwork(endpoint: string): string {
  const v4 = /^(\d+)\.(\d+)\.(\d+)\.\d+:\d+$/.exec(endpoint);
  if (v4) return `${v4[1]}.${v4[2]}.${v4[3]}.0/24`;
  const v6 = /^\[([0-9a-f:]+)\]:\d+$/i.exec(endpoint);
  if (v6) {
    const groups = v6[1]!.split(':').slice(0, 4).filter((g) => g !== '');
    return groups.length === 0 ? '[::]' : `[${groups.join(':')}::]/64`;
  }
  return endpoint.replace(/:\d+$/, '');
}

const SEV_RANK: Record<Severity, number> = { error: 0, warning: 1, info: 2 };

function worst(findings: readonly Finding[]): Severity | undefined {
  let w: Severity | undefined;
  for (const f of findings) if (!w || SEV_RANK[f.severity] < SEV_RANK[w]) w = f.severity;
  return w;
}

/** The grouping key: same outcome, fault, alert and main cause, same client network and server. */
function groupKey(v: ConnectionVerdict): { key: string; cause: string; title: string } {
  const cause = v.outcome === 'success' ? undefined : primaryCause(v.findings);
  const warn = v.outcome === 'success' ? v.findings.find((f) => f.severity === 'warning') : undefined;
  const code = cause?.code ?? warn?.code ?? v.outcome;
  const title = cause ? cause.title : warn ? `${v.outcome}, with warning: ${warn.title}` : v.outcome === 'success' ? 'handshake completed' : v.summary;
  return { key: [v.outcome, v.failure?.side ?? '', v.failure?.alert ?? '', code, clientNetwork(v.client), v.server].join('|'), cause: code, title };
}

/** What `notSeen` needs of the connections: counts kept as they pass, not the connections. */
interface SeenCounts {
  connections: number;
  decrypted: number;
  tls13Hidden: number;
  /** Verdicts citing each finding code (a verdict counts once per code). */
  codes: Map<string, number>;
}

function notSeen(problems: DecodedCapture['problems'], seen: SeenCounts): string[] {
  const out: string[] = [];
  const { decrypted, tls13Hidden } = seen;
  if (decrypted === 0 && seen.connections > 0) out.push('No connection was decrypted (no keys given or none matched): application data, TLS 1.2 Finished messages and encrypted alerts were not read.');
  if (tls13Hidden > 0) out.push(`${tls13Hidden} TLS 1.3 connection${tls13Hidden === 1 ? '' : 's'} without keys: everything after the ServerHello (certificates, CertificateRequest, client Certificate, Finished, alerts) is encrypted and was not seen; verdicts there are inferred from record sizes and TCP.`);
  const count = (code: string): number => seen.codes.get(code) ?? 0;
  const gaps = count('missing-segments');
  if (gaps > 0) out.push(`${gaps} connection${gaps === 1 ? ' has' : 's have'} bytes missing from the capture (TCP gaps).`);
  const cut = count('truncated-frames');
  if (cut > 0) out.push(`${cut} connection${cut === 1 ? ' has' : 's have'} frames cut by the snap length.`);
  const late = count('capture-started-late');
  if (late > 0) out.push(`${late} connection${late === 1 ? '' : 's'} began before the capture started: their beginning was not seen.`);
  const enc = count('encrypted-alert');
  if (enc > 0) out.push(`${enc} connection${enc === 1 ? '' : 's'} carry encrypted alerts that could not be read.`);
  for (const p of problems.slice(0, 5)) out.push(`Capture problem: ${JSON.stringify(p)}`);
  return out;
}

/**
 * Builds a report one verdict at a time, so a streamed report can drop each connection's field
 * tree and buffers as soon as its entry (with evidence hex) is made.
 */
export class ReportBuilder {
  private readonly redact: boolean;
  private readonly max: number;
  private readonly groups: ReportGroup[] = [];
  private readonly groupIndex = new Map<string, number>();
  private readonly connections: ReportConnection[] = [];
  private readonly counts = { success: 0, failed: 0, incomplete: 0 };
  /** Connection counts for `notSeen`, kept as `add` passes each connection. */
  private readonly seen: SeenCounts = { connections: 0, decrypted: 0, tls13Hidden: 0, codes: new Map() };

  constructor(private readonly opts: ReportOptions = {}) {
    this.redact = opts.redact ?? false;
    this.max = opts.maxHexBytes ?? 48;
  }

  /**
   * Adds the entry of one connection's verdict (each connection once) and counts the connection
   * for the "not seen" list; `capture` and `conn` are read now (evidence bytes) and not kept.
   */
  add(capture: DecodedCapture, conn: DecodedConnection | undefined, v: ConnectionVerdict): void {
    const decrypted = conn !== undefined && Object.keys(conn.buffers).length > 0;
    this.seen.connections++;
    if (decrypted) this.seen.decrypted++;
    if (conn?.version === 'TLS 1.3' && !decrypted) this.seen.tls13Hidden++;
    const g = groupKey(v);
    let gi = this.groupIndex.get(g.key);
    if (gi === undefined) {
      gi = this.groups.length;
      this.groupIndex.set(g.key, gi);
      const group: ReportGroup = { outcome: v.outcome, cause: g.cause, title: g.title, clients: clientNetwork(v.client), server: v.server, count: 0, connections: [], example: v.id };
      if (v.failure) group.side = v.failure.side;
      if (v.failure?.alert) group.alert = v.failure.alert;
      this.groups.push(group);
    }
    const group = this.groups[gi]!;
    group.count++;
    group.connections.push(v.id);
    const w = worst(v.findings);
    if (w && (!group.worst || SEV_RANK[w] < SEV_RANK[group.worst])) group.worst = w;
    const findings: ReportFinding[] = v.findings.map((f) => {
      const r: ReportFinding = { code: f.code, severity: f.severity, side: f.side, title: f.title, detail: f.detail, evidence: f.evidence.map((s) => ({ ...s })) };
      if (f.check) r.check = f.check;
      r.bytes = evidenceBytes(capture, conn, f.evidence, this.redact, this.max);
      return r;
    });
    const rc: ReportConnection = {
      id: v.id, client: v.client, server: v.server, outcome: v.outcome, summary: v.summary, findings,
      messages: (conn?.messages ?? []).map((m) => ({ dir: m.dir, frame: m.frame, type: m.type })), group: gi,
    };
    if (conn?.version) rc.version = conn.version;
    if (conn?.cipherSuite) rc.cipherSuite = conn.cipherSuite;
    if (conn?.sni) rc.sni = conn.sni;
    if (v.failure) rc.failure = { ...v.failure };
    this.connections.push(rc);
    this.counts[v.outcome]++;
    for (const code of new Set(v.findings.map((f) => f.code))) this.seen.codes.set(code, (this.seen.codes.get(code) ?? 0) + 1);
  }

  /** The finished report; `input` and `problems` are the capture's (from a decode or a scan). */
  finish(input: DecodedCapture['input'], problems: DecodedCapture['problems']): Report {
    return {
      capture: { sha256: this.opts.sha256 ?? input.sha256, format: input.format, frames: input.frames, bytes: input.bytes, connections: this.seen.connections },
      counts: this.counts, notSeen: notSeen(problems, this.seen), redacted: this.redact, groups: this.groups, connections: this.connections,
    };
  }
}

/** Builds the report of a capture from its verdicts (one per connection, same order). */
export function buildReport(capture: DecodedCapture, verdicts: readonly ConnectionVerdict[], opts: ReportOptions = {}): Report {
  const byId = new Map(capture.connections.map((c) => [c.id, c]));
  const b = new ReportBuilder(opts);
  for (const v of verdicts) b.add(capture, byId.get(v.id), v);
  return b.finish(capture.input, capture.problems);
}

/** Connections worth expanding: failed, incomplete, or with a warning; one example per group. */
export function expanded(report: Report): ReportConnection[] {
  const out: ReportConnection[] = [];
  for (const g of report.groups) {
    if (g.outcome === 'success' && g.worst !== 'error' && g.worst !== 'warning') continue;
    const c = report.connections.find((x) => x.id === g.example);
    if (c) out.push(c);
  }
  return out;
}
