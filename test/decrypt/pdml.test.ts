// Decrypted handshake fields against tshark PDML (issue #4: ≥ 99.5% agreement by name and bytes).
// PDML positions of decrypted fields refer to tshark's "Decrypted TLS" data source, not the frame,
// so fields are matched within their frame by filter name, size and bytes (PDML's raw `value`),
// each tshark field used once (bit fields, whose PDML value is the masked value, by name and size).
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { test } from 'node:test';
import type { Field } from '../../src/model/field.ts';
import { isFrameSpan } from '../../src/model/span.ts';
import { isByteField, pdml, tsharkAvailable, type PdmlField } from '../oracle/tshark.ts';
import { toHex } from '../../src/crypto/bytes.ts';
import { plaintextBufferId } from '../../src/decrypt/decrypter.ts';
import { secretArgs } from '../oracle/tshark-decrypted.ts';
import { decodeWith, keyedFixtures, secretsOf, tsharkSecretsOf } from './helpers.ts';

const tshark = tsharkAvailable();
const inScope = (filter: string): boolean => (filter.startsWith('tls.') || filter.startsWith('x509')) && filter !== 'tls.app_data';

interface Ours {
  filter: string;
  size: number;
  /** The field's bytes, hex. */
  bytes: string;
}

/** Our fields that live in decrypted buffers, by the frame that completed their record. */
function decryptedFields(fields: readonly Field[], buffers: Readonly<Record<string, Uint8Array>>, frameOfBuffer: ReadonlyMap<string, number>): Map<number, Ours[]> {
  const out = new Map<number, Ours[]>();
  const walk = (list: readonly Field[]): void => {
    for (const f of list) {
      const s = f.spans[0];
      if (f.filter && inScope(f.filter) && f.malformed === undefined && s && !isFrameSpan(s)) {
        const frame = frameOfBuffer.get(s.buffer);
        if (frame !== undefined) {
          const l = out.get(frame) ?? [];
          const bytes = f.spans.map((x) => (isFrameSpan(x) ? '' : toHex(buffers[x.buffer]!.subarray(x.offset, x.offset + x.length)))).join('');
          l.push({ filter: f.filter, size: f.spans.reduce((n, x) => n + x.length, 0), bytes });
          out.set(frame, l);
        }
      }
      if (f.children) walk(f.children);
    }
  };
  walk(fields);
  return out;
}

const total = { compared: 0, agree: 0 };

for (const f of keyedFixtures().filter((x) => !x.name.startsWith('bench/'))) {
  test(`${f.name}: decrypted handshake fields agree with tshark PDML`, { skip: tshark ? false : 'tshark not installed' }, () => {
    const result = decodeWith(new Uint8Array(readFileSync(f.capture)), secretsOf(f));
    const ours = new Map<number, Ours[]>();
    for (const c of result.capture.connections) {
      const session = result.tls.get(c.id)?.session;
      if (!session) continue;
      const frameOfBuffer = new Map<string, number>();
      for (const d of ['c2s', 's2c'] as const) for (const r of session[d].records) if (r.plaintext) frameOfBuffer.set(plaintextBufferId(d, r.index), r.lastFrame);
      for (const [frame, l] of decryptedFields(c.fields, c.buffers, frameOfBuffer)) ours.set(frame, [...(ours.get(frame) ?? []), ...l]);
    }
    if (ours.size === 0) return;
    const packets = pdml(f.capture, {}, secretArgs(tsharkSecretsOf(f)));
    let compared = 0;
    let agree = 0;
    const diffs: string[] = [];
    for (const p of packets) {
      const mine = ours.get(p.frame);
      if (!mine) continue;
      const theirs: (PdmlField | undefined)[] = p.fields.filter((x) => isByteField(x) && inScope(x.name));
      for (const o of mine) {
        compared++;
        const at = theirs.findIndex((t) => t !== undefined && t.name === o.filter && t.size === o.size && (!t.value || t.value.length !== o.bytes.length || t.value.toLowerCase() === o.bytes));
        if (at >= 0) {
          agree++;
          theirs[at] = undefined;
        } else if (diffs.length < 10) diffs.push(`frame ${p.frame} ${o.filter} (${o.size} bytes, ${o.bytes.slice(0, 20)})`);
      }
    }
    total.compared += compared;
    total.agree += agree;
    const pct = compared === 0 ? 100 : (100 * agree) / compared;
    console.log(`# ${f.name}: ${agree}/${compared} decrypted fields agree (${pct.toFixed(2)}%)${diffs.length ? `; e.g. ${diffs.slice(0, 3).join('; ')}` : ''}`);
    assert.ok(pct >= 99.5, `${f.name}: ${pct.toFixed(2)}% < 99.5%: ${diffs.join('; ')}`);
  });
}

test('all fixtures together: ≥ 99.5% of decrypted fields agree with tshark', { skip: tshark ? false : 'tshark not installed' }, () => {
  console.log(`# total: ${total.agree}/${total.compared}`);
  assert.ok(total.compared === 0 || total.agree / total.compared >= 0.995);
});
