import { decodeCaptureDetailed, type DecodeOptions, type DecodeResult } from '../decode.ts';
import { createDecrypter } from '../decrypt/decrypter.ts';
import { loadSecrets, type DecryptionSecrets, type SecretInputs } from '../decrypt/secrets.ts';
import { listOpt, stringOpt, type ParsedOptions } from './args.ts';
import { readFileArg, readInput } from './input.ts';

/** Loads --keylog, --key and --key-password; unreadable files are InputErrors, bad content is warned about. */
export function secretsFromOptions(values: ParsedOptions): DecryptionSecrets {
  const inputs: SecretInputs = {};
  const keylog = stringOpt(values, 'keylog');
  if (keylog !== undefined) {
    inputs.keylogText = readFileArg(keylog, 'key log', 'utf8');
    inputs.keylogName = keylog;
  }
  const keys = listOpt(values, 'key');
  if (keys.length > 0) inputs.keys = keys.map((path) => ({ name: path, data: readFileArg(path, 'private key') }));
  const password = stringOpt(values, 'key-password');
  if (password !== undefined) inputs.keyPassword = password;
  const secrets = loadSecrets(inputs);
  // Problems are not fatal: one bad line in a key log must not stop the other connections.
  for (const p of secrets.problems.slice(0, 20)) process.stderr.write(`wirebook: warning: ${p}\n`);
  if (secrets.problems.length > 20) process.stderr.write(`wirebook: warning: ... and ${secrets.problems.length - 20} more problems with the secrets\n`);
  return secrets;
}

/**
 * The decode options of the command line: the secrets it names (and the capture's own DSBs).
 * Pass `secrets` already loaded to make fresh options for another pass over the same capture
 * (decrypters remember sessions) without reading the files and warning about them again.
 */
export function cliDecodeOptions(values: ParsedOptions, frameFields = true, secrets: DecryptionSecrets = secretsFromOptions(values)): DecodeOptions {
  // Header fields on demand: renderers of big captures read each frame's once, and need not keep them.
  return { keepTls: true, frameFields, lazyFrameFields: true, decrypterFor: createDecrypter(secrets) };
}

/** Reads CAPTURE (or stdin) and decodes it with the secrets named on the command line (and the capture's own DSBs). */
export function decodeForCli(path: string, values: ParsedOptions, frameFields = true): DecodeResult {
  const opts = cliDecodeOptions(values, frameFields);
  const bytes = readInput(path);
  return decodeCaptureDetailed(bytes, opts);
}
