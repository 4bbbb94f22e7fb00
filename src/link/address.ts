/** Text forms of link and network addresses, as Wireshark shows them (its `show` attribute). */

/** Two lower-case hex digits for each byte value (every frame formats two MAC addresses). */
const HEX_PAIRS: readonly string[] = Array.from({ length: 256 }, (_, i) => i.toString(16).padStart(2, '0'));

/** `00:1a:2b:3c:4d:5e` for a 6-byte MAC address. */
export function formatMac(b: Uint8Array): string {
  let s = b.length > 0 ? HEX_PAIRS[b[0]!]! : '';
  for (let i = 1; i < b.length; i++) s += ':' + HEX_PAIRS[b[i]!]!;
  return s;
}

/** Dotted quad for 4 bytes. */
export function formatIpv4(b: Uint8Array): string {
  if (b.length === 4) return `${b[0]}.${b[1]}.${b[2]}.${b[3]}`;
  return Array.from(b).join('.');
}

/** RFC 5952 text for 16 bytes: lower case, leading zeros dropped, the longest zero run (>1) as `::`. */
export function formatIpv6(b: Uint8Array): string {
  const words: number[] = [];
  for (let i = 0; i < 16; i += 2) words.push((b[i]! << 8) | b[i + 1]!);
  // The longest run of zero words wins; the first one on a tie (RFC 5952 §4.2.3).
  let bestAt = -1;
  let bestLen = 1;
  for (let i = 0; i < 8; ) {
    if (words[i] !== 0) {
      i++;
      continue;
    }
    let j = i;
    while (j < 8 && words[j] === 0) j++;
    if (j - i > bestLen) {
      bestAt = i;
      bestLen = j - i;
    }
    i = j;
  }
  // IPv4-mapped addresses keep their dotted tail, as Wireshark prints them.
  if (bestAt === 0 && bestLen === 5 && words[5] === 0xffff) return `::ffff:${formatIpv4(b.subarray(12))}`;
  const hex = words.map((w) => w.toString(16));
  if (bestAt < 0) return hex.join(':');
  return `${hex.slice(0, bestAt).join(':')}::${hex.slice(bestAt + bestLen).join(':')}`;
}
