// Everything that reaches HTML from a capture goes through these: captures are untrusted input.

const HTML_ESCAPES: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' };

/** Escapes text for HTML element content and double- or single-quoted attribute values. */
export function esc(text: string | number | boolean | undefined): string {
  if (text === undefined) return '';
  return String(text).replace(/[&<>"']/g, (c) => HTML_ESCAPES[c]!);
}

/** Printable ASCII for a byte, '.' otherwise (as tcpdump -X and xxd show it). */
export function asciiOf(byte: number): string {
  return byte >= 0x20 && byte < 0x7f ? String.fromCharCode(byte) : '.';
}

const slugs = new Map<string, string>();

/** Makes an identifier-safe slug: lower case, runs of other characters become one `_`. */
export function slug(text: string, max = 40): string {
  // Field names repeat thousands of times on a big page; the regexes below are the cost.
  const key = `${max}\u0000${text}`;
  const hit = slugs.get(key);
  if (hit !== undefined) return hit;
  const out = slugUncached(text, max);
  if (slugs.size < 50_000) slugs.set(key, out);
  return out;
}

function slugUncached(text: string, max: number): string {
  const s = text
    .replace(/\([^)]*\)/g, ' ')
    .replace(/([a-z0-9])([A-Z])/g, '$1_$2')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '_')
    .replace(/^_+|_+$/g, '');
  return (s.length > max ? s.slice(0, max).replace(/_+$/, '') : s) || 'field';
}
