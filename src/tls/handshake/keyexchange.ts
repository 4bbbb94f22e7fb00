// ServerKeyExchange and ClientKeyExchange: their shape depends on the negotiated suite's key
// exchange (RFC 5246 §7.4.3 and §7.4.7, RFC 8422 §5.4 and §5.7, RFC 4279 for PSK).
import type { Cursor } from '../../model/cursor.ts';
import { ecCurveTypes, hashAlgorithms, isAnonymous, keyExchangeOf, namedGroups, signatureAlgorithms, signatureSchemes, type KeyExchange } from '../names.ts';
import { prefixed } from '../read.ts';
import { effectiveVersion, type MessageContext } from './context.ts';

/** SignatureAndHashAlgorithm / SignatureScheme (RFC 5246 §7.4.1.4.1, RFC 8446 §4.2.3), with its two bytes split. */
export function readSignatureScheme(r: Cursor, name = 'Signature Algorithm'): number {
  const at = r.pos;
  const v = r.u16(name, 'tls.handshake.sig_hash_alg', signatureSchemes);
  const f = r.out[r.out.length - 1];
  if (f && f.filter === 'tls.handshake.sig_hash_alg') {
    const hash = r.data[at]!;
    const sig = r.data[at + 1]!;
    f.children = [
      { name: 'Signature Hash Algorithm Hash', filter: 'tls.handshake.sig_hash_hash', value: hash, display: `${hashAlgorithms.get(hash) ?? 'Unknown'} (${hash})`, spans: r.spans(at, 1) },
      { name: 'Signature Hash Algorithm Signature', filter: 'tls.handshake.sig_hash_sig', value: sig, display: `${signatureAlgorithms.get(sig) ?? 'Unknown'} (${sig})`, spans: r.spans(at + 1, 1) },
    ];
  }
  return v;
}

/** The signature that ends a ServerKeyExchange: DigitallySigned (RFC 5246 §4.7; ≤ 1.1 has no algorithm). */
export function readDigitallySigned(r: Cursor, version: number, lenFilter = 'tls.handshake.sig_len', sigFilter = 'tls.handshake.sig'): void {
  if (version >= 0x0303) readSignatureScheme(r);
  prefixed(r, 2, 'Signature Length', lenFilter, 'Signature', sigFilter);
}

/** ServerDHParams (RFC 5246 §7.4.3): p, g, Ys. */
function readServerDHParams(r: Cursor): void {
  prefixed(r, 2, 'p Length', 'tls.handshake.p_len', 'p', 'tls.handshake.p');
  prefixed(r, 2, 'g Length', 'tls.handshake.g_len', 'g', 'tls.handshake.g');
  prefixed(r, 2, 'Pubkey Length', 'tls.handshake.ys_len', 'Pubkey', 'tls.handshake.ys');
}

/** ServerECDHParams (RFC 8422 §5.4): ECParameters then the ECPoint. */
function readServerECDHParams(r: Cursor): void {
  const curveType = r.u8('Curve Type', 'tls.handshake.server_curve_type', ecCurveTypes);
  if (curveType === 3) {
    r.u16('Named Curve', 'tls.handshake.server_named_curve', namedGroups);
  } else {
    // explicit_prime (1) and explicit_char2 (2) were deprecated by RFC 8422; nobody sends them.
    r.malformed(`curve type ${curveType} (explicit curve parameters) is not decoded`);
    return;
  }
  prefixed(r, 1, 'Pubkey Length', 'tls.handshake.server_point_len', 'Pubkey', 'tls.handshake.server_point');
}

/** ServerRSAParams (RFC 4346 §7.4.3, export suites): a temporary RSA key. */
function readServerRSAParams(r: Cursor): void {
  prefixed(r, 2, 'Modulus Length', 'tls.handshake.modulus_len', 'Modulus', 'tls.handshake.modulus');
  prefixed(r, 2, 'Exponent Length', 'tls.handshake.exponent_len', 'Exponent', 'tls.handshake.exponent');
}

/** psk_identity_hint (RFC 4279 §2). */
function readPskHint(r: Cursor): void {
  prefixed(r, 2, 'Hint Length', 'tls.handshake.hint_len', 'Hint', 'tls.handshake.hint');
}

const SKE_TITLES: Partial<Record<KeyExchange, string>> = {
  dhe: 'Diffie-Hellman Server Params',
  dh_anon: 'Diffie-Hellman Server Params',
  ecdhe: 'EC Diffie-Hellman Server Params',
  rsa_export: 'RSA-EXPORT Server Params',
  rsa: 'RSA-EXPORT Server Params',
  psk: 'PSK Server Params',
  dhe_psk: 'Diffie-Hellman Server Params',
  ecdhe_psk: 'EC Diffie-Hellman Server Params',
  rsa_psk: 'PSK Server Params',
};

/** ServerKeyExchange (RFC 5246 §7.4.3, RFC 8422 §5.4, RFC 4279 §2-4). */
export function readServerKeyExchange(r: Cursor, ctx: MessageContext): void {
  const suite = ctx.session.cipherSuite;
  const kx = suite === undefined ? 'unknown' : keyExchangeOf(suite);
  const version = effectiveVersion(ctx);
  const title = SKE_TITLES[kx];
  if (!title) {
    r.rest('Server Key Exchange (key exchange of the suite unknown)', undefined, { kb: 'tls.handshake.server_key_exchange' });
    return;
  }
  r.struct(title, undefined, undefined, (p) => {
    if (kx === 'psk' || kx === 'rsa_psk' || kx === 'dhe_psk' || kx === 'ecdhe_psk') readPskHint(p);
    if (kx === 'dhe' || kx === 'dh_anon' || kx === 'dhe_psk') readServerDHParams(p);
    else if (kx === 'ecdhe' || kx === 'ecdhe_psk') readServerECDHParams(p);
    else if (kx === 'rsa' || kx === 'rsa_export') readServerRSAParams(p);
    // Anonymous and PSK exchanges are not signed.
    const anonymous = kx === 'dh_anon' || kx.endsWith('psk') || (suite !== undefined && isAnonymous(suite));
    if (!anonymous && p.remaining > 0) readDigitallySigned(p, version);
  });
}

/** EncryptedPreMasterSecret (RFC 5246 §7.4.7.1); SSL 3.0 sends it without the u16 length (RFC 6101 §5.6.7.1). */
function readEncryptedPreMasterSecret(r: Cursor, version: number): void {
  if (version === 0x0300) r.rest('Encrypted PreMaster', 'tls.handshake.epms');
  else prefixed(r, 2, 'Encrypted PreMaster length', 'tls.handshake.epms_len', 'Encrypted PreMaster', 'tls.handshake.epms');
}

/** ClientKeyExchange (RFC 5246 §7.4.7, RFC 8422 §5.7, RFC 4279). */
export function readClientKeyExchange(r: Cursor, ctx: MessageContext): void {
  const suite = ctx.session.cipherSuite;
  let kx = suite === undefined ? 'unknown' : keyExchangeOf(suite);
  const version = effectiveVersion(ctx);
  if (kx === 'unknown') kx = guessClientKeyExchange(r, version);
  const psk = kx === 'psk' || kx === 'rsa_psk' || kx === 'dhe_psk' || kx === 'ecdhe_psk';
  const title =
    kx === 'rsa' || kx === 'rsa_export' ? 'RSA Encrypted PreMaster Secret'
    : kx === 'ecdhe' || kx === 'ecdh' || kx === 'ecdhe_psk' ? 'EC Diffie-Hellman Client Params'
    : kx === 'dhe' || kx === 'dh_anon' || kx === 'dhe_psk' ? 'Diffie-Hellman Client Params'
    : psk ? 'PSK Client Params' : undefined;
  if (!title) {
    r.rest('Client Key Exchange (key exchange of the suite unknown)', undefined, { kb: 'tls.handshake.client_key_exchange' });
    return;
  }
  r.struct(title, undefined, undefined, (p) => {
    if (psk) prefixed(p, 2, 'Identity Length', 'tls.handshake.identity_len', 'Identity', 'tls.handshake.identity');
    if (kx === 'rsa' || kx === 'rsa_export' || kx === 'rsa_psk') readEncryptedPreMasterSecret(p, version);
    else if (kx === 'ecdhe' || kx === 'ecdh' || kx === 'ecdhe_psk') {
      // An empty body is the implicit point of a fixed ECDH client certificate (RFC 8422 §5.7).
      if (p.remaining > 0) prefixed(p, 1, 'Pubkey Length', 'tls.handshake.client_point_len', 'Pubkey', 'tls.handshake.client_point');
    } else if (kx === 'dhe' || kx === 'dh_anon' || kx === 'dhe_psk') {
      if (p.remaining > 0) prefixed(p, 2, 'Pubkey Length', 'tls.handshake.yc_len', 'Pubkey', 'tls.handshake.yc');
    }
  });
}

/** Without a ServerHello (capture started late), infer the shape from the lengths that fit. */
function guessClientKeyExchange(r: Cursor, version: number): KeyExchange {
  const n = r.remaining;
  const u16 = r.peek16();
  const u8 = r.peek8();
  if (u8 !== undefined && u8 + 1 === n && (u8 === 32 || u8 === 65 || u8 === 97 || u8 === 133)) return 'ecdhe';
  if (u16 !== undefined && u16 + 2 === n) return n >= 66 && version !== 0x0300 ? 'rsa' : 'dhe';
  return 'unknown';
}
