// What a handshake message reader needs to know beyond its bytes.
import type { Direction } from '../../capture/frame.ts';
import type { TlsSession } from '../session.ts';

/** The state a message is read in: who sent it, what was negotiated so far, when. */
export interface MessageContext {
  dir: Direction;
  session: TlsSession;
  /** Version in the header of the record that carried the message's first byte. */
  recordVersion: number;
  /** Capture time of the message (ns since the epoch; 0n when the input has no clock). */
  timeNs: bigint;
  /** True when the message was read from a decrypted record. */
  decrypted: boolean;
}

/** The version the message is read under: negotiated if known, else the record's. */
export function effectiveVersion(ctx: MessageContext): number {
  return ctx.session.version ?? ctx.recordVersion;
}

/** TLS 1.3 negotiated (supported_versions), so the 1.3 message shapes apply. */
export function tls13(ctx: MessageContext): boolean {
  const v = ctx.session.version;
  return v === 0x0304 || (v !== undefined && v >> 8 === 0x7f);
}
