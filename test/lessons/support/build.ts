// Builds a one-lesson site in a temporary folder: the way tests check what a lesson's Markdown
// makes the build do (and which mistakes fail it).
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { buildSite } from '../../../src/lessons/index.ts';
import { ROOT } from '../../render/support/capture.ts';

/** Builds lessons/01-x.md holding `md` (files resolved from the repository root); the error that failed the build, if any. */
export async function buildOne(md: string): Promise<Error | undefined> {
  const dir = mkdtempSync(join(tmpdir(), 'wirebook-lesson-'));
  try {
    mkdirSync(join(dir, 'lessons'));
    writeFileSync(join(dir, 'lessons', '01-x.md'), md);
    await buildSite({ lessonsDir: join(dir, 'lessons'), outDir: join(dir, 'site'), root: ROOT });
    return undefined;
  } catch (e) {
    if (e instanceof Error) return e;
    throw e;
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
