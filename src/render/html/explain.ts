import { walkFields, type Field } from '../../model/field.ts';
import { bpfFilter, explain, scopeOf, type KbEntry } from '../../kb/index.ts';
import { esc, slug } from '../escape.ts';

/** A code snippet with a copy button (the button is hidden until the script runs). */
export function copyable(text: string, cls = 'cmd'): string {
  return `<code class="${cls}">${esc(text)}</code><button type="button" class="copy" data-copy="${esc(text)}" hidden>copy</button>`;
}

/** The page id of an entry rendered once per document (`kb-tls_handshake_type_2`). */
export function entryId(e: KbEntry): string {
  return `kb-${slug(e.key.replace(/==/g, ' '), 60)}`;
}

/** One knowledge-base entry as a definition block (with its page id when `id` is true). */
export function renderEntry(e: KbEntry, id = false): string {
  const bpf = e.bpf
    ? `<dt>tcpdump capture filter</dt><dd>${copyable(`tcpdump -nn '${bpfFilter(e.bpf)}'`)} <a href="#bpf-note">(what it cannot see)</a></dd>`
    : e.noBpf
      ? `<dt>tcpdump capture filter</dt><dd>none: ${esc(e.noBpf)}</dd>`
      : '';
  const pit = e.pitfalls ? `<dt>What goes wrong</dt><dd>${esc(e.pitfalls)}</dd>` : '';
  return (
    `<div class="kbe"${id ? ` id="${entryId(e)}"` : ''}><h5>${esc(e.title)} <span class="rfc">${esc(e.rfc)}</span></h5><dl>` +
    `<dt>What it is</dt><dd>${esc(e.what)}</dd><dt>How to read it</dt><dd>${esc(e.read)}</dd>${pit}` +
    `<dt>Wireshark display filter</dt><dd>${copyable(e.display, 'flt')}</dd>${bpf}</dl></div>`
  );
}

/**
 * The explanations of every kind of field in the given trees, first appearance first. With a
 * `shown` set shared by a whole page, each entry is written once (where it first appears) and
 * later cells link to it: a walkthrough of many connections would otherwise repeat them all.
 */
export function renderExplanations(roots: readonly Field[], shown?: Set<KbEntry>, linkEarlier = true): string {
  const here = new Set<KbEntry>();
  for (const root of roots) {
    const scope = scopeOf(root);
    for (const f of walkFields([root])) {
      const e = explain(f, scope);
      if (e) here.add(e);
    }
  }
  if (here.size === 0) return '';
  const fresh = shown ? [...here].filter((e) => !shown.has(e)) : [...here];
  const earlier = shown ? [...here].filter((e) => shown.has(e)) : [];
  for (const e of fresh) shown?.add(e);
  const body = fresh.map((e) => renderEntry(e, shown !== undefined)).join('');
  const links = earlier.length && linkEarlier
    ? `<p class="kbref">Explained above: ${earlier.map((e) => `<a href="#${entryId(e)}">${esc(e.title)}</a>`).join(' · ')}</p>`
    : '';
  if (fresh.length === 0) return links ? `<div class="kb">${links}</div>` : '';
  return `<details class="kb"><summary>Explanations (${fresh.length})</summary>${body}${links}</details>`;
}
