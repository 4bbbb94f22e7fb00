// The DecodedFrame of a frame, and its header fields made when asked for, not kept: a walkthrough
// of a big capture shows every frame's headers once, and 81,000 frames of header fields held at
// once cost gigabytes.
import type { Frame } from './capture/frame.ts';
import { decodeFrameHeaders } from './link/decode.ts';
import type { DecodedFrame } from './model/decoded.ts';
import type { Field } from './model/field.ts';

/**
 * The header fields of the frames most recently asked for (a hit counts as asked for: the least
 * recently asked for is dropped first). A frame asked for again while it is here gets the same
 * Field objects (renderers index fields by identity within a record's frames).
 */
export class FrameFieldCache {
  private readonly recent = new Map<number, Field[]>();

  constructor(private readonly capacity = 4096) {}

  /** The fields of `frame`, decoded now unless recently decoded. */
  fieldsOf(frame: Frame): Field[] {
    const hit = this.recent.get(frame.number);
    if (hit !== undefined) {
      // To the back of the Map's insertion order, the newest end.
      this.recent.delete(frame.number);
      this.recent.set(frame.number, hit);
      return hit;
    }
    const fields = decodeFrameHeaders(frame).fields;
    if (this.recent.size >= this.capacity) this.recent.delete(this.recent.keys().next().value!);
    this.recent.set(frame.number, fields);
    return fields;
  }

  /** Drops every frame's fields: a streamed page is done with a connection's frames once it is rendered. */
  clear(): void {
    this.recent.clear();
  }
}

/** The DecodedFrame of a frame with the given header fields (and bytes: its own unless others are given). */
export function decodedFrame(frame: Frame, fields: Field[], data: Uint8Array = frame.data): DecodedFrame {
  const f: DecodedFrame = { number: frame.number, timeNs: frame.timeNs, origLength: frame.origLength, data, fields };
  if (frame.line !== undefined) f.line = frame.line;
  return f;
}

/** A DecodedFrame whose `fields` are decoded on access through `cache` (an enumerable property, as a plain one). */
export function lazyDecodedFrame(frame: Frame, cache: FrameFieldCache): DecodedFrame {
  const f = decodedFrame(frame, []);
  let assigned: Field[] | undefined;
  Object.defineProperty(f, 'fields', {
    enumerable: true,
    configurable: true,
    get: () => assigned ?? cache.fieldsOf(frame),
    set: (v: Field[]) => {
      assigned = v;
    },
  });
  return f;
}
