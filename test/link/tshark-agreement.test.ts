/** Our link/IP/TCP field spans and values against tshark's PDML, for every frame of every fixture capture. */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { decodeFrameHeaders } from '../../src/link/decode.ts';
import { compareFrame, emptyAgreement, pdml, ratio, tsharkAvailable, withConcatenated, type Difference } from '../oracle/tshark.ts';
import { readFrames } from './capture-helper.ts';
import { fixtureCaptures, TSHARK_PREFS } from './fixtures.ts';

/** The layers this stage decodes, by filter-name prefix. */
const IN_SCOPE = /^(eth|vlan|sll|null|ip|ipv6|tcp|udp)(\.|$)/;

/**
 * Fields tshark has that we deliberately do not produce, each with its reason; the same list,
 * explained, is in docs/tshark-differences.md.
 */
const NOT_PRODUCED: ReadonlyMap<string, string> = new Map([
  ['eth.addr', 'duplicate of eth.dst / eth.src for "either address" filtering'],
  ['tcp.seq', 'relative sequence number: connection state, given by reassembly (SegmentRecord.seq); the header gives tcp.seq_raw'],
  ['tcp.ack', 'relative acknowledgment number: connection state; the header gives tcp.ack_raw'],
  ['tcp.window_size', 'window scaled by the SYN\'s shift: connection state; the header gives tcp.window_size_value'],
  ['tcp.window_size_scalefactor', 'connection state (the SYN\'s window scale option)'],
  ['tcp.flags.str', 'a text rendering of tcp.flags, not a field of its own'],
  ['tcp.options.sack.dsack_le', 'tshark\'s D-SACK interpretation needs connection state; we show the block as tcp.options.sack_le'],
  ['tcp.options.sack.dsack_re', 'as tcp.options.sack.dsack_le'],
  ['tcp.segment', 'reassembly product (which frames made a PDU), given by src/tcp, not a header byte'],
  ['tcp.segments', 'reassembly product'],
  ['tcp.segment_data', 'reassembly product (the part of the payload a PDU used)'],
  ['tcp.reassembled.data', 'reassembly product'],
]);

/** Fields whose values tshark shows relative to connection state, so only their positions are compared. */
const POSITION_ONLY = new Set(['tcp.options.sack_le', 'tcp.options.sack_re']);

/** Our fields tshark omits in some frames, with the reason. */
const TSHARK_OMITS: ReadonlyMap<string, string> = new Map([
  ['tcp.payload', 'tshark names the payload tcp.payload only when no dissector above TCP takes it'],
]);

test('link/IP/TCP field spans agree with tshark PDML', { skip: tsharkAvailable() ? false : 'tshark is not installed' }, () => {
  const total = emptyAgreement();
  const unexplained: Difference[] = [];
  let frames = 0;
  const files = fixtureCaptures();
  // One tshark run over all captures concatenated: tshark's start-up dominates small files.
  const theirs = withConcatenated(files, (merged) => pdml(merged, TSHARK_PREFS));
  for (const file of files) {
    for (const frame of readFrames(file)) {
      const packet = theirs[frames++];
      assert.ok(packet, `${file}: tshark has fewer frames than we read`);
      const before = total.differences.length;
      const ours = decodeFrameHeaders({ ...frame, number: packet.frame }).fields;
      compareFrame(ours, packet, (n) => IN_SCOPE.test(n), (n) => !POSITION_ONLY.has(n), total);
      for (const d of total.differences.slice(before)) {
        const explained = (d.kind === 'missing-in-ours' && NOT_PRODUCED.has(d.filter)) || (d.kind === 'missing-in-tshark' && TSHARK_OMITS.has(d.filter));
        if (!explained) unexplained.push({ ...d, detail: `${file}: ${d.detail}` });
      }
    }
  }
  assert.equal(frames, theirs.length, 'frame count');
  const notProduced = total.differences.filter((d) => d.kind === 'missing-in-ours').length;
  console.log(`link/ip/tcp fields vs tshark over ${frames} frames: positions ${ratio(total.agree, total.compared)}; values ${ratio(total.valuesAgree, total.valuesCompared)}`);
  console.log(`tshark byte fields we produce: ${ratio(total.covered, total.theirs)} (${notProduced} not produced, all listed in docs/tshark-differences.md)`);
  assert.deepEqual(unexplained.slice(0, 20), [], `${unexplained.length} unexplained differences`);
  assert.ok(frames > 2000, 'the fixtures hold thousands of frames');
});
