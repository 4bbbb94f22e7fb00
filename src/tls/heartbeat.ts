// Heartbeat (RFC 6520): the one message whose length field is a claim about the peer's memory.
// A payload_length larger than the record is the Heartbleed probe (CVE-2014-0160): a vulnerable
// peer copies that many bytes back, most of them from beyond the record it received.
import type { Cursor } from '../model/cursor.ts';
import { MALFORMED_FILTER, type Field } from '../model/field.ts';
import { heartbeatMessageTypes } from './names.ts';

/** RFC 6520 §4: the padding is at least 16 bytes, so a valid message is 3 + payload_length + ≥ 16 bytes. */
const MIN_PADDING = 16;

/**
 * HeartbeatMessage (RFC 6520 §4): type, payload_length, payload, padding (the rest of the record).
 * A payload_length the record cannot hold gets a malformed child on its own two bytes, so the
 * finding points at the false claim itself (also for the classic probe, where nothing follows the
 * length); the bytes that did arrive stay Payload (and Padding) leaves.
 */
export function readHeartbeat(r: Cursor): void {
  r.struct('Heartbeat Message', 'tls.heartbeat_message', undefined, (h) => {
    h.u8('Type', 'tls.heartbeat_message.type', heartbeatMessageTypes);
    const n = h.u16('Payload Length', 'tls.heartbeat_message.payload_length');
    const length = h.out[h.out.length - 1]!;
    const after = h.remaining;
    if (n > after) {
      flag(length, `payload_length ${n} exceeds the ${after} bytes left in the record: ${n - after} bytes overrun (Heartbleed probe, CVE-2014-0160: a vulnerable peer answers with that much of its memory)`);
      if (after > 0) h.rest('Payload', 'tls.heartbeat_message.payload', { display: `${after} of the ${n} bytes payload_length claims` });
      return;
    }
    // RFC 6520 §4: a payload_length that leaves less than 16 bytes of padding is "too large"; the
    // peer must drop the message. Wireshark and Zeek flag it the same way: exploits fill the record
    // with payload so the probe is not cut, and a vulnerable peer still reads past the padding.
    if (n + MIN_PADDING > after) {
      flag(length, `payload_length ${n} leaves ${after - n} bytes of padding, RFC 6520 §4 requires at least ${MIN_PADDING}: too large, the peer must discard it (Heartbleed probe shape, CVE-2014-0160)`);
    }
    if (n > 0) h.bytes('Payload', 'tls.heartbeat_message.payload', n);
    if (h.remaining > 0) h.rest('Padding', 'tls.heartbeat_message.padding');
  });
}

/** Wireshark hangs its expert item on the field it judges; ours is a malformed leaf over the same bytes. */
function flag(field: Field, reason: string): void {
  field.children = [{ name: 'Malformed', filter: MALFORMED_FILTER, spans: field.spans, malformed: reason }];
}
