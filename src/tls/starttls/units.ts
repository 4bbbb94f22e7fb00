/**
 * The STARTTLS preamble as framed units: one unit per plaintext message (a line, an XML tag, a BER
 * message), so that merging both directions by frame interleaves the banner, the commands and the
 * answers as they crossed the wire, and the summary shows one row per message.
 */
import { makeUnit, PREAMBLE, type FramedUnit } from '../record.ts';
import { messageLength } from './annotate.ts';
import type { StartTlsProtocol } from './detect.ts';

/** Ends (exclusive) of the messages in `b[start, end)`: the cut points inside a preamble. */
export function messageEnds(b: Uint8Array, start: number, end: number, protocol: StartTlsProtocol): number[] {
  const ends: number[] = [];
  let at = start;
  while (at < end) {
    at += messageLength(b, at, end, protocol);
    ends.push(at);
  }
  return ends;
}

/**
 * Cuts each preamble unit of one direction into message units, with their own first, last and
 * ready frames (a message is ready once it and everything before it arrived); other units pass.
 */
export function splitPreamble(units: FramedUnit[], protocol: StartTlsProtocol | undefined): FramedUnit[] {
  // Most connections have no preamble: hand their units back untouched, no copy.
  if (!protocol || protocol === 'none') return units;
  const out: FramedUnit[] = [];
  let ready = 0;
  for (const u of units) {
    if (u.kind !== 'junk' || u.problem !== PREAMBLE) {
      out.push(u);
      ready = Math.max(ready, u.readyFrame);
      continue;
    }
    let start = u.start;
    for (const end of messageEnds(u.chunk.bytes, u.start, u.end, protocol)) {
      const firstFrame = u.map.frameAt(start);
      const lastFrame = u.map.frameAt(end - 1);
      ready = Math.max(ready, firstFrame, lastFrame);
      out.push(makeUnit(u, { kind: 'junk', start, end, problem: PREAMBLE }, firstFrame, lastFrame, ready));
      start = end;
    }
  }
  return out;
}
