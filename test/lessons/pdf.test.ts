// The course PDF's contents list each lesson's first page (two passes, pages counted from the PDF bytes).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { countPdfPages, courseHtml, lessonStartPages, writeCoursePdf } from '../../src/lessons/pdf.ts';
import type { LessonPage } from '../../src/lessons/site.ts';
import { browserPath, launchBrowser } from '../../src/render/browser.ts';

const skip = existsSync(browserPath()) ? false : `no Chromium at ${browserPath()}`;

/** A lesson of about `paras` paragraphs (a few per A4 page). */
const lesson = (n: number, paras: number): LessonPage => ({
  file: `lessons/0${n}.md`, slug: `0${n}`, title: `Lesson ${n}`,
  html: `<h1>Lesson ${n}</h1>` + Array.from({ length: paras }, (_, i) => `<p style="height:60mm">paragraph ${i + 1}</p>`).join(''),
});

test('pages are counted from page dictionaries, not the page tree', () => {
  const fake = Buffer.from('<< /Type /Pages /Kids [3 0 R 4 0 R] >> << /Type /Page /Parent 2 0 R >> <</Type/Page/Parent 2 0 R>>', 'latin1');
  assert.equal(countPdfPages(fake), 2);
});

test('contents show page numbers; without them, no placeholder is printed', () => {
  const ls = [lesson(1, 1), lesson(2, 1)];
  assert.match(courseHtml(ls, [2, 5]), /<a href="#lesson-2">Lesson 2<\/a><span class="leader"><\/span><span class="pg">5<\/span>/);
  assert.match(courseHtml(ls), /<a href="#lesson-1">Lesson 1<\/a><span class="leader"><\/span><span class="pg"><\/span>/);
});

test('course PDF: lesson start pages add up to the whole document', { skip }, async () => {
  const ls = [lesson(1, 5), lesson(2, 1), lesson(3, 9)];
  const handle = await launchBrowser();
  const dir = mkdtempSync(join(tmpdir(), 'wirebook-pdf-'));
  try {
    const { starts, total } = await lessonStartPages(ls, handle);
    // Cover on page 1; four 60 mm paragraphs fit on an A4 page: 5 need 2 pages, 1 needs 1, 9 need 3.
    assert.deepEqual(starts, [2, 4, 5]);
    assert.equal(total, 7);
    const out = join(dir, 'course.pdf');
    await writeCoursePdf(ls, out);
    assert.equal(countPdfPages(readFileSync(out)), 7);
  } finally {
    await handle.close();
    rmSync(dir, { recursive: true, force: true });
  }
});
