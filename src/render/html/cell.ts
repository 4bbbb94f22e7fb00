import type { DecodedConnection, MessageRef } from '../../model/decoded.ts';
import { walkFields, type Field } from '../../model/field.ts';
import { isFrameSpan } from '../../model/span.ts';
import { ByteSource, locOf, type ByteLoc } from '../bytes.ts';
import { esc } from '../escape.ts';
import type { Permalinks } from '../ids.ts';
import { CellIndex } from './cellindex.ts';
import { renderDerTrees } from './dertree.ts';
import { renderExplanations } from './explain.ts';
import { renderRows } from './fieldrows.ts';
import { renderHex } from './hexview.ts';

/** Which byte views a cell shows. */
export type CellView = 'stream' | 'wire' | 'both';

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
  /** Omit the explanations block (lessons bring their own prose). */
  noExplanations?: boolean;
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

/** Where each byte of the stream view sits, for the offset column. */
function viewOffsets(locs: readonly ByteLoc[]): Map<ByteLoc, number> {
  const m = new Map<ByteLoc, number>();
  locs.forEach((l, i) => m.set(l, i));
  return m;
}

/** The wire view: every frame holding the record, whole, with its link/IP/TCP header rows. */
function wireView(record: Field, index: CellIndex, ctx: CellContext, viewOffset: Map<ByteLoc, number>): string {
  const frames = [...new Set(record.spans.filter(isFrameSpan).map((s) => s.frame))];
  const blocks = frames.map((n) => {
    const fr = ctx.source.frame(n);
    if (!fr) return '';
    const locs = Array.from({ length: fr.data.length }, (_, i) => `f${n}:${i}`);
    // Rows with header bytes or this record's bytes are printed; other records' rows collapse.
    const mine = new Set<number>();
    for (let i = 0; i < fr.data.length; i++) {
      const k = index.at(locs[i]!);
      if (k !== undefined) mine.add(i >> 4);
    }
    const hex = renderHex(index, {
      bytes: fr.data,
      locs,
      caption: `frame ${n} · ${fr.data.length} bytes captured${fr.origLength > fr.data.length ? ` of ${fr.origLength}` : ''}`,
      showRow: (r) => mine.has(r),
    });
    const rows = renderRows(fr.fields, { index, links: ctx.links, source: ctx.source, viewOffset, openDepth: 0, anchors: false });
    return `<div class="frame">${hex}${rows}</div>`;
  });
  const open = ctx.view === 'wire' ? ' open' : '';
  return `<details class="view wire"${open}><summary>Wire view: frame${frames.length > 1 ? 's' : ''} ${frames.join(', ')} with Ethernet/IP/TCP headers</summary>${blocks.join('')}</details>`;
}

/** One notebook cell for one record: title, hex views, field table, DER trees, explanations. */
export function renderRecordCell(record: Field, recordNo: number, ctx: CellContext): string {
  const msgs = messagesIn(record, ctx.messageOf);
  const index = new CellIndex();
  index.add([record]);
  const frameNos = [...new Set(record.spans.filter(isFrameSpan).map((s) => s.frame))];
  // Header fields of the frames join the same index so the wire view can colour and light them.
  if (ctx.view !== 'stream') for (const n of frameNos) index.add(ctx.source.frame(n)?.fields ?? []);
  const stream = ctx.source.resolve(record.spans);
  const offsets = viewOffsets(stream.locs);
  const first = msgs[0] ?? ctx.messageOf.get(record);
  const dir = first ? (first.dir === 'c2s' ? 'client → server' : 'server → client') : '';
  const title = msgs.length > 0 ? msgs.map((m) => m.type).join(', ') : record.display ?? record.name;
  const frames = frameNos.length > 0 ? `frame${frameNos.length > 1 ? 's' : ''} ${frameNos.join(', ')}` : '';
  const anchors = msgs
    .filter((m) => m.field && m.field !== record)
    .map((m) => `<a href="#${esc(ctx.links.of(m.field!))}">${esc(m.type)}</a>`)
    .join(' · ');
  const id = ctx.links.of(record);
  const head =
    `<header class="cellhead"><h3><a class="pl" href="#${esc(id)}">¶</a> Record ${recordNo} <span class="dir">${esc(dir)}</span> ${esc(title)}</h3>` +
    `<p class="meta">${esc(record.name)} · ${esc(frames)}${anchors ? ' · ' + anchors : ''}</p></header>`;
  const streamView =
    ctx.view === 'wire'
      ? ''
      : `<div class="view stream"><h4>Stream view <span class="sub">(record bytes, offsets from the record start)</span></h4>${renderHex(index, { bytes: stream.bytes, locs: stream.locs })}</div>`;
  const wire = ctx.view === 'stream' ? '' : wireView(record, index, ctx, offsets);
  const rows = renderRows([record], { index, links: ctx.links, source: ctx.source, viewOffset: offsets, openDepth: ctx.openDepth ?? 3, anchors: true });
  const der = renderDerTrees([record], index, offsets);
  const kb = ctx.noExplanations ? '' : renderExplanations([record]);
  return `<section class="cell" id="${esc(id)}-cell" data-cell>${head}<div class="views">${streamView}${wire}</div>${rows}${der}${kb}</section>`;
}

/** A stable location key for a field's first byte (used by callers that sort by position). */
export function firstLoc(f: Field): ByteLoc | undefined {
  return f.spans[0] ? locOf(f.spans[0], 0) : undefined;
}
