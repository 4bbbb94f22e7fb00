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

/**
 * A hand-made connection: each packet is one frame (numbered from 1 in order) whose captured bytes
 * are the payload alone, so a span's offset is the offset in that payload.
 */
export function makeConnection(packets: readonly { dir: 'c2s' | 's2c'; bytes: Uint8Array }[]): Connection {
  const conn: Connection = {
    id: 1,
    client: { address: '192.0.2.1', port: 50000 },
    server: { address: '2001:db8::1', port: 443 },
    firstFrame: 1,
    startSeen: true,
    c2s: { chunks: [], gaps: [] },
    s2c: { chunks: [], gaps: [] },
    segments: [],
    notes: [],
  };
  const parts = { c2s: [] as { frame: number; bytes: Uint8Array }[], s2c: [] as { frame: number; bytes: Uint8Array }[] };
  const seq = { c2s: 0, s2c: 0 };
  packets.forEach((p, i) => {
    parts[p.dir].push({ frame: i + 1, bytes: p.bytes });
    conn.segments.push({ frame: i + 1, dir: p.dir, timeNs: BigInt(i) * 1_000_000n, seq: seq[p.dir], length: p.bytes.length, flags: 0x18, fate: 'new' });
    seq[p.dir] += p.bytes.length;
  });
  for (const dir of ['c2s', 's2c'] as const) {
    const total = parts[dir].reduce((n, p) => n + p.bytes.length, 0);
    if (total === 0) continue;
    const bytes = new Uint8Array(total);
    const segments = [];
    let at = 0;
    for (const p of parts[dir]) {
      bytes.set(p.bytes, at);
      segments.push({ start: at, length: p.bytes.length, frame: p.frame, frameOffset: 0 });
      at += p.bytes.length;
    }
    conn[dir].chunks.push({ start: 0, bytes, segments });
  }
  return conn;
}

/** Bytes from hex with spaces. */
export function hex(text: string): Uint8Array {
  const clean = text.replace(/\s+/g, '');
  return Uint8Array.from(clean.match(/../g) ?? [], (b) => parseInt(b, 16));
}

/**
 * An LDAP StartTLS exchange as BER (RFC 4511 §4.14): a simple bind and its success answer, the
 * StartTLS extended request (OID 1.3.6.1.4.1.1466.20037), its success answer and a refusal
 * (resultCode 52, unavailable).
 */
export function ldapStartTls(): { bind: Buffer; bound: Buffer; startTls: Buffer; started: Buffer; refused: Buffer } {
  // LDAPMessage { messageID 1, bindRequest { version 3, name "", simple "" } } and its success answer.
  const bind = Buffer.from('300c020101600702010304008000', 'hex');
  const bound = Buffer.from('300c02010161070a010004000400', 'hex');
  // LDAPMessage { messageID 2, extendedReq { requestName "1.3.6.1.4.1.1466.20037" } } and the answers.
  const oid = Buffer.from('1.3.6.1.4.1.1466.20037', 'latin1');
  const reqBody = Buffer.concat([Buffer.from([0x02, 0x01, 0x02, 0x77, oid.length + 2, 0x80, oid.length]), oid]);
  const startTls = Buffer.concat([Buffer.from([0x30, reqBody.length]), reqBody]);
  const started = Buffer.from('300c02010278070a010004000400', 'hex');
  const refused = Buffer.from('300c02010278070a013404000400', 'hex');
  return { bind, bound, startTls, started, refused };
}
