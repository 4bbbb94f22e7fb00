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

/** Makes an identifier-safe slug: lower case, runs of other characters become one `_`. */
export function slug(text: string, max = 40): string {
  const s = text
    .replace(/\([^)]*\)/g, ' ')
    .replace(/([a-z0-9])([A-Z])/g, '$1_$2')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '_')
    .replace(/^_+|_+$/g, '');
  return (s.length > max ? s.slice(0, max).replace(/_+$/, '') : s) || 'field';
}
