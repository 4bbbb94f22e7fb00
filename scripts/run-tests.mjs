#!/usr/bin/env node
// Runs every test/**/*.test.ts with node:test + tsx. Node 20 does not expand globs and a bare
// `--test` silently runs zero .ts files, so the files are listed here and zero tests is a failure.
import { readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { spawnSync } from 'node:child_process';

function listTests(dir) {
  const out = [];
  for (const name of readdirSync(dir).sort()) {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) out.push(...listTests(path));
    else if (name.endsWith('.test.ts')) out.push(path);
  }
  return out;
}

const filter = process.argv.slice(2);
const files = listTests('test').filter((f) => filter.length === 0 || filter.some((x) => f.includes(x)));
if (files.length === 0) {
  console.error('run-tests: no test files found');
  process.exit(1);
}
const result = spawnSync(
  process.execPath,
  ['--import', 'tsx', '--test', '--test-concurrency=2', '--test-reporter=spec', ...files],
  { stdio: ['ignore', 'pipe', 'inherit'], encoding: 'utf8', maxBuffer: 256 * 1024 * 1024 },
);
process.stdout.write(result.stdout ?? '');
const passMatch = /^. pass (\d+)/m.exec(result.stdout ?? '');
const testsMatch = /^. tests (\d+)/m.exec(result.stdout ?? '');
if (result.status === 0 && (!testsMatch || Number(testsMatch[1]) === 0)) {
  console.error('run-tests: the runner reported no tests');
  process.exit(1);
}
if (passMatch && testsMatch) console.log(`tests: ${passMatch[1]} of ${testsMatch[1]} passed`);
process.exit(result.status ?? 1);
