import type { Field } from '../../model/field.ts';
import { locOf, type ByteLoc } from '../bytes.ts';

/** Palette size for leaf colours (classes `c0`..`c7` in the CSS). */
export const PALETTE = 8;

/**
 * Numbers the fields shown in one cell (`data-k`) and maps every byte location to the deepest
 * field covering it, so a byte can light its row and a row its bytes without the page knowing
 * anything about TLS.
 */
export class CellIndex {
  readonly keys = new Map<Field, number>();
  readonly fields: Field[] = [];
  readonly depth: number[] = [];
  private readonly byLoc = new Map<ByteLoc, number>();
  /** Which `add` call owns a byte: a later tree (frame headers, `tcp.payload`) never repaints an earlier one. */
  private readonly owner = new Map<ByteLoc, number>();
  private generation = 0;
  private leaves = 0;
  readonly colour: number[] = [];

  /** Registers a tree (parents before children, so children win the byte map). */
  add(roots: readonly Field[]): void {
    this.generation++;
    this.addTree(roots, 0);
  }

  private addTree(roots: readonly Field[], depth: number): void {
    const gen = this.generation;
    for (const f of roots) {
      const k = this.fields.length;
      this.keys.set(f, k);
      this.fields.push(f);
      this.depth.push(depth);
      const leaf = !f.children || f.children.length === 0;
      this.colour.push(leaf ? this.leaves++ % PALETTE : -1);
      for (const s of f.spans) {
        for (let i = 0; i < s.length; i++) {
          const loc = locOf(s, i);
          if ((this.owner.get(loc) ?? gen) < gen) continue;
          this.owner.set(loc, gen);
          this.byLoc.set(loc, k);
        }
      }
      if (!leaf) this.addTree(f.children!, depth + 1);
    }
  }

  /** The deepest field over a byte, if any. */
  at(loc: ByteLoc): number | undefined {
    return this.byLoc.get(loc);
  }

  key(field: Field): number {
    return this.keys.get(field) ?? -1;
  }
}
