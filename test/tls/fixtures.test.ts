// Every fixture capture: 100% of TLS stream bytes under leaf fields, no malformed field, and our
// tls.* spans agree with tshark PDML (figures printed per fixture; differences in docs/tshark-differences.md).
import assert from 'node:assert/strict';
import { existsSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'node:test';
import { malformedFields } from '../../src/model/field.ts';
import { decodeTlsConnection } from '../../src/tls/connection.ts';
import { tlsCoverage } from '../../src/tls/coverage.ts';
import { compareFrame, emptyAgreement, pdml, ratio, tsharkAvailable, type Difference } from '../oracle/tshark.ts';
import { FIXTURES, fixtureConnections } from './helpers.ts';
import { inTsharkCoordinates } from './tshark-compare.ts';

const captures = readdirSync(FIXTURES)
  .flatMap((d) => ['capture.pcap', 'capture.pcapng'].map((f) => join(d, f)))
  .filter((p) => existsSync(join(FIXTURES, p)))
  .sort();

/** tshark preferences some captures need (fixtures/INDEX.md: "Surprises"). */
const PREFS: Record<string, Record<string, string>> = {
  'tcp-out-of-order-and-retransmission/capture.pcap': { 'tcp.reassemble_out_of_order': 'TRUE' },
};
const EXTRA: Record<string, string[]> = {
  // The SMTP server listens on 10028 (fixtures/starttls-smtp/README.md): tshark follows STARTTLS only there.
  'starttls-smtp/capture.pcap': ['-d', 'tcp.port==10028,smtp'],
};

// Fields the extension, X.509 and fingerprint readers own are compared by their own tests.
const mine = (filter: string): boolean =>
  filter.startsWith('tls.') && !filter.startsWith('tls.handshake.extension') && !filter.startsWith('tls.handshake.extensions') && !filter.startsWith('tls.extension') && !filter.startsWith('tls.handshake.ja');

for (const capture of captures) {
  test(`coverage and no malformed fields: ${capture}`, () => {
    const { connections } = fixtureConnections(capture);
    let stream = 0;
    let covered = 0;
    for (const conn of connections) {
      const tls = decodeTlsConnection(conn);
      const cov = tlsCoverage(conn, tls.decoded);
      stream += cov.streamBytes;
      covered += cov.coveredBytes;
      assert.deepEqual(malformedFields(tls.decoded.fields).map((f) => f.malformed), [], `conn ${conn.id}`);
      assert.deepEqual(cov.uncovered, [], `conn ${conn.id}: bytes under no leaf`);
    }
    console.log(`# coverage ${capture}: ${covered}/${stream} TLS stream bytes (${((100 * covered) / stream).toFixed(2)}%)`);
    assert.equal(covered, stream);
  });
}

test('tls.* spans agree with tshark PDML', { skip: tsharkAvailable() ? false : 'tshark not installed' }, () => {
  const total = emptyAgreement();
  const kinds = new Map<string, Difference[]>();
  for (const capture of captures) {
    const { connections } = fixtureConnections(capture);
    const ours = inTsharkCoordinates(connections.flatMap((c) => decodeTlsConnection(c).decoded.fields), mine);
    const a = emptyAgreement();
    for (const packet of pdml(join(FIXTURES, capture), PREFS[capture] ?? {}, EXTRA[capture] ?? [])) {
      compareFrame(ours.get(packet.frame) ?? [], packet, mine, () => true, a);
    }
    console.log(`# tshark ${capture}: ours ${ratio(a.agree, a.compared)}; tshark's fields we have: ${ratio(a.covered, a.theirs)}; values ${ratio(a.valuesAgree, a.valuesCompared)}`);
    for (const d of a.differences) {
      const key = `${d.kind} ${d.filter}`;
      kinds.set(key, [...(kinds.get(key) ?? []), { ...d, detail: `${capture} #${d.frame}: ${d.detail}` }]);
    }
    total.compared += a.compared;
    total.agree += a.agree;
    total.theirs += a.theirs;
    total.covered += a.covered;
    total.valuesCompared += a.valuesCompared;
    total.valuesAgree += a.valuesAgree;
  }
  for (const [k, list] of [...kinds].sort((x, y) => y[1].length - x[1].length)) console.log(`#   ${list.length} × ${k} (e.g. ${list[0]!.detail})`);
  console.log(`# tshark total: ours ${ratio(total.agree, total.compared)}; theirs ${ratio(total.covered, total.theirs)}; values ${ratio(total.valuesAgree, total.valuesCompared)}`);
  assert.ok(total.agree / total.compared >= 0.995, `span agreement ${ratio(total.agree, total.compared)}`);
});
