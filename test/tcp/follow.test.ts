/** Reassembled stream bytes against `tshark -z follow,tcp,raw,N` for every connection of the fixture captures. */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import type { Frame } from '../../src/capture/frame.ts';
import { Reassembler } from '../../src/tcp/reassemble.ts';
import { streamBytes } from '../../src/tcp/spans.ts';
import type { Connection, Endpoint } from '../../src/tcp/types.ts';
import { followAllTcpRaw, tcpStreamCount, tsharkAvailable, withConcatenated } from '../oracle/tshark.ts';
import { readFrames } from '../link/capture-helper.ts';
import { fixtureCaptures, TSHARK_PREFS } from '../link/fixtures.ts';

/** `address:port` as tshark prints a follow node (IPv6 in brackets). */
function nodeName(e: Endpoint): string {
  return e.address.includes(':') ? `[${e.address}]:${e.port}` : `${e.address}:${e.port}`;
}

/** Every frame of the files, numbered through as the concatenated capture numbers them. */
function* concatenatedFrames(files: readonly string[]): Generator<Frame> {
  let n = 0;
  for (const f of files) for (const frame of readFrames(f)) yield { ...frame, number: ++n };
}

test('reassembled streams equal tshark follow,tcp,raw for every connection', { skip: tsharkAvailable() ? false : 'tshark is not installed' }, () => {
  const files = fixtureCaptures();
  const r = new Reassembler();
  for (const frame of concatenatedFrames(files)) r.push(frame);
  const conns: Connection[] = r.finish();
  const followed = withConcatenated(files, (merged) => followAllTcpRaw(merged, tcpStreamCount(merged, TSHARK_PREFS), TSHARK_PREFS));
  assert.equal(conns.length, followed.length, 'connection count equals tshark stream count');
  let agree = 0;
  let bytes = 0;
  const bad: string[] = [];
  for (const [i, f] of followed.entries()) {
    const c = conns[i]!;
    const clientFirst = f.node0 === nodeName(c.client);
    const [c2s, s2c] = clientFirst ? [f.bytes0, f.bytes1] : [f.bytes1, f.bytes0];
    const ours = [Buffer.from(streamBytes(c.c2s)), Buffer.from(streamBytes(c.s2c))];
    if (ours[0]!.equals(c2s) && ours[1]!.equals(s2c)) {
      agree++;
      bytes += c2s.length + s2c.length;
    } else bad.push(`stream ${i} (${nodeName(c.client)} -> ${nodeName(c.server)}): c2s ${ours[0]!.length}/${c2s.length}, s2c ${ours[1]!.length}/${s2c.length}`);
  }
  console.log(`reassembly vs tshark follow,tcp,raw: ${agree}/${followed.length} connections identical (${bytes} bytes) over ${files.length} captures`);
  assert.deepEqual(bad, []);
});

test('the out-of-order fixture really exercises reordering and retransmission', () => {
  const r = new Reassembler();
  for (const f of readFrames('fixtures/tcp-out-of-order-and-retransmission/capture.pcap')) r.push(f);
  const [conn] = r.finish();
  assert.ok(conn);
  const fates = new Set(conn.segments.map((s) => s.fate));
  assert.ok(fates.has('out-of-order'), `fates seen: ${[...fates].join(', ')}`);
  assert.ok(fates.has('retransmission'), `fates seen: ${[...fates].join(', ')}`);
  assert.equal(conn.c2s.gaps.length + conn.s2c.gaps.length, 0);
  assert.ok(conn.startSeen);
});
