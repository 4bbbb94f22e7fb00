// Shared helpers of the crypto tests.
import { hex, toHex } from '../../src/crypto/bytes.ts';

export { hex, toHex };

/** Cut a stream of handshake messages (type 1 byte + length 3 bytes + body) into messages. */
export function splitHandshake(stream: Uint8Array): Uint8Array[] {
  const out: Uint8Array[] = [];
  let o = 0;
  while (o + 4 <= stream.length) {
    const len = ((stream[o + 1] ?? 0) << 16) | ((stream[o + 2] ?? 0) << 8) | (stream[o + 3] ?? 0);
    out.push(stream.subarray(o, o + 4 + len));
    o += 4 + len;
  }
  if (o !== stream.length) throw new Error(`handshake stream has ${stream.length - o} trailing bytes`);
  return out;
}
