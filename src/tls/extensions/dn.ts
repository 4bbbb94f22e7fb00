/**
 * DistinguishedName entries (RFC 8446 §4.2.4, RFC 5246 §7.4.4): a u16 length and a DER Name,
 * decoded element by element by the X.509 reader.
 */
import type { Cursor } from '../../model/cursor.ts';
import { readDistinguishedName } from '../x509/name.ts';

/** RFC 8446 §4.2.4: opaque DistinguishedName<1..2^16-1>; returns its DER bytes. */
export function readDistinguishedNameEntry(r: Cursor): Uint8Array | undefined {
  const n = r.peek16();
  return r.struct(
    `Distinguished Name (${n ?? '?'} bytes)`,
    undefined,
    n === undefined ? undefined : n + 2,
    (e) => {
      e.u16('Distinguished Name Length', 'tls.handshake.dname_len');
      const start = e.pos;
      // The outer struct ends exactly where the length says, so the Name gets exactly its bytes.
      readDistinguishedName(e);
      return e.data.subarray(start, e.end);
    },
    { kb: 'tls.handshake.dname' },
  );
}
