// SpillBuffer (src/cli/spill.ts) holds output in memory, then in a hidden temp file, and gives it
// back in order; the temp file goes on success, on error, and when the process is interrupted.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { mkdtempSync, readdirSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { MemorySink } from '../../src/cli/output.ts';
import { SpillBuffer } from '../../src/cli/spill.ts';

test('past its limit the text goes to a 0600 temp file and comes back whole and in order; dispose removes it', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'wirebook-spill-'));
  try {
    const held = new SpillBuffer(dir, 8);
    const pieces = ['héllo ', 'wörld', Buffer.from(' and bytes'), ' end'];
    for (const p of pieces) held.write(p);
    assert.equal(held.spilled, true);
    const [file] = readdirSync(dir);
    assert.match(file ?? '', /^\.wirebook-\d+-[0-9a-f]{12}\.tmp$/);
    assert.equal(statSync(join(dir, file!)).mode & 0o777, 0o600);
    const out = new MemorySink();
    await held.copyTo(out);
    assert.equal(out.text(), 'héllo wörld and bytes end');
    held.dispose();
    assert.deepEqual(readdirSync(dir), []);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});

for (const [signal, code] of [['SIGINT', 130], ['SIGTERM', 143]] as const) {
  test(`${signal} while a temp file exists: it is removed and the process ends with ${code}`, async () => {
    const dir = mkdtempSync(join(tmpdir(), 'wirebook-spill-'));
    try {
      const script = `import { SpillBuffer } from './src/cli/spill.ts';
const held = new SpillBuffer(${JSON.stringify(dir)}, 1);
held.write('spilled');
process.stdout.write('ready\\n');
setInterval(() => undefined, 1000);`;
      const child = spawn(process.execPath, ['--import', 'tsx', '--input-type=module', '-e', script], { stdio: ['ignore', 'pipe', 'inherit'] });
      await new Promise<void>((resolve, reject) => {
        child.stdout.on('data', (d: Buffer) => d.toString().includes('ready') && resolve());
        child.on('exit', (c) => reject(new Error(`child exited early (${c})`)));
      });
      assert.equal(readdirSync(dir).length, 1, 'the temp file exists before the signal');
      const exited = new Promise<number | null>((resolve) => child.on('exit', (c) => resolve(c)));
      child.kill(signal);
      assert.equal(await exited, code);
      assert.deepEqual(readdirSync(dir), [], 'removed');
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
}
