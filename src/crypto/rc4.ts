// RC4 in plain TypeScript (OpenSSL 3 only offers it from the legacy provider) and the
// stream-cipher record: MAC-then-encrypt, the cipher state running on across records
// (RFC 5246 §6.2.3.1, RFC 2246 §6.2.3.1; RC4 is prohibited since RFC 7465 but old captures use it).
import { bytesEqual } from './bytes.ts';
import { macLength, recordMac, type MacAlgorithm } from './mac.ts';

/** RC4 state: the permutation S and the indices i, j; it carries over from one record to the next. */
export interface Rc4State {
  s: Uint8Array;
  i: number;
  j: number;
}

/** Key scheduling (KSA): build the initial state from a 1..256-byte key. */
export function rc4Init(key: Uint8Array): Rc4State {
  const s = new Uint8Array(256);
  for (let i = 0; i < 256; i++) s[i] = i;
  if (key.length === 0) return { s, i: 0, j: 0 };
  let j = 0;
  for (let i = 0; i < 256; i++) {
    const si = s[i] ?? 0;
    j = (j + si + (key[i % key.length] ?? 0)) & 0xff;
    s[i] = s[j] ?? 0;
    s[j] = si;
  }
  return { s, i: 0, j: 0 };
}

/** XOR `data` with the next keystream bytes (PRGA), advancing the state in place; encryption and decryption are the same. */
export function rc4Process(state: Rc4State, data: Uint8Array): Uint8Array {
  const { s } = state;
  let { i, j } = state;
  const out = new Uint8Array(data.length);
  for (let n = 0; n < data.length; n++) {
    i = (i + 1) & 0xff;
    const si = s[i] ?? 0;
    j = (j + si) & 0xff;
    const sj = s[j] ?? 0;
    s[i] = sj;
    s[j] = si;
    out[n] = (data[n] ?? 0) ^ (s[(si + sj) & 0xff] ?? 0);
  }
  state.i = i;
  state.j = j;
  return out;
}

/** Copy of a state, to try a record without consuming keystream. */
export function rc4Clone(state: Rc4State): Rc4State {
  return { s: state.s.slice(), i: state.i, j: state.j };
}

/** Input of one stream-cipher record. */
export interface StreamRecordInput {
  /** This direction's RC4 state; advanced by the record's length. */
  state: Rc4State;
  mac: MacAlgorithm;
  macKey: Uint8Array;
  seq: bigint | number;
  type: number;
  version: number;
  fragment: Uint8Array;
}

/** A decrypted stream record: content and MAC, as found and as computed. */
export interface StreamRecordResult {
  ok: boolean;
  reason?: string;
  decrypted: Uint8Array;
  plaintext: Uint8Array;
  mac: Uint8Array;
  expectedMac: Uint8Array;
  macOk: boolean;
}

/** Decrypt one RC4 record: GenericStreamCipher = content + MAC, MAC over seq + header + content (RFC 5246 §6.2.3.1). */
export function decryptStreamRecord(input: StreamRecordInput): StreamRecordResult {
  const decrypted = rc4Process(input.state, input.fragment);
  const macLen = macLength(input.mac);
  if (decrypted.length < macLen) {
    const empty = new Uint8Array(0);
    return { ok: false, reason: `record of ${decrypted.length} bytes is shorter than the ${macLen}-byte MAC`, decrypted, plaintext: empty, mac: decrypted, expectedMac: empty, macOk: false };
  }
  const plaintext = decrypted.slice(0, decrypted.length - macLen);
  const mac = decrypted.slice(decrypted.length - macLen);
  const expectedMac = recordMac(input.mac, input.macKey, input.seq, input.type, input.version, plaintext);
  const macOk = bytesEqual(mac, expectedMac);
  return { ok: macOk, reason: macOk ? undefined : 'MAC does not match', decrypted, plaintext, mac, expectedMac, macOk };
}
