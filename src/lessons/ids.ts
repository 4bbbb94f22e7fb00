// A lesson page holds many directive cells, each rendered on its own with the walkthrough's
// permalinks (`c1-r3`, `c1-client_hello`, the ladder's `ah1` marker). The same record shown twice
// (stream view, then wire view) would repeat every id: invalid HTML, and a "¶" link or a URL
// fragment would open the first copy instead of the one the reader is looking at.

const ID_ATTR = /\sid="([^"]+)"/g;
const REFS = /(\sid="|href="#|url\(#)([^")]+)/g;

/**
 * Renames the ids of `html` that an earlier cell of the page already used (`X` becomes `X-Lline`)
 * together with the references inside the same cell, and records every id now taken in `used`.
 * References to ids the cell does not define keep pointing at the earlier cell: a ladder's
 * arrows still lead to the first cell that shows the message.
 */
export function uniqueIds(html: string, used: Set<string>, line: number): string {
  const mine = new Set<string>();
  for (const m of html.matchAll(ID_ATTR)) mine.add(m[1]!);
  const renamed = new Map<string, string>();
  for (const id of mine) {
    if (!used.has(id)) continue;
    let to = `${id}-L${line}`;
    for (let n = 2; used.has(to) || mine.has(to); n++) to = `${id}-L${line}-${n}`;
    renamed.set(id, to);
  }
  for (const id of mine) used.add(renamed.get(id) ?? id);
  if (renamed.size === 0) return html;
  return html.replace(REFS, (all: string, pre: string, id: string) => {
    const to = renamed.get(id);
    return to === undefined ? all : `${pre}${to}`;
  });
}
