import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, readdirSync, rmSync, writeFileSync, mkdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { buildSite } from '../../src/lessons/index.ts';
import { ROOT } from '../render/support/capture.ts';
import { buildOne } from './support/build.ts';

const tmp = (): string => mkdtempSync(join(tmpdir(), 'wirebook-site-'));

function readTree(dir: string, prefix = ''): Map<string, Buffer> {
  const out = new Map<string, Buffer>();
  for (const e of readdirSync(join(dir, prefix), { withFileTypes: true })) {
    const rel = join(prefix, e.name);
    if (e.isDirectory()) for (const [k, v] of readTree(dir, rel)) out.set(k, v);
    else out.set(rel, readFileSync(join(dir, rel)));
  }
  return out;
}

test('building the course twice gives byte-identical files', async () => {
  const a = tmp();
  const b = tmp();
  try {
    await buildSite({ lessonsDir: join(ROOT, 'lessons'), outDir: a, root: ROOT });
    await buildSite({ lessonsDir: join(ROOT, 'lessons'), outDir: b, root: ROOT });
    const ta = readTree(a);
    const tb = readTree(b);
    assert.deepEqual([...ta.keys()].sort(), [...tb.keys()].sort());
    for (const [k, v] of ta) assert.ok(v.equals(tb.get(k)!), `${k} differs`);
    assert.ok(ta.has('index.html') && ta.has('assets/wirebook.css') && ta.has('assets/wirebook.js'));
    const lesson = ta.get('01-record-layer-and-client-hello.html')!.toString();
    assert.match(lesson, /class="shiki shiki-themes/);
    assert.match(lesson, /--shiki-dark:/);
    assert.match(lesson, /data-k="\d+"/);
    assert.match(lesson, /<svg class="ladder"/);
    assert.doesNotMatch(lesson, /https?:\/\/(?!www\.w3\.org)/);
  } finally {
    rmSync(a, { recursive: true, force: true });
    rmSync(b, { recursive: true, force: true });
  }
});

const CAP = 'fixtures/tls12-ecdhe-rsa-aes128-gcm/capture.pcap';

test('a selector that matches nothing fails with file:line', async () => {
  const err = await buildOne(`# T\n\ntext\n\n\`\`\`wirebook capture=${CAP} select="c1 NoSuchMessage"\n\`\`\`\n`);
  assert.ok(err instanceof Error);
  assert.match(err.message, /^lesson lessons\/01-x\.md:5: no message "NoSuchMessage" in connection c1/);
  const err2 = await buildOne(`# T\n\n\`\`\`wirebook capture=${CAP} select="c9"\n\`\`\`\n`);
  assert.match((err2 as Error).message, /^lesson lessons\/01-x\.md:3: no connection c9/);
});

test('a field the decoder does not produce fails the build', async () => {
  const err = await buildOne(`# T\n\n\`\`\`wirebook capture=${CAP} select="c1 ServerHello" fields="tls.handshake.ciphersuite tls.bogus.field"\n\`\`\`\n`);
  assert.match((err as Error).message, /^lesson lessons\/01-x\.md:3: the decoder produces no field "tls\.bogus\.field"/);
});

test('lesson text is not HTML, and unknown code languages fall back to plain text', async () => {
  const dir = tmp();
  try {
    mkdirSync(join(dir, 'lessons'));
    writeFileSync(join(dir, 'lessons', '01-x.md'), '# T\n\n<script>alert(1)</script> [x](javascript:alert(1))\n\n```asn1\n0:d=0 hl=4 l=1234 cons: SEQUENCE\n```\n');
    await buildSite({ lessonsDir: join(dir, 'lessons'), outDir: join(dir, 'site'), root: ROOT });
    const html = readFileSync(join(dir, 'site', '01-x.html'), 'utf8');
    assert.match(html, /&lt;script&gt;alert\(1\)&lt;\/script&gt;/);
    assert.doesNotMatch(html, /href="javascript:/);
    assert.match(html, /cons: SEQUENCE/);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});
