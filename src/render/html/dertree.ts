import { walkFields, type Field } from '../../model/field.ts';
import type { ByteView } from '../bytes.ts';
import { esc } from '../escape.ts';
import { CERT_FILTERS } from './certcard.ts';
import type { CellIndex } from './cellindex.ts';


function depthList(f: Field, depth: number, out: { f: Field; d: number }[]): void {
  out.push({ f, d: depth });
  for (const c of f.children ?? []) depthList(c, depth + 1, out);
}

/**
 * An `openssl asn1parse`-like listing of each certificate in the trees, built from the decoded
 * fields (offset from the certificate's first byte, depth, length, name, value): no re-parsing.
 */
export function renderDerTrees(roots: readonly Field[], index: CellIndex, view: ByteView, skip?: ReadonlyMap<Field, unknown>): string {
  const certs = [...walkFields(roots)].filter((f) => f.filter !== undefined && CERT_FILTERS.has(f.filter) && !skip?.has(f));
  if (certs.length === 0) return '';
  const blocks = certs.map((cert, n) => {
    const base = cert.spans[0] ? (view.position(cert.spans[0]) ?? 0) : 0;
    const rows: { f: Field; d: number }[] = [];
    depthList(cert, 0, rows);
    const lines = rows.map(({ f, d }) => {
      const at = f.spans[0] ? (view.position(f.spans[0]) ?? base) - base : 0;
      const len = f.spans.reduce((s, x) => s + x.length, 0);
      const value = f.display ?? (f.value !== undefined ? String(f.value) : '');
      const v = value.length > 72 ? value.slice(0, 72) + '…' : value;
      const k = index.key(f);
      const head = `${String(at).padStart(5)}:d=${d} l=${String(len).padStart(4)} ${'  '.repeat(d)}`;
      return `<span class="dl" data-k="${k}">${esc(head)}${esc(f.name)}${v ? ' : ' + esc(v) : ''}</span>`;
    });
    const subject = [...walkFields([cert])].find((f) => f.filter === 'x509af.subject' || f.filter === 'x509af.rdnSequence');
    const title = `Certificate ${n + 1}${subject?.display ? ': ' + subject.display : ''}`;
    return `<details class="der"><summary>DER tree · ${esc(title)}</summary><pre>${lines.join('\n')}</pre></details>`;
  });
  return `<div class="ders">${blocks.join('')}</div>`;
}
