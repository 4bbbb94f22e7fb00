// The frames of a capture file read in streaming passes, kept for what cites them later (report
// evidence, walkthrough cells, dump hex): the stream reader's frames are views into a buffer it
// reuses, so each frame's bytes are copied here, packed into slabs.
import type { Direction, Frame } from './capture/frame.ts';
import { decodedFrame, type FrameFieldCache } from './frame-fields.ts';
import type { DecodedFrame } from './model/decoded.ts';
import type { Field } from './model/field.ts';

const SLAB = 1 << 20;
const NO_FIELDS: DecodedFrame['fields'] = [];

/**
 * Keeps every frame's bytes packed into 1 MB slabs (one ArrayBuffer per frame would cost more in
 * headers than small frames hold in bytes). `frames[n - 1]` is frame n, as in a whole-capture decode.
 */
export class FrameStore {
  readonly frames: DecodedFrame[] = [];
  private slab = new Uint8Array(SLAB);
  private used = 0;

  /**
   * `fields`: header fields decoded on access through this cache (walkthroughs' wire views), as
   * decodeCaptureDetailed's lazyFrameFields does; without it frames have none (reports, dumps).
   */
  constructor(private readonly fields?: FrameFieldCache) {}

  /** Copies a batch of frames (their bytes are views the reader reuses). */
  add(batch: readonly Frame[]): void {
    for (const frame of batch) {
      const data = this.copy(frame.data);
      this.frames[frame.number - 1] = this.fields ? new LazyFieldsFrame(frame, data, this.fields) : decodedFrame(frame, NO_FIELDS, data);
    }
  }

  private copy(bytes: Uint8Array): Uint8Array {
    if (bytes.length > SLAB / 4) return bytes.slice();
    if (this.used + bytes.length > SLAB) {
      this.slab = new Uint8Array(SLAB);
      this.used = 0;
    }
    const out = this.slab.subarray(this.used, this.used + bytes.length);
    out.set(bytes);
    this.used += bytes.length;
    return out;
  }
}

/**
 * A stored frame whose header fields are decoded when read, through the cache (as
 * lazyDecodedFrame's, with the same Field objects while cached). `fields` is a getter on the
 * prototype, not an own property: a per-frame accessor and its closures cost 1.4 KB a frame,
 * 110 MB for big.pcap's 81,000 frames; this costs what a plain frame does. Nothing spreads or
 * serializes stored frames; renderers and rules only read `fields`.
 */
class LazyFieldsFrame implements DecodedFrame, Frame {
  readonly number: number;
  readonly timeNs: bigint;
  readonly linkType: number;
  readonly origLength: number;
  readonly interfaceId: number;
  declare line?: number;
  declare direction?: Direction;
  declare rebuiltHeader?: Frame['rebuiltHeader'];

  constructor(
    frame: Frame,
    readonly data: Uint8Array,
    private readonly cache: FrameFieldCache,
  ) {
    this.number = frame.number;
    this.timeNs = frame.timeNs;
    this.linkType = frame.linkType;
    this.origLength = frame.origLength;
    this.interfaceId = frame.interfaceId;
    // Only what the frame has: decoders test these for presence.
    if (frame.line !== undefined) this.line = frame.line;
    if (frame.direction !== undefined) this.direction = frame.direction;
    if (frame.rebuiltHeader !== undefined) this.rebuiltHeader = frame.rebuiltHeader;
  }

  get fields(): Field[] {
    return this.cache.fieldsOf(this);
  }
}
