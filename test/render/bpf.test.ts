// Every capture filter the knowledge base shows is run with tcpdump on real fixtures and must
// select exactly the frames whose TCP payload bytes pass its tests (computed from tshark's
// tcp.payload), and only frames tshark itself says carry that record / handshake type.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after } from 'node:test';
import { readCaptureBytes } from '../../src/capture/read.ts';
import { KB, bpfFilter, type PayloadTest } from '../../src/kb/index.ts';
import { ROOT } from './support/capture.ts';

const FIXTURES = [
  'tls12-ecdhe-rsa-aes128-gcm',
  'tls12-ipv6-loopback',
  'no-shared-cipher-tls12',
  'protocol-version-mismatch',
  'tls13-aes256-gcm',
  'tls12-handshake-packed-one-record-nss',
  'tls12-big-chain-multi-segment',
  'mtls-tls12-no-client-cert',
  'tls13-linux-cooked-any',
];

interface Row { frame: number; payload: Uint8Array; contentTypes: number[]; handshakeTypes: number[] }

const have = (bin: string): boolean => existsSync(`/usr/bin/${bin}`) || existsSync(`/usr/sbin/${bin}`);
const nums = (s: string | undefined): number[] => (s ? s.split(',').filter((x) => x !== '').map(Number) : []);

function tsharkRows(pcap: string): Row[] {
  const out = execFileSync('tshark', ['-r', pcap, '-T', 'fields', '-E', 'separator=\t', '-e', 'frame.number', '-e', 'tcp.payload', '-e', 'tls.record.content_type', '-e', 'tls.handshake.type', '-e', 'tls.record.opaque_type'], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'] });
  return out.trim().split('\n').map((line) => {
    const [n, hex, ct, ht, opaque] = line.split('\t');
    // Wireshark calls the outer type of TLS 1.3 records tls.record.opaque_type.
    const contentTypes = [...nums(ct), ...nums(opaque)];
    return { frame: Number(n), payload: Uint8Array.from(Buffer.from((hex ?? '').replace(/:/g, ''), 'hex')), contentTypes, handshakeTypes: nums(ht) };
  });
}

const tmp = mkdtempSync(join(tmpdir(), 'wirebook-bpf-'));
after(() => rmSync(tmp, { recursive: true, force: true }));

/** Frame numbers tcpdump keeps: it writes the matches to a file, mapped back by time and bytes. */
function tcpdumpFrames(pcap: string, filter: string): number[] {
  const out = join(tmp, 'out.pcap');
  execFileSync('tcpdump', ['-r', pcap, '-w', out, filter], { stdio: ['ignore', 'ignore', 'ignore'] });
  const all = readCaptureBytes(new Uint8Array(readFileSync(pcap))).frames;
  const kept = readCaptureBytes(new Uint8Array(readFileSync(out))).frames;
  const frames: number[] = [];
  let i = 0;
  for (const k of kept) {
    while (i < all.length && !(all[i]!.timeNs === k.timeNs && Buffer.from(all[i]!.data).equals(Buffer.from(k.data)))) i++;
    assert.ok(i < all.length, 'tcpdump wrote a frame that is not in the input');
    frames.push(all[i++]!.number);
  }
  return frames;
}

const passes = (p: Uint8Array, tests: readonly PayloadTest[]): boolean =>
  tests.every((t) => t.offset < p.length && ((p[t.offset]! & (t.mask ?? 0xff)) === t.value));

const entries = KB.filter((e) => e.bpf !== undefined);

test('knowledge base has capture filters for record and handshake kinds', () => {
  assert.ok(entries.length >= 15, `only ${entries.length} filters`);
  for (const k of ['tls.record.content_type == 21', 'tls.handshake.type == 1', 'tls.handshake.type == 2']) {
    assert.ok(entries.some((e) => e.key === k), k);
  }
});

test('alert filter tests content type 0x15, not 0x21', () => {
  const alert = entries.find((e) => e.key === 'tls.record.content_type == 21')!;
  assert.match(bpfFilter(alert.bpf!), /= 0x15/);
  assert.doesNotMatch(bpfFilter(alert.bpf!), /0x21/);
});

for (const fx of FIXTURES) {
  test(`tcpdump filters select exactly the expected frames: ${fx}`, { skip: !have('tcpdump') || !have('tshark') ? 'tcpdump or tshark missing' : false }, () => {
    const pcap = `${ROOT}fixtures/${fx}/capture.pcap`;
    const rows = tsharkRows(pcap);
    let matchedSomething = false;
    for (const e of entries) {
      const got = tcpdumpFrames(pcap, bpfFilter(e.bpf!));
      const expected = rows.filter((r) => passes(r.payload, e.bpf!)).map((r) => r.frame);
      assert.deepEqual(got, expected, `${e.key} on ${fx}`);
      if (got.length > 0) matchedSomething = true;
      // Semantic check against Wireshark's own dissection (which also sees mid-segment records).
      const m = /^tls\.(record\.content_type|handshake\.type) == (\d+)$/.exec(e.key);
      if (m) {
        const v = Number(m[2]);
        const listOf = (r: Row): number[] => (m[1] === 'record.content_type' ? r.contentTypes : r.handshakeTypes);
        for (const n of got) {
          // Wireshark lists a record that spans segments under the frame where it completes,
          // so the type may show up in a later frame than the one starting the record.
          const seen = rows.some((r) => r.frame >= n && listOf(r).includes(v));
          const here = listOf(rows.find((x) => x.frame === n)!);
          assert.ok(here.includes(v) || (here.length === 0 && seen), `${e.key}: tcpdump selected frame ${n} of ${fx} but tshark sees ${here.join(',') || 'nothing'}`);
        }
      }
    }
    assert.ok(matchedSomething, `no filter matched anything in ${fx}`);
  });
}

test('the ClientHello filter finds every ClientHello of an IPv4 and an IPv6 capture', { skip: !have('tcpdump') || !have('tshark') ? 'tcpdump or tshark missing' : false }, () => {
  const ch = entries.find((e) => e.key === 'tls.handshake.type == 1')!;
  for (const fx of ['tls12-ecdhe-rsa-aes128-gcm', 'tls12-ipv6-loopback', 'parallel-connections-interleaved']) {
    const pcap = `${ROOT}fixtures/${fx}/capture.pcap`;
    const want = tsharkRows(pcap).filter((r) => r.handshakeTypes.includes(1)).map((r) => r.frame);
    assert.ok(want.length > 0);
    assert.deepEqual(tcpdumpFrames(pcap, bpfFilter(ch.bpf!)), want, fx);
  }
});
