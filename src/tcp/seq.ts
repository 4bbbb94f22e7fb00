/** TCP sequence-number arithmetic (RFC 9293 §3.4): 32-bit numbers that wrap. */

const WRAP = 2 ** 32;

/**
 * The stream offset of raw sequence number `seq`, given the raw number of offset 0 (`base`) and
 * an offset already seen nearby (`near`). Of all offsets congruent to `seq - base` mod 2^32, the
 * one closest to `near` wins, so streams longer than 4 GiB and wraparound both come out right.
 */
export function unwrapSeq(seq: number, base: number, near: number): number {
  const rel32 = (seq - base + WRAP) % WRAP;
  return rel32 + Math.round((near - rel32) / WRAP) * WRAP;
}

/** `seq + n` modulo 2^32. */
export function addSeq(seq: number, n: number): number {
  return (seq + n) % WRAP;
}
