/**
 * Extension bodies from RFC 6066, RFC 7301, RFC 8422 and their kin: the ones a TLS 1.2 hello
 * carries. One function per RFC struct; the caller gives a cursor over exactly extension_data.
 */
import type { Cursor, Lookup } from '../../model/cursor.ts';
import type { HelloExtensions } from '../hello.ts';
import {
  certificateStatusTypes,
  certificateTypes,
  ecPointFormats,
  groups,
  hashAlgorithms,
  heartbeatModes,
  maxFragmentLengths,
  serverNameTypes,
  signatureAlgorithms,
  signatureSchemes,
  withGrease,
} from './names.ts';
import { flagLast, fromClient, type ExtensionContext } from './types.ts';

export const groupLookup = withGrease(groups);
export const signatureSchemeLookup = withGrease(signatureSchemes);

/** Reads u16 values until the cursor ends (a trailing odd byte becomes malformed via Overrun). */
export function readU16Items(r: Cursor, name: string, filter: string, lookup: Lookup): number[] {
  const values: number[] = [];
  while (r.remaining > 0) values.push(r.u16(name, filter, lookup));
  return values;
}

/** RFC 6066 §3: struct { ServerName server_name_list<1..2^16-1> } ServerNameList; empty in the server's reply. */
export function readServerNameList(r: Cursor, _ctx: ExtensionContext, out: HelloExtensions): void {
  if (r.remaining === 0) return;
  r.vector(
    {
      name: 'Server Name Indication extension',
      lengthName: 'Server Name list length',
      lengthFilter: 'tls.handshake.extensions_server_name_list_len',
      lengthBytes: 2,
    },
    (list) => {
      if (list.remaining === 0) flagLast(r, 'empty server_name_list (RFC 6066 requires at least one name)');
      while (list.remaining > 0) readServerName(list, out);
    },
  );
}

/** RFC 6066 §3: struct { NameType name_type; select (name_type) { case host_name: HostName; } name; } ServerName. */
export function readServerName(r: Cursor, out: HelloExtensions): void {
  const type = r.u8('Server Name Type', 'tls.handshake.extensions_server_name_type', serverNameTypes);
  const len = r.u16('Server Name length', 'tls.handshake.extensions_server_name_len');
  if (len === 0) flagLast(r, 'empty HostName (RFC 6066: opaque HostName<1..2^16-1>)');
  const name = r.text('Server Name', 'tls.handshake.extensions_server_name', len, 'latin1');
  if (type === 0 && out.serverName === undefined) out.serverName = name;
}

/** RFC 6066 §4: enum { 2^9(1), 2^10(2), 2^11(3), 2^12(4), (255) } MaxFragmentLength. */
export function readMaxFragmentLength(r: Cursor): void {
  r.u8('Maximum Fragment Length', 'tls.handshake.max_fragment_length', maxFragmentLengths);
}

/**
 * RFC 6066 §8: CertificateStatusRequest in a ClientHello; empty in a TLS 1.2 ServerHello or a
 * CertificateRequest; RFC 8446 §4.4.2.1: a CertificateStatus inside a TLS 1.3 CertificateEntry.
 */
export function readCertificateStatusRequest(r: Cursor, ctx: ExtensionContext, out: HelloExtensions): void {
  out.statusRequest = true;
  if (r.remaining === 0) return;
  if (ctx.message === 'certificate') return readCertificateStatus(r);
  const type = r.u8('Certificate Status Type', 'tls.handshake.extensions_status_request_type', certificateStatusTypes);
  if (type !== 1) {
    r.rest('Certificate Status Request', 'tls.handshake.extension.data');
    return;
  }
  readOcspStatusRequest(r);
}

/** RFC 6066 §8: struct { ResponderID responder_id_list<0..2^16-1>; Extensions request_extensions; } OCSPStatusRequest. */
export function readOcspStatusRequest(r: Cursor): void {
  r.vector(
    {
      name: 'Responder ID list',
      lengthName: 'Responder ID list Length',
      lengthFilter: 'tls.handshake.extensions_status_request_responder_ids_len',
      lengthBytes: 2,
    },
    (ids) => {
      while (ids.remaining > 0) {
        const n = ids.u16('Responder ID Length', undefined, undefined, { kb: 'tls.ocsp.responder_id_length' });
        ids.bytes('Responder ID', undefined, n, { kb: 'tls.ocsp.responder_id' });
      }
    },
  );
  const n = r.u16('Request Extensions Length', 'tls.handshake.extensions_status_request_exts_len');
  if (n > 0) r.bytes('Request Extensions', undefined, n, { kb: 'tls.ocsp.request_extensions' });
}

/** RFC 6961 §2.2: client: struct { CertificateStatusRequestItemV2 certificate_status_req_list<1..2^16-1>; }; server: empty. */
export function readCertificateStatusRequestListV2(r: Cursor, _ctx: ExtensionContext, out: HelloExtensions): void {
  out.statusRequest = true;
  if (r.remaining === 0) return;
  r.vector(
    {
      name: 'Certificate Status List',
      lengthName: 'Certificate Status List Length',
      lengthFilter: 'tls.handshake.extensions_status_request_list_len',
      lengthBytes: 2,
      kb: 'tls.handshake.extensions_status_request_list',
    },
    (list) => {
      while (list.remaining > 0) readCertificateStatusRequestItemV2(list);
    },
  );
}

/** RFC 6961 §2.2: struct { CertificateStatusType status_type; uint16 request_length; select (status_type) {...} request; } CertificateStatusRequestItemV2. */
export function readCertificateStatusRequestItemV2(r: Cursor): void {
  const type = r.u8('Certificate Status Type', 'tls.handshake.extensions_status_request_type', certificateStatusTypes);
  const n = r.u16('Certificate Status Length', 'tls.handshake.extensions_status_request_len');
  r.struct(
    'Certificate Status Request',
    undefined,
    n,
    (req) => {
      if (type === 1 || type === 2) readOcspStatusRequest(req);
      else req.rest('Request', 'tls.handshake.extension.data');
    },
    { kb: 'tls.handshake.extensions_status_request_item' },
  );
}

/** RFC 6066 §8 / RFC 8446 §4.4.2.1: struct { CertificateStatusType status_type; OCSPResponse response; } CertificateStatus. */
export function readCertificateStatus(r: Cursor): void {
  r.u8('Certificate Status Type', 'tls.handshake.extensions_status_request_type', certificateStatusTypes);
  const n = r.u24('OCSP Response Length', 'tls.handshake.ocsp_response_len');
  r.bytes('OCSP Response', undefined, n, { kb: 'tls.handshake.ocsp_response' });
}

/** RFC 8422 §5.1.1 / RFC 8446 §4.2.7: struct { NamedGroup named_group_list<2..2^16-1>; } NamedGroupList. */
export function readNamedGroupList(r: Cursor, _ctx: ExtensionContext, out: HelloExtensions): void {
  out.supportedGroups = r.vector(
    {
      name: 'Supported Groups List',
      filter: 'tls.handshake.extensions_supported_groups',
      lengthName: 'Supported Groups List Length',
      lengthFilter: 'tls.handshake.extensions_supported_groups_length',
      lengthBytes: 2,
    },
    (list) => readU16Items(list, 'Supported Group', 'tls.handshake.extensions_supported_group', groupLookup),
  ) ?? out.supportedGroups;
}

/** RFC 8422 §5.1.2: struct { ECPointFormat ec_point_format_list<1..2^8-1> } ECPointFormatList. */
export function readEcPointFormatList(r: Cursor, _ctx: ExtensionContext, out: HelloExtensions): void {
  out.ecPointFormats = r.vector(
    {
      name: 'EC point formats',
      filter: 'tls.handshake.extensions_ec_point_formats',
      lengthName: 'EC point formats Length',
      lengthFilter: 'tls.handshake.extensions_ec_point_formats_length',
      lengthBytes: 1,
    },
    (list) => {
      const formats: number[] = [];
      while (list.remaining > 0) formats.push(list.u8('EC point format', 'tls.handshake.extensions_ec_point_format', ecPointFormats));
      return formats;
    },
  ) ?? out.ecPointFormats;
}

/** RFC 8446 §4.2.3: struct { SignatureScheme supported_signature_algorithms<2..2^16-2>; } SignatureSchemeList. */
export function readSignatureSchemeList(r: Cursor): number[] | undefined {
  return r.vector(
    {
      name: 'Signature Algorithms',
      filter: 'tls.handshake.sig_hash_algs',
      lengthName: 'Signature Hash Algorithms Length',
      lengthFilter: 'tls.handshake.sig_hash_alg_len',
      lengthBytes: 2,
    },
    (list) => {
      const schemes: number[] = [];
      while (list.remaining > 0) schemes.push(readSignatureScheme(list));
      return schemes;
    },
  );
}

/**
 * RFC 8446 §4.2.3 SignatureScheme, which is RFC 5246 §7.4.1.4.1's SignatureAndHashAlgorithm
 * { HashAlgorithm hash; SignatureAlgorithm signature; } on the wire: the two bytes are children,
 * as Wireshark shows them.
 */
export function readSignatureScheme(r: Cursor, name = 'Signature Algorithm'): number {
  const v = r.peek16();
  r.struct(
    name,
    'tls.handshake.sig_hash_alg',
    2,
    (s, field) => {
      if (v !== undefined) {
        field.value = v;
        field.display = `0x${v.toString(16).padStart(4, '0')} (${signatureSchemeLookup(v) ?? 'unknown'})`;
      }
      s.u8('Signature Hash Algorithm Hash', 'tls.handshake.sig_hash_hash', hashAlgorithms);
      s.u8('Signature Hash Algorithm Signature', 'tls.handshake.sig_hash_sig', signatureAlgorithms);
    },
  );
  return v ?? 0;
}

/** signature_algorithms (RFC 8446 §4.2.3). */
export function readSignatureAlgorithms(r: Cursor, _ctx: ExtensionContext, out: HelloExtensions): void {
  out.signatureAlgorithms = readSignatureSchemeList(r) ?? out.signatureAlgorithms;
}

/** signature_algorithms_cert (RFC 8446 §4.2.3): the same SignatureSchemeList, for certificate signatures. */
export function readSignatureAlgorithmsCert(r: Cursor, _ctx: ExtensionContext, out: HelloExtensions): void {
  out.signatureAlgorithmsCert = readSignatureSchemeList(r) ?? out.signatureAlgorithmsCert;
}

/** RFC 6520 §2: struct { HeartbeatMode mode; } HeartbeatExtension. */
export function readHeartbeatExtension(r: Cursor): void {
  r.u8('Mode', 'tls.handshake.extension.heartbeat.mode', heartbeatModes);
}

/** RFC 7301 §3.1: opaque ProtocolName<1..2^8-1>; struct { ProtocolName protocol_name_list<2..2^16-1> } ProtocolNameList. */
export function readProtocolNameList(r: Cursor, _ctx: ExtensionContext, out: HelloExtensions): void {
  out.alpn = r.vector(
    {
      name: 'ALPN Protocol',
      filter: 'tls.handshake.extensions_alpn_list',
      lengthName: 'ALPN Extension Length',
      lengthFilter: 'tls.handshake.extensions_alpn_len',
      lengthBytes: 2,
    },
    (list) => readProtocolNames(list, 'tls.handshake.extensions_alpn_str_len', 'tls.handshake.extensions_alpn_str', 'ALPN'),
  ) ?? out.alpn;
}

/** RFC 7301 §3.1 ProtocolName entries until the cursor ends (shared by ALPN, ALPS and NPN). */
export function readProtocolNames(r: Cursor, lenFilter: string, strFilter: string, what: string): string[] {
  const names: string[] = [];
  while (r.remaining > 0) {
    const n = r.u8(`${what} string length`, lenFilter);
    if (n === 0) {
      flagLast(r, 'empty protocol name (RFC 7301: opaque ProtocolName<1..2^8-1>)');
      names.push('');
      continue;
    }
    names.push(r.text(`${what} Next Protocol`, strFilter, n, 'latin1'));
  }
  return names;
}

/** RFC 7685 §3: the padding extension's body is zero bytes whose only job is length. */
export function readPadding(r: Cursor): void {
  const start = r.pos;
  r.rest('Padding Data', 'tls.handshake.extensions_padding_data');
  for (let i = start; i < r.pos; i++) {
    if (r.data[i] !== 0) {
      flagLast(r, 'padding bytes must be zero (RFC 7685 §3)');
      break;
    }
  }
}

/** RFC 7250 §3: client_certificate_type / server_certificate_type: a list from the client, one type from the server. */
export function readCertificateTypeExtension(r: Cursor, ctx: ExtensionContext): void {
  if (!fromClient(ctx)) {
    r.u8('Certificate Type', 'tls.handshake.cert_type.type', certificateTypes);
    return;
  }
  r.vector(
    {
      name: 'Certificate Type List',
      filter: 'tls.handshake.cert_type.types',
      lengthName: 'Certificate Type List Length',
      lengthFilter: 'tls.handshake.cert_type.types_len',
      lengthBytes: 1,
    },
    (list) => {
      while (list.remaining > 0) list.u8('Certificate Type', 'tls.handshake.cert_type.type', certificateTypes);
    },
  );
}

/** RFC 5746 §3.2: struct { opaque renegotiated_connection<0..255>; } RenegotiationInfo. */
export function readRenegotiationInfo(r: Cursor, _ctx: ExtensionContext, out: HelloExtensions): void {
  const n = r.u8('Renegotiation info extension length', 'tls.handshake.extensions_reneg_info_len');
  out.renegotiationInfo = n > 0 ? r.bytes('Renegotiation info', 'tls.handshake.extensions_reneg_info', n) : new Uint8Array(0);
}

/** RFC 8449 §4: uint16 RecordSizeLimit; values below 64 are illegal. */
export function readRecordSizeLimit(r: Cursor, _ctx: ExtensionContext, out: HelloExtensions): void {
  const v = r.u16('Record Size Limit', 'tls.record_size_limit');
  if (v < 64) flagLast(r, `record_size_limit ${v} is below the minimum of 64 (RFC 8449 §4)`);
  out.recordSizeLimit = v;
}

/**
 * RFC 5077 §3.2: the SessionTicket extension carries the opaque ticket (empty to ask for one).
 * Wireshark names the ticket bytes with the generic extension data filter.
 */
export function readSessionTicket(r: Cursor, _ctx: ExtensionContext, out: HelloExtensions): void {
  out.sessionTicket = r.rest('Session Ticket', 'tls.handshake.extension.data', { kb: 'tls.extension.session_ticket.ticket' });
}

/** draft-agl-tls-nextprotoneg §3: empty from the client; the server lists its protocols. */
export function readNextProtocolNegotiation(r: Cursor): void {
  readProtocolNames(r, 'tls.handshake.extensions_npn_str_len', 'tls.handshake.extensions_npn', 'Next Protocol');
}

/** An extension whose body is opaque to us (token_binding, status_request_v2, unknown types). */
export function readOpaque(r: Cursor): void {
  r.rest('Data', 'tls.handshake.extension.data');
}
