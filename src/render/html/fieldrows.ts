import type { Field } from '../../model/field.ts';
import { isFrameSpan, spansLength } from '../../model/span.ts';
import { explain } from '../../kb/index.ts';
import { locOf, spanText, type ByteLoc, type ByteSource } from '../bytes.ts';
import { esc } from '../escape.ts';
import type { Permalinks } from '../ids.ts';
import type { CellIndex } from './cellindex.ts';

/** What the rows need to know about the cell they sit in. */
export interface RowContext {
  index: CellIndex;
  links: Permalinks;
  source: ByteSource;
  /** Offset of a byte within the cell's stream view (for the offset column). */
  viewOffset: Map<ByteLoc, number>;
  /** Rows deeper than this start closed (print and "open all" open them). */
  openDepth: number;
  /** False for rows shown more than once (frame headers): they get no id. */
  anchors: boolean;
}

const SHOWN_BYTES = 6;

/** A Wireshark display filter for this field with its value when one can be written safely. */
export function displayFilter(f: Field): string | undefined {
  if (!f.filter || f.filter.startsWith('_')) return undefined;
  if (typeof f.value === 'number') return `${f.filter} == ${f.value}`;
  if (typeof f.value === 'string' && /^[\x20-\x7e]{1,64}$/.test(f.value) && !/^[0-9a-f]+$/.test(f.value) && f.children === undefined) {
    return `${f.filter} == "${f.value.replace(/["\\]/g, (c) => '\\' + c)}"`;
  }
  return f.filter;
}

function bytesCell(f: Field, source: ByteSource): string {
  const parts: string[] = [];
  let n = 0;
  for (const s of f.spans) {
    const b = source.bytes(s);
    for (let i = 0; i < b.length && n < SHOWN_BYTES; i++, n++) parts.push(b[i]!.toString(16).padStart(2, '0'));
    if (n >= SHOWN_BYTES) break;
  }
  const more = spansLength(f.spans) > SHOWN_BYTES ? ' …' : '';
  return parts.join(' ') + more;
}

function valueText(f: Field): string {
  if (f.display !== undefined) return f.display;
  if (f.value === undefined) return '';
  const v = String(f.value);
  return v.length > 64 ? v.slice(0, 64) + '…' : v;
}

function firstSentence(text: string): string {
  const m = /^.*?\.(\s|$)/.exec(text);
  return (m ? m[0] : text).trim();
}

/** One field row: its cells, and its children nested in a <details> when it has any. */
function row(f: Field, ctx: RowContext, depth: number): string {
  const k = ctx.index.key(f);
  const id = ctx.anchors ? ctx.links.of(f) : undefined;
  const first = f.spans[0];
  const off = first ? ctx.viewOffset.get(locOf(first, 0)) : undefined;
  const offText = off === undefined ? '' : '0x' + off.toString(16).padStart(4, '0');
  const where = f.spans.map(spanText).join(', ');
  const kb = explain(f);
  const filter = displayFilter(f);
  const flt = filter
    ? ` <code class="flt">${esc(f.filter)}</code><button type="button" class="copy" data-copy="${esc(filter)}" title="copy display filter: ${esc(filter)}" hidden>copy</button>`
    : '';
  const bad = f.malformed !== undefined ? ` <strong class="malformed">malformed: ${esc(f.malformed)}</strong>` : '';
  const frames = [...new Set(f.spans.filter(isFrameSpan).map((s) => s.frame))];
  const multi = frames.length > 1 ? ` <span class="xseg">spans frames ${frames.join(', ')}</span>` : '';
  const cells =
    `<span class="off" title="${esc(where)}">${offText}</span>` +
    `<span class="len">${spansLength(f.spans)}</span>` +
    `<span class="hx">${bytesCell(f, ctx.source)}</span>` +
    `<span class="nm d${Math.min(depth, 9)}">${id ? `<a class="pl" href="#${esc(id)}" aria-label="permalink">¶</a>` : ''}${esc(f.name)}${flt}${multi}</span>` +
    `<span class="val">${esc(valueText(f))}${bad}</span>` +
    `<span class="mean">${kb ? esc(firstSentence(kb.what)) : ''}</span>`;
  const kids = f.children ?? [];
  const idAttr = id ? ` id="${esc(id)}"` : '';
  if (kids.length === 0) return `<div class="row leaf"${idAttr} data-k="${k}" tabindex="0">${cells}</div>`;
  const open = depth < ctx.openDepth ? ' open' : '';
  const inner = kids.map((c) => row(c, ctx, depth + 1)).join('');
  return `<details class="fld"${idAttr}${open}><summary class="row" data-k="${k}">${cells}</summary>${inner}</details>`;
}

/** The field table of a cell: header row plus nested rows for the given roots. */
export function renderRows(roots: readonly Field[], ctx: RowContext, depth = 0): string {
  const head =
    '<div class="row th" aria-hidden="true"><span class="off">offset</span><span class="len">len</span><span class="hx">bytes</span>' +
    '<span class="nm">field</span><span class="val">value</span><span class="mean">meaning</span></div>';
  return `<div class="ftable" role="tree">${head}${roots.map((f) => row(f, ctx, depth)).join('')}</div>`;
}
