// Bad secrets and damaged captures (issue #4, "Done means"): a wrong key, a key log for other
// sessions, a truncated record, a flipped ciphertext bit. Each gives its specific reason or
// finding, nothing throws, and the rest of the capture still decrypts.
import assert from 'node:assert/strict';
import { generateKeyPairSync } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { test } from 'node:test';
import { loadSecrets } from '../../src/decrypt/secrets.ts';
import { walkFields } from '../../src/model/field.ts';
import { isFrameSpan } from '../../src/model/span.ts';
import { decodeWith } from './helpers.ts';

const read = (p: string): Uint8Array => new Uint8Array(readFileSync(p));
const text = (p: string): string => readFileSync(p, 'utf8');

/** File offset of each frame's data in a classic pcap (24-byte file header, 16-byte record headers). */
function pcapFrameOffsets(b: Uint8Array): number[] {
  const v = new DataView(b.buffer, b.byteOffset, b.byteLength);
  const le = v.getUint32(0, true) === 0xa1b2c3d4 || v.getUint32(0, true) === 0xa1b23c4d;
  const out: number[] = [];
  for (let at = 24; at + 16 <= b.length; ) {
    const incl = v.getUint32(at + 8, le);
    out.push(at + 16);
    at += 16 + incl;
  }
  return out;
}

test('a wrong RSA key: the certificate matches none of the keys, nothing decrypts, nothing throws', () => {
  const { privateKey } = generateKeyPairSync('rsa', { modulusLength: 2048 });
  const secrets = loadSecrets({ keys: [{ name: 'other.key', data: privateKey.export({ type: 'pkcs8', format: 'pem' }).toString() }] });
  const r = decodeWith(read('fixtures/tls12-rsa-kx-aes128-gcm/capture.pcap'), secrets);
  const d = r.capture.connections[0]!.decryption!;
  assert.equal(d.status, 'not-decrypted');
  assert.ok(d.reasons.some((x) => /matches none of the given keys \(other\.key\)/.test(x)), d.reasons.join('; '));
});

test('an RSA key for an (EC)DHE connection: says the key exchange needs a key log', () => {
  const secrets = loadSecrets({ keys: [{ name: 'server.key', data: read('fixtures/tls12-rsa-kx-aes128-gcm/server.key') }] });
  const r = decodeWith(read('fixtures/tls12-ecdhe-rsa-aes128-gcm/capture.pcap'), secrets);
  const d = r.capture.connections[0]!.decryption!;
  assert.equal(d.status, 'not-decrypted');
  assert.ok(d.reasons.some((x) => /ECDHE .*only a key log can/.test(x)), d.reasons.join('; '));
});

test('a key log for other sessions: the client random is named as missing, TLS 1.2 and 1.3', () => {
  const other = loadSecrets({ keylogText: text('fixtures/tls12-ecdhe-rsa-aes128-gcm/keylog.txt') });
  const r13 = decodeWith(read('fixtures/tls13-aes256-gcm/capture.pcap'), other);
  const d13 = r13.capture.connections[0]!.decryption!;
  assert.equal(d13.status, 'not-decrypted');
  assert.ok(d13.reasons.some((x) => /no line for client random [0-9a-f]{16}…/.test(x)), d13.reasons.join('; '));
  const other13 = loadSecrets({ keylogText: text('fixtures/tls13-aes256-gcm/keylog.txt') });
  const r12 = decodeWith(read('fixtures/tls12-ecdhe-rsa-aes128-gcm/capture.pcap'), other13);
  const d12 = r12.capture.connections[0]!.decryption!;
  assert.equal(d12.status, 'not-decrypted');
  assert.ok(d12.reasons.some((x) => /no CLIENT_RANDOM line for client random/.test(x)), d12.reasons.join('; '));
});

for (const [name, dir] of [['TLS 1.2 GCM', 'tls12-ecdhe-rsa-aes128-gcm'], ['TLS 1.0 CBC', 'tls10-rsa-kx-aes256-cbc-sha'], ['TLS 1.3', 'tls13-aes256-gcm']] as const) {
  test(`${name}: a flipped ciphertext bit is a bad_record_mac finding on that record; the others still decrypt`, () => {
    const bytes = read(`fixtures/${dir}/capture.pcap`);
    const secrets = dir.startsWith('tls10')
      ? loadSecrets({ keys: [{ name: 'server.key', data: read(`fixtures/${dir}/server.key`) }] })
      : loadSecrets({ keylogText: text(`fixtures/${dir}/keylog.txt`) });
    const good = decodeWith(bytes, secrets).capture.connections[0]!;
    const total = good.decryption!.records!;
    assert.equal(good.decryption!.decrypted, total);
    // The last encrypted record the client sent (application data or alert): flip a byte in its middle.
    const records = [...walkFields(good.fields)].filter((f) => f.kb === 'tls.decrypt.record');
    const target = records[records.length - 2]!;
    const span = target.spans.find(isFrameSpan)!;
    const copy = bytes.slice();
    copy[pcapFrameOffsets(copy)[span.frame - 1]! + span.offset + Math.floor(span.length / 2)]! ^= 0x01;
    const bad = decodeWith(copy, secrets).capture.connections[0]!;
    assert.equal(bad.decryption!.status, 'partial');
    assert.equal(bad.decryption!.decrypted, total - 1);
    assert.ok(bad.decryption!.reasons.some((x) => /bad_record_mac/.test(x)), bad.decryption!.reasons.join('; '));
    const finding = bad.calculations!.find((c) => c.id.endsWith('-auth'))!;
    assert.equal(finding.ok, false);
    assert.match(finding.title, new RegExp(`frame ${span.frame}\\)`));
  });
}

test('a truncated record: the cut record is reported, the records before it decrypt', () => {
  const bytes = read('fixtures/tls13-aes256-gcm/capture.pcap');
  const secrets = loadSecrets({ keylogText: text('fixtures/tls13-aes256-gcm/keylog.txt') });
  const good = decodeWith(bytes, secrets).capture.connections[0]!;
  // Snap the frame holding the start of the biggest record (the HTTP response) 100 bytes into the
  // record, as a short snaplen would, and end the capture there: the record is cut off.
  const records = [...walkFields(good.fields)].filter((f) => f.kb === 'tls.decrypt.record');
  const big = records.reduce((a, b) => (b.spans.reduce((n, s) => n + s.length, 0) > a.spans.reduce((n, s) => n + s.length, 0) ? b : a));
  const span = big.spans.find(isFrameSpan)!;
  const offsets = pcapFrameOffsets(bytes);
  const dataAt = offsets[span.frame - 1]!;
  const keep = span.offset + 100;
  const cut = bytes.slice(0, dataAt + keep);
  new DataView(cut.buffer).setUint32(dataAt - 8, keep, true);
  const r = decodeWith(cut, secrets);
  const d = r.capture.connections[0]!.decryption!;
  assert.equal(d.status, 'partial');
  assert.ok(d.decrypted! >= 5, `decrypted ${d.decrypted}`);
  assert.ok(d.reasons.some((x) => /cut off/.test(x)), d.reasons.join('; '));
});

test('an unreadable key and malformed key log lines are problems, not exceptions', () => {
  const s = loadSecrets({ keylogText: 'CLIENT_RANDOM zz 00\nnot a line\n', keylogName: 'k.txt', keys: [{ name: 'junk.key', data: new Uint8Array([1, 2, 3]) }] });
  assert.equal(s.keys.length, 0);
  assert.ok(s.problems.some((p) => p.startsWith('junk.key:')));
  assert.ok(s.problems.some((p) => p.startsWith('k.txt line 1:')));
});
