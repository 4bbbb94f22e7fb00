// Loads a fixture as a DecodedCapture: through the real pipeline (`src/decode.ts`) once it exists,
// else through the small stand-in decoder so the renderers can be tested meanwhile.
import { existsSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import type { DecodedCapture } from '../../../src/model/decoded.ts';
import { miniDecode } from './mini-decode.ts';

export const ROOT = fileURLToPath(new URL('../../../', import.meta.url));

type Decode = (input: Uint8Array) => DecodedCapture;

let real: Decode | undefined | null = null;

/** The pipeline's decodeCapture when src/decode.ts exports it, else undefined. */
export async function realDecoder(): Promise<Decode | undefined> {
  if (real !== null) return real;
  const url = new URL('../../../src/decode.ts', import.meta.url);
  real = undefined;
  if (existsSync(fileURLToPath(url))) {
    const mod = (await import(url.href)) as { decodeCapture?: Decode };
    real = mod.decodeCapture;
  }
  return real;
}

/** Decodes a fixture file (path relative to the repository root). */
export async function loadFixture(rel: string): Promise<DecodedCapture> {
  const bytes = new Uint8Array(readFileSync(ROOT + rel));
  const decode = (await realDecoder()) ?? miniDecode;
  return decode(bytes);
}
