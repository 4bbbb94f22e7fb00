// JA3/JA3S against tshark's own fields; JA4/JA4_r against FoxIO's expected values.
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { basename, join } from 'node:path';
import { test } from 'node:test';
import { fingerprintFields, ja3, ja4 } from '../../src/tls/fingerprint/index.ts';
import type { ClientHelloInfo } from '../../src/tls/hello.ts';
import { readClientHelloForTest, readServerHelloForTest, tsharkHandshakes, tsharkJa3 } from './ext-helpers.ts';

const FIX = new URL('../../fixtures/', import.meta.url).pathname;

const JA3_FILES = [
  'tls13-aes256-gcm/capture.pcap',
  'tls12-session-ticket-resumption/capture.pcap',
  'tls10-rsa-kx-aes256-cbc-sha/capture.pcap',
  'tls13-hello-retry-request/capture.pcap',
  'public/zeek/chrome-1250-tls-x25519-kyber.pcap',
  'public/zeek/signed_certificate_timestamp.pcap',
  'public/ja4/tls-handshake.pcapng',
];

test('JA3 and JA3S equal tshark tls.handshake.ja3(_full) / ja3s(_full)', () => {
  let compared = 0;
  for (const f of JA3_FILES) {
    const file = join(FIX, f);
    const client = tsharkJa3(file, false);
    const server = tsharkJa3(file, true);
    const seen = new Map<number, number>();
    for (const h of tsharkHandshakes(file)) {
      const i = seen.get(h.frame * 10 + h.type) ?? 0;
      seen.set(h.frame * 10 + h.type, i + 1);
      const ref = (h.type === 1 ? client : server).get(h.frame)?.[i];
      assert.ok(ref, `${f} frame ${h.frame}: tshark has a value`);
      const fields =
        h.type === 1
          ? fingerprintFields({ client: readClientHelloForTest(h).info })
          : fingerprintFields({ server: readServerHelloForTest(h).info });
      const prefix = h.type === 1 ? 'tls.handshake.ja3' : 'tls.handshake.ja3s';
      assert.equal(fields.find((x) => x.filter === `${prefix}_full`)?.value, ref[0], `${f} frame ${h.frame}`);
      assert.equal(fields.find((x) => x.filter === prefix)?.value, ref[1], `${f} frame ${h.frame}`);
      compared++;
    }
  }
  console.log(`JA3/JA3S equal to tshark on ${compared} hellos`);
  assert.ok(compared > 100);
});

test('JA4 and JA4_r equal FoxIO expected values on every stream', () => {
  let compared = 0;
  for (const name of ['tls-handshake.pcapng', 'tls-alpn-h2.pcap', 'tls12.pcap']) {
    const expected = JSON.parse(readFileSync(join(FIX, 'public/ja4/expected', `${basename(name)}.json`), 'utf8')) as Record<string, string | number>[];
    const byStream = new Map<number, ClientHelloInfo[]>();
    for (const h of tsharkHandshakes(join(FIX, 'public/ja4', name), [1])) {
      const list = byStream.get(h.stream) ?? [];
      list.push(readClientHelloForTest(h).info);
      byStream.set(h.stream, list);
    }
    for (const e of expected) {
      const hellos = byStream.get(Number(e.stream)) ?? [];
      for (let n = 1; e[`JA4.${n}`] !== undefined; n++) {
        const info = hellos[n - 1];
        assert.ok(info, `${name} stream ${e.stream} hello ${n}`);
        const got = ja4(info);
        assert.equal(got.ja4, e[`JA4.${n}`], `${name} stream ${e.stream}`);
        assert.equal(got.ja4_r, e[`JA4_r.${n}`], `${name} stream ${e.stream}`);
        compared++;
      }
    }
  }
  console.log(`JA4/JA4_r equal to FoxIO's expected values on ${compared} hellos`);
  assert.ok(compared >= 60);
});

function hello(partial: Partial<ClientHelloInfo> & { extensions: ClientHelloInfo['extensions'] }): ClientHelloInfo {
  return { legacyVersion: 0x0303, random: new Uint8Array(32), sessionId: new Uint8Array(0), cipherSuites: [], compressionMethods: [0], ...partial };
}

test('JA4 rules: GREASE removed, counts capped at 99, ALPN hex rule, empty lists', () => {
  const many = Array.from({ length: 120 }, (_, i) => i + 1);
  const h = hello({
    cipherSuites: [0x0a0a, ...many],
    extensions: { types: [0x1a1a, 0, 16, 13], alpn: ['\u00ab\u00cd'], signatureAlgorithms: [0x0403] },
  });
  const r = ja4(h);
  assert.match(r.ja4, /^t12d9903ad_/);
  assert.ok(r.ja4_r.endsWith('_000d_0403'));
  const empty = ja4(hello({ legacyVersion: 0x0301, extensions: { types: [] } }));
  assert.equal(empty.ja4, 't10i000000_000000000000_000000000000');
  const quic = ja4(hello({ extensions: { types: [43], supportedVersions: [0x2a2a, 0x0304, 0x0303], alpn: ['h3'] } }), 'q');
  assert.match(quic.ja4, /^q13i0001h3_/);
  // JA3 drops GREASE everywhere and keeps empty groups.
  assert.equal(ja3(hello({ cipherSuites: [0x0a0a, 47], extensions: { types: [0x0a0a, 23] } })).full, '771,47,23,,');
});
