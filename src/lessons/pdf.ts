import { writeFileSync } from 'node:fs';
import { esc } from '../render/escape.ts';
import { selfContainedPage } from '../render/html/page.ts';
import { htmlToPdf } from '../render/pdf.ts';
import type { LessonPage } from './site.ts';

/** The whole course as one printable document: cover, table of contents, lessons on new pages. */
export function courseHtml(lessons: readonly LessonPage[]): string {
  const toc = lessons.map((l, i) => `<li><a href="#lesson-${i + 1}">${esc(l.title)}</a></li>`).join('');
  const cover =
    '<section class="cover"><h1>wirebook</h1><p class="sub">SSL/TLS, byte by byte, from real captures</p>' +
    `<h2>Contents</h2><ol class="outline">${toc}</ol></section>`;
  const body = lessons.map((l, i) => `<section class="pagebreak lesson" id="lesson-${i + 1}">${l.html}</section>`).join('\n');
  return selfContainedPage('wirebook course', `<main>${cover}${body}</main>`);
}

/** Renders the course PDF with Chromium (page numbers in the footer). */
export async function writeCoursePdf(lessons: readonly LessonPage[], path: string): Promise<void> {
  writeFileSync(path, await htmlToPdf(courseHtml(lessons), 'wirebook course'));
}
