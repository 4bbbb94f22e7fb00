// RSA key exchange: decrypt the EncryptedPreMasterSecret of a ClientKeyExchange with the server's
// private key (RFC 5246 §7.4.7.1), as raw RSA (RSA_NO_PADDING) followed by an explicit PKCS#1 v1.5
// type 2 unpad (RFC 8017 §7.2.2) so every part can be shown; plus key loading and key/cert matching.
import { constants, createPrivateKey, createPublicKey, privateDecrypt, X509Certificate } from 'node:crypto';
import type { KeyObject } from 'node:crypto';
import { bytesEqual } from './bytes.ts';

/** A loaded private key, or why it could not be loaded. */
export type LoadKeyResult =
  | { ok: true; key: KeyObject; format: 'pem' | 'der'; keyType: string; modulusBits?: number }
  | { ok: false; reason: string };

function looksLikePem(data: Uint8Array | string): boolean {
  const text = typeof data === 'string' ? data : Buffer.from(data.subarray(0, 4096)).toString('latin1');
  return text.includes('-----BEGIN');
}

function describe(key: KeyObject, format: 'pem' | 'der'): LoadKeyResult {
  const modulusBits = key.asymmetricKeyDetails?.modulusLength;
  return { ok: true, key, format, keyType: key.asymmetricKeyType ?? 'unknown', modulusBits };
}

/** Load a private key: PEM or DER, PKCS#1 ("RSA PRIVATE KEY") or PKCS#8, optionally encrypted with a passphrase. */
export function loadPrivateKey(data: Uint8Array | string, passphrase?: string): LoadKeyResult {
  const errors: string[] = [];
  if (looksLikePem(data)) {
    const pem = typeof data === 'string' ? data : Buffer.from(data).toString('latin1');
    try {
      return describe(createPrivateKey({ key: pem, format: 'pem', passphrase }), 'pem');
    } catch (e) {
      return { ok: false, reason: `PEM private key not readable${passphrase === undefined ? ' (encrypted? give the passphrase)' : ''}: ${e instanceof Error ? e.message : String(e)}` };
    }
  }
  const der = Buffer.from(typeof data === 'string' ? Buffer.from(data, 'latin1') : data);
  for (const type of ['pkcs8', 'pkcs1'] as const) {
    try {
      return describe(createPrivateKey({ key: der, format: 'der', type, passphrase }), 'der');
    } catch (e) {
      errors.push(`${type}: ${e instanceof Error ? e.message : String(e)}`);
    }
  }
  return { ok: false, reason: `not a PEM or DER (PKCS#1/PKCS#8) private key: ${errors.join('; ')}` };
}

/** The parts of a PKCS#1 v1.5 type 2 block: 00 02 <nonzero padding, at least 8 bytes> 00 <message> (RFC 8017 §7.2.2). */
export type Pkcs1Unpadded =
  | { ok: true; block: Uint8Array; padding: Uint8Array; separatorOffset: number; message: Uint8Array }
  | { ok: false; reason: string; block: Uint8Array };

/** Remove PKCS#1 v1.5 encryption padding (block type 2), keeping the parts for teaching (RFC 8017 §7.2.2 step 3). */
export function pkcs1v15Unpad(block: Uint8Array): Pkcs1Unpadded {
  if (block.length < 11) return { ok: false, reason: `block of ${block.length} bytes is too short for PKCS#1 v1.5`, block };
  if (block[0] !== 0x00) return { ok: false, reason: `first byte is 0x${(block[0] ?? 0).toString(16).padStart(2, '0')}, expected 0x00`, block };
  if (block[1] !== 0x02) return { ok: false, reason: `block type is 0x${(block[1] ?? 0).toString(16).padStart(2, '0')}, expected 0x02 (encryption)`, block };
  const sep = block.indexOf(0x00, 2);
  if (sep < 0) return { ok: false, reason: 'no 0x00 separator after the padding', block };
  if (sep - 2 < 8) return { ok: false, reason: `padding string is ${sep - 2} bytes, at least 8 required`, block };
  return { ok: true, block, padding: block.slice(2, sep), separatorOffset: sep, message: block.slice(sep + 1) };
}

/** Result of decrypting the pre-master secret; a padding failure is a result, not an exception. */
export type PreMasterSecretResult =
  | {
      ok: true;
      /** The raw RSA output (m = c^d mod n), modulus-length bytes. */
      block: Uint8Array;
      padding: Uint8Array;
      separatorOffset: number;
      preMasterSecret: Uint8Array;
      /** ClientHello.client_version from the first two PMS bytes (RFC 5246 §7.4.7.1). */
      clientVersion: number;
    }
  | { ok: false; reason: string; block?: Uint8Array };

/** Decrypt an EncryptedPreMasterSecret (without its 2-byte length prefix) and check it holds 48 bytes (RFC 5246 §7.4.7.1). */
export function decryptPreMasterSecret(key: KeyObject, encryptedPms: Uint8Array): PreMasterSecretResult {
  if (key.asymmetricKeyType !== 'rsa') return { ok: false, reason: `key is ${key.asymmetricKeyType ?? 'unknown'}, not RSA` };
  const modulusBytes = Math.ceil((key.asymmetricKeyDetails?.modulusLength ?? 0) / 8);
  if (encryptedPms.length !== modulusBytes) {
    return { ok: false, reason: `encrypted PMS is ${encryptedPms.length} bytes but the key's modulus is ${modulusBytes} bytes (wrong key, or a length prefix left on?)` };
  }
  let block: Uint8Array;
  try {
    block = new Uint8Array(privateDecrypt({ key, padding: constants.RSA_NO_PADDING }, encryptedPms));
  } catch (e) {
    return { ok: false, reason: `RSA decryption failed: ${e instanceof Error ? e.message : String(e)}` };
  }
  const unpadded = pkcs1v15Unpad(block);
  if (!unpadded.ok) return { ok: false, reason: `bad PKCS#1 padding (wrong key?): ${unpadded.reason}`, block };
  if (unpadded.message.length !== 48) {
    return { ok: false, reason: `pre-master secret is ${unpadded.message.length} bytes, expected 48`, block };
  }
  const pms = unpadded.message;
  return {
    ok: true, block, padding: unpadded.padding, separatorOffset: unpadded.separatorOffset,
    preMasterSecret: pms, clientVersion: ((pms[0] ?? 0) << 8) | (pms[1] ?? 0),
  };
}

/** SubjectPublicKeyInfo DER of a key (private or public). */
export function publicKeyDer(key: KeyObject): Uint8Array {
  const pub = key.type === 'private' ? createPublicKey(key) : key;
  return new Uint8Array(pub.export({ type: 'spki', format: 'der' }));
}

/** Whether the private key belongs to the certificate (DER): compares the SubjectPublicKeyInfo DER, which includes the RSA modulus. */
export function keyMatchesCertificate(key: KeyObject, certificateDer: Uint8Array): boolean {
  let certKey: KeyObject;
  try {
    certKey = new X509Certificate(certificateDer).publicKey;
  } catch {
    return false;
  }
  return bytesEqual(publicKeyDer(key), publicKeyDer(certKey));
}

/** RSA modulus n as big-endian bytes (from the JWK form), to show next to the certificate's. */
export function rsaModulus(key: KeyObject): Uint8Array | undefined {
  if (key.asymmetricKeyType !== 'rsa') return undefined;
  const jwk = (key.type === 'private' ? createPublicKey(key) : key).export({ format: 'jwk' });
  return jwk.n === undefined ? undefined : new Uint8Array(Buffer.from(jwk.n, 'base64url'));
}
