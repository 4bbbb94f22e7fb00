/** A parsed ```wirebook fence: where it is and what it asks for. */
export interface Directive {
  /** 1-based line of the fence in its lesson file. */
  line: number;
  capture: string;
  select: string;
  view: 'stream' | 'wire' | 'both';
  /** Field filter names the lesson talks about: each must exist in the selection. */
  fields: string[];
  /** Show the knowledge-base explanations under the cell. */
  explain: boolean;
  /** Key log (SSLKEYLOGFILE) the capture is decrypted with, relative like `capture`. */
  keylog?: string;
  /**
   * Show secret values (traffic secrets, keys, IVs) in calculation cells. Off unless asked:
   * a lesson built from a test fixture may show them, one built from a real capture should not.
   */
  secrets: boolean;
}

/** Thrown for every authoring mistake; the message is `lesson FILE:LINE: reason`. */
export class LessonError extends Error {
  constructor(file: string, line: number, reason: string) {
    super(`lesson ${file}:${line}: ${reason}`);
    this.name = 'LessonError';
  }
}

/** A yes/no attribute (absent = no); anything else is a mistake, so `secrets=on` cannot silently hide. */
function yesNo(attrs: Map<string, string>, name: string, file: string, line: number): boolean {
  const v = attrs.get(name) ?? 'no';
  if (v === 'yes' || v === 'true') return true;
  if (v === 'no' || v === 'false') return false;
  throw new LessonError(file, line, `${name} must be yes or no, not "${v}"`);
}

const ATTR = /([a-z]+)=(?:"([^"]*)"|(\S+))/g;

/** Parses `wirebook capture=… select="c1 ServerHello" view=stream fields="a b"` (after the word `wirebook`). */
export function parseDirective(info: string, file: string, line: number): Directive {
  const attrs = new Map<string, string>();
  const rest = info.replace(/^wirebook\b/, '');
  let consumed = rest;
  for (const m of rest.matchAll(ATTR)) {
    attrs.set(m[1]!, m[2] ?? m[3] ?? '');
    consumed = consumed.replace(m[0], '');
  }
  if (consumed.trim() !== '') throw new LessonError(file, line, `cannot read directive text "${consumed.trim()}"`);
  const known = new Set(['capture', 'keylog', 'select', 'view', 'fields', 'explain', 'secrets']);
  for (const k of attrs.keys()) if (!known.has(k)) throw new LessonError(file, line, `unknown attribute "${k}" (known: ${[...known].join(', ')})`);
  const capture = attrs.get('capture');
  if (!capture) throw new LessonError(file, line, 'wirebook directive needs capture=PATH');
  const view = attrs.get('view') ?? 'stream';
  if (view !== 'stream' && view !== 'wire' && view !== 'both') throw new LessonError(file, line, `view must be stream, wire or both, not "${view}"`);
  const explain = yesNo(attrs, 'explain', file, line);
  const secrets = yesNo(attrs, 'secrets', file, line);
  const keylog = attrs.get('keylog');
  if (keylog === '') throw new LessonError(file, line, 'keylog= needs a path');
  return {
    line,
    capture,
    select: attrs.get('select') ?? 'c1',
    view,
    fields: (attrs.get('fields') ?? '').split(/[\s,]+/).filter((s) => s !== ''),
    explain,
    secrets,
    ...(keylog !== undefined ? { keylog } : {}),
  };
}
