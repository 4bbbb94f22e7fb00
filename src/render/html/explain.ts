import { walkFields, type Field } from '../../model/field.ts';
import { bpfFilter, explain, type KbEntry } from '../../kb/index.ts';
import { esc } from '../escape.ts';

/** A code snippet with a copy button (the button is hidden until the script runs). */
export function copyable(text: string, cls = 'cmd'): string {
  return `<code class="${cls}">${esc(text)}</code><button type="button" class="copy" data-copy="${esc(text)}" hidden>copy</button>`;
}

/** One knowledge-base entry as a definition block. */
export function renderEntry(e: KbEntry): string {
  const bpf = e.bpf
    ? `<dt>tcpdump capture filter</dt><dd>${copyable(`tcpdump -nn '${bpfFilter(e.bpf)}'`)} <a href="#bpf-note">(what it cannot see)</a></dd>`
    : e.noBpf
      ? `<dt>tcpdump capture filter</dt><dd>none: ${esc(e.noBpf)}</dd>`
      : '';
  const pit = e.pitfalls ? `<dt>What goes wrong</dt><dd>${esc(e.pitfalls)}</dd>` : '';
  return (
    `<div class="kbe"><h5>${esc(e.title)} <span class="rfc">${esc(e.rfc)}</span></h5><dl>` +
    `<dt>What it is</dt><dd>${esc(e.what)}</dd><dt>How to read it</dt><dd>${esc(e.read)}</dd>${pit}` +
    `<dt>Wireshark display filter</dt><dd>${copyable(e.display, 'flt')}</dd>${bpf}</dl></div>`
  );
}

/** The explanations of every kind of field in the given trees, first appearance first. */
export function renderExplanations(roots: readonly Field[]): string {
  const seen = new Set<KbEntry>();
  for (const f of walkFields(roots)) {
    const e = explain(f);
    if (e) seen.add(e);
  }
  if (seen.size === 0) return '';
  const body = [...seen].map(renderEntry).join('');
  return `<details class="kb"><summary>Explanations (${seen.size})</summary>${body}</details>`;
}
