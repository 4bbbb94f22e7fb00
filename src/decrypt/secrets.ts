// The secrets decryption can use, gathered from every source the user gave (issue #4): key log
// text (--keylog), the pcapng Decryption Secrets Blocks inside the capture, and server RSA private
// keys (--key, several allowed) that are matched to connections by their certificate's public key.
import type { KeyObject } from 'node:crypto';
import { readFileSync } from 'node:fs';
import type { EmbeddedSecret } from '../capture/frame.ts';
import { mergeKeyLogs, parseKeyLog, parseKeyLogDsb, type KeyLog } from '../crypto/keylog.ts';
import { keyMatchesCertificate, loadPrivateKey } from '../crypto/rsa.ts';

/** One server private key, with where it came from. */
export interface PrivateKeySource {
  /** File name (or a label) shown in calculations and reasons. */
  name: string;
  key: KeyObject;
  keyType: string;
  modulusBits?: number;
}

/** Everything decryption may use. */
export interface DecryptionSecrets {
  keylog: KeyLog;
  keys: PrivateKeySource[];
  /** Where the key log came from (file names, "pcapng DSB"), for the reasons shown to users. */
  keylogSources: string[];
  /** Problems met while loading (unreadable key, malformed key log lines). */
  problems: string[];
}

/** What the command line gives: file contents already read, or paths to read. */
export interface SecretInputs {
  keylogText?: string;
  keylogName?: string;
  keys?: { name: string; data: Uint8Array | string }[];
  keyPassword?: string;
}

/** Builds the secrets from key log text and key file contents; never throws on bad content (problems are listed). */
export function loadSecrets(inputs: SecretInputs): DecryptionSecrets {
  const problems: string[] = [];
  const keylog = parseKeyLog(inputs.keylogText ?? '');
  const name = inputs.keylogName ?? 'key log';
  for (const p of keylog.problems) problems.push(`${name} line ${p.line}: ${p.reason}`);
  const keys: PrivateKeySource[] = [];
  for (const k of inputs.keys ?? []) {
    const loaded = loadPrivateKey(k.data, inputs.keyPassword);
    if (!loaded.ok) {
      problems.push(`${k.name}: ${loaded.reason}`);
      continue;
    }
    if (loaded.keyType !== 'rsa') problems.push(`${k.name}: a ${loaded.keyType} key cannot decrypt a pre-master secret (only RSA key exchange can be decrypted with a server key)`);
    const src: PrivateKeySource = { name: k.name, key: loaded.key, keyType: loaded.keyType };
    if (loaded.modulusBits !== undefined) src.modulusBits = loaded.modulusBits;
    keys.push(src);
  }
  return { keylog, keys, keylogSources: inputs.keylogText !== undefined ? [name] : [], problems };
}

/** Reads `--keylog FILE` and `--key FILE`... from disk (CLI use); unreadable files throw with the path in the message. */
export function loadSecretFiles(opts: { keylog?: string; keys?: readonly string[]; keyPassword?: string }): DecryptionSecrets {
  const inputs: SecretInputs = {};
  if (opts.keylog !== undefined) {
    inputs.keylogText = readFileSync(opts.keylog, 'utf8');
    inputs.keylogName = opts.keylog;
  }
  inputs.keys = (opts.keys ?? []).map((path) => ({ name: path, data: new Uint8Array(readFileSync(path)) }));
  if (opts.keyPassword !== undefined) inputs.keyPassword = opts.keyPassword;
  return loadSecrets(inputs);
}

/** Adds the TLS key logs embedded in a pcapng (Decryption Secrets Blocks); other secret types are reported. */
export function withEmbeddedSecrets(secrets: DecryptionSecrets, embedded: readonly EmbeddedSecret[]): DecryptionSecrets {
  if (embedded.length === 0) return secrets;
  const problems = [...secrets.problems];
  const logs = embedded.map((e) => {
    const log = parseKeyLogDsb(e.type, e.data);
    for (const p of log.problems) problems.push(`Decryption Secrets Block at file offset ${e.fileOffset}${p.line ? ` line ${p.line}` : ''}: ${p.reason}`);
    return log;
  });
  return {
    keylog: mergeKeyLogs(secrets.keylog, ...logs),
    keys: secrets.keys,
    keylogSources: [...secrets.keylogSources, `${embedded.length} pcapng Decryption Secrets Block${embedded.length === 1 ? '' : 's'}`],
    problems,
  };
}

/** The key whose public key is the certificate's, or why none fits. */
export function keyForCertificate(secrets: DecryptionSecrets, certificateDer: Uint8Array | undefined): { key?: PrivateKeySource; reason?: string } {
  const rsa = secrets.keys.filter((k) => k.keyType === 'rsa');
  if (rsa.length === 0) return { reason: secrets.keys.length > 0 ? 'no RSA private key given (only RSA keys decrypt a pre-master secret)' : 'no server private key given (--key)' };
  if (!certificateDer) {
    // No certificate seen (capture started late): with one key there is nothing to choose.
    return rsa.length === 1 ? { key: rsa[0]! } : { reason: 'the server certificate was not captured, so none of the keys can be matched to it' };
  }
  const match = rsa.find((k) => keyMatchesCertificate(k.key, certificateDer));
  if (match) return { key: match };
  return { reason: `the server certificate's public key matches none of the given keys (${rsa.map((k) => k.name).join(', ')})` };
}
