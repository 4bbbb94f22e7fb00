/**
 * Extension bodies from RFC 6962 (SCT), RFC 8879, RFC 9345, the ALPS and ECH drafts: what modern
 * browsers and servers add. One function per RFC struct.
 */
import type { Cursor } from '../../model/cursor.ts';
import { readProtocolNames, readSignatureScheme, readSignatureSchemeList } from './basic.ts';
import { certCompressionAlgorithms, echClientHelloTypes, hpkeAeads, hpkeKdfs, withGrease } from './names.ts';
import { flagLast, fromClient, type ExtensionContext } from './types.ts';

/** RFC 6962 §3.3: empty in a ClientHello; otherwise struct { SerializedSCT sct_list<1..2^16-1>; } SignedCertificateTimestampList. */
export function readSignedCertificateTimestampExtension(r: Cursor, ctx: ExtensionContext): void {
  if (fromClient(ctx) || r.remaining === 0) return;
  readSignedCertificateTimestampList(r);
}

/** RFC 6962 §3.3 SignedCertificateTimestampList (also the body of the X.509 SCT extension's OCTET STRING). */
export function readSignedCertificateTimestampList(r: Cursor): void {
  r.vector(
    {
      name: 'Signed Certificate Timestamps',
      lengthName: 'Serialized SCT List Length',
      lengthFilter: 'tls.sct.scts_length',
      lengthBytes: 2,
      kb: 'tls.sct.scts',
    },
    (list) => {
      while (list.remaining > 0) {
        const n = list.peek16();
        list.struct(
          'Signed Certificate Timestamp',
          undefined,
          n === undefined ? undefined : n + 2,
          (e) => {
            const len = e.u16('Serialized SCT Length', 'tls.sct.sct_length');
            e.struct('SCT', undefined, len, readSignedCertificateTimestamp, { kb: 'tls.sct.sct' });
          },
          { kb: 'tls.sct' },
        );
      }
    },
  );
}

/**
 * RFC 6962 §3.2: struct { Version sct_version; LogID id; uint64 timestamp; CtExtensions extensions;
 * digitally-signed struct {...} signature; } SignedCertificateTimestamp.
 */
export function readSignedCertificateTimestamp(r: Cursor): void {
  r.u8('SCT Version', 'tls.sct.sct_version', new Map([[0, 'v1']]));
  r.bytes('Log ID', 'tls.sct.sct_logid', 32);
  const ms = r.u64('Timestamp', 'tls.sct.sct_timestamp');
  const tf = r.out[r.out.length - 1];
  if (tf && ms < 8640000000000000n) tf.display = `${new Date(Number(ms)).toISOString()} (${ms} ms since 1970)`;
  const n = r.u16('Extensions length', 'tls.sct.sct_extensions_length');
  if (n > 0) r.bytes('Extensions', 'tls.sct.sct_extensions', n);
  readSignatureScheme(r);
  const s = r.u16('Signature Length', 'tls.sct.sct_signature_length');
  r.bytes('Signature', 'tls.sct.sct_signature', s);
}

/** RFC 8879 §3: struct { CertificateCompressionAlgorithm algorithms<2..2^8-2>; } CertificateCompressionAlgorithms. */
export function readCertificateCompressionAlgorithms(r: Cursor): void {
  r.vector(
    {
      name: 'Algorithms',
      lengthName: 'Algorithms Length',
      lengthFilter: 'tls.compress_certificate.algorithms_length',
      lengthBytes: 1,
      kb: 'tls.compress_certificate.algorithms',
    },
    (list) => {
      while (list.remaining > 0) list.u16('Algorithm', 'tls.compress_certificate.algorithm', withGrease(certCompressionAlgorithms));
    },
  );
}

/** RFC 9345 §4.1: ClientHello/CertificateRequest: SignatureSchemeList; Certificate entry: DelegatedCredential. */
export function readDelegatedCredentialExtension(r: Cursor, ctx: ExtensionContext): void {
  if (ctx.message === 'certificate') return readDelegatedCredential(r);
  readSignatureSchemeList(r);
}

/** RFC 9345 §4: struct { Credential cred; SignatureScheme algorithm; opaque signature<1..2^16-1>; } DelegatedCredential. */
export function readDelegatedCredential(r: Cursor): void {
  readCredential(r);
  readSignatureScheme(r, 'Signature Algorithm');
  const n = r.u16('Signature Length', 'tls.handshake.cred.signature_len');
  r.bytes('Signature', 'tls.handshake.cred.signature', n);
}

/** RFC 9345 §4: struct { uint32 valid_time; SignatureScheme dc_cert_verify_algorithm; opaque ASN1_subjectPublicKeyInfo<1..2^24-1>; } Credential. */
export function readCredential(r: Cursor): void {
  r.u32('Valid Time', 'tls.handshake.cred.valid_time');
  readSignatureScheme(r, 'Certificate Verify Algorithm');
  const n = r.u24('Subject Public Key Info Length', 'tls.handshake.cred.pubkey_len');
  r.bytes('Subject Public Key Info', 'tls.handshake.cred.pubkey', n);
}

/** draft-vvv-tls-alps §3: ClientHello: ProtocolName supported_protocols<2..2^16-1>; EncryptedExtensions: opaque settings. */
export function readApplicationSettings(r: Cursor, ctx: ExtensionContext): void {
  if (!fromClient(ctx)) {
    r.rest('ALPN Opaque Settings', 'tls.handshake.extensions_alps.settings');
    return;
  }
  r.vector(
    {
      name: 'Supported ALPN List',
      filter: 'tls.handshake.extensions_alps_alpn_list',
      lengthName: 'ALPS Extension Length',
      lengthFilter: 'tls.handshake.extensions_alps_len',
      lengthBytes: 2,
    },
    (list) => readProtocolNames(list, 'tls.handshake.extensions_alps_alpn_str_len', 'tls.handshake.extensions_alps_alpn_str', 'Supported ALPN'),
  );
}

/**
 * draft-ietf-tls-esni §5: ClientHello: struct { ECHClientHelloType type; outer: HpkeSymmetricCipherSuite
 * cipher_suite; uint8 config_id; opaque enc<0..2^16-1>; opaque payload<1..2^16-1>; } ECHClientHello;
 * EncryptedExtensions: ECHConfigList retry_configs; HelloRetryRequest: opaque confirmation[8].
 * The outer hello's payload is ciphertext: shown as opaque parts.
 */
export function readEncryptedClientHello(r: Cursor, ctx: ExtensionContext): void {
  if (ctx.message === 'hello_retry_request') {
    r.bytes('Confirmation', 'tls.ech.confirmation', 8);
    return;
  }
  if (!fromClient(ctx)) {
    const n = r.u16('Retry Configs Length', 'tls.ech.retry_configs_length');
    r.bytes('Retry Configs', 'tls.ech.retry_configs', n);
    return;
  }
  const type = r.u8('Client Hello type', 'tls.ech.client_hello_type', echClientHelloTypes);
  if (type !== 0) return;
  readHpkeSymmetricCipherSuite(r);
  r.u8('Config Id', 'tls.ech.config_id');
  const encLen = r.u16('Enc length', 'tls.ech.enc_length');
  if (encLen > 0) r.bytes('Enc', 'tls.ech.enc', encLen);
  const payloadLen = r.u16('Payload length', 'tls.ech.payload_length');
  if (payloadLen === 0) flagLast(r, 'empty ECH payload (opaque payload<1..2^16-1>)');
  else r.bytes('Payload', 'tls.ech.payload', payloadLen);
}

/** RFC 9180 / draft-ietf-tls-esni §4: struct { HpkeKdfId kdf_id; HpkeAeadId aead_id; } HpkeSymmetricCipherSuite. */
export function readHpkeSymmetricCipherSuite(r: Cursor): void {
  r.struct(
    'Cipher Suite',
    'tls.ech.cipher_suite',
    4,
    (s) => {
      s.u16('KDF Id', 'tls.ech.hpke.keyconfig.cipher_suite.kdf_id', hpkeKdfs);
      s.u16('AEAD Id', 'tls.ech.hpke.keyconfig.cipher_suite.aead_id', hpkeAeads);
    },
  );
}
