// CBC block-cipher records (and the NULL cipher) of SSL 3.0 and TLS 1.0-1.2:
// MAC-then-encrypt with padding (RFC 5246 §6.2.3.2, RFC 2246 §6.2.3.2 for the chained IV,
// RFC 6101 §5.2.3.2 for SSL 3.0 padding) and encrypt-then-MAC (RFC 7366 §3).
import { createCipheriv, createDecipheriv } from 'node:crypto';
import { bytesEqual } from './bytes.ts';
import { macLength, recordMac, type MacAlgorithm } from './mac.ts';

export type { MacAlgorithm } from './mac.ts';

/** Block ciphers of the CBC suites, plus the NULL cipher (no encryption, MAC only). */
export type BlockCipherAlgorithm = 'aes-128-cbc' | 'aes-256-cbc' | 'des-ede3-cbc' | 'camellia-128-cbc' | 'camellia-256-cbc' | 'null';

/** Block size in bytes (8 for 3DES, 16 for AES/Camellia, 1 for NULL). */
export function blockSize(cipher: BlockCipherAlgorithm): number {
  if (cipher === 'null') return 1;
  return cipher === 'des-ede3-cbc' ? 8 : 16;
}

/** Encryption key length in bytes. */
export function cipherKeyLength(cipher: BlockCipherAlgorithm): number {
  switch (cipher) {
    case 'aes-128-cbc':
    case 'camellia-128-cbc':
      return 16;
    case 'des-ede3-cbc':
      return 24;
    case 'aes-256-cbc':
    case 'camellia-256-cbc':
      return 32;
    case 'null':
      return 0;
  }
}

/** Raw CBC decryption of whole blocks, no padding removed; undefined when the input cannot be decrypted (length, key). */
export function cbcDecryptBlocks(cipher: BlockCipherAlgorithm, key: Uint8Array, iv: Uint8Array, data: Uint8Array): Uint8Array | undefined {
  if (cipher === 'null') return data.slice();
  const bs = blockSize(cipher);
  if (data.length % bs !== 0 || iv.length !== bs || key.length !== cipherKeyLength(cipher)) return undefined;
  try {
    const d = createDecipheriv(cipher, key, iv).setAutoPadding(false);
    return new Uint8Array(Buffer.concat([d.update(data), d.final()]));
  } catch {
    return undefined;
  }
}

/** Raw CBC encryption of whole blocks (the caller pads); for building records and for teaching. */
export function cbcEncryptBlocks(cipher: BlockCipherAlgorithm, key: Uint8Array, iv: Uint8Array, data: Uint8Array): Uint8Array {
  if (cipher === 'null') return data.slice();
  const c = createCipheriv(cipher, key, iv).setAutoPadding(false);
  return new Uint8Array(Buffer.concat([c.update(data), c.final()]));
}

/** Everything needed to decrypt one CBC (or NULL) record. */
export interface CbcRecordInput {
  cipher: BlockCipherAlgorithm;
  mac: MacAlgorithm;
  encKey: Uint8Array;
  macKey: Uint8Array;
  seq: bigint | number;
  type: number;
  /** Record version: 0x0300 selects the SSL 3.0 MAC and padding rules; >= 0x0302 means an explicit IV. */
  version: number;
  fragment: Uint8Array;
  /** SSL 3.0 / TLS 1.0 chained IV: the key block IV for the first record, then the previous record's last ciphertext block. */
  chainedIv?: Uint8Array;
  /** Override whether the record starts with an explicit IV (default: version >= 0x0302, RFC 4346 §6.2.3.2). */
  explicitIv?: boolean;
  /** encrypt_then_mac negotiated (RFC 7366). */
  encryptThenMac?: boolean;
}

/** What the record contained, part by part, so a renderer can show each one. */
export interface CbcRecordResult {
  /** Padding and MAC both good. */
  ok: boolean;
  /** Why not, when not ok (the first problem found). */
  reason?: string;
  /** The IV sent in the record (TLS 1.1+). */
  explicitIv?: Uint8Array;
  /** The IV actually used for the first block. */
  iv: Uint8Array;
  /** All decrypted bytes (content + MAC + padding for MAC-then-encrypt; content + padding for encrypt-then-MAC). */
  decrypted: Uint8Array;
  /** The content (the TLSPlaintext fragment). */
  plaintext: Uint8Array;
  /** The MAC found in the record, and the one computed. */
  mac: Uint8Array;
  expectedMac: Uint8Array;
  macOk: boolean;
  /** Padding bytes including the final padding_length byte. */
  padding: Uint8Array;
  paddingLength: number;
  paddingOk: boolean;
  /** Chained IV for the next record in this direction (TLS 1.0): the last ciphertext block. */
  nextIv: Uint8Array;
}

function failed(reason: string, iv: Uint8Array, nextIv: Uint8Array, explicitIv?: Uint8Array): CbcRecordResult {
  const empty = new Uint8Array(0);
  return {
    ok: false, reason, explicitIv, iv, decrypted: empty, plaintext: empty, mac: empty, expectedMac: empty,
    macOk: false, padding: empty, paddingLength: 0, paddingOk: false, nextIv,
  };
}

/** Check block-cipher padding: TLS needs padding_length + 1 bytes all equal to padding_length; SSL 3.0 only needs it shorter than a block. */
export function checkPadding(decrypted: Uint8Array, minContent: number, bs: number, ssl3: boolean): { ok: boolean; length: number; reason?: string } {
  const padLen = decrypted[decrypted.length - 1] ?? 0;
  if (decrypted.length === 0) return { ok: false, length: 0, reason: 'nothing to unpad' };
  if (padLen + 1 > decrypted.length - minContent) {
    return { ok: false, length: 0, reason: `padding_length ${padLen} leaves no room for the ${minContent}-byte MAC` };
  }
  if (ssl3) {
    return padLen < bs ? { ok: true, length: padLen } : { ok: false, length: padLen, reason: `SSL 3.0 padding_length ${padLen} is not shorter than the ${bs}-byte block` };
  }
  for (let i = decrypted.length - 1 - padLen; i < decrypted.length; i++) {
    if (decrypted[i] !== padLen) return { ok: false, length: padLen, reason: `padding byte at offset ${i} is 0x${(decrypted[i] ?? 0).toString(16).padStart(2, '0')}, expected 0x${padLen.toString(16).padStart(2, '0')}` };
  }
  return { ok: true, length: padLen };
}

/**
 * Decrypt and check one CBC/NULL record (RFC 5246 §6.2.3.2, RFC 7366 §3). Never throws: bad length,
 * padding or MAC come back in the result with what could be recovered.
 */
export function decryptCbcRecord(input: CbcRecordInput): CbcRecordResult {
  const { cipher, mac, fragment } = input;
  const bs = blockSize(cipher);
  const macLen = macLength(mac);
  const ssl3 = input.version === 0x0300;
  const hasExplicitIv = cipher !== 'null' && (input.explicitIv ?? input.version >= 0x0302);
  const empty = new Uint8Array(0);

  // Encrypt-then-MAC: the MAC trails the fragment in the clear and covers IV + ciphertext (RFC 7366 §3).
  let body = fragment;
  let etmMac: Uint8Array | undefined;
  let etmExpected: Uint8Array = empty;
  if (input.encryptThenMac && cipher !== 'null') {
    if (fragment.length < macLen) return failed(`record of ${fragment.length} bytes is shorter than the ${macLen}-byte MAC`, empty, empty);
    body = fragment.subarray(0, fragment.length - macLen);
    etmMac = fragment.slice(fragment.length - macLen);
    etmExpected = recordMac(mac, input.macKey, input.seq, input.type, input.version, body);
  }

  if (cipher === 'null') {
    if (fragment.length < macLen) return failed(`record of ${fragment.length} bytes is shorter than the ${macLen}-byte MAC`, empty, empty);
    const plaintext = fragment.slice(0, fragment.length - macLen);
    const found = fragment.slice(fragment.length - macLen);
    const expectedMac = recordMac(mac, input.macKey, input.seq, input.type, input.version, plaintext);
    const macOk = bytesEqual(found, expectedMac);
    return {
      ok: macOk, reason: macOk ? undefined : 'MAC does not match', iv: empty, decrypted: plaintext, plaintext,
      mac: found, expectedMac, macOk, padding: empty, paddingLength: 0, paddingOk: true, nextIv: empty,
    };
  }

  const explicitIv = hasExplicitIv ? body.slice(0, bs) : undefined;
  const ciphertext = hasExplicitIv ? body.subarray(bs) : body;
  const iv = explicitIv ?? input.chainedIv ?? empty;
  const nextIv = ciphertext.length >= bs ? ciphertext.slice(ciphertext.length - bs) : empty;
  if (ciphertext.length === 0 || ciphertext.length % bs !== 0) {
    return failed(`ciphertext of ${ciphertext.length} bytes is not a positive multiple of the ${bs}-byte block`, iv, nextIv, explicitIv);
  }
  if (iv.length !== bs) return failed(`no ${bs}-byte IV: TLS 1.0 needs the chained IV from the key block or the previous record`, iv, nextIv, explicitIv);
  const decrypted = cbcDecryptBlocks(cipher, input.encKey, iv, ciphertext);
  if (decrypted === undefined) return failed(`cannot decrypt with a ${input.encKey.length}-byte key`, iv, nextIv, explicitIv);

  const pad = checkPadding(decrypted, etmMac ? 0 : macLen, bs, ssl3);
  const padTotal = pad.ok || pad.length > 0 ? Math.min(pad.length + 1, decrypted.length) : 0;
  const padding = decrypted.slice(decrypted.length - padTotal);
  const beforePadding = decrypted.subarray(0, decrypted.length - padTotal);

  let plaintext: Uint8Array;
  let found: Uint8Array;
  let expectedMac: Uint8Array;
  if (etmMac) {
    plaintext = beforePadding.slice();
    found = etmMac;
    expectedMac = etmExpected;
  } else {
    const macStart = Math.max(0, beforePadding.length - macLen);
    plaintext = beforePadding.slice(0, macStart);
    found = beforePadding.slice(macStart);
    expectedMac = recordMac(mac, input.macKey, input.seq, input.type, input.version, plaintext);
  }
  const macOk = bytesEqual(found, expectedMac);
  const reason = !pad.ok ? `bad padding: ${pad.reason ?? ''}` : macOk ? undefined : 'MAC does not match';
  return {
    ok: pad.ok && macOk, reason, explicitIv, iv, decrypted, plaintext, mac: found, expectedMac, macOk,
    padding, paddingLength: pad.length, paddingOk: pad.ok, nextIv,
  };
}
