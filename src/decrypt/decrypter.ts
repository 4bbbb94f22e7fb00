// The decryption seam's implementation (src/tls/session.ts RecordDecrypter): one decrypter per
// connection, picking the TLS 1.3 or the SSL 3.0-TLS 1.2 family, turning each record's result into
// the decoder's DecryptResult, and after decoding adding calculations, HTTP fields and the status.
import type { Direction, EmbeddedSecret } from '../capture/frame.ts';
import { findSession } from '../crypto/keylog.ts';
import type { DecodedConnection } from '../model/decoded.ts';
import type { Connection } from '../tcp/types.ts';
import type { TlsConnectionDecode } from '../tls/connection.ts';
import { isTls13, type DecryptResult, type RecordDecrypter, type RecordToDecrypt, type TlsSession } from '../tls/session.ts';
import { CalcBook } from './calc.ts';
import { ConnContext } from './context.ts';
import { FragmentLocator } from './fields.ts';
import { annotateApplicationData } from './http.ts';
import type { SessionCache } from './master12.ts';
import type { Record12Result } from './record12.ts';
import { withEmbeddedSecrets, type DecryptionSecrets } from './secrets.ts';
import { decryptionStatus } from './status.ts';
import { Tls12Decrypter } from './tls12.ts';
import { Tls13Decrypter, type Record13Result } from './tls13.ts';

/** A RecordDecrypter that also completes the decoded connection once all its records are decoded. */
export interface ConnectionDecrypter extends RecordDecrypter {
  finish(result: TlsConnectionDecode): void;
}

/** Id of the buffer holding a record's plaintext. */
export function plaintextBufferId(dir: Direction, index: number): string {
  return `decrypted-${dir}-${index + 1}`;
}

class Decrypter implements ConnectionDecrypter {
  private readonly ctx: ConnContext;
  private readonly v12: Tls12Decrypter;
  private readonly v13: Tls13Decrypter;
  private used13 = false;

  constructor(conn: Connection, secrets: DecryptionSecrets, cache: SessionCache) {
    this.ctx = new ConnContext(secrets, cache, new CalcBook(), new FragmentLocator(conn));
    this.v12 = new Tls12Decrypter(this.ctx);
    this.v13 = new Tls13Decrypter(this.ctx);
  }

  /** TLS 1.3 once the ServerHello says so; before it, 0-RTT data when the key log has an early secret. */
  private family13(session: TlsSession): boolean {
    if (isTls13(session)) return true;
    if (session.version !== undefined) return false;
    const cr = session.clientHellos[0]?.random;
    return cr !== undefined && findSession(this.ctx.secrets.keylog, cr)?.clientEarlyTrafficSecret !== undefined;
  }

  decrypt(dir: Direction, rec: RecordToDecrypt, session: TlsSession): DecryptResult | undefined {
    const is13 = this.family13(session);
    this.used13 ||= is13;
    let r: Record12Result | Record13Result | undefined;
    try {
      r = is13 ? this.v13.decrypt(dir, rec, session) : this.v12.decrypt(dir, rec, session);
    } catch (e) {
      // A bug or an input no check foresaw must cost one record, never the capture.
      r = { ok: false, reason: `internal error: ${e instanceof Error ? e.message : String(e)}`, parts: [] };
    }
    if (!r) {
      this.ctx.withoutKeys++;
      return undefined;
    }
    const info = session[dir].records[rec.index];
    const fields = info ? this.ctx.locator.fields(dir, info.streamOffset, rec.fragment, r.ok ? 'Encrypted Record' : 'Encrypted Record (not decrypted)', r.parts) : [];
    if (!r.ok) {
      this.ctx.failures.push({ dir, index: rec.index, frame: info?.frame ?? 0, reason: r.reason });
      return { failed: r.reason };
    }
    this.ctx.decrypted++;
    return { plaintext: r.plaintext, contentType: r.contentType, bufferId: plaintextBufferId(dir, rec.index), fields };
  }

  finish(result: TlsConnectionDecode): void {
    const decoded: DecodedConnection = result.decoded;
    try {
      if (this.used13) this.v13.finish(result.session);
      else this.v12.finish(result.session);
      annotateApplicationData(decoded.fields, decoded.buffers);
    } catch (e) {
      this.ctx.note(`internal error while checking the connection: ${e instanceof Error ? e.message : String(e)}`);
    }
    this.ctx.book.link(decoded.fields);
    for (const f of this.ctx.failures.slice(0, 20)) {
      this.ctx.book.add({
        id: `record-${f.dir}-${f.index + 1}-auth`, title: `Record authentication failed: ${f.dir === 'c2s' ? 'client' : 'server'} record ${f.index + 1} (frame ${f.frame})`,
        inputs: [{ name: 'record', value: `${f.dir} record ${f.index + 1}, frame ${f.frame}` }], output: { name: 'result', value: f.reason }, ok: false,
        explanation: 'The keys decrypted earlier records, so a MAC or tag failure here means these bytes changed after they were sent (a network or capture problem, or an attack): a receiver sends a fatal bad_record_mac alert (RFC 5246 §7.2.2, RFC 8446 §6.2).',
      });
    }
    if (this.ctx.book.calculations.length > 0) decoded.calculations = [...(decoded.calculations ?? []), ...this.ctx.book.calculations];
    const status = decryptionStatus(result.session, this.ctx);
    if (status) decoded.decryption = status;
  }
}

/**
 * Builds the per-connection decrypter factory for decodeCaptureDetailed's `decrypterFor`. The
 * capture's embedded secrets (pcapng DSB) are merged in on the first call that passes them; the
 * factory remembers master secrets across connections so resumed sessions decrypt too.
 */
export function createDecrypter(secrets: DecryptionSecrets): (conn: Connection, embedded?: readonly EmbeddedSecret[]) => ConnectionDecrypter | undefined {
  const cache: SessionCache = new Map();
  let merged: DecryptionSecrets | undefined;
  let mergedFrom: readonly EmbeddedSecret[] | undefined;
  return (conn, embedded = []) => {
    if (!merged || mergedFrom !== embedded) {
      merged = withEmbeddedSecrets(secrets, embedded);
      mergedFrom = embedded;
    }
    if (merged.keylog.entries.length === 0 && merged.keys.length === 0) return undefined;
    return new Decrypter(conn, merged, cache);
  };
}
