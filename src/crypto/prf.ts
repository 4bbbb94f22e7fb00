// Key derivation of SSL 3.0 and TLS 1.0-1.2: the PRF, master secret, key block, Finished.
// RFC 2246 §5-6.3 (TLS 1.0 PRF), RFC 4346 (TLS 1.1, same PRF), RFC 5246 §5, §6.3, §7.4.9, §8.1
// (TLS 1.2), RFC 7627 §4 (extended master secret), RFC 6101 §6.1-6.2.2 (SSL 3.0).
import { createHash, createHmac } from 'node:crypto';
import { ascii, concatBytes } from './bytes.ts';

/** Which PRF: TLS 1.0/1.1 (MD5 xor SHA-1), TLS 1.2 P_SHA256 / P_SHA384, or SSL 3.0's MD5/SHA-1 construction. */
export type PrfAlgorithm = 'tls10' | 'sha256' | 'sha384' | 'ssl3';

/** P_hash(secret, seed) = HMAC(secret, A(1) + seed) + HMAC(secret, A(2) + seed) + ... (RFC 5246 §5). */
export function pHash(hash: string, secret: Uint8Array, seed: Uint8Array, length: number): Uint8Array {
  const out = new Uint8Array(length);
  let a: Uint8Array = seed; // A(0) = seed
  let filled = 0;
  while (filled < length) {
    a = createHmac(hash, secret).update(a).digest(); // A(i) = HMAC(secret, A(i-1))
    const block = createHmac(hash, secret).update(a).update(seed).digest();
    out.set(block.subarray(0, Math.min(block.length, length - filled)), filled);
    filled += block.length;
  }
  return out;
}

/** TLS 1.0/1.1 PRF: P_MD5(S1, label + seed) XOR P_SHA-1(S2, label + seed), S1/S2 the halves of the secret (RFC 2246 §5). */
export function prfTls10(secret: Uint8Array, label: string, seed: Uint8Array, length: number): Uint8Array {
  const half = Math.ceil(secret.length / 2); // odd lengths share the middle byte
  const s1 = secret.subarray(0, half);
  const s2 = secret.subarray(secret.length - half);
  const labelSeed = concatBytes(ascii(label), seed);
  const md5 = pHash('md5', s1, labelSeed, length);
  const sha1 = pHash('sha1', s2, labelSeed, length);
  for (let i = 0; i < length; i++) md5[i] = (md5[i] ?? 0) ^ (sha1[i] ?? 0);
  return md5;
}

/** TLS 1.2 PRF: P_<hash>(secret, label + seed) (RFC 5246 §5); the hash is SHA-256 unless the suite says SHA-384. */
export function prfTls12(hash: 'sha256' | 'sha384', secret: Uint8Array, label: string, seed: Uint8Array, length: number): Uint8Array {
  return pHash(hash, secret, concatBytes(ascii(label), seed), length);
}

/** SSL 3.0 expansion: MD5(secret + SHA1('A' + secret + seed)) + MD5(secret + SHA1('BB' + ...)) + ... (RFC 6101 §6.1, §6.2.2). */
export function ssl3Expand(secret: Uint8Array, seed: Uint8Array, length: number): Uint8Array {
  const out = new Uint8Array(length);
  let filled = 0;
  for (let i = 0; filled < length; i++) {
    const salt = ascii(String.fromCharCode(0x41 + i).repeat(i + 1)); // 'A', 'BB', 'CCC', ...
    const inner = createHash('sha1').update(salt).update(secret).update(seed).digest();
    const block = createHash('md5').update(secret).update(inner).digest();
    out.set(block.subarray(0, Math.min(16, length - filled)), filled);
    filled += 16;
  }
  return out;
}

/** PRF(secret, label, seed) for any version; SSL 3.0 has no labels and ignores `label`. */
export function prf(alg: PrfAlgorithm, secret: Uint8Array, label: string, seed: Uint8Array, length: number): Uint8Array {
  switch (alg) {
    case 'tls10':
      return prfTls10(secret, label, seed, length);
    case 'sha256':
    case 'sha384':
      return prfTls12(alg, secret, label, seed, length);
    case 'ssl3':
      return ssl3Expand(secret, seed, length);
  }
}

/** master_secret = PRF(pre_master_secret, "master secret", client_random + server_random)[0..47] (RFC 5246 §8.1). */
export function masterSecret(alg: PrfAlgorithm, preMasterSecret: Uint8Array, clientRandom: Uint8Array, serverRandom: Uint8Array): Uint8Array {
  return prf(alg, preMasterSecret, 'master secret', concatBytes(clientRandom, serverRandom), 48);
}

/** Extended master secret: PRF(pre_master_secret, "extended master secret", session_hash)[0..47] (RFC 7627 §4). */
export function extendedMasterSecret(alg: Exclude<PrfAlgorithm, 'ssl3'>, preMasterSecret: Uint8Array, sessionHash: Uint8Array): Uint8Array {
  return prf(alg, preMasterSecret, 'extended master secret', sessionHash, 48);
}

/**
 * Hash of the handshake messages (headers included, no record headers): MD5 + SHA-1 (36 bytes) for
 * TLS 1.0/1.1 and SSL 3.0, else the PRF hash. It is the session_hash of RFC 7627 §3 and the input of
 * Finished (RFC 5246 §7.4.9).
 */
export function handshakeHash(alg: PrfAlgorithm, messages: Uint8Array | readonly Uint8Array[]): Uint8Array {
  const parts = messages instanceof Uint8Array ? [messages] : messages;
  if (alg === 'tls10' || alg === 'ssl3') {
    const md5 = createHash('md5');
    const sha1 = createHash('sha1');
    for (const p of parts) {
      md5.update(p);
      sha1.update(p);
    }
    return concatBytes(md5.digest(), sha1.digest());
  }
  const h = createHash(alg);
  for (const p of parts) h.update(p);
  return new Uint8Array(h.digest());
}

/** key_block = PRF(master_secret, "key expansion", server_random + client_random) (RFC 5246 §6.3; note the order). */
export function keyBlock(alg: PrfAlgorithm, master: Uint8Array, clientRandom: Uint8Array, serverRandom: Uint8Array, length: number): Uint8Array {
  return prf(alg, master, 'key expansion', concatBytes(serverRandom, clientRandom), length);
}

/** Lengths of the key block parts, per direction: MAC key, encryption key, fixed IV (CBC IV in TLS 1.0, AEAD salt). */
export interface KeyBlockLengths {
  macKey: number;
  encKey: number;
  fixedIv: number;
}

/** The key block cut into its six parts, plus the bytes left over. */
export interface KeyMaterial {
  clientMacKey: Uint8Array;
  serverMacKey: Uint8Array;
  clientWriteKey: Uint8Array;
  serverWriteKey: Uint8Array;
  clientIv: Uint8Array;
  serverIv: Uint8Array;
  /** Offsets of each part in the key block, for showing the slices. */
  offsets: Record<'clientMacKey' | 'serverMacKey' | 'clientWriteKey' | 'serverWriteKey' | 'clientIv' | 'serverIv', number>;
}

/** Bytes needed from the key block: 2 * (mac + key + iv) (RFC 5246 §6.3). */
export function keyBlockLength(lengths: KeyBlockLengths): number {
  return 2 * (lengths.macKey + lengths.encKey + lengths.fixedIv);
}

/** Slice the key block: client MAC, server MAC, client key, server key, client IV, server IV (RFC 5246 §6.3). */
export function sliceKeyBlock(block: Uint8Array, lengths: KeyBlockLengths): KeyMaterial {
  let offset = 0;
  const take = (n: number): [Uint8Array, number] => {
    const at = offset;
    offset += n;
    return [block.slice(at, at + n), at];
  };
  const [clientMacKey, o1] = take(lengths.macKey);
  const [serverMacKey, o2] = take(lengths.macKey);
  const [clientWriteKey, o3] = take(lengths.encKey);
  const [serverWriteKey, o4] = take(lengths.encKey);
  const [clientIv, o5] = take(lengths.fixedIv);
  const [serverIv, o6] = take(lengths.fixedIv);
  return {
    clientMacKey, serverMacKey, clientWriteKey, serverWriteKey, clientIv, serverIv,
    offsets: { clientMacKey: o1, serverMacKey: o2, clientWriteKey: o3, serverWriteKey: o4, clientIv: o5, serverIv: o6 },
  };
}

/**
 * Finished verify_data = PRF(master_secret, "client finished" | "server finished", Hash(handshake_messages))[0..11]
 * (RFC 2246 §7.4.9 with MD5+SHA-1, RFC 5246 §7.4.9 with the PRF hash). Not for SSL 3.0.
 */
export function finishedVerifyData(
  alg: Exclude<PrfAlgorithm, 'ssl3'>,
  master: Uint8Array,
  sender: 'client' | 'server',
  handshakeMessages: Uint8Array | readonly Uint8Array[],
): Uint8Array {
  return prf(alg, master, `${sender} finished`, handshakeHash(alg, handshakeMessages), 12);
}

/** SSL 3.0 Finished: MD5(ms + pad2 + MD5(msgs + sender + ms + pad1)) + SHA(...) with sender "CLNT"/"SRVR" (RFC 6101 §5.6.9). */
export function ssl3FinishedVerifyData(master: Uint8Array, sender: 'client' | 'server', handshakeMessages: Uint8Array): Uint8Array {
  const senderBytes = ascii(sender === 'client' ? 'CLNT' : 'SRVR');
  const part = (hash: 'md5' | 'sha1', padLength: number): Uint8Array => {
    const inner = createHash(hash).update(handshakeMessages).update(senderBytes).update(master)
      .update(new Uint8Array(padLength).fill(0x36)).digest();
    return createHash(hash).update(master).update(new Uint8Array(padLength).fill(0x5c)).update(inner).digest();
  };
  return concatBytes(part('md5', 48), part('sha1', 40));
}
