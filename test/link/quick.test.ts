/** The fast header walk reassembly uses agrees with the full decoder on every fixture frame and on garbage. */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { LinkType } from '../../src/capture/frame.ts';
import { decodeFrameHeaders } from '../../src/link/decode.ts';
import { quickDecode } from '../../src/link/quick.ts';
import { readFrames } from './capture-helper.ts';
import { fixtureCaptures } from './fixtures.ts';
import { tcpFrame } from '../tcp/build.ts';

test('quickDecode gives the same ip/tcp values as decodeFrameHeaders', () => {
  let n = 0;
  for (const file of fixtureCaptures()) {
    for (const f of readFrames(file)) {
      const full = decodeFrameHeaders(f);
      const quick = quickDecode(f);
      assert.deepEqual([quick.ip, quick.tcp, quick.truncated], [full.ip, full.tcp, full.truncated], `${file} frame ${f.number}`);
      n++;
    }
  }
  assert.ok(n > 2000);
});

test('quickDecode agrees on hostile and random frames', () => {
  let seed = 11;
  const rand = (): number => (seed = (seed * 1103515245 + 12345) % 2 ** 31) & 0xff;
  const base = tcpFrame(1, { sport: 1, dport: 2, seq: 3, flags: 0x18, payload: 'payload', options: [2, 4, 5, 180] });
  for (let i = 0; i < 3000; i++) {
    const data = base.data.slice(0, 14 + (i % (base.data.length - 13)));
    // Corrupt one header byte at random: lengths, versions, offsets, protocol.
    const at = 14 + (rand() % 40);
    if (at < data.length) data[at] = rand();
    for (const lt of [LinkType.ETHERNET]) {
      const f = { ...base, linkType: lt, data, origLength: i % 2 ? data.length : base.data.length };
      const full = decodeFrameHeaders(f);
      const quick = quickDecode(f);
      assert.deepEqual([quick.ip, quick.tcp], [full.ip, full.tcp], `case ${i}: byte ${at}`);
    }
  }
});
