/** Handing closed connections out early (onConnectionClosed), tombstones, and packing that changes nothing. */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import type { Frame } from '../../src/capture/frame.ts';
import { Reassembler, reassembleConnections } from '../../src/tcp/reassemble.ts';
import { streamBytes } from '../../src/tcp/spans.ts';
import type { Connection } from '../../src/tcp/types.ts';
import { readFrames } from '../link/capture-helper.ts';
import { fixtureCaptures } from '../link/fixtures.ts';
import { tcpFrame, type SegmentSpec } from './build.ts';

const FIN = 0x01;
const SYN = 0x02;
const RST = 0x04;
const ACK = 0x10;
const PSH_ACK = 0x18;

/** One client on port `sport` talking to 10.0.0.2:443: client specs as given, `server: true` ones reversed. */
function conversation(sport: number, specs: (Partial<SegmentSpec> & { server?: boolean })[]): Omit<SegmentSpec, 'sport'>[] {
  return specs.map(({ server, ...s }) =>
    server ? { src: '10.0.0.2', dst: '10.0.0.1', sport: 443, dport: sport, seq: 0, flags: ACK, ...s } : { sport, dport: 443, seq: 0, flags: ACK, ...s },
  ) as SegmentSpec[];
}

/** Frames numbered from `first`; tcpFrame stamps frame n at n nanoseconds. */
function numbered(specs: SegmentSpec[], first = 1): Frame[] {
  return specs.map((s, i) => tcpFrame(first + i, s));
}

/** A whole connection closed by FINs from both sides. */
const closedByFin = (sport: number, isn: number): SegmentSpec[] =>
  conversation(sport, [
    { seq: isn, flags: SYN },
    { server: true, seq: 9000, flags: SYN | ACK },
    { seq: isn + 1, flags: PSH_ACK, payload: 'hello' },
    { server: true, seq: 9001, flags: PSH_ACK, payload: 'OK' },
    { seq: isn + 6, flags: FIN | ACK },
    { server: true, seq: 9003, flags: FIN | ACK },
  ]) as SegmentSpec[];

/** Pure ACKs of another connection, only to move the capture clock on. */
const ticks = (sport: number, n: number): SegmentSpec[] => conversation(sport, Array.from({ length: n }, () => ({ seq: 7 }))) as SegmentSpec[];

test('onConnectionClosed gets a connection once both FINs are seen and the grace has passed, then the rest at finish', () => {
  const frames = numbered([...closedByFin(5000, 100), ...ticks(5001, 10)]);
  const seen: { id: number; at: number }[] = [];
  const handed: Connection[] = [];
  let at = 0;
  const r = new Reassembler({ closeGraceNs: 3n, onConnectionClosed: (c) => (seen.push({ id: c.id, at }), handed.push(c)) });
  for (const f of frames) {
    at = f.number;
    r.push(f);
  }
  // The second FIN is frame 6 at 6 ns: due at 9 ns, frame 9.
  assert.deepEqual(seen, [{ id: 1, at: 9 }]);
  const rest = r.finish();
  assert.deepEqual(rest.map((c) => c.id), [2]);
  assert.deepEqual(seen.map((s) => s.id), [1, 2], 'finish() passes the rest to the callback too');
  // What was handed out early is exactly what a plain reassembler returns.
  assert.deepEqual(handed, reassembleConnections(frames));
  assert.equal(Buffer.from(streamBytes(handed[0]!.c2s)).toString(), 'hello');
});

test('an RST hands the connection out after the grace; late segments hit a tombstone; a new SYN on the same ports is a new connection', () => {
  const a = conversation(5000, [{ seq: 100, flags: SYN }, { server: true, seq: 9000, flags: SYN | ACK }, { seq: 101, flags: PSH_ACK, payload: 'hi' }, { server: true, seq: 9001, flags: RST }]);
  const handed: Connection[] = [];
  const r = new Reassembler({ closeGraceNs: 2n, onConnectionClosed: (c) => handed.push(c) });
  const frames = numbered([...a, ...ticks(5001, 3)] as SegmentSpec[]);
  for (const f of frames.slice(0, 5)) r.push(f);
  assert.equal(handed.length, 0, 'the RST was at 4 ns: not due before 6 ns');
  for (const f of frames.slice(5)) r.push(f);
  assert.deepEqual(handed.map((c) => c.id), [1]);
  assert.equal(handed[0]!.s2c.rstFrame, 4);
  // A retransmission of connection 1 after it was handed out is dropped, not a new connection.
  r.push(tcpFrame(8, { sport: 5000, dport: 443, seq: 101, flags: PSH_ACK, payload: 'hi' }));
  assert.equal(r.lateSegments, 1);
  // Port reuse: a SYN with another ISN opens connection 3.
  r.push(tcpFrame(9, { sport: 5000, dport: 443, seq: 5555, flags: SYN }));
  const rest = r.finish();
  assert.deepEqual(rest.map((c) => [c.id, c.firstFrame]), [[2, 5], [3, 9]]);
  assert.deepEqual(handed.map((c) => c.id), [1, 2, 3], 'each handed out once');
});

test('packing closed connections at once (grace 0) changes nothing, even when bytes arrive after the close', () => {
  const late = conversation(6000, [
    { seq: 100, flags: SYN },
    { server: true, seq: 9000, flags: SYN | ACK },
    { seq: 101, flags: PSH_ACK, payload: 'abcdef' },
    { seq: 107, flags: FIN | ACK },
    { server: true, seq: 9001, flags: FIN | ACK },
    { seq: 101, flags: PSH_ACK, payload: 'abXdef' }, // conflicting retransmission, compared with packed bytes
    { seq: 107, flags: PSH_ACK, payload: 'more' }, // bytes after the FIN: the packed chunk grows again
    { server: true, seq: 9002, flags: PSH_ACK, payload: 'late' },
  ]) as SegmentSpec[];
  const frames = numbered([...closedByFin(5000, 1), ...late, ...ticks(5001, 4)]);
  const plain = reassembleConnections(frames);
  const r = new Reassembler({ closeGraceNs: 0n });
  for (const f of frames) r.push(f);
  assert.deepEqual(r.finish(), plain);
  assert.equal(Buffer.from(streamBytes(plain[1]!.c2s)).toString(), 'abcdefmore');
});

test('packing at close time gives the same connections on every fixture capture', () => {
  let n = 0;
  for (const file of fixtureCaptures()) {
    const frames = readFrames(file);
    const r = new Reassembler({ closeGraceNs: 0n });
    for (const f of frames) r.push(f);
    assert.deepEqual(r.finish(), reassembleConnections(frames), file);
    n++;
  }
  assert.ok(n > 50);
});
