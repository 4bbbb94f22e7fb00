// Certificate, CertificateRequest, CertificateVerify, CertificateStatus and CompressedCertificate
// (RFC 5246 §7.4.2, §7.4.4, §7.4.8; RFC 8446 §4.3.2, §4.4.2, §4.4.3; RFC 6066 §8; RFC 8879).
import type { Cursor } from '../../model/cursor.ts';
import { spansLength } from '../../model/span.ts';
import { readCertificate, readDistinguishedName, readExtensions } from '../deps.ts';
import { certificateCompressionAlgorithms, certificateStatusTypes, certificateTypes } from '../names.ts';
import { opaque, prefixed } from '../read.ts';
import { effectiveVersion, tls13, type MessageContext } from './context.ts';
import { readDigitallySigned, readSignatureScheme } from './keyexchange.ts';

/** ASN.1Cert (RFC 5246 §7.4.2): opaque ASN.1Cert<1..2^24-1>, decoded by the X.509 reader. */
function readASN1Cert(r: Cursor): void {
  const n = r.u24('Certificate Length', 'tls.handshake.certificate_length');
  r.struct('Certificate', 'tls.handshake.certificate', n, (c) => readCertificate(c));
}

/** CertificateEntry (RFC 8446 §4.4.2): cert_data then per-certificate extensions. */
function readCertificateEntry(r: Cursor): void {
  readASN1Cert(r);
  if (r.remaining > 0) readExtensions(r, { message: 'certificate' });
}

/** Certificate (RFC 5246 §7.4.2: certificate_list; RFC 8446 §4.4.2: context + CertificateEntry list). */
export function readCertificateMessage(r: Cursor, ctx: MessageContext): number {
  let count = 0;
  const is13 = tls13(ctx);
  if (is13) prefixed(r, 1, 'Certificate Request Context Length', 'tls.handshake.certificate_request_context_length', 'Certificate Request Context', 'tls.handshake.certificate_request_context');
  r.vector({ name: 'Certificates', filter: 'tls.handshake.certificates', lengthName: 'Certificates Length', lengthFilter: 'tls.handshake.certificates_length', lengthBytes: 3 }, (v, f) => {
    while (v.remaining > 0) {
      if (is13) {
        // An entry has no length of its own: its extent is cert_data's plus its extensions'.
        const certLen = (v.peek16() ?? 0) * 256 + (v.peek8(2) ?? 0);
        const extLen = v.remaining >= 3 + certLen + 2 ? (v.data[v.pos + 3 + certLen]! << 8) | v.data[v.pos + 4 + certLen]! : 0;
        v.struct('Certificate Entry', undefined, 3 + certLen + 2 + extLen, readCertificateEntry, { kb: 'tls.handshake.certificate_entry' });
      } else {
        readASN1Cert(v);
      }
      count++;
    }
    f.display = `Certificates (${spansLength(f.spans)} bytes, ${count} certificate${count === 1 ? '' : 's'})`;
  });
  return count;
}

/** CertificateRequest (RFC 5246 §7.4.4; RFC 8446 §4.3.2: context and extensions). */
export function readCertificateRequest(r: Cursor, ctx: MessageContext): void {
  if (tls13(ctx)) {
    prefixed(r, 1, 'Certificate Request Context Length', 'tls.handshake.certificate_request_context_length', 'Certificate Request Context', 'tls.handshake.certificate_request_context');
    readExtensions(r, { message: 'certificate_request' });
    return;
  }
  r.vector({ name: 'Certificate types', filter: 'tls.handshake.cert_types', lengthName: 'Certificate types count', lengthFilter: 'tls.handshake.cert_types_count', lengthBytes: 1 }, (v) => {
    while (v.remaining > 0) v.u8('Certificate type', 'tls.handshake.cert_type', certificateTypes);
  });
  if (effectiveVersion(ctx) >= 0x0303) {
    r.vector({ name: 'Signature Hash Algorithms', filter: 'tls.handshake.sig_hash_algs', lengthName: 'Signature Hash Algorithms Length', lengthFilter: 'tls.handshake.sig_hash_alg_len', lengthBytes: 2 }, (v) => {
      while (v.remaining > 0) readSignatureScheme(v);
    });
  }
  r.vector({ name: 'Distinguished Names', filter: 'tls.handshake.dnames', lengthName: 'Distinguished Names Length', lengthFilter: 'tls.handshake.dnames_len', lengthBytes: 2 }, (v) => {
    while (v.remaining > 0) {
      const n = v.u16('Distinguished Name Length', 'tls.handshake.dname_len');
      // The X.509 reader puts tls.handshake.dname on the RDNSequence content, as tshark does.
      v.struct('Distinguished Name', undefined, n, (d) => readDistinguishedName(d), { kb: 'tls.handshake.dname' });
    }
  });
}

/** CertificateVerify (RFC 8446 §4.4.3; RFC 5246 §7.4.8 digitally-signed; ≤ 1.1 without the algorithm). */
export function readCertificateVerify(r: Cursor, ctx: MessageContext): void {
  readDigitallySigned(r, effectiveVersion(ctx), 'tls.handshake.client_cert_vrfy.sig_len', 'tls.handshake.client_cert_vrfy.sig');
}

/** CertificateStatus (RFC 6066 §8; RFC 6961 ocsp_multi): the OCSP response, kept as DER bytes. */
export function readCertificateStatus(r: Cursor): void {
  const type = r.u8('Certificate Status Type', 'tls.handshake.extensions_status_request_type', certificateStatusTypes);
  if (type === 2) {
    r.vector({ name: 'OCSP Response List', lengthName: 'OCSP Response List Length', lengthFilter: 'tls.handshake.ocsp_response_list_len', lengthBytes: 3 }, (v) => {
      while (v.remaining > 0) prefixed(v, 3, 'OCSP Response Length', 'tls.handshake.ocsp_response_len', 'OCSP Response', undefined, { kb: 'ocsp.responseBytes' });
    });
  } else {
    prefixed(r, 3, 'OCSP Response Length', 'tls.handshake.ocsp_response_len', 'OCSP Response', undefined, { kb: 'ocsp.responseBytes' });
  }
}

/** CompressedCertificate (RFC 8879 §4): kept compressed (opaque). */
export function readCompressedCertificate(r: Cursor): void {
  r.u16('Algorithm', 'tls.compress_certificate.algorithm', certificateCompressionAlgorithms);
  r.u24('Uncompressed Length', 'tls.compress_certificate.uncompressed_length');
  const n = r.u24('Length', 'tls.compress_certificate.compressed_certificate_message.length');
  opaque(r, 'Compressed Certificate Message', 'tls.compress_certificate.compressed_certificate_message', n);
}
