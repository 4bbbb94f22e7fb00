import type { DecodedConnection, MessageRef } from '../../model/decoded.ts';
import { walkFields, type Field } from '../../model/field.ts';
import { isFrameSpan } from '../../model/span.ts';
import type { KbEntry } from '../../kb/index.ts';
import type { ByteSource } from '../bytes.ts';
import { esc } from '../escape.ts';
import type { Permalinks } from '../ids.ts';
import { CellIndex } from './cellindex.ts';
import { renderCertCards } from './certcard.ts';
import { renderDerTrees } from './dertree.ts';
import { renderExplanations } from './explain.ts';
import { renderRows } from './fieldrows.ts';
import { renderHex } from './hexview.ts';
import { planFolds, type SubtreeShown } from './subtrees.ts';

/** Which byte views a cell shows. */
export type CellView = 'stream' | 'wire' | 'both';

/** What a whole page shares between its cells so that nothing big is written twice. */
export interface PageMemo {
  /** Knowledge-base entries already written on the page. */
  kb: Set<KbEntry>;
  /** Frames whose Ethernet/IP/TCP field table is already on the page, with the cell id holding it. */
  frames: Map<string, string>;
  /** Subtrees (cipher suite lists, certificates) already written on the page. */
  subtrees: Map<string, SubtreeShown>;
}

/** Everything a record cell needs from its page. */
export interface CellContext {
  conn: DecodedConnection;
  source: ByteSource;
  links: Permalinks;
  /** Messages by their field, to title cells. */
  messageOf: Map<Field, MessageRef>;
  view: CellView;
  /** Depth up to which field rows start open. */
  openDepth?: number;
  /** Filters a lesson talks about: rows start open only on the way to them. */
  openFor?: ReadonlySet<string>;
  /** Omit the explanations block (lessons bring their own prose). */
  noExplanations?: boolean;
  /** Shared by the cells of one page (walkthroughs); lessons render each cell on its own. */
  memo?: PageMemo;
  /** Pages of many connections: lean field rows, no repeated links to explanations, no decrypted hex view. */
  compact?: boolean;
  /** Leaves longer than this are cut in hex views (default: hexview's LONG_LEAF). */
  longLeaf?: number;
}

/** The messages whose field lies inside this record (several when messages are packed). */
export function messagesIn(record: Field, messageOf: Map<Field, MessageRef>): MessageRef[] {
  const out: MessageRef[] = [];
  for (const f of walkFields([record])) {
    const m = messageOf.get(f);
    if (m) out.push(m);
  }
  return out;
}

/** The frames a record's bytes came from, in order. */
export function framesOf(record: Field): number[] {
  return [...new Set(record.spans.filter(isFrameSpan).map((s) => s.frame))];
}

/**
 * The wire view: every frame holding the record with its link/IP/TCP header rows (rows of other
 * records fold away). A frame's header field table is written once per page; a second record in
 * the same frame links to it instead of repeating ninety rows.
 */
function wireView(record: Field, index: CellIndex, ctx: CellContext, cellId: string): string {
  const frames = framesOf(record);
  const blocks = frames.map((n) => {
    const fr = ctx.source.frame(n);
    const view = ctx.source.frameView(n);
    if (!fr || !view) return '';
    const keys = index.paint(view);
    const mine = new Set<number>();
    for (let i = 0; i < keys.length; i++) if (keys[i]! >= 0) mine.add(i >> 4);
    const hex = renderHex(index, {
      view,
      keys,
      caption: `frame ${n} · ${fr.data.length} bytes captured${fr.origLength > fr.data.length ? ` of ${fr.origLength}` : ''}`,
      showRow: (r) => mine.has(r),
      ...(ctx.longLeaf !== undefined ? { longLeaf: ctx.longLeaf } : {}),
    });
    const frameKey = `c${ctx.conn.id}f${n}`;
    const where = ctx.memo?.frames.get(frameKey);
    if (where !== undefined) {
      return `<div class="frame">${hex}<p class="sub">Header fields of frame ${n}: <a href="#${esc(where)}">in the wire view of the cell above</a>.</p></div>`;
    }
    ctx.memo?.frames.set(frameKey, cellId);
    // Header rows count offsets in the frame (they have no place in the record's stream).
    const rows = renderRows(fr.fields, { index, links: ctx.links, source: ctx.source, view, openDepth: 0, anchors: false });
    return `<div class="frame">${hex}${rows}</div>`;
  });
  const open = ctx.view === 'wire' ? ' open' : '';
  return `<details class="view wire"${open}><summary>Wire view: frame${frames.length > 1 ? 's' : ''} ${frames.join(', ')} with the link, IP and TCP headers</summary>${blocks.join('')}</details>`;
}

/** The cell header: record number, direction, messages, frames. */
export function cellHead(record: Field, recordNo: number, ctx: CellContext): string {
  const msgs = messagesIn(record, ctx.messageOf);
  const frameNos = framesOf(record);
  const first = msgs[0] ?? ctx.messageOf.get(record);
  const dir = first ? (first.dir === 'c2s' ? 'client → server' : 'server → client') : '';
  const title = msgs.length > 0 ? msgs.map((m) => m.type).join(', ') : record.display ?? record.name;
  const frames = frameNos.length > 0 ? `frame${frameNos.length > 1 ? 's' : ''} ${frameNos.join(', ')}` : '';
  const anchors = msgs
    .filter((m) => m.field && m.field !== record)
    .map((m) => `<a href="#${esc(ctx.links.of(m.field!))}">${esc(m.type)}</a>`)
    .join(' · ');
  const id = ctx.links.of(record);
  return (
    `<header class="cellhead"><h3><a class="pl" href="#${esc(id)}">¶</a> Record ${recordNo} <span class="dir">${esc(dir)}</span> ${esc(title)}</h3>` +
    `<p class="meta">${esc(record.name)} · ${esc(frames)}${anchors ? ' · ' + anchors : ''}</p></header>`
  );
}

/** The decrypted buffers a record's fields point into, in the order they first appear. */
function bufferIds(record: Field): string[] {
  const ids: string[] = [];
  for (const f of walkFields([record])) for (const s of f.spans) if (!isFrameSpan(s) && !ids.includes(s.buffer)) ids.push(s.buffer);
  return ids;
}

/**
 * The plaintext of a decrypted record as its own hex view, coloured by the fields decoded from
 * it: the bytes a learner would otherwise only see as ciphertext.
 */
function decryptedViews(record: Field, index: CellIndex, ctx: CellContext, long: { longLeaf?: number }): string {
  let out = '';
  for (const id of bufferIds(record)) {
    const buf = ctx.conn.buffers[id];
    if (!buf || buf.length === 0) continue;
    const view = ctx.source.resolve([{ buffer: id, offset: 0, length: buf.length }]);
    out += `<div class="view decrypted"><h4>Decrypted view <span class="sub">(plaintext of this record: ${esc(id)}, ${buf.length} bytes)</span></h4>${renderHex(index, { view, keys: index.paint(view), ...long })}</div>`;
  }
  return out;
}

/** One notebook cell for one record: title, hex views, field table, certificate cards, DER trees, explanations. */
export function renderRecordCell(record: Field, recordNo: number, ctx: CellContext): string {
  const folded = ctx.memo ? planFolds(record, ctx.source, ctx.links, ctx.memo.subtrees, ctx.conn.id, `connection ${ctx.conn.id}, record ${recordNo}`) : new Map<Field, SubtreeShown>();
  const index = new CellIndex();
  index.add([record], folded);
  // Header fields of the frames join the same index so the wire view can colour and light them.
  if (ctx.view !== 'stream') for (const n of framesOf(record)) index.add(ctx.source.frame(n)?.fields ?? []);
  const stream = ctx.source.resolve(record.spans);
  const id = ctx.links.of(record);
  const long = ctx.longLeaf !== undefined ? { longLeaf: ctx.longLeaf } : {};
  const streamView =
    ctx.view === 'wire'
      ? ''
      : `<div class="view stream"><h4>Stream view <span class="sub">(record bytes, offsets from the record start)</span></h4>${renderHex(index, { view: stream, keys: index.paint(stream), ...long })}</div>`;
  const wire = ctx.view === 'stream' ? '' : wireView(record, index, ctx, `${id}-cell`);
  // Compact pages (many connections) keep only the stream view: the plaintext hex is left out like the wire view.
  const decrypted = ctx.compact ? '' : decryptedViews(record, index, ctx, long);
  const rows = renderRows([record], { index, links: ctx.links, source: ctx.source, view: stream, openDepth: ctx.openDepth ?? 3, ...(ctx.openFor ? { openFor: ctx.openFor } : {}), anchors: true, folded, compact: ctx.compact === true });
  const cards = renderCertCards([record], ctx.source, ctx.source.frame(framesOf(record)[0] ?? ctx.conn.firstFrame)?.timeNs, folded);
  const der = renderDerTrees([record], index, stream, folded);
  const kb = ctx.noExplanations ? '' : renderExplanations([record], ctx.memo?.kb, ctx.compact !== true);
  return `<section class="cell" id="${esc(id)}-cell" data-cell>${cellHead(record, recordNo, ctx)}<div class="views">${streamView}${decrypted}${wire}</div>${rows}${cards}${der}${kb}</section>`;
}
