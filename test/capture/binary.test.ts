// pcap and pcapng readers against tshark: frame counts, lengths, bytes and exact timestamps.
import assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'node:test';
import { LinkType, type Frame } from '../../src/capture/frame.ts';
import { openCapture, readCaptureBytes } from '../../src/capture/read.ts';
import { epochOf, hasTshark, hexOf, sha256Frames, tsharkFrames, type TsharkFrame } from './tshark.ts';

const root = new URL('../../', import.meta.url).pathname;
const fx = (p: string): string => join(root, 'fixtures', p);

/** Every good capture we hold: scenario captures, public ones, and our well-formed variants. */
function goodCaptures(): string[] {
  const files: string[] = [];
  for (const dir of readdirSync(fx('.'), { withFileTypes: true })) {
    if (!dir.isDirectory()) continue;
    const sub = dir.name === 'public' ? ['ja4', 'ssldump', 'zeek'].map((d) => join('public', d)) : [dir.name];
    for (const s of sub) {
      for (const f of readdirSync(fx(s))) {
        const bad = /^(bad-|cut-|garbage-|wrong-|empty|header-only)/.test(f);
        if (/\.pcap(ng)?$/.test(f) && !bad) files.push(join(s, f));
      }
    }
  }
  return files.sort();
}

async function streamed(path: string): Promise<Frame[]> {
  const out: Frame[] = [];
  const stream = await openCapture(path);
  for await (const f of stream.frames()) out.push(f);
  return out;
}

test('every good capture agrees with tshark frame by frame', { skip: !hasTshark && 'tshark not installed' }, async () => {
  const files = goodCaptures();
  assert.ok(files.length >= 60, `expected many captures, found ${files.length}`);
  let frames = 0;
  // tshark's start-up dominates: ask it about several files at once.
  const refs = new Map<string, Promise<TsharkFrame[] | undefined>>();
  for (const file of files) refs.set(file, tsharkFrames(fx(file)));
  for (const file of files) {
    const ours = readCaptureBytes(readFileSync(fx(file)));
    const ref = (await refs.get(file))!;
    assert.deepEqual(ours.problems, [], `${file}: no problems`);
    assert.equal(ours.frames.length, ref.length, `${file}: frame count`);
    for (let i = 0; i < ref.length; i++) {
      const a = ours.frames[i]!;
      const b = ref[i]!;
      const where = `${file} frame ${b.number}`;
      assert.equal(a.number, b.number, `${where}: number`);
      assert.equal(a.origLength, b.len, `${where}: frame.len`);
      assert.equal(a.data.length, b.capLen, `${where}: frame.cap_len`);
      assert.equal(epochOf(a.timeNs), b.epoch, `${where}: frame.time_epoch`);
      if (b.section === 1) assert.equal(a.interfaceId, b.interfaceId, `${where}: frame.interface_id`);
    }
    assert.equal(sha256Frames(ours.frames), sha256Frames(ref.map((f) => f.hex)), `${file}: sha256 of all frame bytes`);
    const viaStream = await streamed(fx(file));
    assert.equal(sha256Frames(viaStream), sha256Frames(ours.frames), `${file}: streaming gives the same bytes`);
    frames += ref.length;
  }
  console.log(`# ${files.length} captures, ${frames} frames equal to tshark (length, bytes, ns timestamp, interface)`);
});

test('classic pcap: µs and ns magics in both byte orders give the same frames', () => {
  const base = readCaptureBytes(readFileSync(fx('tls12-rsa-kx-aes128-gcm/capture.pcap')));
  assert.equal(base.frames.length, 17);
  assert.equal(base.frames[0]!.data.length, 74);
  assert.equal(base.frames[16]!.data.length, 66);
  assert.equal(base.frames[0]!.timeNs, 1795458579_081926000n);
  assert.equal(hexOf(base.frames[0]!.data.subarray(12, 16)), '08004500');
  for (const name of ['ns.pcap', 'be.pcap', 'be-ns.pcap']) {
    const v = readCaptureBytes(readFileSync(fx(join('variants', name))));
    assert.equal(v.format, 'pcap');
    assert.equal(sha256Frames(v.frames), sha256Frames(base.frames), name);
    assert.equal(v.interfaces[0]!.tsUnitsPerSecond, name.includes('ns') ? 1e9 : 1e6, name);
  }
  // be-ns.pcap adds 7 ns to every timestamp so nanoseconds are really read.
  assert.equal(readCaptureBytes(readFileSync(fx('variants/be-ns.pcap'))).frames[0]!.timeNs, 1795458579_081926007n);
  assert.equal(base.frames[0]!.fileOffset, 40);
});

test('pcapng: DSB keylog kept, interfaces with their link types and units', () => {
  const dsb = readCaptureBytes(readFileSync(fx('pcapng-embedded-keylog-dsb/capture.pcapng')));
  assert.equal(dsb.format, 'pcapng');
  assert.equal(dsb.secrets.length, 1);
  assert.equal(dsb.secrets[0]!.type, 0x544c534b);
  assert.equal(dsb.secrets[0]!.data.length, 987);
  assert.equal(Buffer.from(dsb.secrets[0]!.data).toString('utf8'), readFileSync(fx('pcapng-embedded-keylog-dsb/injected-keylog.txt'), 'utf8'));

  const multi = readCaptureBytes(readFileSync(fx('variants/multi-interface.pcapng')));
  assert.deepEqual(multi.interfaces.map((i) => [i.linkType, i.tsUnitsPerSecond]), [[LinkType.ETHERNET, 1e6], [LinkType.LINUX_SLL2, 1e9]]);
  assert.equal(multi.frames.length, 36);
  assert.deepEqual([...new Set(multi.frames.map((f) => f.linkType))].sort(), [LinkType.ETHERNET, LinkType.LINUX_SLL2]);

  const sections = readCaptureBytes(readFileSync(fx('variants/two-sections.pcapng')));
  assert.deepEqual(sections.interfaces.map((i) => [i.name, i.tsUnitsPerSecond]), [['secA', 1e6], ['secB', 2 ** 20]]);
  assert.equal(sections.frames.length, 17);
  assert.equal(sections.frames[9]!.interfaceId, 1);
  assert.equal(sections.frames[9]!.number, 10);

  const base = readCaptureBytes(readFileSync(fx('tls12-rsa-kx-aes128-gcm/capture.pcap')));
  const spb = readCaptureBytes(readFileSync(fx('variants/spb-only.pcapng')));
  assert.equal(spb.frames.length, 17);
  assert.ok(spb.frames.every((f) => f.timeNs === 0n && f.data.length <= 100));
  assert.equal(spb.frames[3]!.origLength, base.frames[3]!.origLength);
  assert.equal(hexOf(spb.frames[3]!.data), hexOf(base.frames[3]!.data.subarray(0, 100)));
  assert.equal(spb.frames[3]!.data.length, 100);

  const odd = readCaptureBytes(readFileSync(fx('variants/odd-options.pcapng')));
  assert.deepEqual(odd.problems, []);
  assert.equal(odd.interfaces[0]!.name, 'lo0');
  assert.equal(odd.frames.length, 17);
  // Frame 1 is a custom block to Wireshark: our packet frames are numbered 2..18 like its.
  assert.deepEqual([odd.frames[0]!.number, odd.frames[16]!.number], [2, 18]);
  assert.equal(Buffer.from(odd.secrets[0]!.data).toString(), 'CLIENT_');
});

test('streaming: interfaces and secrets fill while frames are read in chunks', async () => {
  const stream = await openCapture(fx('pcapng-embedded-keylog-dsb/capture.pcapng'));
  assert.equal(stream.format, 'pcapng');
  let n = 0;
  for await (const f of stream.frames()) n = f.number;
  assert.equal(n, 19);
  assert.equal(stream.secrets[0]!.data.length, 987);
  assert.equal(stream.interfaces.length, 1);
});
