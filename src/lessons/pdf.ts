import { writeFileSync } from 'node:fs';
import { esc } from '../render/escape.ts';
import { launchBrowser, type BrowserHandle } from '../render/browser.ts';
import { selfContainedPage } from '../render/html/page.ts';
import { htmlToPdf } from '../render/pdf.ts';
import type { LessonPage } from './site.ts';

const TITLE = 'wirebook course';

/** The cover with the table of contents; `pages` are the lessons' first pages, `'measure'` a placeholder. */
function cover(lessons: readonly LessonPage[], pages?: readonly number[] | 'measure'): string {
  const toc = lessons
    .map((l, i) => {
      // The measuring pass prints a placeholder of the same width, so the cover keeps its page count.
      const pg = pages === 'measure' ? '000' : pages ? String(pages[i]) : '';
      return `<li><a href="#lesson-${i + 1}">${esc(l.title)}</a><span class="leader"></span><span class="pg">${esc(pg)}</span></li>`;
    })
    .join('');
  return (
    '<section class="cover"><h1>wirebook</h1><p class="sub">SSL/TLS, byte by byte, from real captures</p>' +
    `<h2>Contents</h2><ol class="outline toc">${toc}</ol></section>`
  );
}

function lessonSection(l: LessonPage, i: number): string {
  return `<section class="pagebreak lesson" id="lesson-${i + 1}">${l.html}</section>`;
}

/** The whole course as one printable document: cover, table of contents (with page numbers when given), lessons on new pages. */
export function courseHtml(lessons: readonly LessonPage[], pages?: readonly number[]): string {
  const body = lessons.map(lessonSection).join('\n');
  return selfContainedPage(TITLE, `<main>${cover(lessons, pages)}${body}</main>`);
}

/**
 * Pages in a PDF as Chromium writes it: one `/Type /Page` dictionary per page (the page tree
 * nodes say `/Pages`). Counted from the bytes, with no PDF text extraction.
 */
export function countPdfPages(pdf: Uint8Array): number {
  return Buffer.from(pdf).toString('latin1').match(/\/Type\s*\/Page(?![a-zA-Z])/g)?.length ?? 0;
}

/**
 * Where each lesson starts, from printing the cover and each lesson on its own: every lesson
 * begins on a new page, so the pages of the parts add up to the pages of the whole.
 */
export async function lessonStartPages(lessons: readonly LessonPage[], handle: BrowserHandle): Promise<{ starts: number[]; total: number }> {
  const count = async (body: string): Promise<number> => countPdfPages(await htmlToPdf(selfContainedPage(TITLE, `<main>${body}</main>`), TITLE, handle));
  let page = (await count(cover(lessons, 'measure'))) + 1;
  const starts: number[] = [];
  for (const [i, l] of lessons.entries()) {
    starts.push(page);
    page += await count(lessonSection(l, i));
  }
  return { starts, total: page - 1 };
}

/** Renders the course PDF with Chromium: two passes, so the contents list each lesson's first page. */
export async function writeCoursePdf(lessons: readonly LessonPage[], path: string): Promise<void> {
  const handle = await launchBrowser();
  try {
    const { starts, total } = await lessonStartPages(lessons, handle);
    const pdf = await htmlToPdf(courseHtml(lessons, starts), TITLE, handle);
    const pages = countPdfPages(pdf);
    // The parts must add up; if layout ever differs, a wrong page number would be worse than none.
    writeFileSync(path, pages === total ? pdf : await htmlToPdf(courseHtml(lessons), TITLE, handle));
  } finally {
    await handle.close();
  }
}
