// Fields over a protected record's body (explicit nonce, encrypted content, MAC, padding, tag),
// with spans into the frames that carried it, so the ciphertext is annotated like any other bytes.
import type { Direction } from '../capture/frame.ts';
import { SegmentByteMap, ShiftedByteMap } from '../model/bytemap.ts';
import type { Field } from '../model/field.ts';
import { toHex } from '../model/hex.ts';
import type { Connection } from '../tcp/types.ts';

/** One part of the ciphertext, in order; lengths must add up to the fragment length. */
export interface CipherPart {
  name: string;
  length: number;
  display?: string;
  kb?: string;
  filter?: string;
}

/** Maps a record's fragment bytes to frame spans through the reassembled stream. */
export class FragmentLocator {
  constructor(private readonly conn: Connection) {}

  /** Fields for `parts` of the fragment of the record whose header starts at `streamOffset`, under one parent. */
  fields(dir: Direction, streamOffset: number, fragment: Uint8Array, title: string, parts: readonly CipherPart[]): Field[] {
    const chunk = this.conn[dir].chunks.find((c) => c.start <= streamOffset && streamOffset < c.start + c.bytes.length);
    if (!chunk) return [];
    const map = new ShiftedByteMap(new SegmentByteMap(chunk.segments), streamOffset - chunk.start + 5);
    const children: Field[] = [];
    let at = 0;
    for (const p of parts) {
      if (p.length <= 0) continue;
      const f: Field = { name: p.name, value: toHex(fragment.subarray(at, at + p.length)), spans: map.locate(at, p.length) };
      if (p.filter !== undefined) f.filter = p.filter;
      if (p.display !== undefined) f.display = p.display;
      f.kb = p.kb ?? `tls.decrypt.${p.name.toLowerCase().replace(/[^a-z0-9]+/g, '_')}`;
      children.push(f);
      at += p.length;
    }
    if (at !== fragment.length) return [];
    return [{ name: title, filter: 'tls.app_data', display: `${title} (${fragment.length} bytes)`, spans: map.locate(0, fragment.length), kb: 'tls.decrypt.record', children }];
  }
}
