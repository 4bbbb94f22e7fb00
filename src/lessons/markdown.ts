import markdownit, { type MarkdownIt, type Token } from 'markdown-it';
import containerPlugin from 'markdown-it-container';
import { fromHighlighter } from '@shikijs/markdown-it/core';
import { createHighlighter, type HighlighterGeneric, type BundledLanguage, type BundledTheme } from 'shiki';

/** What rendering one lesson needs besides its text: the cells computed for its directives. */
export type LessonEnv = {
  file: string;
  /** HTML for each ```wirebook fence, by its 1-based line. */
  cells: Map<number, string>;
};

const LANGS: BundledLanguage[] = ['shellscript', 'shellsession', 'http', 'json'];
const THEMES = { light: 'github-light', dark: 'github-dark' } as const;
// shiki accepts 'text' (plain) at run time; its type only lists bundled grammars.
const PLAIN = 'text' as BundledLanguage;
// @types/markdown-it-container is written against the CommonJS typings of markdown-it.
type ContainerPlugin = (md: MarkdownIt, name: string, opts: { render(tokens: Token[], idx: number): string }) => void;
const container = containerPlugin as unknown as ContainerPlugin;

let highlighter: Promise<HighlighterGeneric<BundledLanguage, BundledTheme>> | undefined;

/** One shiki highlighter per process: its grammar warm-up is the slow part of a build. */
function getHighlighter(): Promise<HighlighterGeneric<BundledLanguage, BundledTheme>> {
  highlighter ??= createHighlighter({ themes: [THEMES.light, THEMES.dark], langs: LANGS });
  return highlighter;
}

/** The 1-based line of a block token (markdown-it maps are 0-based). */
export function tokenLine(t: Token): number {
  return (t.map?.[0] ?? 0) + 1;
}

/** True for ```wirebook fences. */
export function isDirective(t: Token): boolean {
  return t.type === 'fence' && /^wirebook(\s|$)/.test(t.info.trim());
}

/**
 * markdown-it for lessons: no raw HTML (lessons are text), shiki at build time with light and
 * dark themes (`asn1` and other unknown languages fall back to plain text), `::: note` boxes,
 * and a fence rule that drops in the cells computed for ```wirebook directives.
 */
export async function createLessonMarkdown(): Promise<MarkdownIt> {
  const md = markdownit({ html: false, linkify: false, typographer: false });
  md.use(fromHighlighter(await getHighlighter(), { themes: THEMES, defaultColor: false, fallbackLanguage: PLAIN }));
  md.use(container, 'note', {
    render(tokens: Token[], idx: number): string {
      const t = tokens[idx]!;
      if (t.nesting !== 1) return '</aside>\n';
      const title = t.info.trim().replace(/^note\s*/, '');
      return `<aside class="note">${title ? `<strong>${md.utils.escapeHtml(title)}</strong>` : ''}\n`;
    },
  });
  const fence = md.renderer.rules.fence!;
  md.renderer.rules.fence = (tokens, idx, options, env, self) => {
    const t = tokens[idx]!;
    if (isDirective(t)) return (env as unknown as LessonEnv).cells.get(tokenLine(t)) ?? '';
    return fence(tokens, idx, options, env, self);
  };
  // Tables get a class so the shared stylesheet can draw their borders.
  md.renderer.rules.table_open = () => '<table class="md">\n';
  return md;
}
