// Heartbeat (RFC 6520): the one message whose length field is a claim about the peer's memory.
// A payload_length larger than the record is the Heartbleed probe (CVE-2014-0160): a vulnerable
// peer copies that many bytes back, most of them from beyond the record it received.
import type { Cursor } from '../model/cursor.ts';
import { MALFORMED_FILTER } from '../model/field.ts';
import { heartbeatMessageTypes } from './names.ts';

/** RFC 6520 §4: the padding is at least 16 bytes, so a valid message is 3 + payload_length + ≥ 16 bytes. */
const MIN_PADDING = 16;

/**
 * HeartbeatMessage (RFC 6520 §4): type, payload_length, payload, padding (the rest of the record).
 * An overrunning payload_length gets a malformed child on its own two bytes, so the finding points
 * at the false claim itself (also for the classic probe, where nothing follows the length), and
 * the bytes that did arrive stay one Payload leaf.
 */
export function readHeartbeat(r: Cursor): void {
  r.struct('Heartbeat Message', 'tls.heartbeat_message', undefined, (h) => {
    h.u8('Type', 'tls.heartbeat_message.type', heartbeatMessageTypes);
    const n = h.u16('Payload Length', 'tls.heartbeat_message.payload_length');
    const length = h.out[h.out.length - 1]!;
    const after = h.remaining;
    if (n > after) {
      length.children = [{ name: 'Malformed', filter: MALFORMED_FILTER, spans: length.spans, malformed: heartbleedReason(n, after) }];
      if (after > 0) h.rest('Payload', 'tls.heartbeat_message.payload', { display: `${after} of the ${n} bytes payload_length claims` });
      return;
    }
    if (n > 0) h.bytes('Payload', 'tls.heartbeat_message.payload', n);
    if (h.remaining > 0) {
      // Short padding is a protocol violation the peer must drop silently, not an overrun: say so, no malformed.
      const opts = h.remaining < MIN_PADDING ? { display: `${h.remaining} bytes (RFC 6520 §4 requires at least ${MIN_PADDING})` } : undefined;
      h.rest('Padding', 'tls.heartbeat_message.padding', opts);
    }
  });
}

function heartbleedReason(claimed: number, present: number): string {
  return `payload_length ${claimed} exceeds the ${present} bytes left in the record: ${claimed - present} bytes overrun (Heartbleed probe, CVE-2014-0160: a vulnerable peer answers with that much of its memory)`;
}
