/** Specific decoded values, other link types, and hostile headers: malformed fields on the right spans, never a throw. */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { LinkType, type Frame } from '../../src/capture/frame.ts';
import { decodeFrameHeaders } from '../../src/link/decode.ts';
import { findField, findFields, malformedFields, type Field } from '../../src/model/field.ts';
import { compareFrame, pdml, tsharkAvailable } from '../oracle/tshark.ts';
import { readFrames, writePcap } from './capture-helper.ts';
import { tcpFrame } from '../tcp/build.ts';

/** The one field with this filter, asserting it exists. */
function field(fields: Field[], filter: string): Field {
  const f = findField(fields, filter);
  assert.ok(f, `no ${filter}`);
  return f;
}

/** A frame from bytes. */
function frameOf(data: Uint8Array, linkType: number = LinkType.ETHERNET, origLength = data.length): Frame {
  return { number: 1, timeNs: 0n, linkType, data, origLength, interfaceId: 0 };
}

/** When tshark is installed, our positions for a handcrafted frame agree with it too. */
function agreesWithTshark(frame: Frame): void {
  if (!tsharkAvailable()) return;
  const dir = mkdtempSync(join(tmpdir(), 'wirebook-link-'));
  try {
    const file = join(dir, 'x.pcap');
    writePcap(file, frame.linkType, [frame]);
    const a = compareFrame(decodeFrameHeaders(frame).fields, pdml(file)[0]!, (n) => /^(eth|vlan|null|ip|ipv6|tcp)\./.test(n) && n !== 'tcp.payload');
    const positions = a.differences.filter((d) => d.kind === 'position' || d.kind === 'missing-in-tshark');
    assert.deepEqual(positions, []);
    assert.equal(a.agree, a.compared);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

test('frame 1 of the classic pcap: Ethernet, IPv4 and a SYN with MSS 65495 on loopback', () => {
  const [frame] = readFrames('fixtures/tls12-ecdhe-rsa-aes128-gcm/capture.pcap');
  const d = decodeFrameHeaders(frame!);
  assert.deepEqual(d.fields.map((f) => f.name), ['Ethernet II', 'Internet Protocol Version 4', 'Transmission Control Protocol']);
  assert.deepEqual(field(d.fields, 'ip.hdr_len').spans, [{ frame: 1, offset: 14, length: 1 }]);
  assert.equal(field(d.fields, 'ip.hdr_len').value, 20);
  assert.equal(field(d.fields, 'eth.type').value, 0x0800);
  assert.equal(field(d.fields, 'ip.src').value, '127.0.0.1');
  assert.equal(field(d.fields, 'tcp.options.mss_val').value, 65495);
  assert.deepEqual(field(d.fields, 'tcp.options.mss_val').spans, [{ frame: 1, offset: 56, length: 2 }]);
  assert.equal(field(d.fields, 'tcp.flags.syn').value, true);
  assert.equal(field(d.fields, 'tcp.hdr_len').value, 40);
  assert.equal(d.tcp?.flags, 0x002);
  assert.equal(d.tcp?.payloadLength, 0);
  assert.equal(d.truncated, false);
  assert.equal(malformedFields(d.fields).length, 0);
});

test('SLL2, IPv6 and BSD null (AF 30, little-endian) decode with their own filter names', () => {
  const sll2 = decodeFrameHeaders(readFrames('fixtures/tls13-linux-cooked-any/capture.pcap')[0]!);
  assert.equal(field(sll2.fields, 'sll.etype').value, 0x0800);
  assert.equal(field(sll2.fields, 'sll.hatype').value, 772);
  const v6 = decodeFrameHeaders(readFrames('fixtures/tls12-ipv6-loopback/capture.pcap')[0]!);
  assert.deepEqual(v6.ip, { version: 6, src: '::1', dst: '::1' });
  const nul = decodeFrameHeaders(readFrames('fixtures/public/ja4/tls-alpn-h2.pcap')[0]!);
  assert.equal(field(nul.fields, 'null.family').value, 30);
  assert.equal(nul.ip?.version, 6);
});

test('null/loopback family in both byte orders and 802.1Q tags agree with tshark', () => {
  const inner = tcpFrame(1, { sport: 1234, dport: 443, seq: 1, flags: 0x02 }).data.subarray(14);
  for (const family of [[2, 0, 0, 0], [0, 0, 0, 2], [24, 0, 0, 0], [0, 0, 0, 28]]) {
    const v4 = family.includes(2);
    const ipPart = v4 ? inner : new Uint8Array(40);
    if (!v4) ipPart.set([0x60, 0, 0, 0, 0, 0, 59, 64]);
    const f = frameOf(new Uint8Array([...family, ...ipPart]), LinkType.NULL);
    const d = decodeFrameHeaders(f);
    assert.equal(d.ip?.version, v4 ? 4 : 6, `family bytes ${family.join(',')}`);
    agreesWithTshark(f);
  }
  const eth = tcpFrame(1, { sport: 1234, dport: 443, seq: 1, flags: 0x02 }).data;
  const tagged = new Uint8Array([...eth.subarray(0, 12), 0x81, 0x00, 0xa0, 0x64, 0x08, 0x00, ...eth.subarray(14)]);
  const d = decodeFrameHeaders(frameOf(tagged));
  assert.equal(field(d.fields, 'vlan.id').value, 100);
  assert.equal(field(d.fields, 'vlan.priority').value, 5);
  assert.equal(d.tcp?.dstPort, 443);
  agreesWithTshark(frameOf(tagged));
});

test('IPv4 options, TCP SACK and timestamps are named and agree with tshark', () => {
  const f = tcpFrame(1, { sport: 1, dport: 2, seq: 5, flags: 0x10, options: [1, 1, 5, 10, 0, 0, 0, 1, 0, 0, 0, 9, 1, 1, 8, 10, 0, 0, 0, 7, 0, 0, 0, 8] });
  // Insert a Router Alert option (RFC 2113) into the IPv4 header: IHL 6.
  const b = f.data;
  const withOpt = new Uint8Array([...b.subarray(0, 34), 0x94, 4, 0, 0, ...b.subarray(34)]);
  withOpt[14] = 0x46;
  const total = withOpt.length - 14;
  withOpt[16] = total >> 8;
  withOpt[17] = total & 0xff;
  const frame = frameOf(withOpt);
  const d = decodeFrameHeaders(frame);
  assert.equal(field(d.fields, 'ip.opt.ra').value, 0);
  assert.deepEqual(findFields(d.fields, 'tcp.options.sack_le').map((x) => x.value), [1]);
  assert.equal(field(d.fields, 'tcp.options.timestamp.tsecr').value, 8);
  assert.equal(malformedFields(d.fields).length, 0);
  agreesWithTshark(frame);
});

test('IPv4 IHL < 5: ip.hdr_len is flagged on its byte and decoding stops without throwing', () => {
  const f = tcpFrame(1, { sport: 1, dport: 2, seq: 1, flags: 0x02 });
  f.data[14] = 0x44;
  const d = decodeFrameHeaders(f);
  const bad = malformedFields(d.fields);
  assert.ok(bad.some((x) => x.filter === 'ip.hdr_len' && x.spans[0]?.offset === 14 && x.spans[0].length === 1 && /less than the minimum/.test(x.malformed!)));
  assert.equal(d.tcp, undefined);
});

test('TCP data offset < 5: tcp.hdr_len is flagged on its byte, the segment is not decoded', () => {
  const f = tcpFrame(1, { sport: 1, dport: 2, seq: 1, flags: 0x18, payload: 'hello' });
  f.data[46] = 0x30;
  const d = decodeFrameHeaders(f);
  const bad = malformedFields(d.fields);
  assert.ok(bad.some((x) => x.filter === 'tcp.hdr_len' && x.spans[0]?.offset === 46 && x.spans[0].length === 1));
  assert.ok(bad.some((x) => x.filter === '_ws.malformed' && x.spans[0]?.offset === 54 && x.spans[0].length === 5));
  assert.equal(d.tcp, undefined);
});

test('an IPv4 total length past the frame flags ip.len; the TCP segment is bounded by the bytes that exist', () => {
  const f = tcpFrame(1, { sport: 1, dport: 2, seq: 1, flags: 0x18, payload: 'abc' });
  f.data[16] = 0x05;
  const d = decodeFrameHeaders(f);
  const len = field(d.fields, 'ip.len');
  assert.match(len.malformed ?? '', /points past the frame/);
  assert.deepEqual(len.spans, [{ frame: 1, offset: 16, length: 2 }]);
  assert.equal(d.tcp?.payloadLength, 3);
});

test('truncated TCP options: the overrunning option is malformed over the bytes that remain', () => {
  // Header length 24 with options "02 04 05": an MSS option whose value is cut by the header end.
  const f = tcpFrame(1, { sport: 1, dport: 2, seq: 1, flags: 0x02, options: [1, 2, 4, 5] });
  const d = decodeFrameHeaders(f);
  const bad = malformedFields(d.fields);
  assert.ok(bad.length > 0);
  const mss = field(d.fields, 'tcp.options.mss');
  assert.match(mss.malformed ?? '', /exceeds/);
  assert.deepEqual(mss.spans, [{ frame: 1, offset: 55, length: 3 }]);
  // An option length below 2 is malformed too.
  const g = decodeFrameHeaders(tcpFrame(1, { sport: 1, dport: 2, seq: 1, flags: 0x02, options: [8, 1, 0, 0] }));
  assert.ok(malformedFields(g.fields).some((x) => /less than 2/.test(x.malformed!) && x.spans[0]?.offset === 54));
});

test('a frame cut by the snaplen decodes as far as bytes exist and says so', () => {
  const full = tcpFrame(1, { sport: 1, dport: 2, seq: 1, flags: 0x18, payload: 'x'.repeat(100) });
  for (const keep of [20, 40, 60, 100]) {
    const d = decodeFrameHeaders(frameOf(full.data.slice(0, keep), LinkType.ETHERNET, full.data.length));
    assert.equal(d.truncated, true);
    const note = d.fields.find((f) => f.filter === '_ws.short');
    assert.equal(note?.malformed, `frame cut by the capture's snaplen: ${keep} of ${full.data.length} bytes captured`);
    if (keep >= 54) assert.equal(d.tcp?.payloadLength, keep - 54);
    if (keep >= 54) assert.equal(d.tcp?.segmentLength, 100);
  }
});

test('garbage of every length never throws', () => {
  let seed = 7;
  const rand = (): number => (seed = (seed * 1103515245 + 12345) % 2 ** 31) & 0xff;
  for (const lt of [LinkType.ETHERNET, LinkType.LINUX_SLL, LinkType.LINUX_SLL2, LinkType.NULL, LinkType.RAW, 9999]) {
    for (let n = 0; n < 120; n++) {
      const data = Uint8Array.from({ length: n }, rand);
      if (lt === LinkType.RAW && n > 0) data[0] = (data[0]! & 0x0f) | (n % 2 ? 0x40 : 0x60);
      assert.doesNotThrow(() => decodeFrameHeaders(frameOf(data, lt, n + (n % 3))));
    }
  }
});
