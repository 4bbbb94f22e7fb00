// Registered bit fields (bitField in src/link/bits.ts) keep the display text of each value they
// have seen: a frame decoded after others with other flags must still show its own bits. The flag
// summaries are tshark's (`tshark -T pdml` on small.pcap: "Flags: 0x012 (SYN, ACK)", "0x018 (PSH, ACK)";
// we listed them highest bit first until this test).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { decodeFrameHeaders } from '../../src/link/decode.ts';
import { findField } from '../../src/model/field.ts';
import { readFrames } from './capture-helper.ts';

const frames = readFrames('fixtures/bench/small.pcap');

function flagsOf(n: number): { display: string | undefined; syn: string | undefined; push: string | undefined } {
  const fields = decodeFrameHeaders(frames[n - 1]!).fields;
  return {
    display: findField(fields, 'tcp.flags')?.display,
    syn: findField(fields, 'tcp.flags.syn')?.display,
    push: findField(fields, 'tcp.flags.push')?.display,
  };
}

test('TCP flag displays follow each frame, in any order of decoding (SYN, SYN-ACK, ACK, PSH-ACK, then SYN again)', () => {
  const syn = flagsOf(1);
  assert.deepEqual(syn, { display: '.... 0000 0000 0010 = Flags: 0x002 (SYN)', syn: '.... ..1. = Syn: Set', push: '.... 0... = Push: Not set' });
  assert.equal(flagsOf(2).display, '.... 0000 0001 0010 = Flags: 0x012 (SYN, ACK)');
  assert.equal(flagsOf(3).display, '.... 0000 0001 0000 = Flags: 0x010 (ACK)');
  const psh = flagsOf(4);
  assert.equal(psh.display, '.... 0000 0001 1000 = Flags: 0x018 (PSH, ACK)');
  assert.equal(psh.push, '.... 1... = Push: Set');
  assert.equal(psh.syn, '.... ..0. = Syn: Not set');
  assert.deepEqual(flagsOf(1), syn);
});

test('IPv4 and Ethernet bit fields: version, header length, DF and the MAC LG/IG bits of a loopback frame', () => {
  const fields = decodeFrameHeaders(frames[0]!).fields;
  assert.equal(findField(fields, 'ip.version')?.display, '0100 .... = Version: 4');
  assert.equal(findField(fields, 'ip.hdr_len')?.display, '.... 0101 = Header Length: 20 bytes (5)');
  assert.equal(findField(fields, 'ip.flags.df')?.value, true);
  assert.equal(findField(fields, 'ip.flags.df')?.display, '.1.. .... = Don\'t fragment: Set');
  assert.equal(findField(fields, 'eth.dst')?.value, '00:00:00:00:00:00');
  assert.equal(findField(fields, 'eth.src.ig')?.display, '.... ...0 .... .... .... .... = IG bit: Individual address (unicast)');
});
