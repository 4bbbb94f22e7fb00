import { mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { basename, join, resolve } from 'node:path';
import type { DecodedCapture } from '../model/decoded.ts';
import { decodeCapture } from '../decode.ts';
import { esc } from '../render/escape.ts';
import { CSS } from '../render/html/style.ts';
import { SCRIPT } from '../render/html/script.ts';
import { renderDirective } from './cells.ts';
import { LessonError, parseDirective, type Directive } from './fence.ts';
import { uniqueIds } from './ids.ts';
import { createLessonMarkdown, isDirective, tokenLine, type LessonEnv } from './markdown.ts';
import { writeCoursePdf } from './pdf.ts';

/** Options of `buildSite`. */
export interface SiteOptions {
  lessonsDir: string;
  outDir: string;
  /** Also write `course.pdf` (needs Chromium). */
  pdf?: boolean;
  /** Capture paths in directives are relative to this (default: the current directory). */
  root?: string;
  /** The decoder (given the key log text when the directive names one); defaults to the pipeline's `decodeCapture`. */
  decode?: (input: Uint8Array, keylog?: string) => DecodedCapture;
}

/** One rendered lesson. */
export interface LessonPage {
  file: string;
  slug: string;
  title: string;
  html: string;
}

/** What `buildSite` wrote. */
export interface SiteResult {
  lessons: LessonPage[];
  files: string[];
}

// Lesson pages load the shared assets from the site, so their CSP allows 'self' (file: included).
const SITE_CSP = "default-src 'none'; style-src 'self' 'unsafe-inline'; script-src 'self'; img-src data:";

// Open/close all only make sense on lesson pages, which have <details>; the outline has none.
const BUTTONS = '<button type="button" data-act="open">open all</button><button type="button" data-act="close">close all</button>';

function page(title: string, body: string, assets: string, buttons = true): string {
  return (
    '<!doctype html>\n<html lang="en"><head><meta charset="utf-8">' +
    `<meta http-equiv="Content-Security-Policy" content="${SITE_CSP}">` +
    '<meta name="viewport" content="width=device-width,initial-scale=1"><meta name="referrer" content="no-referrer">' +
    `<title>${esc(title)}</title><link rel="stylesheet" href="${assets}wirebook.css"></head>\n` +
    `<body><nav class="toolbar" hidden><a href="index.html">Course outline</a>${buttons ? BUTTONS : ''}</nav>` +
    `<main>${body}</main>\n<script src="${assets}wirebook.js"></script></body></html>\n`
  );
}

/** What `read` returns, or the lesson error `fail` builds (a missing file is an authoring mistake, not a crash). */
function readOr<T>(read: () => T, fail: () => LessonError): T {
  try {
    return read();
  } catch {
    throw fail();
  }
}

/** Parses every lesson, decodes each capture once, renders every page; throws LessonError on mistakes. */
export async function renderLessons(opts: SiteOptions): Promise<LessonPage[]> {
  const md = await createLessonMarkdown();
  const root = opts.root ?? process.cwd();
  const decode = opts.decode ?? ((b: Uint8Array, keylog?: string) => decodeCapture(b, keylog === undefined ? {} : { keylog }));
  const files = readdirSync(opts.lessonsDir).filter((f) => f.endsWith('.md')).sort();
  // Pass 1: parse everything and collect the directives (so each capture is decoded once).
  const parsed = files.map((file) => {
    const rel = join(basename(opts.lessonsDir), file);
    const src = readFileSync(join(opts.lessonsDir, file), 'utf8');
    const env: LessonEnv = { file: rel, cells: new Map() };
    const tokens = md.parse(src, env);
    const directives: Directive[] = tokens.filter(isDirective).map((t) => parseDirective(t.info.trim(), rel, tokenLine(t)));
    const h1 = tokens.findIndex((t) => t.type === 'heading_open' && t.tag === 'h1');
    const title = h1 >= 0 ? (tokens[h1 + 1]?.content ?? file) : file;
    return { file, rel, env, tokens, directives, title };
  });
  // Keyed by (capture, keylog): the same capture with and without keys decodes differently.
  const captures = new Map<string, DecodedCapture>();
  const keyOf = (d: Directive): string => `${d.capture}\n${d.keylog ?? ''}`;
  for (const p of parsed) {
    for (const d of p.directives) {
      if (captures.has(keyOf(d))) continue;
      const bytes = readOr(() => new Uint8Array(readFileSync(resolve(root, d.capture))), () => new LessonError(p.rel, d.line, `cannot read capture ${d.capture}`));
      const keylogPath = d.keylog === undefined ? undefined : resolve(root, d.keylog);
      const keylog = keylogPath === undefined ? undefined : readOr(() => readFileSync(keylogPath, 'utf8'), () => new LessonError(p.rel, d.line, `cannot read keylog ${d.keylog}`));
      captures.set(keyOf(d), decode(bytes, keylog));
    }
  }
  // Pass 2: compute cells, then render.
  return parsed.map((p) => {
    const used = new Set<string>();
    for (const d of p.directives) p.env.cells.set(d.line, uniqueIds(renderDirective(captures.get(keyOf(d))!, d, p.rel), used, d.line));
    const slug = p.file.replace(/\.md$/, '');
    return { file: p.rel, slug, title: p.title, html: md.renderer.render(p.tokens, md.options, p.env) };
  });
}

function nav(lessons: LessonPage[], i: number): string {
  const prev = lessons[i - 1];
  const next = lessons[i + 1];
  return (
    '<nav class="lessonnav">' +
    (prev ? `<a rel="prev" href="${prev.slug}.html">← ${esc(prev.title)}</a>` : '<a href="index.html">← Course outline</a>') +
    (next ? `<a rel="next" href="${next.slug}.html">${esc(next.title)} →</a>` : '<a href="index.html">Course outline →</a>') +
    '</nav>'
  );
}

/** Builds the course: `index.html`, one page per lesson, shared `assets/`, and `course.pdf` when asked. */
export async function buildSite(opts: SiteOptions): Promise<SiteResult> {
  const lessons = await renderLessons(opts);
  mkdirSync(join(opts.outDir, 'assets'), { recursive: true });
  const files: string[] = [];
  const write = (name: string, text: string): void => {
    writeFileSync(join(opts.outDir, name), text);
    files.push(name);
  };
  write('assets/wirebook.css', CSS);
  write('assets/wirebook.js', SCRIPT);
  const outline = lessons.map((l) => `<li><a href="${l.slug}.html">${esc(l.title)}</a></li>`).join('');
  write('index.html', page('wirebook course', `<h1>wirebook: TLS byte by byte</h1><p>Lessons built from real captures; every byte shown is decoded at build time.</p><ol class="outline">${outline}</ol>`, 'assets/', false));
  lessons.forEach((l, i) => write(`${l.slug}.html`, page(l.title, l.html + nav(lessons, i), 'assets/')));
  if (opts.pdf) {
    await writeCoursePdf(lessons, join(opts.outDir, 'course.pdf'));
    files.push('course.pdf');
  }
  return { lessons, files };
}
