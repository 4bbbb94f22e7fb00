// PEM (RFC 7468) blocks to DER, for --ca bundles: the textual encoding every CA file uses.

/** The DER bodies of every `-----BEGIN <label>-----` block in text, in order. */
export function pemBlocks(text: string, label: string): Uint8Array[] {
  const out: Uint8Array[] = [];
  const re = new RegExp(`-----BEGIN ${label}-----([\\s\\S]*?)-----END ${label}-----`, 'g');
  for (const m of text.matchAll(re)) {
    // RFC 7468 allows headers-free base64 with any whitespace; anything else makes the block unusable.
    const b64 = m[1]!.replace(/\s+/g, '');
    if (!/^[A-Za-z0-9+/]*={0,2}$/.test(b64)) continue;
    out.push(new Uint8Array(Buffer.from(b64, 'base64')));
  }
  return out;
}

/** Certificates from a file's bytes: PEM (one or many) or a single DER certificate. */
export function certificatesFromBytes(data: Uint8Array): Uint8Array[] {
  // PEM first: a text file may start with the character "0" (0x30), the byte a DER SEQUENCE starts with.
  const pem = pemBlocks(Buffer.from(data).toString('latin1'), 'CERTIFICATE');
  if (pem.length > 0) return pem;
  return data.length > 0 && data[0] === 0x30 ? [data] : [];
}
