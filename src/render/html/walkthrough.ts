import type { DecodedCapture, DecodedConnection, MessageRef } from '../../model/decoded.ts';
import type { Field } from '../../model/field.ts';
import { BPF_CAVEAT } from '../../kb/index.ts';
import { ByteSource } from '../bytes.ts';
import { esc } from '../escape.ts';
import { Permalinks } from '../ids.ts';
import { renderCalculation } from './calc.ts';
import { renderRecordCell, type CellView } from './cell.ts';
import { renderLadder } from './ladder.ts';
import { selfContainedPage, TOOLBAR } from './page.ts';

/** Options of `renderWalkthrough`. */
export interface WalkthroughOptions {
  /** Page title; defaults to "wirebook walkthrough". */
  title?: string;
  /** Only these connection ids (all when absent). */
  connections?: number[];
  /** Which byte views cells show first (`both`: stream open, wire view folded). */
  view?: CellView;
  /** Show secret values of calculation cells. */
  showSecrets?: boolean;
  /** The outcome of a connection when a diagnosis knows it (e.g. "failed: server sent handshake_failure"). */
  outcome?: (conn: DecodedConnection) => string | undefined;
}

/** What the capture itself shows about how the connection ended (no diagnosis, just facts). */
function observedOutcome(conn: DecodedConnection): { text: string; fail: boolean } {
  const fatal = conn.messages.find((m) => /alert/i.test(m.type) && /fatal/i.test(m.type));
  if (fatal) return { text: `fatal alert from the ${fatal.dir === 'c2s' ? 'client' : 'server'}: ${fatal.type} (frame ${fatal.frame})`, fail: true };
  const t = conn.transport;
  const rst = t?.clientRst ?? t?.serverRst;
  if (rst !== undefined) return { text: `TCP reset from the ${t?.clientRst !== undefined ? 'client' : 'server'} (frame ${rst})`, fail: true };
  const fin = conn.messages.filter((m) => /finished/i.test(m.type)).length;
  return fin >= 2 ? { text: 'handshake completed (both Finished seen)', fail: false } : { text: 'no failure seen in the capture', fail: false };
}

function header(conn: DecodedConnection, outcome: string | undefined): string {
  const seen = observedOutcome(conn);
  const out = outcome ?? seen.text;
  const rows: [string, string | undefined][] = [
    ['client', conn.client],
    ['server', conn.server],
    ['version', conn.version],
    ['cipher suite', conn.cipherSuite],
    ['server name (SNI)', conn.sni],
    ['first frame', String(conn.firstFrame)],
    ['records', String(conn.fields.length)],
  ];
  const dl = rows
    .filter((r): r is [string, string] => r[1] !== undefined)
    .map(([k, v]) => `<dt>${esc(k)}</dt><dd>${esc(v)}</dd>`)
    .join('');
  const cls = seen.fail ? 'fail' : 'ok';
  return `<div class="connhead"><dl>${dl}<dt>outcome</dt><dd class="outcome ${cls}">${esc(out)}</dd></dl></div>`;
}

/** Renders one connection: header, ladder, one cell per record, calculation cells. */
export function renderConnection(capture: DecodedCapture, conn: DecodedConnection, opts: WalkthroughOptions = {}): string {
  const source = new ByteSource(capture, conn);
  const links = new Permalinks(conn);
  const messageOf = new Map<Field, MessageRef>();
  for (const m of conn.messages) if (m.field) messageOf.set(m.field, m);
  const timeOf = (m: MessageRef): bigint | undefined => m.timeNs ?? source.frame(m.frame)?.timeNs;
  const t0 = source.frame(conn.firstFrame)?.timeNs ?? 0n;
  const cells = conn.fields.map((rec, i) => renderRecordCell(rec, i + 1, { conn, source, links, messageOf, view: opts.view ?? 'both' }));
  const calcs = (conn.calculations ?? []).map((c) => renderCalculation(c, conn.id, opts.showSecrets ?? false));
  const calcBlock = calcs.length > 0 ? `<h3 class="calch">Calculations</h3>${calcs.join('')}` : '';
  return (
    `<section class="conn" id="c${conn.id}"><h2>Connection ${conn.id}: ${esc(conn.client)} → ${esc(conn.server)}</h2>` +
    header(conn, opts.outcome?.(conn)) +
    renderLadder(conn, links, timeOf, t0) +
    cells.join('\n') +
    calcBlock +
    '</section>'
  );
}

/** One self-contained HTML walkthrough of a decoded capture (deterministic, escaped, strict CSP). */
export function renderWalkthrough(capture: DecodedCapture, opts: WalkthroughOptions = {}): string {
  const conns = capture.connections.filter((c) => !opts.connections || opts.connections.includes(c.id));
  const title = opts.title ?? 'wirebook walkthrough';
  const toc = conns
    .map((c) => `<li><a href="#c${c.id}">Connection ${c.id}</a>: ${esc(c.client)} → ${esc(c.server)}${c.sni ? ` (${esc(c.sni)})` : ''}</li>`)
    .join('');
  const problems = capture.problems.length
    ? `<div class="note"><strong>Capture problems</strong><ul>${capture.problems.map((p) => `<li>${esc(p.message)}</li>`).join('')}</ul></div>`
    : '';
  const body =
    `${TOOLBAR}<main><h1>${esc(title)}</h1>` +
    `<p class="meta">${esc(capture.input.format)} · ${capture.input.frames} frames · ${capture.input.bytes} bytes${capture.input.sha256 ? ` · sha256 ${esc(capture.input.sha256)}` : ''}</p>` +
    problems +
    (conns.length > 1 ? `<ol class="toc">${toc}</ol>` : '') +
    conns.map((c) => renderConnection(capture, c, opts)).join('\n') +
    `<p class="note" id="bpf-note">About capture filters: ${esc(BPF_CAVEAT)}</p></main>`;
  return selfContainedPage(title, body);
}
