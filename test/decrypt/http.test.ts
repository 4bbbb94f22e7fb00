// Decrypted application data: HTTP/1.x heads as fields over the plaintext buffer, leaves tiling it.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { httpFields, isPrintable } from '../../src/decrypt/http.ts';
import { leafFields, type Field } from '../../src/model/field.ts';

const bytes = (s: string): Uint8Array => new Uint8Array(Buffer.from(s, 'latin1'));
const span = (n: number) => ({ buffer: 'b', offset: 0, length: n });
const find = (fs: Field[], filter: string): Field | undefined => {
  for (const f of fs) {
    if (f.filter === filter) return f;
    const c = f.children ? find(f.children, filter) : undefined;
    if (c) return c;
  }
  return undefined;
};

test('a request head: method, URI, version, header lines, Host; leaves tile every byte', () => {
  const req = 'GET /index.html HTTP/1.1\r\nHost: example.test\r\nAccept: */*\r\n\r\nbody';
  const fs = httpFields(bytes(req), span(req.length))!;
  assert.equal(find(fs, 'http.request.method')?.value, 'GET');
  assert.equal(find(fs, 'http.request.uri')?.value, '/index.html');
  assert.equal(find(fs, 'http.request.version')?.value, 'HTTP/1.1');
  assert.equal(find(fs, 'http.host')?.value, 'example.test');
  assert.equal(find(fs, 'http.file_data')?.spans[0]?.offset, req.length - 4);
  let at = 0;
  for (const leaf of leafFields(fs)) {
    const s = leaf.spans[0]!;
    assert.equal(s.offset, at, `${leaf.name} starts where the previous leaf ended`);
    at += s.length;
  }
  assert.equal(at, req.length);
});

test('a response head: version, code, phrase', () => {
  const res = 'HTTP/1.0 404 Not Found\r\nContent-Length: 0\r\n\r\n';
  const fs = httpFields(bytes(res), span(res.length))!;
  assert.equal(find(fs, 'http.response.code')?.value, 404);
  assert.equal(find(fs, 'http.response.phrase')?.value, 'Not Found');
  assert.equal(find(fs, 'http.response.line')?.value, 'Content-Length: 0\r\n');
});

test('not HTTP: nothing; binary is not printable', () => {
  assert.equal(httpFields(bytes('EHLO x\r\n'), span(8)), undefined);
  assert.equal(isPrintable(Uint8Array.of(0, 1, 2)), false);
  assert.equal(isPrintable(bytes('221 bye\r\n')), true);
});
