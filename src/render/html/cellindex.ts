import type { Field } from '../../model/field.ts';
import { sourceKey, type ByteView } from '../bytes.ts';

/** Palette size for leaf colours (classes `c0`..`c7` in the CSS). */
export const PALETTE = 8;

/** One span of one field, in the order fields were added (parents before children). */
interface Segment {
  src: string;
  offset: number;
  length: number;
  k: number;
  gen: number;
}

/**
 * Numbers the fields shown in one cell (`data-k`) and paints each view's bytes with the deepest
 * field covering them, so a byte can light its row and a row its bytes without the page knowing
 * anything about TLS. Painting works span by span into typed arrays: no per-byte map keys.
 */
export class CellIndex {
  readonly keys = new Map<Field, number>();
  readonly fields: Field[] = [];
  readonly depth: number[] = [];
  readonly colour: number[] = [];
  private readonly segments: Segment[] = [];
  private generation = 0;
  private leaves = 0;

  /** Registers a tree (parents before children, so children win the byte map); `stop` fields count as leaves. */
  add(roots: readonly Field[], stop?: ReadonlyMap<Field, unknown>): void {
    this.generation++;
    this.addTree(roots, 0, stop);
  }

  private addTree(roots: readonly Field[], depth: number, stop: ReadonlyMap<Field, unknown> | undefined): void {
    for (const f of roots) {
      const k = this.fields.length;
      this.keys.set(f, k);
      this.fields.push(f);
      this.depth.push(depth);
      const leaf = !f.children || f.children.length === 0 || stop?.has(f) === true;
      this.colour.push(leaf ? this.leaves++ % PALETTE : -1);
      for (const s of f.spans) this.segments.push({ src: sourceKey(s), offset: s.offset, length: s.length, k, gen: this.generation });
      if (!leaf) this.addTree(f.children!, depth + 1, stop);
    }
  }

  /**
   * The field key of every byte of a view (-1: no field). Within one `add` the deeper (later)
   * field wins; a later `add` (frame headers, `tcp.payload`) never repaints bytes an earlier one owns.
   */
  paint(view: ByteView): Int32Array {
    const keys = new Int32Array(view.bytes.length).fill(-1);
    const owner = new Int32Array(view.bytes.length);
    for (const s of this.segments) {
      for (const p of view.pieces) {
        if (p.src !== s.src) continue;
        const lo = Math.max(s.offset, p.offset);
        const hi = Math.min(s.offset + s.length, p.offset + p.length);
        for (let o = lo; o < hi; o++) {
          const pos = p.at + o - p.offset;
          if (owner[pos]! !== 0 && owner[pos]! < s.gen) continue;
          owner[pos] = s.gen;
          keys[pos] = s.k;
        }
      }
    }
    return keys;
  }

  key(field: Field): number {
    return this.keys.get(field) ?? -1;
  }
}
