// For teaching: the exact OpenSSL 3.0 command line that reproduces one derivation step, so a
// reader can check our numbers with a tool we did not write (openssl-kdf(1), openssl-mac(1),
// openssl-pkeyutl(1), openssl-enc(1)). Each builder returns argv (to run without a shell), the bytes
// to feed on stdin if any, and a copy-pasteable shell line.
import { ascii, concatBytes, fromHex, toHex } from './bytes.ts';
import { hashLength, hkdfLabel, type HkdfHash } from './hkdf.ts';
import type { BlockCipherAlgorithm } from './cbc.ts';

/** A command ready to run or to print. */
export interface OpensslCommand {
  argv: string[];
  /** Bytes to pipe into the command, if it reads its input from stdin. */
  stdin?: Uint8Array;
  /** The same command as one shell line (stdin given with printf | xxd -r -p). */
  shell: string;
}

function digestName(hash: 'md5-sha1' | 'sha256' | 'sha384'): string {
  return hash === 'md5-sha1' ? 'MD5-SHA1' : hash.toUpperCase();
}

function shellLine(argv: readonly string[], stdin?: Uint8Array): string {
  const quoted = argv.map((a) => (/^[\w@%+=:,./-]+$/.test(a) ? a : `'${a.replace(/'/g, `'\\''`)}'`)).join(' ');
  return stdin === undefined ? quoted : `printf '%s' ${toHex(stdin) || "''"} | xxd -r -p | ${quoted}`;
}

function command(argv: string[], stdin?: Uint8Array): OpensslCommand {
  return { argv, stdin, shell: shellLine(argv, stdin) };
}

/** `openssl kdf ... TLS1-PRF`: PRF(secret, label, seed) of TLS 1.0/1.1 (MD5-SHA1, RFC 2246 §5) or TLS 1.2 (SHA256/SHA384, RFC 5246 §5). */
export function opensslPrfCommand(alg: 'tls10' | 'sha256' | 'sha384', secret: Uint8Array, label: string, seed: Uint8Array, length: number): OpensslCommand {
  const digest = digestName(alg === 'tls10' ? 'md5-sha1' : alg);
  return command([
    'openssl', 'kdf', '-keylen', String(length),
    '-kdfopt', `digest:${digest}`,
    '-kdfopt', `hexsecret:${toHex(secret)}`,
    '-kdfopt', `hexseed:${toHex(concatBytes(ascii(label), seed))}`,
    'TLS1-PRF',
  ]);
}

/** `openssl kdf ... mode:EXTRACT_ONLY HKDF`: HKDF-Extract(salt, IKM) (RFC 5869 §2.2); an empty salt is written as Hash.length zeros, which HKDF defines as equal. */
export function opensslHkdfExtractCommand(hash: HkdfHash, salt: Uint8Array, ikm: Uint8Array): OpensslCommand {
  const realSalt = salt.length === 0 ? new Uint8Array(hashLength(hash)) : salt;
  return command([
    'openssl', 'kdf', '-keylen', String(hashLength(hash)),
    '-kdfopt', 'mode:EXTRACT_ONLY',
    '-kdfopt', `digest:${digestName(hash)}`,
    '-kdfopt', `hexsalt:${toHex(realSalt)}`,
    '-kdfopt', `hexkey:${toHex(ikm)}`,
    'HKDF',
  ]);
}

/** `openssl kdf ... mode:EXPAND_ONLY HKDF` with the HkdfLabel as info: HKDF-Expand-Label(secret, label, context, length) (RFC 8446 §7.1). */
export function opensslHkdfExpandLabelCommand(hash: HkdfHash, secret: Uint8Array, label: string, context: Uint8Array, length: number): OpensslCommand {
  return command([
    'openssl', 'kdf', '-keylen', String(length),
    '-kdfopt', 'mode:EXPAND_ONLY',
    '-kdfopt', `digest:${digestName(hash)}`,
    '-kdfopt', `hexkey:${toHex(secret)}`,
    '-kdfopt', `hexinfo:${toHex(hkdfLabel(label, context, length))}`,
    'HKDF',
  ]);
}

/** `openssl mac -digest ... HMAC` over data on stdin: e.g. TLS 1.3 Finished = HMAC(finished_key, transcript hash) (RFC 8446 §4.4.4), or a record MAC. */
export function opensslHmacCommand(hash: 'md5' | 'sha1' | 'sha256' | 'sha384', key: Uint8Array, data: Uint8Array): OpensslCommand {
  return command(['openssl', 'mac', '-digest', hash.toUpperCase(), '-macopt', `hexkey:${toHex(key)}`, 'HMAC'], data);
}

/** `openssl pkeyutl -decrypt` with no padding: the raw RSA block 00 02 ... 00 PMS of a ClientKeyExchange (RFC 5246 §7.4.7.1). */
export function opensslRsaDecryptCommand(keyFile: string, encryptedPmsFile: string): OpensslCommand {
  return command(['openssl', 'pkeyutl', '-decrypt', '-inkey', keyFile, '-in', encryptedPmsFile, '-pkeyopt', 'rsa_padding_mode:none']);
}

/** `openssl enc -d -<cipher> -nopad`: raw CBC decryption of a record body (padding and MAC left in place) (RFC 5246 §6.2.3.2). */
export function opensslCbcDecryptCommand(cipher: Exclude<BlockCipherAlgorithm, 'null'>, key: Uint8Array, iv: Uint8Array, ciphertext: Uint8Array): OpensslCommand {
  return command(['openssl', 'enc', '-d', `-${cipher}`, '-K', toHex(key), '-iv', toHex(iv), '-nopad'], ciphertext);
}

/** Read what `openssl kdf` / `openssl mac` print ("AB:CD:..." or plain hex) back into bytes. */
export function parseOpensslHex(output: string): Uint8Array | undefined {
  return fromHex(output.trim());
}
