/** The reassembler's connection table: unordered endpoint pairs, exact on hash collisions, text keys apart. */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { ipv4EndpointId, PairTable } from '../../src/tcp/table.ts';

test('IPv4 pairs are found in either order, replaced, and deleted only while they hold the value', () => {
  const t = new PairTable<number>();
  let seed = 7;
  const rand = (): number => (seed = (seed * 1103515245 + 12345) % 2 ** 31);
  const pairs: [number, number][] = [];
  // Enough pairs that buckets collide: every lookup must still be exact.
  for (let i = 0; i < 20000; i++) pairs.push([ipv4EndpointId(rand() >>> 0, i & 0xffff), ipv4EndpointId(0x0a000002, 443)]);
  pairs.forEach(([a, b], i) => t.set(a, b, i));
  pairs.forEach(([a, b], i) => {
    assert.equal(t.get(a, b), i);
    assert.equal(t.get(b, a), i);
  });
  const [a, b] = pairs[5]!;
  t.set(b, a, -5);
  assert.equal(t.get(a, b), -5);
  t.delete(a, b, 5);
  assert.equal(t.get(a, b), -5, 'a stale value does not delete the new one');
  t.delete(b, a, -5);
  assert.equal(t.get(a, b), undefined);
  assert.equal(t.get(pairs[6]![0], pairs[6]![1]), 6);
  assert.equal(t.get(ipv4EndpointId(1, 1), ipv4EndpointId(2, 2)), undefined);
});

test('text endpoints (IPv6) are found in either order and deleted only while they hold the value', () => {
  const t = new PairTable<string>();
  t.set('::1|443', '::1|50000', 'a');
  assert.equal(t.get('::1|50000', '::1|443'), 'a');
  t.delete('::1|443', '::1|50000', 'b');
  assert.equal(t.get('::1|443', '::1|50000'), 'a');
  t.delete('::1|50000', '::1|443', 'a');
  assert.equal(t.get('::1|443', '::1|50000'), undefined);
});
