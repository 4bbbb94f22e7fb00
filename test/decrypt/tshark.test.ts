// Decryption against tshark (issue #4, "Done means"): every record tshark decrypts on a fixture with
// keys, we decrypt to the same bytes; and Finished verifies for both sides of every handshake.
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { test } from 'node:test';
import { toHex } from '../../src/crypto/bytes.ts';
import { tsharkAvailable } from '../oracle/tshark.ts';
import { tsharkDecrypted } from '../oracle/tshark-decrypted.ts';
import { decodeWith, keyedFixtures, ourPlaintexts, secretsOf, tsharkSecretsOf } from './helpers.ts';

const tshark = tsharkAvailable();

for (const f of keyedFixtures()) {
  test(`${f.name}: every record tshark decrypts, we decrypt to the same plaintext`, { skip: tshark ? false : 'tshark not installed' }, () => {
    const result = decodeWith(new Uint8Array(readFileSync(f.capture)), secretsOf(f));
    const theirs = tsharkDecrypted(f.capture, tsharkSecretsOf(f));
    const ours = ourPlaintexts(result);
    let total = 0;
    const missing: string[] = [];
    for (const [frame, panes] of theirs) {
      const mine = (ours.get(frame) ?? []).map((b) => toHex(b));
      for (const p of panes) {
        total++;
        const at = mine.indexOf(toHex(p));
        if (at >= 0) mine.splice(at, 1);
        else missing.push(`frame ${frame}: ${p.length} bytes ${toHex(p).slice(0, 24)}…`);
      }
    }
    const oursTotal = [...ours.values()].reduce((n, l) => n + l.filter((b) => b.length > 0).length, 0);
    console.log(`# ${f.name}: tshark ${total} records, wirebook ${oursTotal}, missing ${missing.length}`);
    assert.deepEqual(missing, [], `${f.name}: records tshark decrypts that we do not`);
    assert.ok(total > 0 || oursTotal === 0, 'tshark decrypted nothing here');
  });

  test(`${f.name}: Finished verifies for both sides`, () => {
    const result = decodeWith(new Uint8Array(readFileSync(f.capture)), secretsOf(f));
    for (const c of result.capture.connections) {
      const t = result.tls.get(c.id);
      if (!t || c.decryption?.status !== 'decrypted') continue;
      const finished = t.session.transcript.filter((e) => e.type === 20);
      const checks = (c.calculations ?? []).filter((x) => x.id.endsWith('finished') || /finished-\d+$/.test(x.id));
      assert.equal(checks.length, finished.length, `connection ${c.id}: one check per Finished message`);
      for (const x of checks) assert.equal(x.ok, true, `connection ${c.id}: ${x.title}`);
    }
  });
}
