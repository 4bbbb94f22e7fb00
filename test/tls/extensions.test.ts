// Extensions on real captures (values and tshark positions) and hostile bytes.
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { test } from 'node:test';
import { FrameByteMap } from '../../src/model/bytemap.ts';
import { Cursor } from '../../src/model/cursor.ts';
import { findField, findFields, malformedFields, type Field } from '../../src/model/field.ts';
import { readExtensions, type ExtensionMessage } from '../../src/tls/extensions/index.ts';
import type { HelloExtensions } from '../../src/tls/hello.ts';
import {
  compareExtensionPositions,
  readClientHelloForTest,
  readServerHelloForTest,
  tsharkHandshakes,
} from './ext-helpers.ts';

const FIX = new URL('../../fixtures/', import.meta.url).pathname;

function clientHello(file: string, index = 0): ReturnType<typeof readClientHelloForTest> & { frame: number } {
  const h = tsharkHandshakes(join(FIX, file), [1])[index]!;
  return { ...readClientHelloForTest(h), frame: h.frame };
}

function serverHellos(file: string): ReturnType<typeof readServerHelloForTest>[] {
  return tsharkHandshakes(join(FIX, file), [2]).map(readServerHelloForTest);
}

test('tls13-aes256-gcm ClientHello: SNI, groups, key_share, supported_versions', () => {
  const { info, fields } = clientHello('tls13-aes256-gcm/capture.pcap');
  const e = info.extensions;
  assert.equal(e.serverName, 'localhost');
  assert.deepEqual(e.supportedGroups, [0x001d, 0x0017, 0x001e, 0x0019, 0x0018, 0x0100, 0x0101, 0x0102, 0x0103, 0x0104]);
  assert.equal(e.keyShares?.length, 1);
  assert.equal(e.keyShares?.[0]?.group, 0x001d);
  assert.equal(e.keyShares?.[0]?.keyExchange.length, 32);
  assert.deepEqual(e.supportedVersions, [0x0304, 0x0303, 0x0302, 0x0301]);
  assert.deepEqual(e.ecPointFormats, [0, 1, 2]);
  assert.deepEqual(e.pskKeyExchangeModes, [1]);
  assert.equal(e.extendedMasterSecret, true);
  assert.equal(e.encryptThenMac, true);
  assert.deepEqual(e.types, [0, 11, 10, 35, 22, 23, 13, 43, 45, 51]);
  // Positions in frame 4 as tshark gives them.
  const sni = findField(fields, 'tls.handshake.extensions_server_name');
  assert.deepEqual(sni?.spans, [{ frame: 4, offset: 219, length: 9 }]);
  assert.equal(sni?.value, 'localhost');
  const group = findFields(fields, 'tls.handshake.extensions_supported_group')[0];
  assert.equal(group?.display, '0x001d (x25519)');
  assert.deepEqual(malformedFields(fields), []);
});

test('server hellos: selected version, key share, HRR selected group', () => {
  const [sh] = serverHellos('tls13-aes256-gcm/capture.pcap');
  assert.equal(sh?.info.extensions.selectedVersion, 0x0304);
  assert.equal(sh?.info.extensions.keyShares?.[0]?.group, 0x001d);
  const hrr = serverHellos('tls13-hello-retry-request/capture.pcap').find((s) => s.info.helloRetryRequest);
  assert.ok(hrr, 'the capture has a HelloRetryRequest');
  assert.equal(hrr.info.extensions.selectedGroup, 0x0017);
  assert.ok(findField(hrr.fields, 'tls.handshake.extensions_key_share_selected_group'));
});

test('PSK resumption: identities, ticket age and binders', () => {
  const hellos = tsharkHandshakes(join(FIX, 'tls13-psk-resumption/capture.pcap'), [1]).map(readClientHelloForTest);
  const resumed = hellos.find((h) => h.info.extensions.pskIdentities !== undefined);
  assert.ok(resumed);
  assert.equal(resumed.info.extensions.pskIdentities?.length, 1);
  assert.ok(findField(resumed.fields, 'tls.handshake.extensions.psk.identity.obfuscated_ticket_age'));
  assert.equal(findFields(resumed.fields, 'tls.handshake.extensions.psk.binder.binders')[0]?.spans[0]?.length, 48);
  const server = serverHellos('tls13-psk-resumption/capture.pcap').find((s) => s.info.extensions.selectedIdentity !== undefined);
  assert.equal(server?.info.extensions.selectedIdentity, 0);
});

test('Chrome 125 hello: GREASE named, X25519Kyber768 key share, ECH in parts, ALPS', () => {
  const { info, fields } = clientHello('public/zeek/chrome-1250-tls-x25519-kyber.pcap');
  const e = info.extensions;
  assert.equal(e.keyShares?.[1]?.group, 0x6399);
  assert.equal(e.keyShares?.[1]?.keyExchange.length, 1216);
  const types = findFields(fields, 'tls.handshake.extension.type');
  assert.equal(types[0]?.display, '0x6a6a (Reserved (GREASE))');
  assert.ok(findField(fields, 'tls.ech.config_id'));
  assert.ok(findField(fields, 'tls.ech.payload'));
  assert.ok(findField(fields, 'tls.handshake.extensions_alps_alpn_str'));
  assert.deepEqual(e.alpn, ['h2', 'http/1.1']);
});

test('SCT list in a ServerHello', () => {
  const sh = serverHellos('public/zeek/signed_certificate_timestamp.pcap')[0]!;
  const ids = findFields(sh.fields, 'tls.sct.sct_logid');
  assert.ok(ids.length >= 2);
  assert.equal(ids[0]?.spans[0]?.length, 32);
  assert.match(findField(sh.fields, 'tls.sct.sct_timestamp')?.display ?? '', /^20\d\d-/);
});

test('extension fields sit where tshark puts them, on every fixture', () => {
  // A spread of clients and servers (tshark takes about a second per file, so not all of them).
  const files = [
    'tls13-aes256-gcm/capture.pcap',
    'tls13-hello-retry-request/capture.pcap',
    'tls13-psk-resumption/capture.pcap',
    'tls12-session-ticket-resumption/capture.pcap',
    'tls10-rsa-kx-aes256-cbc-sha/capture.pcap',
    'tls12-handshake-packed-one-record-nss/capture.pcap',
    'public/zeek/chrome-1250-tls-x25519-kyber.pcap',
    'public/zeek/signed_certificate_timestamp.pcap',
    'public/zeek/openjdk-25.0.2-zeek.org.pcap',
    'public/zeek/tls13draft16-ff52.a01.pcap',
    'public/ja4/tls-handshake.pcapng',
    'public/ja4/tls-alpn-h2.pcap',
    'public/ja4/tls12.pcap',
  ];
  let total = 0;
  const missing: string[] = [];
  for (const f of files) {
    for (const h of tsharkHandshakes(join(FIX, f))) {
      if (h.framePos === undefined) continue;
      const { fields } = h.type === 1 ? readClientHelloForTest(h) : readServerHelloForTest(h);
      const c = compareExtensionPositions(h, fields);
      total += c.total;
      // tshark 4.0 predates ECH dissection and shows the extension as data; we decode it in parts.
      const ech = (m: string): boolean => m.startsWith('tls.handshake.extension.data@') && hasEch(fields, m);
      missing.push(...c.missing.filter((m) => !ech(m)).map((m) => `${f} frame ${h.frame}: ${m}`));
    }
  }
  console.log(`extension fields compared with tshark: ${total}, agreeing: ${total - missing.length}`);
  assert.ok(total > 8000);
  assert.deepEqual(missing, []);
});

function hasEch(fields: Field[], m: string): boolean {
  const at = Number(/@(\d+)\+/.exec(m)?.[1]);
  return findFields(fields, 'tls.ech.client_hello_type').some((f) => f.spans[0]?.offset === at);
}

// --- hostile input ---------------------------------------------------------------------------

function read(hex: string, message: ExtensionMessage = 'client_hello'): { out: HelloExtensions; fields: Field[] } {
  const bytes = Buffer.from(hex.replace(/\s/g, ''), 'hex');
  const fields: Field[] = [];
  const out = readExtensions(new Cursor(bytes, new FrameByteMap(1), fields), { message });
  return { out, fields };
}

test('hostile: extensions total larger than the extensions', () => {
  // total 0x0010 but only 4+4 bytes follow (EMS, ETM): the container is cut and says so.
  const { out, fields } = read('0010 0017 0000 0016 0000');
  assert.deepEqual(out.types, [0x17, 0x16]);
  const bad = malformedFields(fields);
  assert.equal(bad.length, 1);
  assert.match(bad[0]!.malformed!, /length 16 exceeds the 8 bytes/);
  assert.deepEqual(bad[0]!.spans, [{ frame: 1, offset: 2, length: 8 }]);
});

test('hostile: extensions total larger than the sum, with bytes that are not an extension', () => {
  const { fields } = read('000a 0017 0000 0016 0000 ffff');
  const bad = malformedFields(fields);
  assert.equal(bad.length, 1);
  assert.match(bad[0]!.malformed!, /2 bytes after the last extension: extensions length 10 disagrees/);
  assert.deepEqual(bad[0]!.spans, [{ frame: 1, offset: 10, length: 2 }]);
});

test('hostile: extensions total smaller than the sum (last extension overruns the block)', () => {
  // total 8 covers EMS and the next extension's header, not the 2 body bytes it claims.
  const { fields } = read('0008 0017 0000 002b 0002 0304');
  const bad = malformedFields(fields);
  assert.ok(bad.length >= 1);
  const lenField = bad.find((f) => f.filter === 'tls.handshake.extension.len');
  assert.deepEqual(lenField?.spans, [{ frame: 1, offset: 8, length: 2 }]);
});

test('hostile: an extension length overrunning the hello', () => {
  const { out, fields } = read('0008 0000 0100 0000 0000');
  assert.deepEqual(out.types, [0]);
  const bad = malformedFields(fields);
  assert.ok(bad.some((f) => f.filter === 'tls.handshake.extension.len' && /256 exceeds/.test(f.malformed!)));
  assert.ok(bad.some((f) => f.name.startsWith('Extension: server_name') && f.spans[0]?.length === 8));
});

test('hostile: server_name list length overrunning the extension', () => {
  // extension length 9, list length 0x0020 inside it.
  const { fields } = read('000d 0000 0009 0020 00 0004 74657374');
  const list = fields[1]!.children![0]!.children!.find((f) => f.name === 'Server Name Indication extension');
  assert.match(list?.malformed ?? '', /length 32 exceeds the 7 bytes/);
  assert.deepEqual(list?.spans, [{ frame: 1, offset: 8, length: 7 }]);
  assert.equal(findField(fields, 'tls.handshake.extensions_server_name')?.value, 'test');
});

test('hostile: an empty ALPN protocol name', () => {
  const { out, fields } = read('000a 0010 0006 0004 02 6832 00');
  assert.deepEqual(out.alpn, ['h2', '']);
  const bad = malformedFields(fields);
  assert.equal(bad.length, 1);
  assert.equal(bad[0]!.filter, 'tls.handshake.extensions_alpn_str_len');
  assert.deepEqual(bad[0]!.spans, [{ frame: 1, offset: 11, length: 1 }]);
});

test('hostile: truncated key share and odd supported_groups do not throw', () => {
  const { fields } = read('0010 0033 0008 0006 001d 0020 0102 000a 0002 0001');
  assert.ok(malformedFields(fields).length >= 1);
  const { fields: f2 } = read('0007 000a 0003 0001 0017 00');
  assert.ok(malformedFields(f2).length >= 1);
});

test('certificate_authorities: a DN decoded by the X.509 reader; early_data in NewSessionTicket', () => {
  // CA list with one Name: CN=test.
  const dn = '300f310d300b0603550403 0c0474657374';
  const { out, fields } = read(`0019 002f 0015 0013 0011 ${dn}`, 'certificate_request');
  assert.equal(out.certificateAuthorities?.length, 1);
  assert.equal(out.certificateAuthorities?.[0]?.length, 17);
  assert.ok(findField(fields, 'tls.handshake.dname_len'));
  assert.deepEqual(malformedFields(fields), []);
  const nst = read('0008 002a 0004 00004000', 'new_session_ticket');
  assert.equal(findField(nst.fields, 'tls.early_data.max_early_data_size')?.value, 0x4000);
});
