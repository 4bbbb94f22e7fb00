// The readers the TLS core borrows from its neighbours (extensions, X.509, STARTTLS). They are
// written in parallel; this file is the one switch between them and temporary stand-ins, so the
// message readers import from here and never change when the real ones land.
import type { Cursor } from '../model/cursor.ts';
import { hexNumber } from '../model/hex.ts';
import type { Connection } from '../tcp/types.ts';
import type { HelloExtensions } from './hello.ts';

/** Which message an extensions block belongs to (RFC 8446 §4.2's table columns). */
export type HandshakeContext =
  | 'client_hello'
  | 'server_hello'
  | 'hello_retry_request'
  | 'encrypted_extensions'
  | 'certificate'
  | 'certificate_request'
  | 'new_session_ticket';

/** Reads the u16 extensions length and every extension (RFC 8446 §4.2). */
export function readExtensions(r: Cursor, ctx: { message: HandshakeContext }): HelloExtensions {
  return readExtensionsRaw(r, ctx);
}

/** Decodes one DER certificate over exactly the cursor's remaining bytes. */
export function readCertificate(r: Cursor): void {
  r.rest('Certificate', 'tls.handshake.certificate');
}

/** Decodes one DER DistinguishedName over exactly the cursor's remaining bytes. */
export function readDistinguishedName(r: Cursor): void {
  r.rest('Distinguished Name', undefined, { kb: 'tls.handshake.dname' });
}

/** Where TLS starts in each direction after a plaintext preamble (STARTTLS), if it does. */
export function findTlsStart(_conn: Connection): { c2s: number; s2c: number } | undefined {
  return undefined;
}

// Temporary stand-in for src/tls/extensions: every extension as type, length and opaque data.
function readExtensionsRaw(r: Cursor, _ctx: { message: HandshakeContext }): HelloExtensions {
  const info: HelloExtensions = { types: [] };
  if (r.remaining === 0) return info;
  r.vector({ name: 'Extensions', lengthName: 'Extensions Length', lengthFilter: 'tls.handshake.extensions_length', lengthBytes: 2 }, (v) => {
    while (v.remaining > 0) {
      const type = v.peek16() ?? 0;
      const len = v.peek16(2) ?? 0;
      info.types.push(type);
      v.struct(`Extension: ${hexNumber(type, 2)}`, undefined, 4 + len, (e) => {
        e.u16('Type', 'tls.handshake.extension.type');
        e.u16('Length', 'tls.handshake.extension.len');
        if (len > 0) e.rest('Data', 'tls.handshake.extension.data');
        // supported_versions in a ServerHello: the real version of a TLS 1.3 connection.
        if (type === 43 && len === 2) info.selectedVersion = (e.data[e.end - 2]! << 8) | e.data[e.end - 1]!;
      });
    }
  });
  return info;
}
