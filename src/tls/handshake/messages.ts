// The Handshake struct (RFC 8446 §4, RFC 5246 §7.4) and the small messages; the dispatch to every
// message reader by HandshakeType.
import type { Cursor } from '../../model/cursor.ts';
import type { Field } from '../../model/field.ts';
import { hexNumber } from '../../model/hex.ts';
import { readExtensions } from '../deps.ts';
import type { ClientHelloInfo, ServerHelloInfo } from '../hello.ts';
import { handshakeTitles, handshakeTypes } from '../names.ts';
import { flat, prefixed } from '../read.ts';
import { readCertificateMessage, readCertificateRequest, readCertificateStatus, readCertificateVerify, readCompressedCertificate } from './certificates.ts';
import { tls13, type MessageContext } from './context.ts';
import { readClientHello, readServerHello } from './hellos.ts';
import { readClientKeyExchange, readServerKeyExchange } from './keyexchange.ts';

/** Handshake messages are at most this long here: bigger lengths are hostile, not reassembled. */
export const MAX_HANDSHAKE_LENGTH = 1 << 18;

/** NewSessionTicket (RFC 5077 §3.3 for ≤ 1.2; RFC 8446 §4.6.1 for 1.3). */
function readNewSessionTicket(r: Cursor, ctx: MessageContext): void {
  r.u32('Session Ticket Lifetime Hint', 'tls.handshake.session_ticket_lifetime_hint');
  if (tls13(ctx)) {
    r.u32('Session Ticket Age Add', 'tls.handshake.session_ticket_age_add');
    prefixed(r, 1, 'Session Ticket Nonce Length', 'tls.handshake.session_ticket_nonce_length', 'Session Ticket Nonce', 'tls.handshake.session_ticket_nonce');
  }
  prefixed(r, 2, 'Session Ticket Length', 'tls.handshake.session_ticket_length', 'Session Ticket', 'tls.handshake.session_ticket');
  if (tls13(ctx)) readExtensions(r, { message: 'new_session_ticket' });
}

/** Finished (RFC 8446 §4.4.4, RFC 5246 §7.4.9): verify_data, 12 bytes ≤ 1.2 (36 in SSL 3.0), Hash.length in 1.3. */
function readFinished(r: Cursor): void {
  r.rest('Verify Data', 'tls.handshake.verify_data');
}

const keyUpdateRequests: ReadonlyMap<number, string> = new Map([
  [0, 'update_not_requested'],
  [1, 'update_requested'],
]);

/** KeyUpdate (RFC 8446 §4.6.3). */
function readKeyUpdate(r: Cursor): void {
  r.u8('Key Update Request', 'tls.handshake.key_update.request_update', keyUpdateRequests);
}

/** What reading one handshake message produced. */
export interface HandshakeRead {
  type: number;
  length: number;
  field: Field;
  clientHello?: ClientHelloInfo;
  serverHello?: ServerHelloInfo;
}

/** The title of a message for record names and the ladder (`Server Hello`, `Hello Retry Request`). */
export function handshakeTitle(type: number): string {
  return handshakeTitles.get(type) ?? `Unknown Handshake Message (${type})`;
}

/**
 * Handshake (RFC 8446 §4): msg_type, length, then the body read by its own function over exactly
 * `length` bytes. `r` must hold the whole message (the caller reassembles fragments first).
 */
export function readHandshakeMessage(r: Cursor, ctx: MessageContext): HandshakeRead | undefined {
  const type = r.peek8() ?? 0;
  const length = (r.peek16(1) ?? 0) * 256 + (r.peek8(3) ?? 0);
  let result: HandshakeRead | undefined;
  r.struct(`Handshake Protocol: ${handshakeTitle(type)}`, 'tls.handshake', 4 + length, (m, field) => {
    m.u8('Handshake Type', 'tls.handshake.type', handshakeTypes, { display: `${handshakeTitle(type)} (${type})` });
    m.u24('Length', 'tls.handshake.length');
    result = { type, length, field };
    flat(m, length, handshakeTypes.get(type) ?? 'handshake message', (b) => {
      switch (type) {
        case 0: // hello_request (RFC 5246 §7.4.1.1): empty
        case 5: // end_of_early_data (RFC 8446 §4.5): empty
        case 14: // server_hello_done (RFC 5246 §7.4.5): empty
          break;
        case 1:
          result!.clientHello = readClientHello(b, ctx);
          break;
        case 2: {
          const sh = readServerHello(b, ctx);
          result!.serverHello = sh;
          if (sh?.helloRetryRequest) field.name = 'Handshake Protocol: Hello Retry Request';
          break;
        }
        case 4:
          readNewSessionTicket(b, ctx);
          break;
        case 8: // encrypted_extensions (RFC 8446 §4.3.1)
          readExtensions(b, { message: 'encrypted_extensions' });
          break;
        case 11:
          readCertificateMessage(b, ctx);
          break;
        case 12:
          readServerKeyExchange(b, ctx);
          break;
        case 13:
          readCertificateRequest(b, ctx);
          break;
        case 15:
          readCertificateVerify(b, ctx);
          break;
        case 16:
          readClientKeyExchange(b, ctx);
          break;
        case 20:
          readFinished(b);
          break;
        case 22:
          readCertificateStatus(b);
          break;
        case 24:
          readKeyUpdate(b);
          break;
        case 25:
          readCompressedCertificate(b);
          break;
        case 254: // message_hash (RFC 8446 §4.4.1): Hash(ClientHello1) replacing it after a HelloRetryRequest
          b.rest('Hash of ClientHello1', undefined, { kb: 'tls.handshake.message_hash' });
          break;
        default:
          b.rest(`Body of unknown handshake type ${hexNumber(type, 1)}`, undefined, { kb: 'tls.handshake.unknown' });
      }
    });
  });
  return result;
}
