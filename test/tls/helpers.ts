// Test helpers: a capture file (or pasted text) to reassembled connections and their TLS decodes.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { readCaptureBytes } from '../../src/capture/read.ts';
import type { Frame } from '../../src/capture/frame.ts';
import type { Field } from '../../src/model/field.ts';
import { findFields } from '../../src/model/field.ts';
import { reassembleConnections } from '../../src/tcp/reassemble.ts';
import type { Connection } from '../../src/tcp/types.ts';
import { decodeTlsConnection, type TlsConnectionDecode } from '../../src/tls/connection.ts';

export const FIXTURES = join(import.meta.dirname, '..', '..', 'fixtures');

/** Frames and connections of a capture given as bytes (any format the readers sniff). */
export function connectionsOf(bytes: Uint8Array): { frames: Frame[]; connections: Connection[] } {
  const read = readCaptureBytes(bytes);
  return { frames: read.frames, connections: reassembleConnections(read.frames) };
}

/** Connections of a fixture file, relative to fixtures/. */
export function fixtureConnections(path: string): { frames: Frame[]; connections: Connection[] } {
  return connectionsOf(new Uint8Array(readFileSync(join(FIXTURES, path))));
}

/** Every connection of a fixture, decoded as TLS. */
export function decodeFixture(path: string): TlsConnectionDecode[] {
  return fixtureConnections(path).connections.map((c) => decodeTlsConnection(c));
}

/** The numeric values of every field with this filter, in order. */
export function values(fields: readonly Field[], filter: string): (string | number | boolean | undefined)[] {
  return findFields(fields, filter).map((f) => f.value);
}
