/**
 * TLS extensions (RFC 8446 §4.2): the extension list of hellos, EncryptedExtensions, TLS 1.3
 * Certificate entries, CertificateRequest and NewSessionTicket. Bodies are read by a table from
 * extension type to reader (data, not a switch), each reader named after its RFC struct.
 */
import type { Cursor } from '../../model/cursor.ts';
import type { HelloExtensions } from '../hello.ts';
import {
  readCertificateStatusRequest,
  readCertificateStatusRequestListV2,
  readCertificateTypeExtension,
  readEcPointFormatList,
  readHeartbeatExtension,
  readMaxFragmentLength,
  readNamedGroupList,
  readNextProtocolNegotiation,
  readOpaque,
  readPadding,
  readProtocolNameList,
  readRecordSizeLimit,
  readRenegotiationInfo,
  readServerNameList,
  readSessionTicket,
  readSignatureAlgorithms,
  readSignatureAlgorithmsCert,
} from './basic.ts';
import {
  readApplicationSettings,
  readCertificateCompressionAlgorithms,
  readDelegatedCredentialExtension,
  readEncryptedClientHello,
  readSignedCertificateTimestampExtension,
} from './modern.ts';
import { extensionTypes, GREASE_NAME, isGrease } from './names.ts';
import {
  readCertificateAuthorities,
  readCookie,
  readEarlyDataIndication,
  readKeyShare,
  readOidFilterExtension,
  readPostHandshakeAuth,
  readPreSharedKey,
  readPskKeyExchangeModes,
  readSupportedVersions,
} from './tls13.ts';
import { emptyBody, type ExtensionBodyReader, type ExtensionContext } from './types.ts';

export type { ExtensionBodyReader, ExtensionContext, ExtensionMessage } from './types.ts';
export { isGrease } from './names.ts';
export { readSignedCertificateTimestampList } from './modern.ts';
export { readSignatureSchemeList, readSignatureScheme } from './basic.ts';

/** Extension type → body reader. Types not listed are shown as opaque `tls.handshake.extension.data`. */
export const EXTENSION_READERS: ReadonlyMap<number, ExtensionBodyReader> = new Map<number, ExtensionBodyReader>([
  [0, readServerNameList],
  [1, readMaxFragmentLength],
  [4, emptyBody()], // truncated_hmac (RFC 6066 §7): empty
  [5, readCertificateStatusRequest],
  [9, readCertificateTypeExtension], // cert_type (RFC 6091): same shape as RFC 7250's
  [10, readNamedGroupList],
  [11, readEcPointFormatList],
  [13, readSignatureAlgorithms],
  [15, readHeartbeatExtension],
  [16, readProtocolNameList],
  [17, readCertificateStatusRequestListV2],
  [18, readSignedCertificateTimestampExtension],
  [19, readCertificateTypeExtension],
  [20, readCertificateTypeExtension],
  [21, readPadding],
  [22, emptyBody((o) => (o.encryptThenMac = true))],
  [23, emptyBody((o) => (o.extendedMasterSecret = true))],
  [24, readOpaque], // token_binding (RFC 8472): opaque
  [27, readCertificateCompressionAlgorithms],
  [28, readRecordSizeLimit],
  [34, readDelegatedCredentialExtension],
  [35, readSessionTicket],
  [40, readKeyShare], // key_share before draft-ietf-tls-tls13-23 moved it to 51
  [41, readPreSharedKey],
  [42, readEarlyDataIndication],
  [43, readSupportedVersions],
  [44, readCookie],
  [45, readPskKeyExchangeModes],
  [47, readCertificateAuthorities],
  [48, readOidFilterExtension],
  [49, readPostHandshakeAuth],
  [50, readSignatureAlgorithmsCert],
  [51, readKeyShare],
  [13172, readNextProtocolNegotiation],
  [17513, readApplicationSettings],
  [17613, readApplicationSettings],
  [0xfe0d, readEncryptedClientHello],
  [0xff01, readRenegotiationInfo],
]);

/** The registry name of an extension type ("Reserved (GREASE)" for GREASE, "Unknown" otherwise). */
export function extensionName(type: number): string {
  if (isGrease(type)) return GREASE_NAME;
  return extensionTypes.get(type) ?? 'Unknown';
}

/** RFC 8446 §4.2: `Extension extensions<0..2^16-1>` with its length; returns what the extensions said. */
export function readExtensions(r: Cursor, ctx: ExtensionContext): HelloExtensions {
  const out: HelloExtensions = { types: [] };
  // Hellos before RFC 3546 end after compression_methods: no extensions block at all.
  if (r.remaining === 0) return out;
  const total = r.u16('Extensions Length', 'tls.handshake.extensions_length');
  r.struct(
    'Extensions',
    undefined,
    total,
    (list) => {
      while (list.remaining >= 4) readExtension(list, ctx, out);
      if (list.remaining > 0) {
        list.malformed(
          `${list.remaining} bytes after the last extension: extensions length ${total} disagrees with the sum of the extensions`,
        );
      }
    },
    { kb: 'tls.handshake.extensions' },
  );
  return out;
}

/** RFC 8446 §4.2: struct { ExtensionType extension_type; opaque extension_data<0..2^16-1>; } Extension. */
export function readExtension(r: Cursor, ctx: ExtensionContext, out: HelloExtensions): void {
  const type = r.peek16() ?? 0;
  const len = r.peek16(2) ?? 0;
  const name = extensionName(type);
  r.struct(
    `Extension: ${name} (len=${len})`,
    undefined,
    4 + len,
    (e, field) => {
      e.u16('Type', 'tls.handshake.extension.type', (v) => extensionName(v));
      e.u16('Length', 'tls.handshake.extension.len');
      out.types.push(type);
      if (field.malformed !== undefined) {
        // The extension claims more bytes than its parent holds: name the overrun on the length
        // field too, where a reader looking for the lie will look.
        const lenField = e.out[e.out.length - 1];
        if (lenField) lenField.malformed = `extension length ${len} exceeds the ${e.remaining} bytes that remain`;
      }
      const reader = EXTENSION_READERS.get(type) ?? readOpaque;
      if (isGrease(type)) {
        readOpaque(e);
        return;
      }
      reader(e, ctx, out);
    },
    { kb: isGrease(type) ? 'tls.extension.grease' : `tls.extension.${extensionTypes.get(type) ?? 'unknown'}` },
  );
}
