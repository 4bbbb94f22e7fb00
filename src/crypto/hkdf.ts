// The TLS 1.3 key schedule (RFC 8446 §7.1), traffic keys (§7.3), KeyUpdate (§7.2),
// Finished (§4.4.4) and resumption PSKs (§4.6.1), on HKDF (RFC 5869) from node:crypto's HMAC.
import { createHash, createHmac } from 'node:crypto';
import { ascii, concatBytes, uintBytes } from './bytes.ts';

/** The hash of a TLS 1.3 cipher suite. */
export type HkdfHash = 'sha256' | 'sha384';

/** Output length of the hash in bytes (Hash.length of RFC 8446). */
export function hashLength(hash: HkdfHash): number {
  return hash === 'sha256' ? 32 : 48;
}

/** Parameters of the TLS 1.3 cipher suites (RFC 8446 §B.4, RFC 8446 §5.3 for the 12-byte IV). */
export interface Tls13Suite {
  name: string;
  hash: HkdfHash;
  aead: 'aes-128-gcm' | 'aes-256-gcm' | 'chacha20-poly1305' | 'aes-128-ccm' | 'aes-128-ccm8';
  keyLength: number;
  ivLength: number;
  tagLength: number;
}

/** TLS 1.3 cipher suites by their code point. */
export const TLS13_SUITES: Readonly<Record<number, Tls13Suite>> = {
  0x1301: { name: 'TLS_AES_128_GCM_SHA256', hash: 'sha256', aead: 'aes-128-gcm', keyLength: 16, ivLength: 12, tagLength: 16 },
  0x1302: { name: 'TLS_AES_256_GCM_SHA384', hash: 'sha384', aead: 'aes-256-gcm', keyLength: 32, ivLength: 12, tagLength: 16 },
  0x1303: { name: 'TLS_CHACHA20_POLY1305_SHA256', hash: 'sha256', aead: 'chacha20-poly1305', keyLength: 32, ivLength: 12, tagLength: 16 },
  0x1304: { name: 'TLS_AES_128_CCM_SHA256', hash: 'sha256', aead: 'aes-128-ccm', keyLength: 16, ivLength: 12, tagLength: 16 },
  0x1305: { name: 'TLS_AES_128_CCM_8_SHA256', hash: 'sha256', aead: 'aes-128-ccm8', keyLength: 16, ivLength: 12, tagLength: 8 },
};

/** HKDF-Extract(salt, IKM) = HMAC-Hash(salt, IKM); an empty salt means Hash.length zero bytes (RFC 5869 §2.2). */
export function hkdfExtract(hash: HkdfHash, salt: Uint8Array, ikm: Uint8Array): Uint8Array {
  const key = salt.length === 0 ? new Uint8Array(hashLength(hash)) : salt;
  return new Uint8Array(createHmac(hash, key).update(ikm).digest());
}

/** HKDF-Expand(PRK, info, L): T(1) | T(2) | ... with T(i) = HMAC(PRK, T(i-1) | info | i) (RFC 5869 §2.3). */
export function hkdfExpand(hash: HkdfHash, prk: Uint8Array, info: Uint8Array, length: number): Uint8Array {
  const out = new Uint8Array(length);
  let t: Uint8Array = new Uint8Array(0);
  let filled = 0;
  for (let i = 1; filled < length; i++) {
    t = createHmac(hash, prk).update(t).update(info).update(Uint8Array.of(i)).digest();
    out.set(t.subarray(0, Math.min(t.length, length - filled)), filled);
    filled += t.length;
  }
  return out;
}

/** The HkdfLabel struct: uint16 length, opaque label<7..255> = "tls13 " + Label, opaque context<0..255> (RFC 8446 §7.1). */
export function hkdfLabel(label: string, context: Uint8Array, length: number): Uint8Array {
  const fullLabel = ascii(`tls13 ${label}`);
  return concatBytes(uintBytes(length, 2), Uint8Array.of(fullLabel.length), fullLabel, Uint8Array.of(context.length), context);
}

/** HKDF-Expand-Label(Secret, Label, Context, Length) = HKDF-Expand(Secret, HkdfLabel, Length) (RFC 8446 §7.1). */
export function hkdfExpandLabel(hash: HkdfHash, secret: Uint8Array, label: string, context: Uint8Array, length: number): Uint8Array {
  return hkdfExpand(hash, secret, hkdfLabel(label, context, length), length);
}

/** Transcript-Hash(M1, M2, ...): the hash of the concatenated handshake messages (RFC 8446 §4.4.1). */
export function transcriptHash(hash: HkdfHash, ...messages: readonly Uint8Array[]): Uint8Array {
  const h = createHash(hash);
  for (const m of messages) h.update(m);
  return new Uint8Array(h.digest());
}

/** Derive-Secret(Secret, Label, Messages) = HKDF-Expand-Label(Secret, Label, Transcript-Hash(Messages), Hash.length); takes the hash of the messages (RFC 8446 §7.1). */
export function deriveSecret(hash: HkdfHash, secret: Uint8Array, label: string, messagesHash: Uint8Array): Uint8Array {
  return hkdfExpandLabel(hash, secret, label, messagesHash, hashLength(hash));
}

/** Hash of the empty string, the context of the "derived" steps (RFC 8446 §7.1). */
export function emptyHash(hash: HkdfHash): Uint8Array {
  return transcriptHash(hash);
}

/** Early Secret = HKDF-Extract(0, PSK), the PSK being Hash.length zero bytes when there is none (RFC 8446 §7.1). */
export function earlySecret(hash: HkdfHash, psk?: Uint8Array): Uint8Array {
  return hkdfExtract(hash, new Uint8Array(0), psk ?? new Uint8Array(hashLength(hash)));
}

/** binder_key = Derive-Secret(Early Secret, "ext binder" | "res binder", "") (RFC 8446 §7.1, §4.2.11.2). */
export function binderKey(hash: HkdfHash, early: Uint8Array, kind: 'external' | 'resumption'): Uint8Array {
  return deriveSecret(hash, early, kind === 'external' ? 'ext binder' : 'res binder', emptyHash(hash));
}

/** client_early_traffic_secret = Derive-Secret(Early Secret, "c e traffic", ClientHello) (RFC 8446 §7.1). */
export function clientEarlyTrafficSecret(hash: HkdfHash, early: Uint8Array, clientHelloHash: Uint8Array): Uint8Array {
  return deriveSecret(hash, early, 'c e traffic', clientHelloHash);
}

/** early_exporter_master_secret = Derive-Secret(Early Secret, "e exp master", ClientHello) (RFC 8446 §7.1). */
export function earlyExporterMasterSecret(hash: HkdfHash, early: Uint8Array, clientHelloHash: Uint8Array): Uint8Array {
  return deriveSecret(hash, early, 'e exp master', clientHelloHash);
}

/** Handshake Secret = HKDF-Extract(Derive-Secret(Early Secret, "derived", ""), (EC)DHE) (RFC 8446 §7.1). */
export function handshakeSecret(hash: HkdfHash, early: Uint8Array, sharedSecret?: Uint8Array): Uint8Array {
  const derived = deriveSecret(hash, early, 'derived', emptyHash(hash));
  return hkdfExtract(hash, derived, sharedSecret ?? new Uint8Array(hashLength(hash)));
}

/** Master Secret = HKDF-Extract(Derive-Secret(Handshake Secret, "derived", ""), 0) (RFC 8446 §7.1). */
export function masterSecret13(hash: HkdfHash, handshake: Uint8Array): Uint8Array {
  const derived = deriveSecret(hash, handshake, 'derived', emptyHash(hash));
  return hkdfExtract(hash, derived, new Uint8Array(hashLength(hash)));
}

/** Inputs of the whole schedule: hashes of the transcript at the points RFC 8446 §7.1 uses. */
export interface Tls13ScheduleInput {
  hash: HkdfHash;
  /** The PSK (resumption or external); absent for a full handshake. */
  psk?: Uint8Array;
  /** The (EC)DHE shared secret; absent for psk_ke. */
  sharedSecret?: Uint8Array;
  /** Transcript-Hash(ClientHello), for the early secrets. */
  clientHelloHash?: Uint8Array;
  /** Transcript-Hash(ClientHello...ServerHello). */
  helloHash: Uint8Array;
  /** Transcript-Hash(ClientHello...server Finished). */
  serverFinishedHash?: Uint8Array;
  /** Transcript-Hash(ClientHello...client Finished). */
  clientFinishedHash?: Uint8Array;
}

/** Every secret of RFC 8446 §7.1, named as in the RFC (and the NSS key log). */
export interface Tls13Schedule {
  earlySecret: Uint8Array;
  binderKeyExternal: Uint8Array;
  binderKeyResumption: Uint8Array;
  clientEarlyTrafficSecret?: Uint8Array;
  earlyExporterMasterSecret?: Uint8Array;
  derivedForHandshake: Uint8Array;
  handshakeSecret: Uint8Array;
  clientHandshakeTrafficSecret: Uint8Array;
  serverHandshakeTrafficSecret: Uint8Array;
  derivedForMaster: Uint8Array;
  masterSecret: Uint8Array;
  clientApplicationTrafficSecret0?: Uint8Array;
  serverApplicationTrafficSecret0?: Uint8Array;
  exporterMasterSecret?: Uint8Array;
  resumptionMasterSecret?: Uint8Array;
}

/** Run the key schedule of RFC 8446 §7.1 as far as the given transcript hashes allow. */
export function keySchedule13(input: Tls13ScheduleInput): Tls13Schedule {
  const { hash } = input;
  const early = earlySecret(hash, input.psk);
  const derivedForHandshake = deriveSecret(hash, early, 'derived', emptyHash(hash));
  const hs = hkdfExtract(hash, derivedForHandshake, input.sharedSecret ?? new Uint8Array(hashLength(hash)));
  const derivedForMaster = deriveSecret(hash, hs, 'derived', emptyHash(hash));
  const master = hkdfExtract(hash, derivedForMaster, new Uint8Array(hashLength(hash)));
  const out: Tls13Schedule = {
    earlySecret: early,
    binderKeyExternal: binderKey(hash, early, 'external'),
    binderKeyResumption: binderKey(hash, early, 'resumption'),
    derivedForHandshake,
    handshakeSecret: hs,
    clientHandshakeTrafficSecret: deriveSecret(hash, hs, 'c hs traffic', input.helloHash),
    serverHandshakeTrafficSecret: deriveSecret(hash, hs, 's hs traffic', input.helloHash),
    derivedForMaster,
    masterSecret: master,
  };
  if (input.clientHelloHash) {
    out.clientEarlyTrafficSecret = clientEarlyTrafficSecret(hash, early, input.clientHelloHash);
    out.earlyExporterMasterSecret = earlyExporterMasterSecret(hash, early, input.clientHelloHash);
  }
  if (input.serverFinishedHash) {
    out.clientApplicationTrafficSecret0 = deriveSecret(hash, master, 'c ap traffic', input.serverFinishedHash);
    out.serverApplicationTrafficSecret0 = deriveSecret(hash, master, 's ap traffic', input.serverFinishedHash);
    out.exporterMasterSecret = deriveSecret(hash, master, 'exp master', input.serverFinishedHash);
  }
  if (input.clientFinishedHash) {
    out.resumptionMasterSecret = deriveSecret(hash, master, 'res master', input.clientFinishedHash);
  }
  return out;
}

/** Traffic write key and IV: HKDF-Expand-Label(Secret, "key", "", key_length) and (Secret, "iv", "", iv_length) (RFC 8446 §7.3). */
export function trafficKeys(hash: HkdfHash, trafficSecret: Uint8Array, keyLength: number, ivLength = 12): { key: Uint8Array; iv: Uint8Array } {
  return {
    key: hkdfExpandLabel(hash, trafficSecret, 'key', new Uint8Array(0), keyLength),
    iv: hkdfExpandLabel(hash, trafficSecret, 'iv', new Uint8Array(0), ivLength),
  };
}

/** application_traffic_secret_N+1 = HKDF-Expand-Label(secret_N, "traffic upd", "", Hash.length) (RFC 8446 §7.2). */
export function nextTrafficSecret(hash: HkdfHash, trafficSecret: Uint8Array): Uint8Array {
  return hkdfExpandLabel(hash, trafficSecret, 'traffic upd', new Uint8Array(0), hashLength(hash));
}

/** finished_key = HKDF-Expand-Label(BaseKey, "finished", "", Hash.length) (RFC 8446 §4.4.4). */
export function finishedKey(hash: HkdfHash, baseKey: Uint8Array): Uint8Array {
  return hkdfExpandLabel(hash, baseKey, 'finished', new Uint8Array(0), hashLength(hash));
}

/** verify_data = HMAC(finished_key, Transcript-Hash(Handshake Context, Certificate*, CertificateVerify*)) (RFC 8446 §4.4.4). */
export function finishedVerifyData13(hash: HkdfHash, baseKey: Uint8Array, transcript: Uint8Array): Uint8Array {
  return new Uint8Array(createHmac(hash, finishedKey(hash, baseKey)).update(transcript).digest());
}

/** PSK of a ticket: HKDF-Expand-Label(resumption_master_secret, "resumption", ticket_nonce, Hash.length) (RFC 8446 §4.6.1). */
export function resumptionPsk(hash: HkdfHash, resumptionMasterSecret: Uint8Array, ticketNonce: Uint8Array): Uint8Array {
  return hkdfExpandLabel(hash, resumptionMasterSecret, 'resumption', ticketNonce, hashLength(hash));
}

/** TLS-Exporter(label, context, length) = HKDF-Expand-Label(Derive-Secret(secret, label, ""), "exporter", Hash(context), length) (RFC 8446 §7.5). */
export function exportKeyingMaterial(hash: HkdfHash, exporterSecret: Uint8Array, label: string, context: Uint8Array, length: number): Uint8Array {
  const secret = deriveSecret(hash, exporterSecret, label, emptyHash(hash));
  return hkdfExpandLabel(hash, secret, 'exporter', transcriptHash(hash, context), length);
}
