// Loads a fixture as a DecodedCapture through the real pipeline.
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { decodeCapture } from '../../../src/decode.ts';
import type { DecodedCapture } from '../../../src/model/decoded.ts';

export const ROOT = fileURLToPath(new URL('../../../', import.meta.url));

/** Decodes a fixture file (path relative to the repository root). */
export async function loadFixture(rel: string): Promise<DecodedCapture> {
  return decodeCapture(new Uint8Array(readFileSync(ROOT + rel)));
}
