// TLS 1.3 Finished (RFC 8446 §4.4.4): verify_data = HMAC(finished_key, Transcript-Hash(...)), with
// finished_key from the sender's handshake traffic secret; after a HelloRetryRequest the first
// ClientHello is replaced in the transcript by a message_hash message (RFC 8446 §4.4.1).
import { bytesEqual, concatBytes, toHex } from '../crypto/bytes.ts';
import type { KeyLogSession } from '../crypto/keylog.ts';
import { finishedKey, finishedVerifyData13, hashLength, transcriptHash, type HkdfHash } from '../crypto/hkdf.ts';
import { opensslHkdfExpandLabelCommand, opensslHmacCommand } from '../crypto/openssl-commands.ts';
import type { TlsSession } from '../tls/session.ts';
import type { ConnContext } from './context.ts';
import { HS } from './handshakes.ts';

const HRR_RANDOM = 'cf21ad74e59a6111be1d8c021e65b891c2a211167abb8c5e079e09e2c8a8339c';

function isHrr(m: Uint8Array): boolean {
  return m[0] === HS.serverHello && toHex(m.subarray(6, 38)) === HRR_RANDOM;
}

/** The transcript messages before index `upTo`, with the message_hash substitution after a HelloRetryRequest. */
export function transcript13(session: TlsSession, hash: HkdfHash, upTo: number): Uint8Array[] {
  const msgs = session.transcript.slice(0, upTo).map((e) => e.bytes);
  const hrrAt = msgs.findIndex(isHrr);
  if (hrrAt > 0 && msgs[0]![0] === HS.clientHello) {
    const h = transcriptHash(hash, msgs[0]!);
    msgs[0] = concatBytes(Uint8Array.of(HS.messageHash, 0, 0, hashLength(hash)), h);
  }
  return msgs;
}

/** Adds the Finished check of each side (the first Finished each way). */
export function checkFinished13(session: TlsSession, hash: HkdfHash, logged: KeyLogSession, ctx: ConnContext): void {
  for (const side of ['server', 'client'] as const) {
    const dir = side === 'server' ? 's2c' : 'c2s';
    const at = session.transcript.findIndex((e) => e.dir === dir && e.type === HS.finished);
    if (at < 0) continue;
    const base = side === 'server' ? logged.serverHandshakeTrafficSecret : logged.clientHandshakeTrafficSecret;
    if (!base) continue;
    const th = transcriptHash(hash, ...transcript13(session, hash, at));
    const expected = finishedVerifyData13(hash, base, th);
    const found = session.transcript[at]!.bytes.subarray(4);
    const ok = bytesEqual(expected, found);
    const fk = finishedKey(hash, base);
    ctx.book.add({
      id: `${side}-finished`, title: `${side === 'client' ? 'Client' : 'Server'} Finished check: HMAC(finished_key, Transcript-Hash(ClientHello … ${side === 'server' ? 'CertificateVerify' : 'server Finished'}))`,
      inputs: [
        { name: `${side} handshake traffic secret`, value: base, secret: true },
        { name: 'finished_key = HKDF-Expand-Label(secret, "finished", "", Hash.length)', value: fk, secret: true },
        { name: `transcript hash (${at} messages)`, value: th },
        { name: 'verify_data received', value: found, from: 'tls.handshake.verify_data' },
      ],
      output: { name: 'verify_data computed', value: expected },
      command: `${opensslHkdfExpandLabelCommand(hash, base, 'finished', new Uint8Array(0), hashLength(hash)).shell}  # finished_key, then: ${opensslHmacCommand(hash, fk, th).shell}`,
      ok,
      explanation: ok ? `The ${side}'s Finished matches the transcript: the handshake was not tampered with and the key log secret is right.` : `The ${side}'s Finished does NOT match: wrong ${side} handshake traffic secret, or the captured transcript differs from what the ${side} hashed.`,
    });
    if (!ok) ctx.note(`the ${side} Finished does not verify`);
  }
}
