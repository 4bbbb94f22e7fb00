import { tlsMessages, type DecodedCapture, type DecodedConnection, type MessageRef } from '../../model/decoded.ts';
import type { Field } from '../../model/field.ts';
import { BPF_CAVEAT } from '../../kb/index.ts';
import { ByteSource } from '../bytes.ts';
import { esc } from '../escape.ts';
import { Permalinks } from '../ids.ts';
import { renderCalculation } from './calc.ts';
import { renderRecordCell, type CellContext, type CellView, type PageMemo } from './cell.ts';
import { isOpaqueAppData, recordKey, renderAppDataRun, renderFoldedRecord, type FirstShown } from './fold.ts';
import { renderLadder } from './ladder.ts';
import { PAGE_END, pageStart, TOOLBAR } from './page.ts';

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
  /** The outcome of a connection when a diagnosis knows it (e.g. "failed: server sent handshake_failure"), and whether it failed. */
  outcome?: (conn: DecodedConnection) => ConnectionOutcome | undefined;
}

/** How a connection ended, in words, and whether that is a failure (styled as one). */
export interface ConnectionOutcome {
  text: string;
  fail: boolean;
}

/** Above this many connections a page leaves out wire views (one connection at a time has them: `--conn N`). */
export const COMPACT_OVER = 25;

/** What one page shares between connections: entries and frames written once, records folded. */
interface PageState extends PageMemo {
  records: Map<string, FirstShown>;
  compact?: boolean;
}

/** What the capture itself shows about how the connection ended (no diagnosis, just facts). */
function observedOutcome(conn: DecodedConnection): ConnectionOutcome {
  // A STARTTLS preamble line is capture text ("SMTP: 554 Alert fatal ..."), not a TLS message.
  const tls = tlsMessages(conn.messages);
  const fatal = tls.find((m) => /alert/i.test(m.type) && /fatal/i.test(m.type));
  if (fatal) return { text: `fatal alert from the ${fatal.dir === 'c2s' ? 'client' : 'server'}: ${fatal.type} (frame ${fatal.frame})`, fail: true };
  const t = conn.transport;
  const rst = t?.clientRst ?? t?.serverRst;
  if (rst !== undefined) return { text: `TCP reset from the ${t?.clientRst !== undefined ? 'client' : 'server'} (frame ${rst})`, fail: true };
  const fin = tls.filter((m) => /finished/i.test(m.type)).length;
  return fin >= 2 ? { text: 'handshake completed (both Finished seen)', fail: false } : { text: 'no failure seen in the capture', fail: false };
}

/** A diagnosis's outcome when given, else what the records show. */
function outcomeOf(conn: DecodedConnection, opts: WalkthroughOptions): ConnectionOutcome {
  return opts.outcome?.(conn) ?? observedOutcome(conn);
}

/** One connection's line in the table of connections, linked to its section. */
export function connectionIndexRow(c: DecodedConnection, opts: WalkthroughOptions): string {
  const seen = outcomeOf(c, opts);
  return (
    `<tr><td><a href="#c${c.id}">${c.id}</a></td><td>${esc(c.client)}</td><td>${esc(c.server)}</td><td>${esc(c.sni ?? '')}</td>` +
    `<td>${esc(c.version ?? '')}</td><td>${esc(c.cipherSuite ?? '')}</td><td>${c.fields.length}</td><td class="outcome ${seen.fail ? 'fail' : 'ok'}">${esc(seen.text)}</td></tr>`
  );
}

/** The table of connections at the top of a page with several, from their rows (nothing for one). */
export function connectionIndex(rows: readonly string[]): string {
  if (rows.length <= 1) return '';
  return (
    '<table class="connidx"><thead><tr><th>#</th><th>client</th><th>server</th><th>SNI</th><th>version</th><th>cipher suite</th><th>records</th><th>outcome</th></tr></thead>' +
    `<tbody>${rows.join('')}</tbody></table>`
  );
}

function header(conn: DecodedConnection, opts: WalkthroughOptions): string {
  const seen = outcomeOf(conn, opts);
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
  return `<div class="connhead"><dl>${dl}<dt>outcome</dt><dd class="outcome ${cls}">${esc(seen.text)}</dd></dl></div>`;
}

function newState(): PageState {
  return { kb: new Set(), frames: new Map(), records: new Map(), subtrees: new Map() };
}

/**
 * The cells of a connection in record order: runs of undecrypted application data become one
 * table, and a record already decoded above (same bytes) becomes a short cell that links there.
 */
function renderCells(conn: DecodedConnection, ctx: CellContext, state: PageState): string[] {
  const out: string[] = [];
  const recs = conn.fields;
  for (let i = 0; i < recs.length; i++) {
    const rec = recs[i]!;
    if (isOpaqueAppData(rec)) {
      let j = i + 1;
      while (j < recs.length && isOpaqueAppData(recs[j]!)) j++;
      if (j - i > 1) {
        out.push(renderAppDataRun(recs.slice(i, j).map((record, k) => ({ record, no: i + k + 1 })), ctx));
        i = j - 1;
        continue;
      }
    }
    const key = recordKey(rec, ctx);
    const first = key === undefined ? undefined : state.records.get(key);
    if (first) {
      out.push(renderFoldedRecord(rec, i + 1, first, ctx));
      continue;
    }
    if (key !== undefined) state.records.set(key, { cellId: `${ctx.links.of(rec)}-cell`, label: `record ${i + 1} of connection ${conn.id}` });
    out.push(renderRecordCell(rec, i + 1, ctx));
  }
  return out;
}

/** Renders one connection: header, ladder, one cell per record, calculation cells. */
export function renderConnection(capture: DecodedCapture, conn: DecodedConnection, opts: WalkthroughOptions = {}, state: PageState = newState()): string {
  const source = new ByteSource(capture, conn);
  const links = new Permalinks(conn);
  const messageOf = new Map<Field, MessageRef>();
  for (const m of conn.messages) if (m.field) messageOf.set(m.field, m);
  const timeOf = (m: MessageRef): bigint | undefined => m.timeNs ?? source.frame(m.frame)?.timeNs;
  const t0 = source.frame(conn.firstFrame)?.timeNs ?? 0n;
  const ctx: CellContext = { conn, source, links, messageOf, view: opts.view ?? 'both', memo: state, compact: state.compact === true };
  const cells = renderCells(conn, ctx, state);
  const calcs = (conn.calculations ?? []).map((c) => renderCalculation(c, conn.id, opts.showSecrets ?? false));
  const calcBlock = calcs.length > 0 ? `<h3 class="calch">Calculations</h3>${calcs.join('')}` : '';
  return (
    `<section class="conn" id="c${conn.id}"><h2>Connection ${conn.id}: ${esc(conn.client)} → ${esc(conn.server)}</h2>` +
    header(conn, opts) +
    renderLadder(conn, links, timeOf, t0) +
    cells.join('\n') +
    calcBlock +
    '</section>'
  );
}

/**
 * The same string, stored flat: a connection's HTML is a rope of thousands of pieces, and
 * keeping 5,000 of them alive until the final join made the garbage collector the slowest part.
 */
function flat(s: string): string {
  s.charCodeAt(0); // V8 flattens a rope on first character access
  return s;
}

/** Whether a page of `shown` connections is compact: stream views only, no wire or decrypted hex views. */
export function isCompactPage(shown: number, opts: WalkthroughOptions = {}): boolean {
  return opts.view === undefined && shown > COMPACT_OVER;
}

/**
 * A walkthrough page rendered a piece at a time: head, index, the sections (joined by '\n'),
 * foot. The sections share one PageState (entries written once, records folded), so they must be
 * rendered in page order. Whether the page is compact is fixed before the first section.
 */
export class WalkthroughPage {
  private readonly connOpts: WalkthroughOptions;
  private readonly state = newState();

  constructor(
    private readonly capture: DecodedCapture,
    private readonly opts: WalkthroughOptions,
    readonly compact: boolean,
  ) {
    this.connOpts = compact ? { ...opts, view: 'stream' } : opts;
    this.state.compact = compact;
  }

  /** The page up to the connection index, for a page of `shown` connections. */
  head(shown: number): string {
    const { capture, opts } = this;
    const title = opts.title ?? 'wirebook walkthrough';
    const compactNote = this.compact
      ? `<p class="note">${shown.toLocaleString('en-US')} connections: cells show the record bytes (stream view) only. ` +
        `For one connection with its frames and Ethernet/IP/TCP headers, run <code>wirebook explain CAPTURE --conn N</code>.</p>`
      : '';
    const problems = capture.problems.length
      ? `<div class="note"><strong>Capture problems</strong><ul>${capture.problems.map((p) => `<li>${esc(p.message)}</li>`).join('')}</ul></div>`
      : '';
    return (
      pageStart(title) +
      `${TOOLBAR}<main><h1>${esc(title)}</h1>` +
      `<p class="meta">${esc(capture.input.format)} · ${capture.input.frames} frames · ${capture.input.bytes} bytes${capture.input.sha256 ? ` · sha256 ${esc(capture.input.sha256)}` : ''}</p>` +
      problems +
      compactNote
    );
  }

  /** One connection's section (the next in page order). */
  section(conn: DecodedConnection): string {
    return flat(renderConnection(this.capture, conn, this.connOpts, this.state));
  }

  /** The page after the last section. */
  foot(): string {
    return `<p class="note" id="bpf-note">About capture filters: ${esc(BPF_CAVEAT)}</p></main>` + PAGE_END;
  }
}

/** One self-contained HTML walkthrough of a decoded capture (deterministic, escaped, strict CSP). */
export function renderWalkthrough(capture: DecodedCapture, opts: WalkthroughOptions = {}): string {
  const conns = capture.connections.filter((c) => !opts.connections || opts.connections.includes(c.id));
  const page = new WalkthroughPage(capture, opts, isCompactPage(conns.length, opts));
  return (
    page.head(conns.length) +
    connectionIndex(conns.map((c) => connectionIndexRow(c, opts))) +
    conns.map((c) => page.section(c)).join('\n') +
    page.foot()
  );
}
