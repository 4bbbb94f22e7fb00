// The per-connection TLS state that the decoder builds and that decryption (issue #4) reads:
// hellos, what was negotiated, every record with its exact bytes, and the handshake transcript.
import type { Direction } from '../capture/frame.ts';
import type { Field } from '../model/field.ts';
import type { ClientHelloInfo, ServerHelloInfo } from './hello.ts';

/** One TLS record as it crossed the wire (its bytes copied out of the reassembled stream). */
export interface TlsRecordInfo {
  dir: Direction;
  /** Index among this direction's records, from 0. */
  index: number;
  contentType: number;
  version: number;
  /** The 5 header bytes (the AEAD additional data in TLS 1.3). */
  header: Uint8Array;
  fragment: Uint8Array;
  /** Frame holding the record's first byte, and the one holding its last byte. */
  frame: number;
  lastFrame: number;
  /** Offset of the header in the direction's stream. */
  streamOffset: number;
  /** True when this record was protected by the direction's keys when it was sent. */
  encrypted: boolean;
  /** Set by the decoder when a decrypter gave its plaintext. */
  plaintext?: Uint8Array;
  innerContentType?: number;
}

/** One handshake message's exact bytes (header included), as hashed into the transcript. */
export interface TranscriptEntry {
  dir: Direction;
  type: number;
  bytes: Uint8Array;
  /** Index (in `records` of its direction) of the record that completed the message. */
  record: number;
  /** True when the message came out of a decrypted record. */
  decrypted: boolean;
}

/** Per-direction state. */
export interface DirectionState {
  records: TlsRecordInfo[];
  /** True once this direction's records are protected (after its CCS ≤ 1.2; after ServerHello in 1.3). */
  encrypted: boolean;
  /** Record index from which protection started, when it did. */
  encryptedFrom?: number;
  /** Handshake messages sent this way, in order. */
  transcript: TranscriptEntry[];
}

/** Everything decryption needs to know about a connection, filled as records are decoded. */
export interface TlsSession {
  clientHello?: ClientHelloInfo;
  serverHello?: ServerHelloInfo;
  /** Every ClientHello/ServerHello seen (HelloRetryRequest and renegotiation add more). */
  clientHellos: ClientHelloInfo[];
  serverHellos: ServerHelloInfo[];
  /** The version in use: supported_versions' selection (TLS 1.3) or the ServerHello version. */
  version?: number;
  cipherSuite?: number;
  c2s: DirectionState;
  s2c: DirectionState;
  /** All handshake messages of both directions, in wire order (the transcript hash input). */
  transcript: TranscriptEntry[];
}

/** A record handed to the decrypter. */
export interface RecordToDecrypt {
  contentType: number;
  version: number;
  header: Uint8Array;
  fragment: Uint8Array;
  /** Index among this direction's records (the sequence number is derived from it). */
  index: number;
}

/** A decrypter's answer: the plaintext (in a named buffer) and its real content type, or why not. */
export type DecryptResult =
  | {
      plaintext: Uint8Array;
      contentType: number;
      /** Id under which the plaintext is registered in `DecodedConnection.buffers`. */
      bufferId: string;
      /** Fields over the ciphertext (explicit IV, tag, padding...), with frame spans. */
      fields?: Field[];
    }
  | { failed: string };

/**
 * The decryption seam (issue #4): called for every protected record, in wire order. Returning
 * undefined means "no keys for this": the record stays one opaque encrypted leaf.
 */
export interface RecordDecrypter {
  decrypt(dir: Direction, record: RecordToDecrypt, session: TlsSession): DecryptResult | undefined;
}

/** A fresh, empty session. */
export function newSession(): TlsSession {
  return {
    clientHellos: [],
    serverHellos: [],
    c2s: { records: [], encrypted: false, transcript: [] },
    s2c: { records: [], encrypted: false, transcript: [] },
    transcript: [],
  };
}

/** True when the session negotiated TLS 1.3 (ServerHello's supported_versions). */
export function isTls13(session: TlsSession): boolean {
  return session.version === 0x0304 || (session.version !== undefined && session.version >> 8 === 0x7f);
}
