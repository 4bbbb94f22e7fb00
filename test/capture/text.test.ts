// Text dumps (tcpdump, openssl s_client -debug/-msg, plain hex) against the captures they came from.
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'node:test';
import { LinkType, type Frame } from '../../src/capture/frame.ts';
import { openCapture, readCaptureBytes, type CaptureRead } from '../../src/capture/read.ts';
import { hasTshark, hexOf, tsharkFollow } from './tshark.ts';

const root = new URL('../../', import.meta.url).pathname;
const dumps = (name: string): string => join(root, 'fixtures/text-dumps', name);
const readFile = (path: string): CaptureRead => readCaptureBytes(readFileSync(path));
const DAY_NS = 86_400_000_000_000n;

test('tcpdump -X (from the IP header) equals the pcap frames after their Ethernet header', () => {
  const pcap = readFile(join(root, 'fixtures/tls12-rsa-kx-aes128-gcm/capture.pcap'));
  const text = readFile(dumps('scenario1-tcpdump-X-nn.txt'));
  assert.equal(text.format, 'tcpdump-text');
  assert.deepEqual(text.problems, []);
  assert.equal(text.frames.length, 17);
  assert.deepEqual(text.interfaces.map((i) => i.linkType), [LinkType.RAW]);
  text.frames.forEach((f, i) => {
    const p = pcap.frames[i]!;
    assert.equal(hexOf(f.data), hexOf(p.data.subarray(14)), `frame ${i + 1}`);
    // tcpdump printed the time of day (UTC on the machine that made it), no date.
    assert.equal(f.timeNs, p.timeNs % DAY_NS, `frame ${i + 1} time`);
  });
  assert.equal(text.frames[0]!.line, 1);
  assert.equal(text.frames[16]!.data.length, 52);
});

test('tcpdump -xx (from the Ethernet header) equals the pcap frames', () => {
  const pcap = readFile(join(root, 'fixtures/tls12-rsa-kx-aes128-gcm/capture.pcap'));
  const text = readFile(dumps('scenario1-tcpdump-xx-nn.txt'));
  assert.deepEqual(text.problems, []);
  assert.equal(text.frames.length, 17);
  assert.ok(text.frames.every((f) => f.linkType === LinkType.ETHERNET));
  text.frames.forEach((f, i) => assert.equal(hexOf(f.data), hexOf(pcap.frames[i]!.data), `frame ${i + 1}`));
});

test('seed 001 tcpdump -lntX packets: complete ones decode, the payload-only one becomes stream bytes', () => {
  const pkt02 = readFile(dumps('seed001-pkt02-sslv2-clienthello.txt'));
  assert.equal(pkt02.frames.length, 1);
  assert.equal(pkt02.frames[0]!.data.length, 194);
  assert.equal(pkt02.frames[0]!.linkType, LinkType.RAW);
  assert.equal(hexOf(pkt02.frames[0]!.data.subarray(0, 4)), '450000c2');
  assert.equal(hexOf(pkt02.frames[0]!.data.subarray(52, 55)), '808c01');
  const sizes: Record<string, number> = { '01-tcp-syn': 60, '03-server-hello-certificate-part1': 1470, '05-client-key-exchange': 191, '06-client-ccs-finished': 111, '07-server-ccs-finished': 111, '08-client-application-data': 142, '09-client-application-data': 126, '10-server-fin': 52, '12-client-encrypted-alert': 89 };
  for (const [name, size] of Object.entries(sizes)) {
    const r = readFile(dumps(`seed001-pkt${name}.txt`));
    assert.deepEqual([r.frames.length, r.frames[0]!.data.length, r.problems.length], [1, size, 0], name);
  }
  const pkt04 = readFile(dumps('seed001-pkt04-out-of-order-certificate-end-serverhellodone.txt'));
  const f = pkt04.frames[0]!;
  assert.deepEqual([f.linkType, f.direction, f.data.length, f.line], [LinkType.WIREBOOK_STREAM, 's2c', 300, 1]);
  assert.equal(hexOf(f.data.subarray(0, 4)), 'a024a022');
  assert.equal(hexOf(f.data.subarray(-9)), '16030100040e000000');
  assert.equal(pkt04.problems[0]!.line, 2);
  const pkt11 = readFile(dumps('seed001-pkt11-server-application-data-http-response.txt'));
  assert.deepEqual([pkt11.frames[0]!.data.length, pkt11.frames[0]!.origLength], [0x50, 0x1e9]);
  assert.equal(pkt11.problems[0]!.line, 7);
});

/** Concatenated bytes of the frames going one way. */
function streamOf(frames: readonly Frame[], direction: 'c2s' | 's2c'): string {
  return frames.filter((f) => f.direction === direction).map((f) => hexOf(f.data)).join('');
}

test('s_client -debug: per-direction bytes equal the TCP payload streams of its capture', { skip: !hasTshark && 'tshark not installed' }, () => {
  const r = readFile(dumps('scenario2-s_client-debug.txt'));
  assert.equal(r.format, 'openssl-debug');
  assert.equal(r.frames.length, 22);
  assert.ok(r.frames.every((f) => f.linkType === LinkType.WIREBOOK_STREAM && f.line !== undefined));
  // stdout and stderr were captured together: two dump lines were split by other output.
  assert.deepEqual(r.problems.map((p) => p.line), [113, 562]);
  const [c2s, s2c] = tsharkFollow(dumps('scenario2-s_client-debug.pcap'));
  assert.equal(streamOf(r.frames, 'c2s'), c2s);
  assert.equal(streamOf(r.frames, 's2c'), s2c);
  assert.equal(c2s.length / 2, 325);
});

test('s_client -msg: every byte shown sits where the capture has it; unseen bodies are counted, not invented', { skip: !hasTshark && 'tshark not installed' }, () => {
  const r = readFile(dumps('scenario2-s_client-msg.txt'));
  assert.equal(r.format, 'openssl-msg');
  assert.equal(r.frames.length, 15);
  const streams = tsharkFollow(dumps('scenario2-s_client-msg.pcap'));
  let known = 0;
  for (const [i, direction] of (['c2s', 's2c'] as const).entries()) {
    const stream = streams[i]!;
    let pos = 0;
    for (const f of r.frames.filter((x) => x.direction === direction)) {
      assert.equal(hexOf(f.data), stream.slice(pos * 2, (pos + f.data.length) * 2), `frame at line ${f.line}`);
      pos += f.origLength;
      known += f.data.length;
    }
    assert.equal(pos * 2, stream.length, `${direction}: frames cover the whole stream`);
  }
  // 2693 of the capture's bytes are shown; the rest are encrypted bodies -msg does not print.
  assert.equal(known, 2693);
  assert.equal(r.problems.length, 7);
  assert.equal(hexOf(r.frames[0]!.data.subarray(0, 6)), '160301009501');
});

test('seed 004 re-flowed s_client -debug trace (OpenSSL 0.9.7): <SPACES/NULS> filled with NUL and said; missing lines stay missing', () => {
  const r = readFile(dumps('seed004-openssl-s_client-debug-tls1-reflowed.txt'));
  assert.equal(r.frames.length, 23);
  const first = r.frames[0]!;
  // The ClientHello's last byte (null compression, 0x00) was elided by BIO_dump: it comes back as NUL.
  assert.deepEqual([first.direction, first.line, first.data.length, first.origLength], ['c2s', 4, 102, 102]);
  assert.equal(hexOf(first.data.subarray(0, 16)), '16030100610100005d0301404435275c');
  assert.equal(first.data[101], 0);
  assert.deepEqual(r.problems.map((p) => p.line), [12, 19, 88, 91]);
  assert.match(r.problems[0]!.message, /filled in as NUL \(0x00\)/);
  assert.match(r.problems[3]!.message, /32 bytes are missing/);
  const cke = r.frames.find((f) => f.line === 89)!;
  assert.deepEqual([cke.data.length, cke.origLength], [16, 139]);
});

test('plain hex: one client-to-server stream frame, offsets checked', async () => {
  const r = readCaptureBytes(new TextEncoder().encode('0000: 16 03 01 00 05\n0005: 01 00 00 01 00\n'));
  assert.equal(r.format, 'hex');
  assert.deepEqual([r.frames.length, hexOf(r.frames[0]!.data), r.frames[0]!.direction], [1, '16030100050100000100', 'c2s']);
  const bare = readCaptureBytes(new TextEncoder().encode('16 03 01 00 05\n01000001 00\n'));
  assert.equal(hexOf(bare.frames[0]!.data), '16030100050100000100');
  const gap = readCaptureBytes(new TextEncoder().encode('0000: 16 03 01 00 05\n0010: 01 00\n'));
  assert.deepEqual(gap.problems.map((p) => p.line), [2]);
  const stream = await openCapture(dumps('seed001-pkt02-sslv2-clienthello.txt'));
  assert.equal(stream.format, 'tcpdump-text');
  const frames: Frame[] = [];
  for await (const f of stream.frames()) frames.push(f);
  assert.equal(frames[0]!.data.length, 194);
});

test('openssl -msg: records whose bodies -msg does not print keep their place (a gap), so the record list equals the pcap of the same run', async () => {
  const { decodeCapture } = await import('../../src/decode.ts');
  const { findField } = await import('../../src/model/field.ts');
  const records = (path: string): string[] => {
    const conn = decodeCapture(readFileSync(path)).connections[0]!;
    return conn.fields.map((r) => `${findField([r], 'tls.record.content_type')?.value}/${findField([r], 'tls.record.length')?.value}`);
  };
  const fromText = records(dumps('scenario2-s_client-msg.txt'));
  const fromPcap = records(dumps('scenario2-s_client-msg.pcap'));
  assert.equal(fromText.length, 15);
  // The pcap interleaves directions by time; -msg prints them in the same order s_client saw them.
  assert.deepEqual([...fromText].sort(), [...fromPcap].sort());
  assert.deepEqual(fromText.slice(-4), ['23/42', '23/4407', '21/26', '21/26']);
});

test('seed 001 pasted whole: packet 4, shown from 0x0034 without headers, gets IP/TCP headers rebuilt from its tcpdump line', () => {
  const names = readFileSync(dumps('seed001-files.tsv'), 'utf8').split('\n').map((l) => l.split('\t')[0]!).filter((n) => /^seed001-pkt(0\d|1[0-2])-/.test(n));
  const r = readCaptureBytes(new TextEncoder().encode(names.map((n) => readFileSync(dumps(n), 'utf8')).join('\n')));
  const pkt3 = r.frames[2]!;
  const pkt4 = r.frames[3]!;
  assert.equal(pkt4.linkType, LinkType.RAW);
  assert.deepEqual(pkt4.rebuiltHeader?.length, 0x34);
  assert.equal(pkt4.data.length, 0x34 + 300);
  const seq = (f: Frame, ipHeader: number): number => new DataView(f.data.buffer, f.data.byteOffset).getUint32(ipHeader + 4);
  // Packet 3 is "1:1419(1418)", packet 4 "1419:1719(300)": their real sequence numbers differ by 1418.
  assert.equal(seq(pkt4, 20) - seq(pkt3, 20), 1418);
  assert.deepEqual([...pkt4.data.subarray(0x34, 0x38)], [0xa0, 0x24, 0xa0, 0x22]);
  assert.match(r.problems.find((p) => p.line === pkt4.line! + 1)!.message, /rebuilt from the header line on line \d+ \(sequence 1419 is \d+ absolute\)/);
});

test('tcpdump -X with modern header lines: a packet cut to its payload gets headers rebuilt equal to the real ones', async () => {
  const { reassembleConnections } = await import('../../src/tcp/reassemble.ts');
  const lines = readFileSync(dumps('scenario1-tcpdump-X-nn.txt'), 'utf8').split('\n');
  // The client's 318-byte flight ("Flags [P.], seq 131:449, ack 1953"): drop its IP/TCP header
  // lines and blank the 0x0030 line's first two groups, as an article printing only the payload would.
  const at = lines.findIndex((l) => l.includes('Flags [P.], seq 131:449, ack 1953'));
  assert.ok(at > 0);
  const cut = [...lines.slice(0, at + 1), lines[at + 4]!.replace(/^(\t0x0030: {2})\S{4} \S{4}/, '$1         '), ...lines.slice(at + 5)];
  const whole = readCaptureBytes(new TextEncoder().encode(lines.join('\n')));
  const pasted = readCaptureBytes(new TextEncoder().encode(cut.join('\n')));
  const i = whole.frames.findIndex((f) => f.line === at + 1);
  const real = whole.frames[i]!;
  const rebuilt = pasted.frames[i]!;
  assert.equal(rebuilt.linkType, LinkType.RAW);
  assert.equal(rebuilt.rebuiltHeader?.length, 0x34);
  // Payload bytes at the same offsets, and the same addresses, ports, sequence and ack numbers.
  assert.deepEqual(hexOf(rebuilt.data.subarray(0x34)), hexOf(real.data.subarray(real.data.length - 318)));
  const tcpOf = (f: Frame, ip: number): string => hexOf(f.data.subarray(ip + 12, ip + 20 + 12));
  assert.equal(tcpOf(rebuilt, 0), tcpOf(real, real.data.length - 318 - 52));
  // Reassembled, the client's stream is byte for byte the same as from the whole dump.
  const streams = (r: CaptureRead): string => hexOf(Uint8Array.from(reassembleConnections(r.frames)[0]!.c2s.chunks.flatMap((c) => [...c.bytes])));
  assert.equal(streams(pasted), streams(whole));
});

test('header rebuilding: a paste whose payload starts where no IPv4 + TCP header can end (0x0064) is rebuilt with the payload at 0x0028, and the problem says so', () => {
  const lines = readFileSync(dumps('scenario1-tcpdump-X-nn.txt'), 'utf8').split('\n');
  const at = lines.findIndex((l) => l.includes('Flags [P.], seq 131:449, ack 1953'));
  const cut = [...lines.slice(0, at + 1), lines[at + 4]!.replace(/^(\t0x0030: {2})\S{4} \S{4}/, '$1         '), ...lines.slice(at + 5)];
  // The same bytes shown 0x30 further on (a TCP header would need 80 bytes; 60 is the most).
  const next = cut.findIndex((l, k) => k > at + 1 && /^\d/.test(l));
  const shifted = cut.map((l, k) => (k > at && k < next ? l.replace(/^\t0x([0-9a-f]{4}):/, (_, o: string) => `\t0x${(parseInt(o, 16) + 0x30).toString(16).padStart(4, '0')}:`) : l));
  const r = readCaptureBytes(new TextEncoder().encode(shifted.join('\n')));
  const f = r.frames.find((x) => x.line === at + 1)!;
  assert.deepEqual([f.linkType, f.rebuiltHeader?.length, f.data.length], [LinkType.RAW, 0x28, 0x28 + 318]);
  assert.match(r.problems.find((p) => p.line === at + 2)!.message, /^line \d+: the dump starts at byte 0x0064; its IP and TCP headers are rebuilt .*; no IPv4 and TCP headers end at byte 0x0064, so in the frame the payload starts at byte 0x0028 instead$/);
});

test('header rebuilding: header lines that contradict their packets (impossible address 300.0.0.1, port 70001) rebuild nothing; the payload stays a stream frame, said in a problem', () => {
  const lines = readFileSync(dumps('scenario1-tcpdump-X-nn.txt'), 'utf8').split('\n');
  const at = lines.findIndex((l) => l.includes('Flags [P.], seq 131:449, ack 1953'));
  const cut = [...lines.slice(0, at + 1), lines[at + 4]!.replace(/^(\t0x0030: {2})\S{4} \S{4}/, '$1         '), ...lines.slice(at + 5)];
  // Every header line edited, the hex left as captured (127.0.0.1, port 10001): the lines no longer describe the bytes.
  const edited = cut.map((l) => (/^\d/.test(l) ? l.replaceAll('127.0.0.1.', '300.0.0.1.').replaceAll('.10001', '.70001') : l));
  const r = readCaptureBytes(new TextEncoder().encode(edited.join('\n')));
  assert.ok(r.frames.every((f) => f.rebuiltHeader === undefined), 'no headers rebuilt (they would say 44.0.0.1:4465, 300 and 70001 cut to a byte and 16 bits)');
  const i = r.frames.findIndex((f) => f.line === at + 1);
  assert.deepEqual([r.frames[i]!.linkType, r.frames[i]!.data.length], [LinkType.WIREBOOK_STREAM, 318]);
  assert.match(r.problems.find((p) => p.line === at + 2)!.message, /^line \d+: the dump starts at byte 0x0034; the IP and TCP headers are not shown, so its 318 bytes \(the TCP payload, as the header line says\) are kept as a \S+ stream frame$/);
});

test('header rebuilding: tcpdump -v header lines work too, rebuilt fields say so, and without a sequence base the payload stays a stream frame', async () => {
  const { decodeFrameHeaders } = await import('../../src/link/decode.ts');
  const { walkFields } = await import('../../src/model/field.ts');
  const lines = readFileSync(dumps('scenario1-tcpdump-X-nn.txt'), 'utf8').split('\n');
  const at = lines.findIndex((l) => l.includes('Flags [P.], seq 131:449, ack 1953'));
  const payloadOnly = [lines[at + 4]!.replace(/^(\t0x0030: {2})\S{4} \S{4}/, '$1         '), ...lines.slice(at + 5, lines.findIndex((l, i) => i > at && /^\d/.test(l)))];
  // tcpdump -v: the first line ends with the IP details, the addresses move to a continuation line.
  const [time, rest] = [lines[at]!.slice(0, 15), lines[at]!.slice(lines[at]!.indexOf('127.0.0.1.42422'))];
  const verbose = [`${time} IP (tos 0x0, ttl 64, id 17887, offset 0, flags [DF], proto TCP (6), length 370)`, `    ${rest}`];
  const pasted = readCaptureBytes(new TextEncoder().encode([...lines.slice(0, at), ...verbose, ...payloadOnly].join('\n')));
  const rebuilt = pasted.frames.at(-1)!;
  assert.equal(rebuilt.linkType, LinkType.RAW);
  assert.equal(rebuilt.data.length, 0x34 + 318);
  const fields = decodeFrameHeaders({ ...rebuilt }).fields;
  assert.match(fields[0]!.display!, /^Internet Protocol Version 4 \(not in the pasted text: rebuilt from the tcpdump header line/);
  const src = [...walkFields(fields)].find((f) => f.filter === 'ip.src')!;
  assert.match(src.display!, /127\.0\.0\.1 \[rebuilt\]$/);
  assert.equal([...walkFields(fields)].find((f) => f.filter === 'tcp.srcport')?.value, 42422);
  // The payload is not marked: it was in the text.
  assert.ok([...walkFields(fields)].every((f) => !f.display?.includes('[rebuilt]') || f.spans.every((s) => s.offset + s.length <= 0x34)));
  // Alone, nothing gives the absolute sequence numbers: the 318 bytes become a stream frame, and a problem says why.
  const alone = readCaptureBytes(new TextEncoder().encode([lines[at]!, ...payloadOnly].join('\n')));
  assert.equal(alone.frames.length, 1);
  assert.equal(alone.frames[0]!.linkType, LinkType.WIREBOOK_STREAM);
  assert.equal(alone.frames[0]!.data.length, 318);
  assert.match(alone.problems[0]!.message, /IP and TCP headers are not shown/);
});
