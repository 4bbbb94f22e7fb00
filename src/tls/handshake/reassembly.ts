// Handshake messages span records and records pack messages (RFC 8446 §5.1: "Handshake messages
// MAY be coalesced into a single TLSPlaintext record or fragmented across several records"). The
// fragments of one direction are joined here; each message is decoded once it is whole, so its
// fields carry spans in every frame (or decrypted buffer) its bytes came from.
import { FlatByteMap, type ByteMap } from '../../model/bytemap.ts';
import { Cursor } from '../../model/cursor.ts';
import type { Field } from '../../model/field.ts';
import { MALFORMED_FILTER } from '../../model/field.ts';
import { PiecewiseByteMap, type Piece } from '../read.ts';
import { MAX_HANDSHAKE_LENGTH, handshakeTitle } from './messages.ts';

/** A whole handshake message, ready to decode: a cursor over exactly its bytes. */
export interface CompleteMessage {
  type: number;
  bytes: Uint8Array;
  cursor: Cursor;
}

/** Joins the handshake fragments of one direction and one protection epoch. */
export class HandshakeJoiner {
  private pieces: Piece[] = [];
  private parts: Uint8Array[] = [];
  private length = 0;
  private consumed = 0;
  private joined: Uint8Array | undefined;
  /** Where the joined bytes are, resolved once for all the messages they hold (cleared with `joined`). */
  private flat: FlatByteMap | undefined;

  /** True when bytes of an unfinished message are waiting. */
  get pending(): boolean {
    return this.consumed < this.length;
  }

  /**
   * Adds the bytes `[start, end)` of `data` (located by `map`) and returns the messages they
   * complete. Fields go to `out`: the messages, a placeholder for a fragment that waits for more,
   * and a malformed field for a length no real handshake has.
   */
  add(data: Uint8Array, map: ByteMap, start: number, end: number, out: Field[]): CompleteMessage[] {
    const pieceStart = this.length;
    this.pieces.push({ start: pieceStart, length: end - start, map, base: start });
    this.parts.push(data.subarray(start, end));
    this.length += end - start;
    this.joined = undefined;
    this.flat = undefined;
    const done: CompleteMessage[] = [];
    for (;;) {
      const avail = this.length - this.consumed;
      if (avail < 4) break;
      const buf = this.bytes();
      const type = buf[this.consumed]!;
      const len = (buf[this.consumed + 1]! << 16) | (buf[this.consumed + 2]! << 8) | buf[this.consumed + 3]!;
      if (len > MAX_HANDSHAKE_LENGTH) {
        // A hostile length (e.g. 16 MB in a 100-byte record): show the header, refuse to wait for it.
        const c = this.cursor(this.consumed, this.length, out);
        c.struct(`Handshake Protocol: ${handshakeTitle(type)}`, 'tls.handshake', undefined, (m) => {
          m.u8('Handshake Type', 'tls.handshake.type');
          m.u24('Length', 'tls.handshake.length');
          m.malformed(`handshake length ${len} exceeds the ${MAX_HANDSHAKE_LENGTH}-byte limit (and the ${avail - 4} bytes that follow): not reassembled`);
        });
        this.reset();
        return done;
      }
      if (avail < 4 + len) break;
      const bytes = buf.slice(this.consumed, this.consumed + 4 + len);
      done.push({ type, bytes, cursor: this.cursor(this.consumed, this.consumed + 4 + len, out) });
      this.consumed += 4 + len;
    }
    if (this.consumed >= this.length) this.reset();
    else {
      // The tail of this record starts (or continues) a message that later records complete.
      const from = Math.max(this.consumed, pieceStart);
      const type = this.bytes()[this.consumed]!;
      const spans = new PiecewiseByteMap(this.pieces).locate(from, this.length - from);
      out.push({
        name: `Handshake Protocol: ${handshakeTitle(type)} (fragment)`,
        filter: 'tls.handshake',
        spans,
        display: `${this.length - from} bytes of a ${handshakeTitle(type)} message continued in the next record`,
        kb: 'tls.handshake.fragment',
      });
    }
    return done;
  }

  /**
   * The stream ended (or was cut) inside a message: decode what arrived, the missing rest being a
   * malformed field, so a truncated Certificate still shows its first certificates.
   */
  flush(out: Field[]): CompleteMessage | undefined {
    if (!this.pending) return undefined;
    const avail = this.length - this.consumed;
    const buf = this.bytes();
    const type = buf[this.consumed]!;
    const c = this.cursor(this.consumed, this.length, out);
    this.reset();
    if (avail < 4) {
      out.push({ name: 'Malformed', filter: MALFORMED_FILTER, spans: c.spans(c.pos, avail), malformed: `handshake message header cut off after ${avail} bytes` });
      return undefined;
    }
    return { type, bytes: buf.slice(c.pos, c.end), cursor: c };
  }

  private bytes(): Uint8Array {
    if (this.joined) return this.joined;
    if (this.parts.length === 1) return (this.joined = this.parts[0]!);
    const all = new Uint8Array(this.length);
    let at = 0;
    for (const p of this.parts) {
      all.set(p, at);
      at += p.length;
    }
    return (this.joined = all);
  }

  private cursor(from: number, to: number, out: Field[]): Cursor {
    // Resolved once: a message's fields look their spans up many times, and a record may complete several messages.
    this.flat ??= new FlatByteMap(new PiecewiseByteMap(this.pieces), this.length);
    return new Cursor(this.bytes(), this.flat, out, from, to);
  }

  private reset(): void {
    this.pieces = [];
    this.parts = [];
    this.length = 0;
    this.consumed = 0;
    this.joined = undefined;
    this.flat = undefined;
  }
}
