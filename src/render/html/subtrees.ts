// Connections of one capture repeat whole subtrees: the same 31 cipher suites, the same
// signature algorithms, the same certificate. On a page of many connections the rows of such a
// subtree are written once; later copies become one row that links to the first.
import { createHash } from 'node:crypto';
import type { Field } from '../../model/field.ts';
import type { ByteSource } from '../bytes.ts';
import type { Permalinks } from '../ids.ts';

/** A subtree with fewer fields than this is cheaper to repeat than to refer to. */
const MIN_FIELDS = 6;

/** Where a subtree was first written in full: its row id and a human label. */
export interface SubtreeShown {
  id: string;
  label: string;
  /** The connection it is in: within one connection everything is written out. */
  conn: number;
}

function sizeOf(f: Field, sizes: Map<Field, number>): number {
  let n = 1;
  for (const c of f.children ?? []) n += sizeOf(c, sizes);
  sizes.set(f, n);
  return n;
}

/** Same name, same filter, same shape, same bytes: the rows would be identical but for their ids. */
function keyOf(f: Field, size: number, source: ByteSource): string {
  const h = createHash('sha1');
  for (const s of f.spans) h.update(source.bytes(s));
  return `${f.name}\u0000${f.filter ?? ''}\u0000${size}\u0000${h.digest('hex')}`;
}

/**
 * Which subtrees of `record` are already on the page in another connection (in `seen`), and
 * registers the others as written here under `label`. Returns the folded subtrees with where their first copy is.
 */
export function planFolds(record: Field, source: ByteSource, links: Permalinks, seen: Map<string, SubtreeShown>, conn: number, label: string): Map<Field, SubtreeShown> {
  const sizes = new Map<Field, number>();
  sizeOf(record, sizes);
  const folded = new Map<Field, SubtreeShown>();
  const visit = (f: Field): void => {
    for (const c of f.children ?? []) {
      const size = sizes.get(c) ?? 1;
      if (size < MIN_FIELDS) continue;
      const key = keyOf(c, size, source);
      const first = seen.get(key);
      if (first && first.conn !== conn) {
        folded.set(c, first);
        continue;
      }
      if (!first) seen.set(key, { id: links.of(c), label, conn });
      visit(c);
    }
  };
  visit(record);
  return folded;
}
