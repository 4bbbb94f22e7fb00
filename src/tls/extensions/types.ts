import type { Cursor } from '../../model/cursor.ts';
import type { Field } from '../../model/field.ts';
import type { HelloExtensions } from '../hello.ts';

/** The handshake message an extension block belongs to: several extensions differ by message. */
export type ExtensionMessage =
  | 'client_hello'
  | 'server_hello'
  | 'hello_retry_request'
  | 'encrypted_extensions'
  | 'certificate'
  | 'certificate_request'
  | 'new_session_ticket';

/** What an extension body reader knows besides its bytes. */
export interface ExtensionContext {
  message: ExtensionMessage;
}

/**
 * Reads one extension body through a cursor over exactly `extension_data` and records what it
 * found in `out`. Bytes it leaves unread become malformed (the caller's struct sees to that).
 */
export type ExtensionBodyReader = (r: Cursor, ctx: ExtensionContext, out: HelloExtensions) => void;

/** The field the cursor added last (to mark it malformed without consuming bytes again). */
export function lastField(r: Cursor): Field | undefined {
  return r.out[r.out.length - 1];
}

/** Marks the field just read as malformed: a value the RFC forbids, although its bytes are there. */
export function flagLast(r: Cursor, reason: string): void {
  const f = lastField(r);
  if (f) f.malformed = reason;
}

/** True when the message is sent by the client (the extension carries the client's offer). */
export function fromClient(ctx: ExtensionContext): boolean {
  return ctx.message === 'client_hello';
}

/** A reader for an extension whose body must be empty: the leftover check reports any bytes. */
export function emptyBody(set?: (out: HelloExtensions) => void): ExtensionBodyReader {
  return (_r, _ctx, out) => set?.(out);
}
