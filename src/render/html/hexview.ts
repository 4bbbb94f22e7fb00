import { asciiOf, esc } from '../escape.ts';
import type { ByteView } from '../bytes.ts';
import type { CellIndex } from './cellindex.ts';

const HEX = Array.from({ length: 256 }, (_, i) => i.toString(16).padStart(2, '0'));
const ASCII = Array.from({ length: 256 }, (_, i) => esc(asciiOf(i)));

/** A leaf longer than this many bytes shows only its first LONG_LEAF_SHOWN bytes in a hex view. */
export const LONG_LEAF = 512;
/** How much of a long leaf (encrypted application data, an opaque TLS 1.3 record) is printed. */
export const LONG_LEAF_SHOWN = 128;

/** Bytes to show, painted with field keys; offsets printed from `base`. */
export interface HexInput {
  view: ByteView;
  /** Field key per byte (from `CellIndex.paint`), -1 for none. */
  keys: Int32Array;
  base?: number;
  /** Printed before the rows (e.g. `frame 6`). */
  caption?: string;
  /** Rows (of 16 bytes) to print; the others collapse into one "skipped" line. All when absent. */
  showRow?: (row: number) => boolean;
  /** Leaves longer than this are cut to their first LONG_LEAF_SHOWN bytes (default LONG_LEAF; Infinity: never). */
  longLeaf?: number;
}

function classOf(index: CellIndex, k: number): string {
  if (k < 0) return 'b';
  const c = index.colour[k]!;
  return c < 0 ? 'b own' : `b c${c}`;
}

/** Renders one run of same-field bytes for the hex or ASCII column. */
function run(index: CellIndex, k: number, text: string): string {
  const kAttr = k < 0 ? '' : ` data-k="${k}"`;
  const mal = k >= 0 && index.fields[k]!.malformed !== undefined ? ' bad' : '';
  return `<span class="${classOf(index, k)}${mal}"${kAttr}>${text}</span>`;
}

/** Rows that lie wholly inside a long leaf past its shown part: row number → that leaf's key. */
function longLeafRows(index: CellIndex, keys: Int32Array, longLeaf: number): Map<number, number> {
  const hidden = new Map<number, number>();
  let i = 0;
  while (i < keys.length) {
    const k = keys[i]!;
    let j = i + 1;
    while (j < keys.length && keys[j] === k) j++;
    if (k >= 0 && index.colour[k]! >= 0 && j - i > longLeaf) {
      const firstHidden = Math.ceil((i + LONG_LEAF_SHOWN) / 16);
      for (let r = firstHidden; (r + 1) * 16 <= j; r++) hidden.set(r, k);
    }
    i = j;
  }
  return hidden;
}

/**
 * A hex dump in rows of 16: offset, hex bytes, ASCII; consecutive bytes of the same field share
 * one coloured span carrying the field's key (the script lights rows from it). Rows are never
 * reflowed: what is shown sits at its true offset, and every hidden run says how many bytes it holds.
 */
export function renderHex(index: CellIndex, input: HexInput): string {
  const { keys } = input;
  const bytes = input.view.bytes;
  const base = input.base ?? 0;
  const long = longLeafRows(index, keys, input.longLeaf ?? LONG_LEAF);
  const rows: string[] = [];
  let skipped = 0;
  let skippedLeaf = -1;
  const flush = (): void => {
    if (skipped > 0) {
      const what = skippedLeaf >= 0 ? `more bytes of ${esc(index.fields[skippedLeaf]!.name)} not shown (the field table has them)` : 'bytes of other records not shown';
      rows.push(`<span class="skip">   ⋮ ${skipped.toLocaleString('en-US')} ${what}</span>`);
    }
    skipped = 0;
    skippedLeaf = -1;
  };
  for (let line = 0; line < bytes.length; line += 16) {
    const r = line / 16;
    const leaf = long.get(r);
    const hide = leaf !== undefined || (input.showRow !== undefined && !input.showRow(r));
    if (hide) {
      const kind = leaf ?? -1;
      if (skipped > 0 && kind !== skippedLeaf) flush();
      skippedLeaf = kind;
      skipped += Math.min(16, bytes.length - line);
      continue;
    }
    flush();
    const end = Math.min(bytes.length, line + 16);
    let hex = '';
    let ascii = '';
    let i = line;
    while (i < end) {
      const k = keys[i]!;
      let j = i + 1;
      while (j < end && keys[j] === k) j++;
      let h = '';
      let a = '';
      for (let x = i; x < j; x++) {
        h += HEX[bytes[x]!]! + (x + 1 < j ? (x % 16 === 7 ? '  ' : ' ') : '');
        a += ASCII[bytes[x]!]!;
      }
      hex += run(index, k, h) + (j < end ? (j % 16 === 8 ? '  ' : ' ') : '');
      ascii += run(index, k, a);
      i = j;
    }
    const n = end - line;
    const pad = ' '.repeat(48 - (3 * n - 1 + (n > 8 ? 1 : 0)));
    const off = (base + line).toString(16).padStart(4, '0');
    rows.push(`<span class="o">${off}</span>  ${hex}${pad}  <span class="a">${ascii}</span>`);
  }
  flush();
  const cap = input.caption ? `<div class="hexcap">${esc(input.caption)}</div>` : '';
  return `${cap}<pre class="hex" aria-label="hex dump">${rows.join('\n')}</pre>`;
}
