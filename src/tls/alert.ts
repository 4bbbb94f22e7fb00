// The small content types: Alert (RFC 8446 §6, RFC 5246 §7.2), ChangeCipherSpec (RFC 5246 §7.1)
// and application data (RFC 8446 §5.1). Heartbeat has its own file (heartbeat.ts): its length
// check is a security finding, not just framing.
import type { Cursor } from '../model/cursor.ts';
import { alertDescriptions, alertLevels } from './names.ts';

/** Alert (RFC 5246 §7.2): level and description; returns a label such as `fatal, handshake_failure`. */
export function readAlert(r: Cursor): string | undefined {
  let label: string | undefined;
  r.struct('Alert Message', 'tls.alert_message', Math.min(2, r.remaining), (a, f) => {
    const level = a.u8('Level', 'tls.alert_message.level', alertLevels);
    const desc = a.u8('Description', 'tls.alert_message.desc', alertDescriptions);
    label = `${alertLevels.get(level) ?? `level ${level}`}, ${alertDescriptions.get(desc) ?? `description ${desc}`}`;
    f.display = `Alert Message (${label})`;
  });
  // Several alerts may share a record (RFC 5246 §6.2.1 allows coalescing); each is its own field.
  return label;
}

/** ChangeCipherSpec (RFC 5246 §7.1): one byte, type change_cipher_spec(1). */
export function readChangeCipherSpec(r: Cursor): void {
  const v = r.peek8();
  // FT_NONE in Wireshark: the byte's meaning is in the display, not a value.
  r.annotate('Change Cipher Spec Message', 'tls.change_cipher_spec', 1, undefined, { display: v === 1 ? 'change_cipher_spec (1)' : `unexpected value ${v}` });
  r.skip(1);
}

/** Application data in the clear (or decrypted): one leaf over the record body. */
export function readApplicationData(r: Cursor, decrypted: boolean): void {
  if (r.remaining === 0) return;
  const n = r.remaining;
  r.rest(decrypted ? 'Application Data' : 'Encrypted Application Data', 'tls.app_data', {
    display: decrypted ? `${n} bytes of application data` : `encrypted, ${n} bytes`,
  });
}
