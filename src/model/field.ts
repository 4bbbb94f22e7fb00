import type { Span } from './span.ts';

/** A primitive decoded value; byte strings are lower-case hex, 64-bit integers decimal strings. */
export type FieldValue = string | number | boolean;

/**
 * One annotated piece of input (DESIGN.md, "The annotation model"): a name, Wireshark's display
 * filter name where Wireshark has the field, raw and display values, the bytes it came from, and
 * children. Leaves tile the decoded bytes.
 */
export interface Field {
  name: string;
  filter?: string;
  value?: FieldValue;
  display?: string;
  spans: Span[];
  /** Knowledge-base key when it differs from `filter` (e.g. a field Wireshark does not name). */
  kb?: string;
  /** Set on fields that mark bad input: why the bytes under `spans` could not be decoded. */
  malformed?: string;
  children?: Field[];
}

/** The filter name Wireshark uses for malformed packets; our malformed fields carry it too. */
export const MALFORMED_FILTER = '_ws.malformed';

/** The knowledge-base key of a field: its explicit key, else its filter, else its name. */
export function kbKey(field: Field): string {
  return field.kb ?? field.filter ?? field.name;
}

/** Visits every field depth-first, parents before children. */
export function* walkFields(fields: readonly Field[]): Generator<Field> {
  // An explicit stack: nested `yield*` costs a hop per level on every field of deep trees.
  const lists: (readonly Field[])[] = [fields];
  const at: number[] = [0];
  while (lists.length > 0) {
    const top = lists.length - 1;
    const list = lists[top]!;
    const i = at[top]!;
    if (i >= list.length) {
      lists.pop();
      at.pop();
      continue;
    }
    at[top] = i + 1;
    const f = list[i]!;
    yield f;
    if (f.children && f.children.length > 0) {
      lists.push(f.children);
      at.push(0);
    }
  }
}

/** Calls `visit` on every field depth-first, parents before children, until it returns true. */
export function visitFields(fields: readonly Field[], visit: (f: Field) => boolean | void): boolean {
  for (const f of fields) {
    if (visit(f) === true) return true;
    if (f.children && visitFields(f.children, visit)) return true;
  }
  return false;
}

/** Visits the leaves: the fields that tile the bytes. */
export function* leafFields(fields: readonly Field[]): Generator<Field> {
  for (const f of walkFields(fields)) if (!f.children || f.children.length === 0) yield f;
}

/** Collects every malformed field below (and including) the given ones. */
export function malformedFields(fields: readonly Field[]): Field[] {
  const out: Field[] = [];
  visitFields(fields, (f) => {
    if (f.malformed !== undefined) out.push(f);
  });
  return out;
}

/** Finds the first field (depth-first) with the given filter name. */
export function findField(fields: readonly Field[], filter: string): Field | undefined {
  let found: Field | undefined;
  visitFields(fields, (f) => {
    if (f.filter !== filter) return false;
    found = f;
    return true;
  });
  return found;
}

/** Finds every field (depth-first) with the given filter name. */
export function findFields(fields: readonly Field[], filter: string): Field[] {
  const out: Field[] = [];
  visitFields(fields, (f) => {
    if (f.filter === filter) out.push(f);
  });
  return out;
}
