// Decrypted application data made readable: text when printable, and HTTP/1.x request and
// response heads (RFC 9112 §3-5) split into fields with Wireshark's names, over the plaintext buffer.
import type { Field } from '../model/field.ts';
import { walkFields } from '../model/field.ts';
import { isFrameSpan, type BufferSpan } from '../model/span.ts';

const METHODS = /^(GET|POST|PUT|DELETE|HEAD|OPTIONS|PATCH|CONNECT|TRACE|PRI) /;

/** True when the bytes are text a person can read (printable ASCII, tabs, line ends, UTF-8 letters). */
export function isPrintable(b: Uint8Array): boolean {
  if (b.length === 0) return false;
  let bad = 0;
  for (const c of b) if (c < 0x09 || (c > 0x0d && c < 0x20) || c === 0x7f) bad++;
  return bad === 0;
}

function latin1(b: Uint8Array): string {
  return Buffer.from(b.buffer, b.byteOffset, b.byteLength).toString('latin1');
}

/** Text shown for a piece of text: quoted, escaped line ends, shortened. */
function quote(s: string, max = 80): string {
  const t = s.length > max ? `${s.slice(0, max)}…` : s;
  return JSON.stringify(t);
}

class Builder {
  readonly out: Field[] = [];
  constructor(
    private readonly bytes: Uint8Array,
    private readonly span: BufferSpan,
  ) {}
  leaf(name: string, filter: string | undefined, at: number, length: number, value?: string | number, into: Field[] = this.out): Field {
    const f: Field = { name, spans: [{ buffer: this.span.buffer, offset: this.span.offset + at, length }] };
    if (filter !== undefined) f.filter = filter;
    f.value = value ?? latin1(this.bytes.subarray(at, at + length));
    into.push(f);
    return f;
  }
}

/** Fields of an HTTP/1.x head (and the body after it) over `bytes`, or undefined when it is not HTTP. */
export function httpFields(bytes: Uint8Array, span: BufferSpan): Field[] | undefined {
  const text = latin1(bytes);
  const response = text.startsWith('HTTP/1.');
  if (!response && !METHODS.test(text)) return undefined;
  const b = new Builder(bytes, span);
  const headEnd = text.indexOf('\r\n\r\n');
  const limit = headEnd < 0 ? text.lastIndexOf('\r\n') + 2 : headEnd + 2;
  if (limit < 2) return undefined;
  let at = 0;
  let first = true;
  while (at < limit) {
    const eol = text.indexOf('\r\n', at);
    const line = text.slice(at, eol);
    if (first) {
      const [a = '', c = '', ...rest] = line.split(' ');
      const parent: Field = { name: quote(`${line}\\r\\n`), spans: [{ buffer: span.buffer, offset: span.offset + at, length: eol + 2 - at }], kb: response ? 'http.response.first_line' : 'http.request.first_line', children: [] };
      const kids = parent.children!;
      const third = rest.join(' ');
      const names = response
        ? [['Response Version', 'http.response.version', a], ['Status Code', 'http.response.code', c], ['Response Phrase', 'http.response.phrase', third]]
        : [['Request Method', 'http.request.method', a], ['Request URI', 'http.request.uri', c], ['Request Version', 'http.request.version', third]];
      let p = at;
      names.forEach(([name, filter, value], i) => {
        if (i > 0) b.leaf('Space', undefined, p++, 1, ' ', kids);
        if (value!.length > 0) b.leaf(name!, filter, p, value!.length, filter === 'http.response.code' ? Number(value) : value, kids);
        p += value!.length;
      });
      if (p < eol) b.leaf('Rest of line', undefined, p, eol - p, undefined, kids);
      b.leaf('Line end', undefined, eol, 2, '\\r\\n', kids);
      b.out.push(parent);
      first = false;
    } else {
      const f = b.leaf(`${line}\\r\\n`, response ? 'http.response.line' : 'http.request.line', at, eol + 2 - at);
      const colon = line.indexOf(':');
      if (colon > 0 && line.slice(0, colon).toLowerCase() === 'host') {
        const vStart = at + colon + 1 + (line.slice(colon + 1).length - line.slice(colon + 1).trimStart().length);
        f.children = [];
        b.leaf('Header name', undefined, at, vStart - at, undefined, f.children);
        b.leaf('Host', 'http.host', vStart, eol - vStart, undefined, f.children);
        b.leaf('Line end', undefined, eol, 2, '\\r\\n', f.children);
      }
    }
    at = eol + 2;
  }
  if (headEnd >= 0) {
    b.leaf('End of head', undefined, headEnd + 2, 2, '\\r\\n');
    at = headEnd + 4;
  }
  if (at < bytes.length) {
    const body = bytes.subarray(at);
    const f = b.leaf(headEnd >= 0 ? 'File Data' : 'Data', headEnd >= 0 ? 'http.file_data' : undefined, at, bytes.length - at, Buffer.from(body).toString('hex'));
    f.display = isPrintable(body) ? `${body.length} bytes: ${quote(latin1(body))}` : `${body.length} bytes`;
  }
  return b.out;
}

/** Adds readable text and HTTP fields under every decrypted application-data field of a connection. */
export function annotateApplicationData(fields: readonly Field[], buffers: Readonly<Record<string, Uint8Array>>): void {
  for (const f of walkFields(fields)) {
    if (f.filter !== 'tls.app_data' || f.children?.length || f.spans.length !== 1) continue;
    const s = f.spans[0]!;
    if (isFrameSpan(s)) continue;
    const bytes = buffers[s.buffer]?.subarray(s.offset, s.offset + s.length);
    if (!bytes || bytes.length === 0) continue;
    const http = httpFields(bytes, s);
    if (http) f.children = http;
    if (isPrintable(bytes)) f.display = `${bytes.length} bytes of text: ${quote(latin1(bytes))}`;
  }
}
