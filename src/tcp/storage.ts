// Where reassembled bytes live. Allocating an ArrayBuffer costs microseconds whatever its size and
// adds to the external memory that drives V8's collections, and a capture has thousands of small
// streams of a few segments each: so streams being reassembled fill fixed-size blocks carved from
// large slabs and recycled, and finished chunks get exact-size bytes, small ones carved from
// shared blocks.

/** log2 of the staging block size. */
export const BLOCK_SHIFT = 11;
/** Bytes per staging block: a power of two, so a stream offset splits with a shift and a mask. */
export const BLOCK_SIZE = 1 << BLOCK_SHIFT;
export const BLOCK_MASK = BLOCK_SIZE - 1;
const SLAB_SIZE = 1 << 20;
/** Finished chunks up to this size share blocks of FINAL_BLOCK bytes. */
const FINAL_SHARED_MAX = 8192;
const FINAL_BLOCK = 1 << 16;

/**
 * Staging blocks and finished-chunk bytes for one reassembler. Staging memory is recycled, so it
 * stays at the peak of bytes held by unfinished streams. A kept finished chunk keeps its 64 KiB
 * block alive; blocks fill with chunks finished together, which a streaming consumer drops together.
 */
export class StreamStorage {
  private free: Uint8Array[] = [];
  private slab = new Uint8Array(0);
  private slabUsed = 0;
  private final = new Uint8Array(0);
  private finalUsed = 0;

  /** An empty staging block (its old contents are garbage). */
  takeBlock(): Uint8Array {
    const recycled = this.free.pop();
    if (recycled) return recycled;
    if (this.slabUsed + BLOCK_SIZE > this.slab.length) {
      this.slab = new Uint8Array(SLAB_SIZE);
      this.slabUsed = 0;
    }
    this.slabUsed += BLOCK_SIZE;
    return this.slab.subarray(this.slabUsed - BLOCK_SIZE, this.slabUsed);
  }

  /** Takes staging blocks back for reuse. */
  giveBlocks(blocks: readonly Uint8Array[]): void {
    for (const b of blocks) this.free.push(b);
  }

  /** Zeroed bytes of exactly `length` for a finished chunk. */
  allocFinal(length: number): Uint8Array {
    if (length > FINAL_SHARED_MAX) return new Uint8Array(length);
    if (this.finalUsed + length > this.final.length) {
      this.final = new Uint8Array(FINAL_BLOCK);
      this.finalUsed = 0;
    }
    this.finalUsed += length;
    return this.final.subarray(this.finalUsed - length, this.finalUsed);
  }

  /** Lets go of all staging memory: nothing more will be reassembled. */
  release(): void {
    this.free = [];
    this.slab = new Uint8Array(0);
    this.slabUsed = 0;
  }
}
