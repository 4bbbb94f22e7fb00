// The per-connection answer to "did it decrypt, and if not, why" (issue #4): counts of protected
// records against decrypted ones, and the reasons collected while trying.
import type { DecryptionStatus } from '../model/decoded.ts';
import type { TlsSession } from '../tls/session.ts';
import type { ConnContext } from './context.ts';

/** The status of a connection, or undefined when nothing in it was encrypted. */
export function decryptionStatus(session: TlsSession, ctx: ConnContext): DecryptionStatus | undefined {
  let protectedRecords = 0;
  for (const d of ['c2s', 's2c'] as const) for (const r of session[d].records) if (r.encrypted) protectedRecords++;
  if (protectedRecords === 0) return undefined;
  const reasons = [...ctx.reasons];
  if (ctx.failures.length > 0) {
    const f = ctx.failures[0]!;
    reasons.push(`${ctx.failures.length} record${ctx.failures.length === 1 ? '' : 's'} did not authenticate (bad_record_mac); first: ${f.dir} record ${f.index + 1} in frame ${f.frame}: ${f.reason}`);
  }
  const status = ctx.decrypted === 0 ? 'not-decrypted' : ctx.decrypted < protectedRecords ? 'partial' : 'decrypted';
  if (status !== 'decrypted' && reasons.length === 0) reasons.push(`${protectedRecords - ctx.decrypted} of ${protectedRecords} protected records were not decrypted (record cut off by a gap or the end of the capture)`);
  return { status, reasons, records: protectedRecords, decrypted: ctx.decrypted };
}
