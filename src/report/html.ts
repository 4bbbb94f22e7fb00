// The HTML report: one self-contained page (inline CSS, no script, strict CSP), everything from
// the capture escaped. Summary table first, then each failed or suspicious connection (one
// example per group): verdict, a message ladder, findings with their evidence bytes.
import { esc } from '../render/escape.ts';
import { expanded } from './build.ts';
import { spanLabel } from './markdown.ts';
import type { Report, ReportConnection, ReportFinding } from './types.ts';

/** No request may leave the page: no scripts, no remote anything. */
export const REPORT_CSP = "default-src 'none'; style-src 'unsafe-inline'; img-src data:";

const CSS = `
:root{--fg:#1d2430;--bg:#fff;--mut:#5b6573;--line:#d9dee5;--err:#b3261e;--warn:#8a5a00;--info:#2b5c9e;--ok:#1e7a3c;--code:#f4f6f8}
@media (prefers-color-scheme:dark){:root{--fg:#e3e7ec;--bg:#14181d;--mut:#9aa4b1;--line:#323a44;--err:#ff8a80;--warn:#ffcc66;--info:#8ab4f8;--ok:#7bd88f;--code:#1e242b}}
body{font:15px/1.5 system-ui,sans-serif;color:var(--fg);background:var(--bg);max-width:1100px;margin:2em auto;padding:0 1em}
h1,h2,h3{line-height:1.2}table{border-collapse:collapse;width:100%;margin:.5em 0 1.5em}th,td{border-bottom:1px solid var(--line);padding:.3em .5em;text-align:left;vertical-align:top}
code,.hex{font-family:ui-monospace,monospace;font-size:13px;background:var(--code);padding:0 .2em;word-break:break-all}
.error{color:var(--err)}.warning{color:var(--warn)}.info{color:var(--info)}.success{color:var(--ok)}.failed{color:var(--err)}.incomplete{color:var(--warn)}
.badge{font-weight:600;text-transform:uppercase;font-size:12px}.mut{color:var(--mut)}
.ladder td.c2s{text-align:left}.ladder td.s2c{text-align:right}.ladder .arrow{color:var(--mut)}
section.conn{border-top:2px solid var(--line);margin-top:2em;padding-top:.5em}li.finding{margin:.6em 0}
@media print{body{max-width:none}section.conn{break-inside:avoid-page}}
`;

function finding(f: ReportFinding): string {
  const bytes = (f.bytes ?? []).map((b) => `<li><span class="mut">${esc(spanLabel(b.span))}</span>${b.hex !== undefined ? ` <span class="hex">${esc(b.hex.replace(/(..)/g, '$1 ').trim())}${b.truncated ? ' …' : ''}</span>` : ' <span class="mut">(withheld)</span>'}</li>`).join('');
  return `<li class="finding"><span class="badge ${f.severity}">${esc(f.severity)}</span> <code>${esc(f.code)}</code> <span class="mut">(${esc(f.side)})</span> <strong>${esc(f.title)}</strong><br>${esc(f.detail)}` +
    (f.check ? `<br><span class="mut">Check next:</span> ${esc(f.check)}` : '') + (bytes ? `<ul class="evidence">${bytes}</ul>` : '') + '</li>';
}

function ladder(c: ReportConnection): string {
  const rows = c.messages.slice(0, 80).map((m) => m.dir === 'c2s'
    ? `<tr><td class="mut">${m.frame}</td><td class="c2s">${esc(m.type)} <span class="arrow">──▶</span></td><td></td></tr>`
    : `<tr><td class="mut">${m.frame}</td><td></td><td class="s2c"><span class="arrow">◀──</span> ${esc(m.type)}</td></tr>`);
  const more = c.messages.length > 80 ? `<tr><td></td><td colspan="2" class="mut">${c.messages.length - 80} more messages</td></tr>` : '';
  return `<table class="ladder"><thead><tr><th>frame</th><th>client ${esc(c.client)}</th><th style="text-align:right">server ${esc(c.server)}</th></tr></thead><tbody>${rows.join('')}${more}</tbody></table>`;
}

function connection(r: Report, c: ReportConnection): string {
  const g = r.groups[c.group]!;
  const grouped = g.count > 1 ? `<p class="mut">${g.count} connections from ${esc(g.clients)} to ${esc(g.server)}: ${esc(g.title)}. The first (#${g.example}) is shown; the others: ${esc(g.connections.slice(1, 40).map((n) => `#${n}`).join(', '))}${g.connections.length > 40 ? ', …' : ''}.</p>` : '';
  const fail = c.failure
    ? `<p>At fault: <strong>${esc(c.failure.side)}</strong> · stage: ${esc(c.failure.stage)}${c.failure.alert ? ` · alert: <code>${esc(c.failure.alert)}</code>${c.failure.sentBy ? ` sent by the ${esc(c.failure.sentBy)}` : ''}` : ''}</p>`
    : '';
  const neg = c.version ? `<p class="mut">${esc(c.version)}${c.cipherSuite ? `, ${esc(c.cipherSuite)}` : ''}${c.sni ? ` · SNI ${esc(c.sni)}` : ''}</p>` : '';
  return `<section class="conn" id="conn-${c.id}"><h3>Connection ${c.id}: ${esc(c.client)} → ${esc(c.server)} <span class="badge ${c.outcome}">${esc(c.outcome)}</span></h3>${grouped}` +
    `<p><strong>Verdict:</strong> ${esc(c.summary)}</p>${fail}${neg}<h4>Messages</h4>${ladder(c)}<h4>Findings</h4><ul>${c.findings.map(finding).join('')}</ul></section>`;
}

/** The self-contained HTML report. */
export function renderReportHtml(r: Report): string {
  const head = `<h1>TLS incident report</h1><p>Capture SHA-256 <code>${esc(r.capture.sha256)}</code> · ${esc(r.capture.format)} · ${r.capture.frames} frames · ${r.capture.connections} connections</p>` +
    `<p><span class="success">${r.counts.success} succeeded</span> · <span class="failed">${r.counts.failed} failed</span> · <span class="incomplete">${r.counts.incomplete} incomplete</span>${r.redacted ? ' · <strong>redacted</strong>: no decrypted data, no secrets' : ''}</p>`;
  const notSeen = r.notSeen.length > 0 ? `<h2>Not seen in this capture</h2><ul>${r.notSeen.map((n) => `<li>${esc(n)}</li>`).join('')}</ul>` : '';
  const groups = `<h2>Summary</h2><table><thead><tr><th>count</th><th>clients → server</th><th>outcome</th><th>at fault / alert</th><th>cause</th><th>example</th></tr></thead><tbody>` +
    r.groups.map((g) => `<tr><td>${g.count}</td><td>${esc(g.clients)} → ${esc(g.server)}</td><td class="${g.outcome}">${esc(g.outcome)}</td><td>${esc(g.side ?? '')}${g.alert ? ` · <code>${esc(g.alert)}</code>` : ''}</td><td>${esc(g.title)}</td><td><a href="#conn-${g.example}">#${g.example}</a></td></tr>`).join('') + '</tbody></table>';
  const list = r.connections.slice(0, 1000);
  const conns = `<details><summary>All ${r.connections.length} connections</summary><table><thead><tr><th>#</th><th>client</th><th>server</th><th>outcome</th><th>summary</th></tr></thead><tbody>` +
    list.map((c) => `<tr><td>${c.id}</td><td>${esc(c.client)}</td><td>${esc(c.server)}</td><td class="${c.outcome}">${esc(c.outcome)}</td><td>${esc(c.summary)}</td></tr>`).join('') +
    (r.connections.length > list.length ? `<tr><td colspan="5" class="mut">${r.connections.length - list.length} more (see the JSON report)</td></tr>` : '') + '</tbody></table></details>';
  const details = expanded(r).map((c) => connection(r, c)).join('\n');
  return '<!doctype html>\n<html lang="en"><head><meta charset="utf-8">' +
    `<meta http-equiv="Content-Security-Policy" content="${REPORT_CSP}"><meta name="referrer" content="no-referrer">` +
    `<meta name="viewport" content="width=device-width,initial-scale=1"><title>TLS incident report ${esc(r.capture.sha256.slice(0, 12))}</title><style>${CSS}</style></head>\n` +
    `<body>${head}${notSeen}${groups}${conns}${details ? `<h2>Failed and suspicious connections</h2>${details}` : ''}</body></html>\n`;
}
