import type { DecodedConnection, MessageRef } from '../model/decoded.ts';
import { walkFields, type Field } from '../model/field.ts';
import { slug } from './escape.ts';

/**
 * Deterministic permalinks: `c1-server_hello` for a message, `c1-server_hello-cipher_suite` for
 * a field inside it, `c1-r3` / `c1-r3-length` for records and fields outside any message.
 * Repeats get `-2`, `-3` in document order, so the same capture always yields the same ids.
 */
export class Permalinks {
  private readonly ids = new Map<Field, string>();
  private readonly used = new Set<string>();
  /** Next suffix to try per base, so the 31st `cipher_suite` does not probe 30 taken ids. */
  private readonly next = new Map<string, number>();

  constructor(conn: DecodedConnection) {
    const messageOf = new Map<Field, MessageRef>();
    for (const m of conn.messages) if (m.field) messageOf.set(m.field, m);
    conn.fields.forEach((record, i) => {
      const recId = this.claim(`c${conn.id}-r${i + 1}`);
      this.ids.set(record, recId);
      const visit = (f: Field, prefix: string): void => {
        for (const child of f.children ?? []) {
          const msg = messageOf.get(child);
          const id = msg ? this.claim(`c${conn.id}-${slug(msg.type)}`) : this.claim(`${prefix}-${slug(child.name, 32)}`);
          this.ids.set(child, id);
          visit(child, msg ? id : prefix);
        }
      };
      visit(record, recId);
    });
  }

  private claim(base: string): string {
    let id = base;
    let n = this.next.get(base) ?? 2;
    if (this.used.has(id)) {
      for (id = `${base}-${n}`; this.used.has(id); id = `${base}-${++n}`);
      n++;
    }
    this.next.set(base, n);
    this.used.add(id);
    return id;
  }

  /** The permalink id of a field of this connection (stable across builds). */
  of(field: Field): string {
    const id = this.ids.get(field);
    if (id !== undefined) return id;
    // Fields outside the connection tree (frame headers) get ids on first use.
    const fresh = this.claim(`x-${slug(field.name)}`);
    this.ids.set(field, fresh);
    return fresh;
  }

  /** Number of fields with ids (for tests). */
  get size(): number {
    return this.ids.size;
  }
}

/** Counts fields of a tree (used to size work). */
export function countFields(fields: readonly Field[]): number {
  let n = 0;
  for (const _ of walkFields(fields)) n++;
  return n;
}
