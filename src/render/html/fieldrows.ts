import type { Field } from '../../model/field.ts';
import { isFrameSpan, spansLength } from '../../model/span.ts';
import { explain, scopeOf, type KbScope } from '../../kb/index.ts';
import { spanText, type ByteSource, type ByteView } from '../bytes.ts';
import { esc } from '../escape.ts';
import type { Permalinks } from '../ids.ts';
import type { CellIndex } from './cellindex.ts';
import type { SubtreeShown } from './subtrees.ts';

/** What the rows need to know about the cell they sit in. */
export interface RowContext {
  index: CellIndex;
  links: Permalinks;
  source: ByteSource;
  /** The cell's stream view (the offset column counts from its first byte). */
  view: ByteView;
  /** Rows deeper than this start closed (print and "open all" open them). */
  openDepth: number;
  /** When given (a lesson names these filters), rows start open only on the way to those fields. */
  openFor?: ReadonlySet<string>;
  /** False for rows shown more than once (frame headers): they get no id. */
  anchors: boolean;
  /** Rows for pages of many connections: no meaning column, no span tooltip, no ¶ (the row keeps its id). */
  compact?: boolean;
  /** Subtrees already written on the page: one row linking to the first copy. */
  folded?: ReadonlyMap<Field, SubtreeShown>;
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

const sentences = new Map<string, string>();

/** The first sentence of a text (cached: every row of a kind shows the same one). */
function firstSentence(text: string): string {
  let s = sentences.get(text);
  if (s === undefined) {
    const m = /^.*?\.(\s|$)/.exec(text);
    s = (m ? m[0] : text).trim();
    sentences.set(text, s);
  }
  return s;
}

function countAll(f: Field): number {
  let n = 1;
  for (const c of f.children ?? []) n += countAll(c);
  return n;
}

/** One field row: its cells, and its children nested in a <details> when it has any (`ways`: see waysTo). */
function row(f: Field, ctx: RowContext, depth: number, scope: KbScope | undefined, ways: ReadonlySet<Field> | undefined): string {
  const k = ctx.index.key(f);
  const id = ctx.anchors ? ctx.links.of(f) : undefined;
  const first = f.spans[0];
  const off = first ? ctx.view.position(first) : undefined;
  // Decrypted fields are not in the record's stream: their offset counts in the plaintext (the
  // Decrypted view), set in italics with a tooltip so it is not read as a record offset.
  const offText =
    off !== undefined
      ? '0x' + off.toString(16).padStart(4, '0')
      : first && !isFrameSpan(first)
        ? `<i class="pt" title="offset in the decrypted plaintext">0x${first.offset.toString(16).padStart(4, '0')}</i>`
        : '';
  const where = ctx.compact ? '' : f.spans.map(spanText).join(', ');
  const kb = ctx.compact ? undefined : explain(f, scope);
  const filter = displayFilter(f);
  // The copy button is made by the script on first hover (it could not work without it, and
  // one button per row made up a fifth of a big walkthrough).
  const flt = filter ? ` <code class="flt"${filter !== f.filter ? ` data-f="${esc(filter)}"` : ''}>${esc(f.filter)}</code>` : '';
  const bad = f.malformed !== undefined ? ` <strong class="malformed">malformed: ${esc(f.malformed)}</strong>` : '';
  const frames = [...new Set(f.spans.filter(isFrameSpan).map((s) => s.frame))];
  const multi = frames.length > 1 ? ` <span class="xseg">spans frames ${frames.join(', ')}</span>` : '';
  const same = ctx.folded?.get(f);
  const sameLink = same ? ` <a class="same" href="#${esc(same.id)}">same ${countAll(f) - 1} fields as ${esc(same.label)}</a>` : '';
  const c = ctx.compact === true;
  const cells =
    (c ? `<span class="off">${offText}</span>` : `<span class="off" title="${esc(where)}">${offText}</span>`) +
    `<span class="len">${spansLength(f.spans)}</span>` +
    `<span class="hx">${bytesCell(f, ctx.source)}</span>` +
    `<span class="nm d${Math.min(depth, 9)}">${id && !c ? `<a class="pl" href="#${esc(id)}" aria-label="permalink">¶</a>` : ''}${esc(f.name)}${flt}${multi}</span>` +
    `<span class="val">${esc(valueText(f))}${bad}${sameLink}</span>` +
    (c ? '' : `<span class="mean">${kb ? esc(firstSentence(kb.what)) : ''}</span>`);
  const kids = f.children ?? [];
  const idAttr = id ? ` id="${esc(id)}"` : '';
  if (same) return `<div class="row leaf folded"${idAttr} data-k="${k}" tabindex="0">${cells}</div>`;
  if (kids.length === 0) return `<div class="row leaf"${idAttr} data-k="${k}" tabindex="0">${cells}</div>`;
  const open = (ways ? depth === 0 || ways.has(f) : depth < ctx.openDepth) ? ' open' : '';
  const inner = kids.map((c) => row(c, ctx, depth + 1, scope, ways)).join('');
  return `<details class="fld"${idAttr}${open}><summary class="row" data-k="${k}">${cells}</summary>${inner}</details>`;
}

/**
 * The fields on the way to one with a filter in `filters`: every strict ancestor of such a field,
 * found in one walk of the cell's trees (rather than a walk of each row's subtree).
 */
function waysTo(roots: readonly Field[], filters: ReadonlySet<string>): Set<Field> {
  const ways = new Set<Field>();
  const visit = (f: Field): boolean => {
    let leads = false;
    for (const c of f.children ?? []) if (visit(c) || (c.filter !== undefined && filters.has(c.filter))) leads = true;
    if (leads) ways.add(f);
    return leads;
  };
  for (const r of roots) visit(r);
  return ways;
}

/** The field table of a cell: header row plus nested rows for the given roots. */
export function renderRows(roots: readonly Field[], ctx: RowContext, depth = 0): string {
  const ways = ctx.openFor ? waysTo(roots, ctx.openFor) : undefined;
  const head =
    '<div class="row th" aria-hidden="true"><span class="off">offset</span><span class="len">len</span><span class="hx">bytes</span>' +
    `<span class="nm">field</span><span class="val">value</span>${ctx.compact ? '' : '<span class="mean">meaning</span>'}</div>`;
  return `<div class="ftable${ctx.compact ? ' compact' : ''}" role="tree">${head}${roots.map((f) => row(f, ctx, depth, scopeOf(f), ways)).join('')}</div>`;
}
