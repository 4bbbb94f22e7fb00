// Big captures repeat themselves: the same certificate chain in every connection, and runs of
// encrypted application data records that say nothing but their length. These cells keep every
// record addressable (its permalink still lands on it) without writing the same rows again.
import { createHash } from 'node:crypto';
import { walkFields, type Field } from '../../model/field.ts';
import { spansLength } from '../../model/span.ts';
import { esc } from '../escape.ts';
import { CellIndex } from './cellindex.ts';
import { cellHead, framesOf, messagesIn, type CellContext } from './cell.ts';
import { renderHex } from './hexview.ts';

/** Records shorter than this are cheaper to show again than to refer to. */
const FOLD_MIN_BYTES = 256;
/** Bytes of the record shown in a folded cell (a real prefix, at its real offsets). */
const FOLDED_SHOWN = 32;

/** Where a record was first written in full on this page. */
export interface FirstShown {
  cellId: string;
  label: string;
}

/** True for a record that is only a header and undecrypted application data. */
export function isOpaqueAppData(record: Field): boolean {
  const kids = record.children ?? [];
  return kids.length > 0 && kids.every((k) => !k.children || k.children.length === 0) && kids.some((k) => k.filter === 'tls.app_data');
}

/** A key for "same bytes, same decode": the record's name and a hash of its bytes. */
export function recordKey(record: Field, ctx: CellContext): string | undefined {
  if (spansLength(record.spans) < FOLD_MIN_BYTES) return undefined;
  const bytes = ctx.source.resolve(record.spans).bytes;
  return `${record.name}\u0000${createHash('sha256').update(bytes).digest('hex')}`;
}

/** Empty anchors for the record's message fields, so ladder arrows and permalinks still land here. */
function anchors(record: Field, ctx: CellContext): string {
  const ids = new Set<string>();
  for (const f of walkFields([record])) if (ctx.messageOf.has(f) && f !== record) ids.add(ctx.links.of(f));
  return [...ids].map((id) => `<span id="${esc(id)}"></span>`).join('');
}

/** A record whose exact bytes were already decoded above: its first bytes and a link there. */
export function renderFoldedRecord(record: Field, recordNo: number, first: FirstShown, ctx: CellContext): string {
  const index = new CellIndex();
  index.add([record]);
  const full = ctx.source.resolve(record.spans);
  const view = ctx.source.resolve([{ ...record.spans[0]!, length: Math.min(FOLDED_SHOWN, record.spans[0]!.length) }]);
  const hex = renderHex(index, { view, keys: index.paint(view) });
  const id = ctx.links.of(record);
  const note =
    `<p class="folded">The same ${full.bytes.length.toLocaleString('en-US')} bytes as ${esc(first.label)}, decoded identically: ` +
    `<a href="#${esc(first.cellId)}">fields, certificates and explanations there</a>. First ${view.bytes.length} bytes:</p>`;
  return `<section class="cell" id="${esc(id)}-cell" data-cell><span id="${esc(id)}"></span>${anchors(record, ctx)}${cellHead(record, recordNo, ctx)}${note}${hex}</section>`;
}

/** The first bytes of a record as plain hex (the record header and the start of its payload). */
function prefixHex(record: Field, ctx: CellContext, n: number): string {
  const b = ctx.source.resolve(record.spans).bytes;
  const shown = Array.from(b.subarray(0, n), (x) => x.toString(16).padStart(2, '0')).join(' ');
  return b.length > n ? `${shown} … ${(b.length - n).toLocaleString('en-US')} more bytes` : shown;
}

/**
 * A run of consecutive undecrypted application data records as one table: record, direction,
 * frames, length and first bytes; each row carries the record's permalink.
 */
export function renderAppDataRun(records: readonly { record: Field; no: number }[], ctx: CellContext): string {
  const first = records[0]!;
  const last = records[records.length - 1]!;
  const total = records.reduce((n, r) => n + spansLength(r.record.spans), 0);
  const rows = records.map(({ record, no }) => {
    const id = ctx.links.of(record);
    const m = messagesIn(record, ctx.messageOf)[0] ?? ctx.messageOf.get(record);
    const dir = m ? (m.dir === 'c2s' ? 'client → server' : 'server → client') : '';
    return (
      `<tr id="${esc(id)}"><td><a class="pl" href="#${esc(id)}">¶</a>${no}${anchors(record, ctx)}</td><td>${esc(dir)}</td>` +
      `<td>${framesOf(record).join(', ')}</td><td>${spansLength(record.spans).toLocaleString('en-US')}</td><td><code>${prefixHex(record, ctx, 8)}</code></td></tr>`
    );
  });
  const cellId = `${ctx.links.of(first.record)}-cell`;
  const dirs = new Set(records.map(({ record }) => (messagesIn(record, ctx.messageOf)[0] ?? ctx.messageOf.get(record))?.dir));
  const dirText = dirs.size > 1 ? 'both directions' : dirs.has('c2s') ? 'client → server' : dirs.has('s2c') ? 'server → client' : '';
  return (
    `<section class="cell adrun" id="${esc(cellId)}" data-cell><header class="cellhead"><h3><a class="pl" href="#${esc(cellId)}">¶</a> Records ${first.no}–${last.no} ` +
    `<span class="dir">${esc(dirText)}</span> Application Data ×${records.length}</h3>` +
    `<p class="meta">${total.toLocaleString('en-US')} bytes encrypted: without keys only the record headers and lengths can be read ` +
    `(each row starts with the 5-byte header: type 0x17, version, length).</p></header>` +
    `<table class="adt"><thead><tr><th>record</th><th>direction</th><th>frame</th><th>bytes</th><th>first bytes</th></tr></thead><tbody>${rows.join('')}</tbody></table></section>`
  );
}
