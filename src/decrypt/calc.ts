// Calculation cells (src/model/decoded.ts) for the key schedule, and the links from their inputs
// back to the fields the values came from (resolved once the connection's fields exist).
import type { Calculation } from '../model/decoded.ts';
import type { Field } from '../model/field.ts';
import { walkFields } from '../model/field.ts';
import { toHex } from '../crypto/bytes.ts';

type Input = Calculation['inputs'][number];

/** An input: its name, bytes, whether it is secret, and optionally the field filter it was read from. */
export interface InputSpec {
  name: string;
  value: Uint8Array | string;
  secret?: boolean;
  /** Filter name of the field holding these bytes (linked by value when the fields are known). */
  from?: string;
}

/** Collects a connection's calculations and links their inputs to fields afterwards. */
export class CalcBook {
  readonly calculations: Calculation[] = [];
  private readonly links: { input: Input; filter: string; hex: string }[] = [];
  private readonly ids = new Set<string>();

  /** Adds one calculation; ids are made unique by a numeric suffix. */
  add(c: { id: string; title: string; inputs: InputSpec[]; output: { name: string; value: Uint8Array | string; secret?: boolean }; command?: string; ok?: boolean; explanation?: string }): Calculation {
    let id = c.id;
    for (let n = 2; this.ids.has(id); n++) id = `${c.id}-${n}`;
    this.ids.add(id);
    const inputs = c.inputs.map((i) => {
      const value = typeof i.value === 'string' ? i.value : toHex(i.value);
      const input: Input = { name: i.name, value };
      if (i.secret) input.secret = true;
      if (i.from !== undefined) this.links.push({ input, filter: i.from, hex: value });
      return input;
    });
    const out: Calculation = { id, title: c.title, inputs, output: { name: c.output.name, value: typeof c.output.value === 'string' ? c.output.value : toHex(c.output.value) } };
    if (c.output.secret) out.output.secret = true;
    if (c.command !== undefined) out.command = c.command;
    if (c.ok !== undefined) out.ok = c.ok;
    if (c.explanation !== undefined) out.explanation = c.explanation;
    this.calculations.push(out);
    return out;
  }

  /** Gives inputs read from the capture the spans of the field with the same filter and bytes. */
  link(fields: readonly Field[]): void {
    if (this.links.length === 0) return;
    // Only the few filters inputs name: keying every field (certificates, application data) by its value was most of the cost.
    const wanted = new Set(this.links.map((l) => l.filter));
    const byKey = new Map<string, Field>();
    for (const f of walkFields(fields)) {
      if (f.filter !== undefined && typeof f.value === 'string' && wanted.has(f.filter) && !byKey.has(`${f.filter} ${f.value}`)) byKey.set(`${f.filter} ${f.value}`, f);
    }
    for (const l of this.links) {
      const f = byKey.get(`${l.filter} ${l.hex}`);
      if (f) l.input.spans = f.spans.map((s) => ({ ...s }));
    }
  }
}

/** A one-line shell form of "save these bytes to FILE". */
export function saveBytesCommand(bytes: Uint8Array, file: string): string {
  return `printf '%s' ${toHex(bytes)} | xxd -r -p > ${file}`;
}
