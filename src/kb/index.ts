import type { Field } from '../model/field.ts';
import { kbKey } from '../model/field.ts';
import { alertEntries } from './entries/alert.ts';
import { extensionEntries } from './entries/extensions.ts';
import { handshakeEntries } from './entries/handshake.ts';
import { helloEntries } from './entries/hello.ts';
import { netEntries } from './entries/netlayers.ts';
import { recordEntries } from './entries/record.ts';
import { sslv2Entries } from './entries/sslv2.ts';
import { x509Entries } from './entries/x509.ts';
import type { KbEntry } from './types.ts';

export type { KbEntry, PayloadTest } from './types.ts';
export { bpfFilter, BPF_CAVEAT } from './bpf.ts';

/** Every knowledge-base entry, in a stable order. */
export const KB: readonly KbEntry[] = [
  ...recordEntries, ...handshakeEntries, ...helloEntries, ...extensionEntries, ...alertEntries, ...x509Entries, ...netEntries, ...sslv2Entries,
];

const byKey = new Map<string, KbEntry>(KB.map((e) => [e.key, e]));

/** The entry for a key (`tls.handshake.type` or `tls.handshake.type == 2`), if any. */
export function kbEntry(key: string): KbEntry | undefined {
  return byKey.get(key);
}

/** The typed value a value-specific entry is keyed on (the number in `== 2`). */
function valueOf(field: Field): number | undefined {
  return typeof field.value === 'number' ? field.value : undefined;
}

/** Where a field sits when its filter name alone is ambiguous (SSLv2 records reuse TLS names). */
export type KbScope = 'sslv2';

/** The scope of the fields of a record: `sslv2` for an SSL 2.0-format record. */
export function scopeOf(record: Field): KbScope | undefined {
  return record.name.startsWith('SSLv2 ') ? 'sslv2' : undefined;
}

/**
 * The most specific explanation for a field: `SCOPE:KEY`, then `KEY == VALUE`, then `KEY`; a message or record
 * container is explained by its type child (its handshake type or content type).
 */
export function explain(field: Field, scope?: KbScope): KbEntry | undefined {
  const key = kbKey(field);
  if (scope) {
    const scoped = byKey.get(`${scope}:${key}`);
    if (scoped) return scoped;
  }
  const v = valueOf(field);
  if (v !== undefined) {
    const specific = byKey.get(`${key} == ${v}`);
    if (specific) return specific;
  }
  const typeChild = field.children?.find((c) => c.filter === 'tls.handshake.type' || c.filter === 'tls.record.content_type');
  if (typeChild && key !== 'tls.record') {
    const specific = valueOf(typeChild) !== undefined ? byKey.get(`${kbKey(typeChild)} == ${valueOf(typeChild)}`) : undefined;
    if (specific) return specific;
  }
  return byKey.get(key);
}
