/** Reassembly cases built by hand: reordering, retransmission, conflicts, gaps, wraparound, port reuse, pasted streams. */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { LinkType, type Frame } from '../../src/capture/frame.ts';
import { reassembleConnections } from '../../src/tcp/reassemble.ts';
import { streamBytes, streamSpans } from '../../src/tcp/spans.ts';
import { tcpFrame, type SegmentSpec } from './build.ts';

const SYN = 0x02;
const ACK = 0x10;
const FIN = 0x01;
const PSH_ACK = 0x18;

/** Client 10.0.0.1:5000 -> server 10.0.0.2:443 segments, numbered in order. */
function frames(specs: Partial<SegmentSpec>[]): Frame[] {
  return specs.map((s, i) => tcpFrame(i + 1, { sport: 5000, dport: 443, seq: 0, flags: ACK, ...s }));
}

/** Server-to-client fields for a spec. */
const fromServer = { src: '10.0.0.2', dst: '10.0.0.1', sport: 443, dport: 5000 };

/** Text of a direction's reassembled bytes. */
const text = (b: Uint8Array): string => Buffer.from(b).toString();

test('handshake, data both ways, out-of-order and retransmitted segments; every byte maps back to its frame', () => {
  const isn = 1000;
  const conns = reassembleConnections(
    frames([
      { seq: isn, flags: SYN },
      { ...fromServer, seq: 9000, flags: SYN | ACK },
      { seq: isn + 1 },
      { seq: isn + 6, flags: PSH_ACK, payload: 'world' }, // arrives before "hello"
      { seq: isn + 1, flags: PSH_ACK, payload: 'hello' },
      { seq: isn + 1, flags: PSH_ACK, payload: 'hello' }, // retransmission
      { ...fromServer, seq: 9001, flags: PSH_ACK, payload: 'OK' },
    ]),
  );
  assert.equal(conns.length, 1);
  const c = conns[0]!;
  assert.deepEqual([c.client, c.server, c.startSeen, c.firstFrame], [{ address: '10.0.0.1', port: 5000 }, { address: '10.0.0.2', port: 443 }, true, 1]);
  assert.equal(text(streamBytes(c.c2s)), 'helloworld');
  assert.equal(text(streamBytes(c.s2c)), 'OK');
  assert.deepEqual(c.segments.map((s) => s.fate), ['no-payload', 'no-payload', 'no-payload', 'out-of-order', 'new', 'retransmission', 'new']);
  assert.deepEqual(c.segments.map((s) => s.seq).slice(3, 5), [5, 0]);
  // "lowo" spans the two segments: frame 5 offset 54+3 and frame 4 offset 54.
  assert.deepEqual(streamSpans(c.c2s, 3, 4), [{ frame: 5, offset: 57, length: 2 }, { frame: 4, offset: 54, length: 2 }]);
  assert.equal(c.c2s.synFrame, 1);
  assert.equal(c.s2c.synFrame, 2);
  assert.equal(c.notes.length, 0);
});

test('a conflicting overlap keeps the first copy and adds a note with the span of the differing bytes', () => {
  const c = reassembleConnections(frames([{ seq: 1, flags: SYN }, { seq: 2, payload: 'abcdef' }, { seq: 6, payload: 'XYgh' }]))[0]!;
  assert.equal(text(streamBytes(c.c2s)), 'abcdefgh');
  assert.equal(c.segments[2]!.fate, 'conflicting-overlap');
  const note = c.notes.find((n) => n.filter === 'tcp.segment.overlap.conflict');
  assert.deepEqual(note?.spans, [{ frame: 3, offset: 54, length: 2 }]);
});

test('missing bytes become a gap and a note; the bytes after it form a new chunk', () => {
  const c = reassembleConnections(frames([{ seq: 1, flags: SYN }, { seq: 2, payload: 'aaaa' }, { seq: 10, payload: 'cccc' }]))[0]!;
  assert.deepEqual(c.c2s.gaps, [{ start: 4, length: 4, afterFrame: 2 }]);
  assert.deepEqual(c.c2s.chunks.map((k) => [k.start, text(k.bytes)]), [[0, 'aaaa'], [8, 'cccc']]);
  const note = c.notes.find((n) => n.filter === 'tcp.analysis.lost_segment');
  assert.match(note?.malformed ?? '', /4 bytes of the c2s stream were not captured/);
  assert.deepEqual(note?.spans, [{ frame: 3, offset: 54, length: 4 }]);
});

test('sequence numbers wrap around 2^32', () => {
  const isn = 2 ** 32 - 3;
  const c = reassembleConnections(frames([{ seq: isn, flags: SYN }, { seq: isn + 1, payload: 'abcd' }, { seq: (isn + 5) % 2 ** 32, payload: 'efgh' }]))[0]!;
  assert.equal(text(streamBytes(c.c2s)), 'abcdefgh');
  assert.deepEqual(c.segments.map((s) => s.seq), [0, 0, 4]);
});

test('a connection whose start was not captured: the first sender is the client, startSeen is false', () => {
  const c = reassembleConnections(frames([{ ...fromServer, seq: 500, payload: 'late' }, { seq: 70, payload: 'x' }, { ...fromServer, seq: 504, payload: 'r' }]))[0]!;
  assert.equal(c.startSeen, false);
  assert.equal(c.client.port, 443);
  assert.equal(text(streamBytes(c.c2s)), 'later');
});

test('port reuse: a new SYN after FIN starts connection 2; connections are numbered by first frame', () => {
  const conns = reassembleConnections(
    frames([
      { seq: 10, flags: SYN },
      { seq: 11, payload: 'one' },
      { seq: 14, flags: FIN | ACK },
      { sport: 6000, seq: 1, flags: SYN },
      { seq: 5000, flags: SYN },
      { seq: 5001, payload: 'two' },
    ]),
  );
  assert.deepEqual(conns.map((c) => [c.id, c.client.port, c.firstFrame, text(streamBytes(c.c2s))]), [
    [1, 5000, 1, 'one'],
    [2, 6000, 4, ''],
    [3, 5000, 5, 'two'],
  ]);
  assert.equal(conns[0]!.c2s.finFrame, 3);
});

test('pasted openssl text (WIREBOOK_STREAM frames) becomes one synthetic client/server connection', () => {
  const mk = (number: number, direction: 'c2s' | 's2c', s: string): Frame => ({ number, timeNs: 0n, linkType: LinkType.WIREBOOK_STREAM, data: new Uint8Array(Buffer.from(s)), origLength: s.length, interfaceId: 0, direction });
  const [c, ...rest] = reassembleConnections([mk(1, 'c2s', 'hel'), mk(2, 's2c', 'HI'), mk(3, 'c2s', 'lo')]);
  assert.equal(rest.length, 0);
  assert.deepEqual([c!.client, c!.server], [{ address: 'client', port: 0 }, { address: 'server', port: 0 }]);
  assert.equal(text(streamBytes(c!.c2s)), 'hello');
  assert.equal(text(streamBytes(c!.s2c)), 'HI');
  assert.deepEqual(streamSpans(c!.c2s, 2, 2), [{ frame: 1, offset: 2, length: 1 }, { frame: 3, offset: 0, length: 1 }]);
});
