import { asciiOf, esc } from '../escape.ts';
import type { ByteLoc } from '../bytes.ts';
import type { CellIndex } from './cellindex.ts';

const HEX = Array.from({ length: 256 }, (_, i) => i.toString(16).padStart(2, '0'));

/** Bytes to show with their locations; `base` is the offset printed for the first byte. */
export interface HexInput {
  bytes: Uint8Array;
  locs: readonly ByteLoc[];
  base?: number;
  /** Printed before the rows (e.g. `frame 6`). */
  caption?: string;
  /** Rows (of 16 bytes) to print; the others collapse into one "skipped" line. All when absent. */
  showRow?: (row: number) => boolean;
}

function classOf(index: CellIndex, k: number | undefined): string {
  if (k === undefined) return 'b';
  const c = index.colour[k]!;
  return c < 0 ? 'b own' : `b c${c}`;
}

/** Renders one run of same-field bytes for the hex or ASCII column. */
function run(index: CellIndex, k: number | undefined, text: string): string {
  const kAttr = k === undefined ? '' : ` data-k="${k}"`;
  const mal = k !== undefined && index.fields[k]!.malformed !== undefined ? ' bad' : '';
  return `<span class="${classOf(index, k)}${mal}"${kAttr}>${text}</span>`;
}

/**
 * A hex dump in rows of 16: offset, hex bytes, ASCII; consecutive bytes of the same field share
 * one coloured span carrying the field's key (the script lights rows from it).
 */
export function renderHex(index: CellIndex, input: HexInput): string {
  const { bytes, locs } = input;
  const base = input.base ?? 0;
  const rows: string[] = [];
  let skipped = 0;
  const flush = (): void => {
    if (skipped > 0) rows.push(`<span class="skip">   ⋮ ${skipped} bytes of other records not shown</span>`);
    skipped = 0;
  };
  for (let line = 0; line < bytes.length; line += 16) {
    if (input.showRow && !input.showRow(line / 16)) {
      skipped += Math.min(16, bytes.length - line);
      continue;
    }
    flush();
    const end = Math.min(bytes.length, line + 16);
    let hex = '';
    let ascii = '';
    let i = line;
    while (i < end) {
      const k = index.at(locs[i]!);
      let j = i + 1;
      while (j < end && index.at(locs[j]!) === k) j++;
      let h = '';
      let a = '';
      for (let x = i; x < j; x++) {
        h += HEX[bytes[x]!]! + (x + 1 < j ? (x % 16 === 7 ? '  ' : ' ') : '');
        a += esc(asciiOf(bytes[x]!));
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
