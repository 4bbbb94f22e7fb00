import type { Calculation, DecodedCapture, DecodedConnection, MessageRef } from '../model/decoded.ts';
import { walkFields, type Field } from '../model/field.ts';

/** What a selector picked: a connection, and either its ladder or one record (with the message). */
export type Selection =
  | { kind: 'ladder'; conn: DecodedConnection }
  | { kind: 'record'; conn: DecodedConnection; record: Field; recordNo: number; message?: MessageRef; scope: Field }
  | { kind: 'calc'; conn: DecodedConnection; calcs: Calculation[] };

const norm = (s: string): string => s.toLowerCase().replace(/[^a-z0-9]/g, '');

/**
 * `cN calc` (every calculation of the connection) or `cN calc:TEXT` (those whose title or id
 * contains TEXT, case and punctuation ignored, so `calc:handshake write key` finds
 * "server handshake traffic write key = …").
 */
function selectCalcs(conn: DecodedConnection, text: string | undefined): Selection | string {
  const all = conn.calculations ?? [];
  if (all.length === 0) return `connection c${conn.id} has no calculations (was it decrypted? give keylog=PATH)`;
  const want = norm(text ?? '');
  const calcs = all.filter((c) => norm(c.title).includes(want) || norm(c.id).includes(want));
  if (calcs.length === 0) return `no calculation matching "${text}" in connection c${conn.id} (it has: ${all.map((c) => c.id).join(', ')})`;
  return { kind: 'calc', conn, calcs };
}

/**
 * Resolves `c1 ladder`, `c1 r3` (record 3), `c1 ServerHello`, `c1 Finished#2` (the second one)
 * or `c1 calc[:TEXT]` (calculations).
 * Returns a reason string when nothing matches, so the caller can fail the build with it.
 */
export function select(capture: DecodedCapture, selector: string): Selection | string {
  const calc = /^\s*c(\d+)\s+calc(?::\s*(.*?))?\s*$/.exec(selector);
  if (calc) {
    const conn = capture.connections.find((c) => c.id === Number(calc[1]));
    if (!conn) return `no connection c${calc[1]} (the capture has ${capture.connections.length})`;
    return selectCalcs(conn, calc[2]);
  }
  const m = /^\s*c(\d+)(?:\s+(\S+?)(?:#(\d+))?)?\s*$/.exec(selector);
  if (!m) return `selector "${selector}" is not "cN", "cN ladder", "cN rM", "cN MessageType[#K]", "cN calc" or "cN calc:TEXT"`;
  const conn = capture.connections.find((c) => c.id === Number(m[1]));
  if (!conn) return `no connection c${m[1]} (the capture has ${capture.connections.length})`;
  const what = m[2];
  if (what === undefined || what === 'ladder') return { kind: 'ladder', conn };
  const rec = /^r(\d+)$/.exec(what);
  if (rec) {
    const n = Number(rec[1]);
    const record = conn.fields[n - 1];
    if (!record) return `connection c${conn.id} has no record ${n} (it has ${conn.fields.length})`;
    return { kind: 'record', conn, record, recordNo: n, scope: record };
  }
  const nth = Number(m[3] ?? '1');
  // `Certificate` means the Certificate messages, not Certificate Request or Verify; a type no
  // message has exactly still picks by prefix (`Alert` for `Alert (fatal, unknown_ca)`).
  const exact = conn.messages.filter((x) => norm(x.type) === norm(what));
  const matches = exact.length > 0 ? exact : conn.messages.filter((x) => norm(x.type).startsWith(norm(what)));
  const msg = matches[nth - 1];
  if (!msg) {
    const have = [...new Set(conn.messages.map((x) => x.type))].join(', ');
    return `no message "${what}"${nth > 1 ? ` #${nth}` : ''} in connection c${conn.id} (it has: ${have})`;
  }
  const field = msg.field;
  if (!field) return `message "${msg.type}" has no field to show`;
  const i = conn.fields.findIndex((r) => r === field || [...walkFields([r])].includes(field));
  if (i < 0) return `message "${msg.type}" is not inside any record of connection c${conn.id}`;
  return { kind: 'record', conn, record: conn.fields[i]!, recordNo: i + 1, message: msg, scope: field };
}

/** The filter names a lesson names that the selection does not contain. */
export function missingFields(scope: Field, filters: readonly string[]): string[] {
  const have = new Set<string>();
  for (const f of walkFields([scope])) if (f.filter) have.add(f.filter);
  return filters.filter((x) => !have.has(x));
}
