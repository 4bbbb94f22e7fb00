// The Markdown report, to paste into a ticket: header, groups, then each failed or suspicious
// connection (one example per group) with its findings and cited bytes.
import { isFrameSpan, type Span } from '../model/span.ts';
import { expanded } from './build.ts';
import type { Report, ReportConnection } from './types.ts';

/** Why a cited span has no hex: decrypted bytes are withheld (--redact); frame bytes were not captured. */
export function missingBytes(span: Span): string {
  return isFrameSpan(span) ? '(not captured)' : '(withheld)';
}

/** Escapes text from the capture for Markdown tables and prose. */
function md(s: string): string {
  return s.replace(/[\\`*_[\]<>|]/g, (c) => `\\${c}`).replace(/\r?\n/g, ' ');
}

/** `frame 6 @71+2` or `record-3 @0+2`. */
export function spanLabel(s: Span): string {
  return isFrameSpan(s) ? `frame ${s.frame} @${s.offset}+${s.length}` : `${s.buffer} @${s.offset}+${s.length}`;
}

function groupLine(r: Report, i: number): string {
  const g = r.groups[i]!;
  const who = g.side ? ` (${g.side} side${g.alert ? `; alert ${g.alert}` : ''})` : '';
  return `| ${g.count} | ${md(g.clients)} → ${md(g.server)} | ${g.outcome}${who} | ${md(g.title)} | #${g.example} |`;
}

function connection(c: ReportConnection): string[] {
  const out: string[] = [];
  out.push(`### Connection ${c.id}: ${md(c.client)} → ${md(c.server)} — ${c.outcome.toUpperCase()}`, '');
  out.push(`**Verdict:** ${md(c.summary)}`, '');
  if (c.failure) out.push(`- At fault: **${c.failure.side}**; stage: ${md(c.failure.stage)}${c.failure.alert ? `; alert: ${md(c.failure.alert)}${c.failure.sentBy ? ` sent by the ${c.failure.sentBy}` : ''}` : ''}`);
  if (c.version) out.push(`- Negotiated: ${md(c.version)}${c.cipherSuite ? `, ${md(c.cipherSuite)}` : ''}${c.sni ? `; SNI ${md(c.sni)}` : ''}`);
  out.push('', '<details><summary>Messages</summary>', '', '| frame | direction | message |', '|---:|---|---|');
  for (const m of c.messages.slice(0, 60)) out.push(`| ${m.frame} | ${m.dir === 'c2s' ? 'client → server' : 'server → client'} | ${md(m.type)} |`);
  if (c.messages.length > 60) out.push(`| … | | ${c.messages.length - 60} more |`);
  out.push('', '</details>', '', '#### Findings', '');
  for (const f of c.findings) {
    out.push(`- **${f.severity.toUpperCase()} \`${f.code}\`** (${f.side}) — ${md(f.title)}: ${md(f.detail)}`);
    if (f.check) out.push(`  - Check next: ${md(f.check)}`);
    for (const b of f.bytes ?? []) out.push(`  - Evidence ${spanLabel(b.span)}${b.hex !== undefined ? `: \`${b.hex}${b.truncated ? '…' : ''}\`` : ` ${missingBytes(b.span)}`}`);
  }
  out.push('');
  return out;
}

/** The Markdown report. */
export function renderReportMarkdown(r: Report): string {
  const out: string[] = [];
  out.push('# TLS incident report', '');
  out.push(`- Capture SHA-256: \`${r.capture.sha256}\` (${r.capture.format}, ${r.capture.frames} frames, ${r.capture.connections} connection${r.capture.connections === 1 ? '' : 's'})`);
  out.push(`- Outcome: ${r.counts.success} succeeded, ${r.counts.failed} failed, ${r.counts.incomplete} incomplete${r.redacted ? ' — redacted report (decrypted bytes withheld)' : ''}`);
  if (r.notSeen.length > 0) {
    out.push('', '## Not seen in this capture', '');
    for (const n of r.notSeen) out.push(`- ${md(n)}`);
  }
  out.push('', '## Connections', '', '| count | client network → server | outcome | cause | example |', '|---:|---|---|---|---|');
  r.groups.forEach((_, i) => out.push(groupLine(r, i)));
  out.push('');
  const shown = expanded(r);
  if (shown.length > 0) out.push('## Failed and suspicious connections', '');
  for (const c of shown) {
    const g = r.groups[c.group]!;
    if (g.count > 1) out.push(`_${g.count} connections from ${md(g.clients)}: ${md(g.title)}. The first is shown._`, '');
    out.push(...connection(c));
  }
  return out.join('\n') + '\n';
}
