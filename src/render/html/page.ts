import { createHash } from 'node:crypto';
import { esc } from '../escape.ts';
import { SCRIPT } from './script.ts';
import { CSS } from './style.ts';

/** `'sha256-…'` of a script body, as CSP wants it. */
export function cspHash(script: string): string {
  return `'sha256-${createHash('sha256').update(script, 'utf8').digest('base64')}'`;
}

/** The Content-Security-Policy of a self-contained page: only our own inline script may run. */
export const INLINE_CSP = `default-src 'none'; style-src 'unsafe-inline'; script-src ${cspHash(SCRIPT)}; img-src data:`;

/** A self-contained HTML document: inline CSS and the one hashed inline script, strict CSP. */
export function selfContainedPage(title: string, body: string): string {
  return pageStart(title) + body + PAGE_END;
}

/** What comes before a self-contained page's body (a page written in pieces starts with it). */
export function pageStart(title: string): string {
  return (
    '<!doctype html>\n<html lang="en"><head><meta charset="utf-8">' +
    `<meta http-equiv="Content-Security-Policy" content="${INLINE_CSP}">` +
    '<meta name="viewport" content="width=device-width,initial-scale=1">' +
    `<meta name="referrer" content="no-referrer"><title>${esc(title)}</title><style>${CSS}</style></head>\n<body>`
  );
}

/** What comes after a self-contained page's body. */
export const PAGE_END = `\n<script>${SCRIPT}</script></body></html>\n`;

/** The toolbar shown once the script runs (hidden without JavaScript, where it could not work). */
export const TOOLBAR =
  '<nav class="toolbar" hidden><button type="button" data-act="open">open all</button><button type="button" data-act="close">close all</button>' +
  '<span class="sub">hover or focus a field row to light its bytes; ↑/↓ move between rows, →/← open and close</span></nav>';
