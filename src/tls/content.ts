// What a record carries, by content type, in the clear or after decryption; and the protection
// rules that decide whether a record can be read at all (RFC 5246 §7.1, RFC 8446 §5 and §5.2).
import type { Direction } from '../capture/frame.ts';
import type { ByteMap } from '../model/bytemap.ts';
import { Cursor } from '../model/cursor.ts';
import type { Field } from '../model/field.ts';
import type { MessageRef } from '../model/decoded.ts';
import { readAlert, readApplicationData, readChangeCipherSpec } from './alert.ts';
import type { MessageContext } from './handshake/context.ts';
import { readHandshakeMessage, handshakeTitle } from './handshake/messages.ts';
import type { CompleteMessage, HandshakeJoiner } from './handshake/reassembly.ts';
import { readHeartbeat } from './heartbeat.ts';
import { isTls13, type TlsSession } from './session.ts';

/** Where decoded content goes and what it updates. */
export interface ContentSink {
  session: TlsSession;
  dir: Direction;
  recordIndex: number;
  recordVersion: number;
  timeNs: bigint;
  decrypted: boolean;
  joiner: HandshakeJoiner;
  messages: MessageRef[];
  /** The record's field: messages are added to its children, its name completed with their titles. */
  record: Field;
  titles: string[];
  frameOf(field: Field): number;
}

function ref(sink: ContentSink, type: string, field: Field): void {
  // A decrypted message has only buffer spans: it arrived in the frame of the record that carried it.
  const frame = sink.frameOf(field) || sink.frameOf(sink.record);
  sink.messages.push({ dir: sink.dir, frame, type, timeNs: sink.timeNs, field });
  sink.titles.push(type);
}

/** Decodes one complete handshake message and applies what it negotiates to the session. */
export function decodeHandshake(m: CompleteMessage, sink: ContentSink): void {
  const ctx: MessageContext = { dir: sink.dir, session: sink.session, recordVersion: sink.recordVersion, timeNs: sink.timeNs, decrypted: sink.decrypted };
  const read = readHandshakeMessage(m.cursor, ctx);
  const s = sink.session;
  const entry = { dir: sink.dir, type: m.type, bytes: m.bytes, record: sink.recordIndex, decrypted: sink.decrypted };
  s.transcript.push(entry);
  s[sink.dir].transcript.push(entry);
  if (read?.clientHello) {
    s.clientHellos.push(read.clientHello);
    s.clientHello = read.clientHello;
  }
  if (read?.serverHello) {
    const sh = read.serverHello;
    s.serverHellos.push(sh);
    s.serverHello = sh;
    s.version = sh.extensions.selectedVersion ?? sh.legacyVersion;
    s.cipherSuite = sh.cipherSuite;
    // RFC 8446 §2: everything after the ServerHello is protected (the HelloRetryRequest is not a ServerHello here).
    if (isTls13(s) && !sh.helloRetryRequest) {
      for (const d of ['c2s', 's2c'] as const) {
        if (!s[d].encrypted) {
          s[d].encrypted = true;
          s[d].encryptedFrom = s[d].records.length;
        }
      }
    }
  }
  const title = read?.type === 2 && read.serverHello?.helloRetryRequest ? 'Hello Retry Request' : handshakeTitle(m.type);
  const field = read?.field ?? sink.record;
  ref(sink, title, field);
}

/** Decodes a record body (plaintext or decrypted) by its content type into `r`'s field list. */
export function decodeContent(contentType: number, data: Uint8Array, map: ByteMap, start: number, end: number, sink: ContentSink): void {
  const out = sink.record.children!;
  const r = new Cursor(data, map, out, start, end);
  switch (contentType) {
    case 20:
      if (r.remaining > 0) readChangeCipherSpec(r);
      if (r.remaining > 0) r.malformed(`${r.remaining} bytes after the ChangeCipherSpec byte`);
      ref(sink, 'Change Cipher Spec', out[out.length - 1] ?? sink.record);
      break;
    case 21:
      while (r.remaining > 0) {
        const label = readAlert(r);
        ref(sink, `Alert (${label ?? 'truncated'})`, out[out.length - 1] ?? sink.record);
      }
      break;
    case 22:
      for (const m of sink.joiner.add(data, map, start, end, out)) decodeHandshake(m, sink);
      if (sink.titles.length === 0 && sink.joiner.pending) sink.titles.push(`${out[out.length - 1]?.name.replace('Handshake Protocol: ', '') ?? 'fragment'}`);
      break;
    case 23:
      readApplicationData(r, sink.decrypted);
      ref(sink, 'Application Data', out[out.length - 1] ?? sink.record);
      break;
    case 24:
      readHeartbeat(r);
      ref(sink, 'Heartbeat', out[out.length - 1] ?? sink.record);
      break;
    default:
      r.rest(`Content of type ${contentType}`, undefined, { kb: 'tls.record.content_type' });
      ref(sink, `Content type ${contentType}`, out[out.length - 1] ?? sink.record);
  }
}

/** Is this record protected? ≤ 1.2: after the direction's CCS; 1.3: application_data records after ServerHello; and 0-RTT. */
export function isProtected(session: TlsSession, dir: Direction, contentType: number, length: number): boolean {
  if (isTls13(session)) return contentType === 23 && session[dir].encrypted;
  if (session[dir].encrypted) return true;
  // An alert record that is not 2 bytes long cannot be a plaintext alert (Wireshark's test too):
  // it is the encrypted alert of a connection whose CCS was not seen.
  if (contentType === 21 && length !== 2) return true;
  // 0-RTT data before the ServerHello (RFC 8446 §4.2.10) and application data of a connection
  // whose start was not captured are protected too; application data in the clear does not exist.
  return contentType === 23;
}

/** The leaf for a record that cannot be read (no keys): "encrypted, N bytes", named as Wireshark names it. */
export function encryptedLeaf(r: Cursor, contentType: number, note?: string): { field: Field; title: string } | undefined {
  const n = r.remaining;
  if (n === 0) return undefined;
  const suffix = note ? ` (${note})` : '';
  const display = `encrypted, ${n} bytes${suffix}`;
  // Wireshark's items for these are FT_NONE (no value) except tls.app_data, which holds the bytes.
  const leaf = (name: string, filter: string, title: string, withValue = false): { field: Field; title: string } => {
    const field = withValue ? (r.rest(name, filter, { display }), r.out[r.out.length - 1]!) : r.annotate(name, filter, n, undefined, { display });
    r.skip(r.remaining);
    return { field, title };
  };
  switch (contentType) {
    case 21:
      return leaf('Alert Message: Encrypted Alert', 'tls.alert_message', 'Encrypted Alert');
    case 22:
      return leaf('Handshake Protocol: Encrypted Handshake Message', 'tls.handshake', 'Encrypted Handshake Message');
    case 20:
      return leaf('Encrypted Change Cipher Spec', 'tls.change_cipher_spec', 'Encrypted Change Cipher Spec');
    case 24:
      return leaf('Encrypted Heartbeat Message', 'tls.heartbeat_message', 'Encrypted Heartbeat');
    default:
      return leaf('Encrypted Application Data', 'tls.app_data', 'Application Data', true);
  }
}
