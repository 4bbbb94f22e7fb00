/**
 * Test helper: a fixture capture decoded into the annotation model by the real pipeline
 * (`decodeCapture` of src/decode.ts), with the scenario's key log when asked, through the same
 * decrypter factory the command line uses.
 */
import { existsSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { decodeCapture } from '../../src/decode.ts';
import { createDecrypter } from '../../src/decrypt/decrypter.ts';
import { loadSecretFiles } from '../../src/decrypt/secrets.ts';
import type { DecodedCapture } from '../../src/model/decoded.ts';

export const ROOT = join(dirname(fileURLToPath(import.meta.url)), '..', '..');
export const FIXTURES = join(ROOT, 'fixtures');

const cache = new Map<string, DecodedCapture>();

/** Decodes a capture file (path relative to fixtures/ or absolute), with its keylog when given. */
export async function decodeFixture(path: string, keylog?: string): Promise<DecodedCapture> {
  const file = path.startsWith('/') ? path : join(FIXTURES, path);
  const key = `${file}|${keylog ?? ''}`;
  const hit = cache.get(key);
  if (hit) return hit;
  const bytes = new Uint8Array(readFileSync(file));
  const out = keylog === undefined
    ? decodeCapture(bytes, { decrypterFor: createDecrypter(loadSecretFiles({})) })
    : decodeCapture(bytes, { decrypterFor: createDecrypter(loadSecretFiles({ keylog: keylog.startsWith('/') ? keylog : join(FIXTURES, keylog) })) });
  cache.set(key, out);
  return out;
}

/** The scenario folder's capture file (capture.pcap or capture.pcapng). */
export function scenarioCapture(folder: string): string {
  for (const name of ['capture.pcap', 'capture.pcapng']) if (existsSync(join(FIXTURES, folder, name))) return join(FIXTURES, folder, name);
  throw new Error(`no capture in fixtures/${folder}`);
}
