// The JSON report (DESIGN.md contract): `{ connections: [...] }` plus the capture header and groups.
import { isFrameSpan, type Span } from '../model/span.ts';
import type { Report } from './types.ts';

function span(s: Span): Record<string, string | number> {
  return isFrameSpan(s) ? { frame: s.frame, offset: s.offset, length: s.length } : { buffer: s.buffer, offset: s.offset, length: s.length };
}

/** The report as a plain JSON value (validated by docs/schema/report.schema.json). */
export function reportJson(r: Report): Record<string, unknown> {
  return {
    wirebook: 'report',
    capture: r.capture,
    counts: r.counts,
    notSeen: r.notSeen,
    redacted: r.redacted,
    groups: r.groups,
    connections: r.connections.map((c) => ({
      id: c.id, client: c.client, server: c.server,
      ...(c.version ? { version: c.version } : {}), ...(c.cipherSuite ? { cipherSuite: c.cipherSuite } : {}), ...(c.sni ? { sni: c.sni } : {}),
      outcome: c.outcome,
      ...(c.failure ? { failure: c.failure } : {}),
      summary: c.summary,
      group: c.group,
      messages: c.messages,
      findings: c.findings.map((f) => ({
        code: f.code, severity: f.severity, side: f.side, title: f.title, detail: f.detail,
        ...(f.check ? { check: f.check } : {}),
        evidence: f.evidence.map(span),
        ...(f.bytes ? { bytes: f.bytes.map((b) => ({ ...span(b.span), ...(b.hex !== undefined ? { hex: b.hex } : {}), ...(b.truncated ? { truncated: true } : {}) })) } : {}),
      })),
    })),
  };
}

/** The JSON report as text (stable key order, two-space indent, trailing newline). */
export function renderReportJson(r: Report): string {
  return JSON.stringify(reportJson(r), null, 2) + '\n';
}
