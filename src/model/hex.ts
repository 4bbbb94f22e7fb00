const HEX = Array.from({ length: 256 }, (_, i) => i.toString(16).padStart(2, '0'));

/** Lower-case hex of the bytes, no separators. */
export function toHex(bytes: Uint8Array, start = 0, end = bytes.length): string {
  // Long runs (certificates, encrypted records) in native code; short ones cheaper in the loop.
  if (end - start > 32 && start >= 0 && end <= bytes.length) return Buffer.from(bytes.buffer, bytes.byteOffset + start, end - start).toString('hex');
  let s = '';
  for (let i = start; i < end; i++) s += HEX[bytes[i]!]!;
  return s;
}

/** Bytes from hex text; ignores whitespace and colons. Returns undefined on odd length or bad digits. */
export function fromHex(text: string): Uint8Array | undefined {
  const clean = text.replace(/[\s:]/g, '');
  if (clean.length % 2 !== 0 || /[^0-9a-fA-F]/.test(clean)) return undefined;
  const out = new Uint8Array(clean.length / 2);
  for (let i = 0; i < out.length; i++) out[i] = parseInt(clean.slice(i * 2, i * 2 + 2), 16);
  return out;
}

/** `0x` and the value in hex, padded to the width of a field of `bytes` bytes. */
export function hexNumber(value: number, bytes: number): string {
  return '0x' + value.toString(16).padStart(bytes * 2, '0');
}
