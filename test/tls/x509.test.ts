// X.509 decoding against oracles we did not write: openssl asn1parse (element positions),
// tshark PDML (field names and spans), node:crypto (serial, self-signature), plus hostile DER.
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { readdirSync, existsSync } from 'node:fs';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { findField, findFields, malformedFields, walkFields } from '../../src/model/field.ts';
import { oidInfo } from '../../src/registry/index.ts';
import { asn1Lines, asn1parse } from '../../src/tls/x509/asn1parse.ts';
import { readCertificate } from '../../src/tls/x509/certificate.ts';
import { oidName } from '../../src/tls/x509/oids.ts';
import { parseDer } from '../../src/tls/x509/der.ts';
import { readDistinguishedName } from '../../src/tls/x509/name.ts';
import { summarizeCertificate } from '../../src/tls/x509/summary.ts';
import {
  annotatedElements, comparePdml, decodeWith, haveTshark, opensslAsn1parse, pdmlCertificates, pemCertificates, spanOf, tilingProblems,
} from './x509-helpers.ts';

const FIX = 'fixtures';
const CERT_FILES = readdirSync(FIX)
  .filter((d) => existsSync(join(FIX, d, 'README.md')) && d !== 'public')
  .flatMap((d) => readdirSync(join(FIX, d)).filter((f) => f.endsWith('.crt')).map((f) => join(FIX, d, f)));
const certs = CERT_FILES.flatMap((path) => pemCertificates(path).map((der, i) => ({ path: `${path}#${i}`, der })));

describe('x509 DER walker vs openssl asn1parse', () => {
  it('finds the fixture certificates', () => assert.ok(certs.length >= 40, `${certs.length} certificates`));

  it('every element openssl lists is annotated at the same offset, header length and length', () => {
    let elements = 0;
    for (const { path, der } of certs) {
      const fields = decodeWith(der, readCertificate);
      const ours = annotatedElements(fields);
      const walker = new Map(asn1Lines(der).lines.map((l) => [l.offset, l]));
      for (const e of opensslAsn1parse(der)) {
        elements++;
        const hit = ours.get(e.offset)?.find((x) => x.hl === e.hl && x.total === e.hl + (e.length ?? 0));
        assert.ok(hit, `${path}: openssl element at ${e.offset} hl=${e.hl} l=${e.length} not annotated`);
        const w = walker.get(e.offset);
        assert.deepEqual([w?.depth, w?.headerLength, w?.length], [e.depth, e.hl, e.length], `${path}: walker at ${e.offset}`);
      }
      assert.equal(asn1Lines(der).lines.length, opensslAsn1parse(der).length, `${path}: element count`);
    }
    assert.ok(elements > 2000);
  });

  it('leaves tile 100% of every certificate, with no malformed field', () => {
    for (const { path, der } of certs) {
      const fields = decodeWith(der, readCertificate, 100);
      assert.deepEqual(tilingProblems(fields, 100, der.length), [], path);
      assert.deepEqual(malformedFields(fields).map((f) => f.malformed), [], path);
    }
  });

  it('prints an asn1parse-style listing', () => {
    const der = pemCertificates(join(FIX, 'tls12-ecdhe-rsa-aes128-gcm/server.crt'))[0]!;
    const text = asn1parse(der);
    assert.match(text, /^ {4}0:d=0 {2}hl=4 l= 953 cons: SEQUENCE\n/);
    assert.match(text, /\n {3}56:d=5 {2}hl=2 l= {3}3 prim: {6}OBJECT {12}:id-at-countryName\n/);
  });
});

describe('x509 values', () => {
  const one = (p: string) => pemCertificates(join(FIX, p))[0]!;

  it('decodes serial, names, validity, SAN and key of a server certificate', () => {
    const der = one('tls12-ecdhe-rsa-aes128-gcm/server.crt');
    const fields = decodeWith(der, readCertificate);
    assert.equal(findField(fields, 'x509af.serialNumber')?.display, '0x52d8fabcf9a962745fd7f178aad08abdb42b75dc');
    assert.equal(findField(fields, 'x509af.version')?.value, 2);
    assert.deepEqual(findFields(fields, 'x509ce.dNSName').map((f) => f.value), ['localhost']);
    assert.deepEqual(findFields(fields, 'x509ce.IPAddress.ipv6').map((f) => f.display), ['::1']);
    assert.equal(findField(fields, 'x509af.subjectPublicKeyInfo_element')?.display, 'RSA 2048 bits');
    assert.equal(findField(fields, 'x509if.oid')?.display, '2.5.4.6 (id-at-countryName)');
    assert.equal(findField(fields, 'x509af.notAfter')?.display, '2029-02-25T18:11:08Z');
    const s = summarizeCertificate(der);
    assert.equal(s.subject, 'CN=localhost,O=Corpus Test A,C=XX');
    assert.equal(s.serialHex, '52d8fabcf9a962745fd7f178aad08abdb42b75dc');
    assert.deepEqual(s.san, { dns: ['localhost'], ip: ['127.0.0.1', '::1'], email: [], uri: [] });
    assert.deepEqual([s.isCA, s.selfIssued, s.selfSigned, s.errors], [false, false, false, []]);
    assert.deepEqual(s.keyUsage, ['digitalSignature', 'keyEncipherment']);
    assert.deepEqual(s.extKeyUsage, ['id-kp-serverAuth']);
  });

  it('reads the expired certificate and the CA flags of the chain', () => {
    const s = summarizeCertificate(one('expired-server-cert-tls12/expired.crt'));
    assert.ok(s.notAfter && Date.parse(s.notAfter) < Date.now(), s.notAfter);
    const inter = summarizeCertificate(one('tls12-ecdhe-rsa-aes128-gcm/inter.crt'));
    const root = summarizeCertificate(one('tls12-ecdhe-rsa-aes128-gcm/root.crt'));
    assert.deepEqual([inter.isCA, inter.pathLen, inter.selfSigned], [true, 4, false]);
    assert.deepEqual([root.isCA, root.selfIssued, root.selfSigned], [true, true, true]);
    assert.equal(inter.authorityKeyId, root.subjectKeyId);
    const f = decodeWith(one('tls12-ecdhe-rsa-aes128-gcm/inter.crt'), readCertificate);
    assert.equal(findField(f, 'x509ce.cA')?.value, true);
  });

  it('sees 4096-bit keys in the big chain and a self-signed TLS 1.3 server', () => {
    for (const der of pemCertificates(join(FIX, 'tls12-big-chain-multi-segment/chain.crt'))) {
      assert.equal(summarizeCertificate(der).publicKey.bits, 4096);
      assert.equal(findField(decodeWith(der, readCertificate), 'x509af.subjectPublicKeyInfo_element')?.display, 'RSA 4096 bits');
    }
    const dir = join(FIX, 'self-signed-server-cert-tls13');
    const crt = readdirSync(dir).find((n) => n.endsWith('.crt'))!;
    const s = summarizeCertificate(pemCertificates(join(dir, crt))[0]!);
    assert.deepEqual([s.selfIssued, s.selfSigned], [true, true]);
  });
});

describe('x509 vs tshark PDML', { skip: !haveTshark() }, () => {
  const captures = [
    'tls12-ecdhe-rsa-aes128-gcm/capture.pcap', 'tls12-big-chain-multi-segment/capture.pcap', 'mtls-tls12-success/capture.pcap',
    'public/zeek/certificate-with-sct.pcap', 'public/zeek/google-cert-repeat.pcap', 'public/zeek/ml-dsa-44-cert.pcap', 'public/zeek/tls1.2.pcap',
    // domainComponent, description, dnQualifier, name, generationQualifier: their value types.
    'x509-dn-attributes/capture.pcap',
  ];
  for (const cap of captures) {
    it(`${cap}: x509 field spans agree with tshark`, () => {
      let total = 0;
      let matched = 0;
      const missing: string[] = [];
      const certsIn = pdmlCertificates(join(FIX, cap));
      assert.ok(certsIn.length > 0);
      for (const c of certsIn) {
        const fields = decodeWith(c.der, readCertificate, c.pos);
        assert.deepEqual(tilingProblems(fields, c.pos, c.der.length), []);
        const r = comparePdml(c.fields, fields);
        total += c.fields.length;
        matched += r.matched;
        missing.push(...r.missing.map((m) => `${m.name}@${m.pos}+${m.size}`), ...r.extra.map((m) => `extra ${m.name}@${m.pos}+${m.size}`));
      }
      console.log(`  ${cap}: ${matched}/${total} tshark x509 fields agree (${((100 * matched) / total).toFixed(2)}%)`);
      assert.deepEqual(missing, []);
    });
  }

  it('OID names are tshark\'s wherever tshark has a name (from the registry, the one OID table)', () => {
    const seen = new Map<string, string>();
    for (const cap of captures) {
      const pdml = execFileSync('tshark', ['-r', join(FIX, cap), '-T', 'pdml', '-Y', 'tls.handshake.certificate'], { encoding: 'utf8', maxBuffer: 512 * 1024 * 1024 });
      for (const m of pdml.matchAll(/showname="[^":]*: (\d+(?:\.\d+)+) \(([^)"]*)\)"/g)) seen.set(m[1]!, m[2]!);
    }
    // tshark spells an OID it cannot name as a partial path (iso.3.6.1..., sigAlgs.17): nothing to match.
    const named = [...seen].filter(([, name]) => !/\.\d+$/.test(name));
    assert.ok(named.length >= 25, `${named.length} named OIDs`);
    assert.deepEqual(named.filter(([oid, name]) => oidName(oid) !== name).map(([oid, name]) => `${oid}: tshark ${name}, ours ${oidName(oid)}`), []);
    assert.equal(oidName('2.5.29.17'), oidInfo('2.5.29.17')?.wireshark);
  });

  it('ML-DSA and SCT certificates: unknown key algorithm kept as bytes, SCTs decoded', () => {
    const [mldsa] = pdmlCertificates(join(FIX, 'public/zeek/ml-dsa-44-cert.pcap'));
    const s = summarizeCertificate(mldsa!.der);
    assert.deepEqual([s.publicKey.algorithm, s.errors], ['id-ml-dsa-44', []]);
    const [sct] = pdmlCertificates(join(FIX, 'public/zeek/certificate-with-sct.pcap'));
    const f = decodeWith(sct!.der, readCertificate);
    assert.equal(findFields(f, 'tls.sct.sct_logid').length, 4);
    assert.deepEqual(summarizeCertificate(sct!.der).san.dns, ['lilawelt.net']);
  });
});

describe('x509 DistinguishedName', () => {
  it('decodes a CertificateRequest DN with tshark positions', () => {
    const root = pemCertificates(join(FIX, 'tls12-ecdhe-rsa-aes128-gcm/root.crt'))[0]!;
    const subject = parseDer(root).nodes[0]!.children![0]!.children![5]!;
    const dn = root.subarray(subject.start, subject.end);
    const fields = decodeWith(dn, readDistinguishedName, 2381);
    assert.deepEqual(spanOf(findField(fields, 'tls.handshake.dname')!), [2383, 69]);
    assert.deepEqual(findFields(fields, 'x509if.RDNSequence_item').map((f) => spanOf(f)![0]), [2385, 2398, 2422]);
    assert.deepEqual(tilingProblems(fields, 2381, dn.length), []);
  });
});

// A hang fails through the timeout; the tests assert results, not speed.
describe('x509 hostile input', { timeout: 60_000 }, () => {
  const good = pemCertificates(join(FIX, 'tls12-ecdhe-rsa-aes128-gcm/server.crt'))[0]!;
  const run = (der: Uint8Array) => {
    const fields = decodeWith(der, readCertificate);
    assert.deepEqual(tilingProblems(fields, 0, der.length), []);
    summarizeCertificate(der);
    asn1parse(der);
    return fields;
  };

  it('garbage DER: malformed fields, no throw, leaves still tile', () => {
    let seed = 7;
    for (let n = 0; n < 300; n++) {
      const b = new Uint8Array(1 + (n % 97) * 3);
      for (let i = 0; i < b.length; i++) b[i] = (seed = (seed * 1103515245 + 12345) >>> 0) >>> 24;
      if (n % 2) b[0] = 0x30;
      run(b);
    }
    assert.ok(malformedFields(run(Uint8Array.from([0x30, 0x82, 0xff]))).length > 0);
  });

  it('a length overrunning its parent is flagged on its Length and the walk resumes at the next sibling', () => {
    const der = Uint8Array.from(good);
    der[38] = 0x20; // the signature algorithm OID (9 bytes) now claims 32 inside a 13-byte SEQUENCE
    const fields = run(der);
    const bad = malformedFields(fields);
    assert.equal(bad.length, 1);
    assert.deepEqual(spanOf(bad[0]!), [38, 1]);
    assert.match(bad[0]!.malformed!, /length 32 exceeds the 11 bytes/);
    assert.deepEqual(spanOf(findField(fields, 'x509af.issuer')!), [50, 79]);
    assert.equal(findField(fields, 'x509ce.dNSName')?.value, 'localhost');
  });

  it('an indefinite length is flagged and closed by end-of-contents', () => {
    const der = new Uint8Array([0x30, 0x80, ...good.subarray(4), 0, 0]);
    const fields = run(der);
    assert.match(malformedFields(fields)[0]!.malformed!, /indefinite length/);
    assert.ok([...walkFields(fields)].some((f) => f.name === 'End-of-contents'));
    assert.equal(findField(fields, 'x509af.serialNumber')?.display, '0x52d8fabcf9a962745fd7f178aad08abdb42b75dc');
  });

  it('1000-deep nesting stops at the depth limit', () => {
    const definite: number[] = [0x05, 0x00];
    for (let i = 0; i < 1000; i++) {
      const n = definite.length;
      definite.unshift(0x30, ...(n < 128 ? [n] : n < 256 ? [0x81, n] : [0x82, n >> 8, n & 0xff]));
    }
    const indefinite = [...Array<number>(1000).fill(0).flatMap(() => [0x30, 0x80]), ...Array<number>(2000).fill(0)];
    for (const der of [Uint8Array.from(definite), Uint8Array.from(indefinite)]) {
      const fields = run(der);
      assert.ok(malformedFields(fields).length > 0);
      assert.ok(parseDer(der).errors.length > 0);
    }
  });

  it('a truncated certificate keeps what it could read', () => {
    const fields = run(good.subarray(0, 500));
    const bad = malformedFields(fields);
    assert.deepEqual(spanOf(bad[0]!), [1, 3]);
    assert.equal(findField(fields, 'x509af.subject')?.display, 'CN=localhost,O=Corpus Test A,C=XX');
    const s = summarizeCertificate(good.subarray(0, 500));
    assert.ok(s.errors.length > 0);
    assert.equal(s.subject, 'CN=localhost,O=Corpus Test A,C=XX');
  });
});
