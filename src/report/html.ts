// The HTML report: one self-contained page (inline CSS, no script, strict CSP), everything from
// the capture escaped. Summary table first, then each failed or suspicious connection (one
// example per group): verdict, a message ladder, findings with their evidence bytes.
import { esc } from '../render/escape.ts';
import { expanded } from './build.ts';
import { missingBytes, spanLabel } from './markdown.ts';
import type { Report, ReportConnection, ReportFinding } from './types.ts';

/** No request may leave the page: no scripts, no remote anything. */
export const REPORT_CSP = "default-src 'none'; style-src 'unsafe-inline'; img-src data:";

const CSS = `
:root{color-scheme:light dark;--fg:#1d2430;--bg:#fff;--mut:#5b6573;--line:#d9dee5;--panel:#f5f7f9;--link:#0b5cb8;--err:#b3261e;--warn:#8a5a00;--info:#2b5c9e;--ok:#1e7a3c;--code:#eef1f4}
@media (prefers-color-scheme:dark){:root{--fg:#e3e7ec;--bg:#14181d;--mut:#9aa4b1;--line:#323a44;--panel:#1b2027;--link:#8ab4f8;--err:#ff8a80;--warn:#ffcc66;--info:#8ab4f8;--ok:#7bd88f;--code:#242b33}}
*{box-sizing:border-box}
body{font:15px/1.5 "DejaVu Sans",system-ui,sans-serif;color:var(--fg);background:var(--bg);max-width:1100px;margin:2em auto;padding:0 1em}
a{color:var(--link)}h1,h2,h3,h4{line-height:1.25}h1{margin:.2em 0 .3em}h2{margin:1.6em 0 .4em;border-bottom:1px solid var(--line);padding-bottom:.15em}h4{margin:1em 0 .3em}
table{border-collapse:collapse;width:100%;margin:.4em 0 1.2em}th,td{border-bottom:1px solid var(--line);padding:.3em .5em;text-align:left;vertical-align:top}th{color:var(--mut);font-weight:600}
code,.hex{font-family:"DejaVu Sans Mono",ui-monospace,monospace;font-size:13px;background:var(--code);padding:0 .25em;border-radius:3px;overflow-wrap:anywhere}
.hex{word-break:break-all}.addr{font-family:"DejaVu Sans Mono",ui-monospace,monospace;font-size:13px;white-space:nowrap}
.meta{color:var(--mut);margin:.2em 0}.counts{display:flex;gap:.5em;flex-wrap:wrap;margin:.6em 0}
.pill{border:1px solid currentColor;border-radius:999px;padding:0 .7em;font-size:13px;font-weight:600}
.error{color:var(--err)}.warning{color:var(--warn)}.info{color:var(--info)}.success{color:var(--ok)}.failed{color:var(--err)}.incomplete{color:var(--warn)}
.badge{font-weight:700;text-transform:uppercase;font-size:12px;letter-spacing:.03em}.mut{color:var(--mut)}
table.ladder{width:auto;min-width:60%}table.ladder td,table.ladder th{padding:.1em .6em}table.ladder .fr{width:4em;text-align:right;color:var(--mut)}
.ladder .c2s{text-align:left}.ladder .s2c{text-align:right}.ladder .arrow{color:var(--mut)}
section.conn{border:1px solid var(--line);border-radius:6px;margin:1.4em 0;padding:.2em 1em .6em}
section.conn>h3{margin:.6em 0 .3em}.verdict{background:var(--panel);border-radius:4px;padding:.4em .7em}
ul.findings{list-style:none;padding:0;margin:0}
li.finding{border-left:4px solid var(--mut);background:var(--panel);border-radius:0 4px 4px 0;padding:.4em .8em;margin:.5em 0}
li.sev-error{border-left-color:var(--err)}li.sev-warning{border-left-color:var(--warn)}li.sev-info{border-left-color:var(--info)}
ul.evidence{margin:.3em 0 0;padding-left:1.2em;font-size:13px}
details>summary{cursor:pointer;color:var(--link)}
@media print{
 @page{size:A4;margin:14mm 12mm 16mm}
 :root{--fg:#000;--bg:#fff;--mut:#555;--line:#bbb;--panel:#f3f4f6;--code:#eceff2}
 *{print-color-adjust:exact;-webkit-print-color-adjust:exact}
 body{max-width:none;margin:0;padding:0;font-size:11px}code,.hex,.addr{font-size:9.5px}ul.evidence{font-size:9.5px}
 h2,h3,h4,.verdict{break-after:avoid;page-break-after:avoid}
 tr,li.finding,.verdict{break-inside:avoid;page-break-inside:avoid}thead{display:table-header-group}
 section.conn{border:0;border-top:2px solid var(--line);border-radius:0;padding:0}h2+section.conn{border-top:0}
 details>summary{list-style:none;color:var(--fg);font-weight:600;margin-top:1em}details>summary::-webkit-details-marker{display:none}
 a{color:inherit;text-decoration:none}
}
`;

const plural = (n: number, one: string, many = `${one}s`): string => `${n} ${n === 1 ? one : many}`;

function finding(f: ReportFinding): string {
  const bytes = (f.bytes ?? []).map((b) => `<li><span class="mut">${esc(spanLabel(b.span))}</span>${b.hex !== undefined ? ` <span class="hex">${esc(b.hex.replace(/(..)/g, '$1 ').trim())}${b.truncated ? ' …' : ''}</span>` : ` <span class="mut">${missingBytes(b.span)}</span>`}</li>`).join('');
  return `<li class="finding sev-${f.severity}"><span class="badge ${f.severity}">${esc(f.severity)}</span> <code>${esc(f.code)}</code> <span class="mut">(${esc(f.side)})</span> <strong>${esc(f.title)}</strong><br>${esc(f.detail)}` +
    (f.check ? `<br><span class="mut">Check next:</span> ${esc(f.check)}` : '') + (bytes ? `<ul class="evidence">${bytes}</ul>` : '') + '</li>';
}

function ladder(c: ReportConnection): string {
  const rows = c.messages.slice(0, 80).map((m) => m.dir === 'c2s'
    ? `<tr><td class="fr">${m.frame}</td><td class="c2s">${esc(m.type)} <span class="arrow">──▶</span></td><td></td></tr>`
    : `<tr><td class="fr">${m.frame}</td><td></td><td class="s2c"><span class="arrow">◀──</span> ${esc(m.type)}</td></tr>`);
  const more = c.messages.length > 80 ? `<tr><td></td><td colspan="2" class="mut">${c.messages.length - 80} more messages</td></tr>` : '';
  return `<table class="ladder"><thead><tr><th class="fr">frame</th><th>client <span class="addr">${esc(c.client)}</span></th><th class="s2c">server <span class="addr">${esc(c.server)}</span></th></tr></thead><tbody>${rows.join('')}${more}</tbody></table>`;
}

function connection(r: Report, c: ReportConnection): string {
  const g = r.groups[c.group]!;
  const grouped = g.count > 1 ? `<p class="mut">${g.count} connections from ${esc(g.clients)} to ${esc(g.server)}: ${esc(g.title)}. The first (#${g.example}) is shown; the others: ${esc(g.connections.slice(1, 40).map((n) => `#${n}`).join(', '))}${g.connections.length > 40 ? ', …' : ''}.</p>` : '';
  const fail = c.failure
    ? `<p>At fault: <strong>${esc(c.failure.side)}</strong> · stage: ${esc(c.failure.stage)}${c.failure.alert ? ` · alert: <code>${esc(c.failure.alert)}</code>${c.failure.sentBy ? ` sent by the ${esc(c.failure.sentBy)}` : ''}` : ''}</p>`
    : '';
  const neg = c.version ? `<p class="mut">${esc(c.version)}${c.cipherSuite ? `, ${esc(c.cipherSuite)}` : ''}${c.sni ? ` · SNI ${esc(c.sni)}` : ''}</p>` : '';
  return `<section class="conn" id="conn-${c.id}"><h3>Connection ${c.id}: <span class="addr">${esc(c.client)}</span> → <span class="addr">${esc(c.server)}</span> <span class="badge ${c.outcome}">${esc(c.outcome)}</span></h3>${grouped}` +
    `<p class="verdict"><strong>Verdict:</strong> ${esc(c.summary)}</p>${fail}${neg}<h4>Findings</h4><ul class="findings">${c.findings.map(finding).join('')}</ul><h4>Messages</h4>${ladder(c)}</section>`;
}

/** The self-contained HTML report. */
export function renderReportHtml(r: Report): string {
  const cap = r.capture;
  const head = `<h1>TLS incident report</h1><p class="meta">${esc(cap.format)} · ${plural(cap.frames, 'frame')} · ${plural(cap.connections, 'connection')} · SHA-256 <code>${esc(cap.sha256)}</code></p>` +
    `<p class="counts"><span class="pill success">${r.counts.success} succeeded</span><span class="pill failed">${r.counts.failed} failed</span><span class="pill incomplete">${r.counts.incomplete} incomplete</span>${r.redacted ? '<span class="pill mut">redacted: decrypted bytes withheld</span>' : ''}</p>`;
  const notSeen = r.notSeen.length > 0 ? `<h2>Not seen in this capture</h2><ul>${r.notSeen.map((n) => `<li>${esc(n)}</li>`).join('')}</ul>` : '';
  const groups = `<h2>Summary</h2><table><thead><tr><th>count</th><th>clients → server</th><th>outcome</th><th>at fault / alert</th><th>cause</th><th>example</th></tr></thead><tbody>` +
    r.groups.map((g) => `<tr><td>${g.count}</td><td><span class="addr">${esc(g.clients)}</span> → <span class="addr">${esc(g.server)}</span></td><td class="${g.outcome}">${esc(g.outcome)}</td><td>${esc(g.side ?? '')}${g.alert ? ` · <code>${esc(g.alert)}</code>` : ''}</td><td>${esc(g.title)}</td><td><a href="#conn-${g.example}">#${g.example}</a></td></tr>`).join('') + '</tbody></table>';
  const list = r.connections.slice(0, 1000);
  // With one connection the summary row already says everything the full list would.
  const conns = r.connections.length < 2 ? '' : `<details><summary>All ${r.connections.length} connections</summary><table><thead><tr><th>#</th><th>client</th><th>server</th><th>outcome</th><th>summary</th></tr></thead><tbody>` +
    list.map((c) => `<tr><td>${c.id}</td><td class="addr">${esc(c.client)}</td><td class="addr">${esc(c.server)}</td><td class="${c.outcome}">${esc(c.outcome)}</td><td>${esc(c.summary)}</td></tr>`).join('') +
    (r.connections.length > list.length ? `<tr><td colspan="5" class="mut">${r.connections.length - list.length} more (see the JSON report)</td></tr>` : '') + '</tbody></table></details>';
  const details = expanded(r).map((c) => connection(r, c)).join('\n');
  return '<!doctype html>\n<html lang="en"><head><meta charset="utf-8">' +
    `<meta http-equiv="Content-Security-Policy" content="${REPORT_CSP}"><meta name="referrer" content="no-referrer">` +
    `<meta name="viewport" content="width=device-width,initial-scale=1"><title>TLS incident report ${esc(r.capture.sha256.slice(0, 12))}</title><style>${CSS}</style></head>\n` +
    `<body>${head}${notSeen}${groups}${conns}${details ? `<h2>Failed and suspicious connections</h2>${details}` : ''}</body></html>\n`;
}
