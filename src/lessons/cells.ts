import type { DecodedCapture, MessageRef } from '../model/decoded.ts';
import type { Field } from '../model/field.ts';
import { ByteSource } from '../render/bytes.ts';
import { esc } from '../render/escape.ts';
import { renderCalculation } from '../render/html/calc.ts';
import { renderRecordCell } from '../render/html/cell.ts';
import { renderLadder } from '../render/html/ladder.ts';
import { Permalinks } from '../render/ids.ts';
import { LessonError, type Directive } from './fence.ts';
import { missingFields, select } from './select.ts';

/** Computes the HTML of one directive, or fails with `lesson FILE:LINE: reason`. */
export function renderDirective(capture: DecodedCapture, d: Directive, file: string): string {
  const sel = select(capture, d.select);
  if (typeof sel === 'string') throw new LessonError(file, d.line, `${sel} (capture ${d.capture})`);
  const conn = sel.conn;
  const links = new Permalinks(conn);
  const source = new ByteSource(capture, conn);
  const keys = d.keylog ? `, decrypted with <code>${esc(d.keylog)}</code>` : '';
  const caption = `<p class="meta">From <code>${esc(d.capture)}</code>${keys}, connection ${conn.id}: ${esc(conn.client)} → ${esc(conn.server)}</p>`;
  if (sel.kind === 'calc') {
    if (d.fields.length > 0) throw new LessonError(file, d.line, 'fields= needs a record or message selection, not calculations');
    return `<div class="wb-directive">${caption}${sel.calcs.map((c) => renderCalculation(c, conn.id, d.secrets)).join('')}</div>`;
  }
  if (sel.kind === 'ladder') {
    if (d.fields.length > 0) throw new LessonError(file, d.line, 'fields= needs a record or message selection, not a ladder');
    const t0 = source.frame(conn.firstFrame)?.timeNs ?? 0n;
    const timeOf = (m: MessageRef): bigint | undefined => m.timeNs ?? source.frame(m.frame)?.timeNs;
    return `<div class="wb-directive">${caption}${renderLadder(conn, links, timeOf, t0)}</div>`;
  }
  const missing = missingFields(sel.record, d.fields);
  if (missing.length > 0) {
    throw new LessonError(file, d.line, `the decoder produces no field ${missing.map((m) => `"${m}"`).join(', ')} in ${d.select} (capture ${d.capture})`);
  }
  const messageOf = new Map<Field, MessageRef>();
  for (const m of conn.messages) if (m.field) messageOf.set(m.field, m);
  const cell = renderRecordCell(sel.record, sel.recordNo, { conn, source, links, messageOf, view: d.view, noExplanations: !d.explain, openDepth: 3, ...(d.fields.length > 0 ? { openFor: new Set(d.fields) } : {}) });
  return `<div class="wb-directive">${caption}${cell}</div>`;
}
