/**
 * The STARTTLS preamble as framed units: one unit per plaintext message (a line, an XML tag, a BER
 * message), so that merging both directions by frame interleaves the banner, the commands and the
 * answers as they crossed the wire, and the summary shows one row per message.
 */
import { isFrameSpan } from '../../model/span.ts';
import type { FramedUnit } from '../record.ts';
import { berLength, type StartTlsProtocol } from './detect.ts';

/** The problem string that marks preamble bytes in framed units (set by `frameDirection`). */
export const PREAMBLE = 'before TLS starts';

/** Ends (exclusive) of the messages in `b[start, end)`: the cut points inside a preamble. */
export function messageEnds(b: Uint8Array, start: number, end: number, protocol: StartTlsProtocol): number[] {
  const ends: number[] = [];
  let at = start;
  while (at < end) {
    const next = messageEnd(b, at, end, protocol);
    ends.push(next);
    at = next;
  }
  return ends;
}

/** End of the message starting at `at`; never beyond `end`, always past `at`. */
function messageEnd(b: Uint8Array, at: number, end: number, protocol: StartTlsProtocol): number {
  const view = b.subarray(at, end);
  let len: number;
  if (protocol === 'postgresql') {
    // The SSLRequest is 8 bytes; the answer is the single byte 'S'.
    len = b[at] === 0x00 ? 8 : 1;
  } else if (protocol === 'ldap') {
    len = berLength(b.subarray(0, end), at)?.total ?? view.length;
  } else if (protocol === 'xmpp') {
    // A tag runs to its '>', text to the next '<' (as annotateXmpp splits it).
    const lt = view.indexOf(0x3c);
    const gt = view.indexOf(0x3e);
    len = lt === 0 ? (gt < 0 ? view.length : gt + 1) : lt < 0 ? view.length : lt;
  } else {
    const nl = view.indexOf(0x0a);
    len = nl < 0 ? view.length : nl + 1;
  }
  return at + Math.max(1, Math.min(len, view.length));
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
      const firstFrame = frameAt(u, start);
      const lastFrame = frameAt(u, end - 1);
      ready = Math.max(ready, firstFrame, lastFrame);
      out.push({ ...u, start, end, firstFrame, lastFrame, readyFrame: ready });
      start = end;
    }
  }
  return out;
}

function frameAt(u: FramedUnit, offset: number): number {
  const s = u.map.locate(offset, 1)[0];
  return s && isFrameSpan(s) ? s.frame : 0;
}
