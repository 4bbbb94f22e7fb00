import { calculationCommand, type Calculation, type DecodedCapture, type DecodedConnection, type DecodedFrame } from './decoded.ts';
import type { Field } from './field.ts';
import { toHex } from './hex.ts';
import { isFrameSpan, spansLength } from './span.ts';

/** The package version printed in every JSON output. */
export const WIREBOOK_VERSION = '0.1.0';

/** JSON form of a field: exactly the documented keys (docs/json.md), nothing internal. */
export interface FieldJson {
  name: string;
  filter?: string;
  value?: string | number | boolean;
  display?: string;
  kb?: string;
  malformed?: string;
  spans: Field['spans'];
  children?: FieldJson[];
}

/** Options for the JSON output. */
export interface JsonOptions {
  /** Include per-frame link/IP/TCP header fields (default true). */
  frames?: boolean;
  /** Replace decrypted application data by its length (DESIGN.md: --redact). */
  redact?: boolean;
  /** Keep secrets (keys, keylog secrets) in calculations (default false). */
  showSecrets?: boolean;
}

/** Decrypted application data (a `tls.app_data` field inside a decrypted buffer) that --redact hides. */
export function isDecryptedAppData(f: Field): boolean {
  return f.filter === 'tls.app_data' && f.spans.length > 0 && f.spans.every((s) => !isFrameSpan(s));
}

/** Serializes a field tree; keys in a fixed order so output is byte-identical across runs. */
export function fieldToJson(f: Field, redact = false): FieldJson {
  if (redact && isDecryptedAppData(f)) {
    // The length stays (it is visible on the wire anyway); content, HTTP heads and text go.
    const out = { name: f.name } as FieldJson;
    if (f.filter !== undefined) out.filter = f.filter;
    out.display = `(redacted: ${spansLength(f.spans)} bytes)`;
    if (f.kb !== undefined) out.kb = f.kb;
    out.spans = f.spans;
    return out;
  }
  const out = { name: f.name } as FieldJson;
  if (f.filter !== undefined) out.filter = f.filter;
  if (f.value !== undefined) out.value = f.value;
  if (f.display !== undefined) out.display = f.display;
  if (f.kb !== undefined) out.kb = f.kb;
  if (f.malformed !== undefined) out.malformed = f.malformed;
  out.spans = f.spans;
  if (f.children && f.children.length > 0) out.children = f.children.map((c) => fieldToJson(c, redact));
  return out;
}

function timeString(ns: bigint): string {
  const s = ns / 1_000_000_000n;
  const frac = (ns % 1_000_000_000n).toString().padStart(9, '0');
  return `${s}.${frac}`;
}

/** JSON form of one frame (`frames[]` of the contract). */
export function frameToJson(f: DecodedFrame): Record<string, unknown> {
  const o: Record<string, unknown> = { number: f.number, time: timeString(f.timeNs), length: f.origLength, captured: f.data.length };
  if (f.line !== undefined) o.line = f.line;
  o.fields = f.fields.map((x) => fieldToJson(x));
  return o;
}

function calculationToJson(c: Calculation, showSecrets: boolean): Calculation {
  const hide = (v: string, secret?: boolean): string => (secret && !showSecrets ? '(secret: use --show-secrets)' : v);
  const out: Calculation = {
    id: c.id,
    title: c.title,
    inputs: c.inputs.map((i) => ({ ...i, value: hide(i.value, i.secret) })),
    output: { ...c.output, value: hide(c.output.value, c.output.secret) },
  };
  // A command that needs a hidden secret is left out: a placeholder would not reproduce anything.
  const command = calculationCommand(c, showSecrets);
  if (command && !command.hidesSecrets) out.command = command.text;
  if (c.ok !== undefined) out.ok = c.ok;
  if (c.explanation !== undefined) out.explanation = c.explanation;
  return out;
}

/** JSON form of one connection (`connections[]` of the contract). */
export function connectionToJson(c: DecodedConnection, opts: JsonOptions): Record<string, unknown> {
  const o: Record<string, unknown> = { id: c.id, client: c.client, server: c.server };
  if (c.version !== undefined) o.version = c.version;
  if (c.cipherSuite !== undefined) o.cipherSuite = c.cipherSuite;
  if (c.sni !== undefined) o.sni = c.sni;
  o.messages = c.messages.map((m) => ({ dir: m.dir, frame: m.frame, type: m.type }));
  o.fields = c.fields.map((f) => fieldToJson(f, opts.redact ?? false));
  const buffers: Record<string, string> = {};
  for (const id of Object.keys(c.buffers).sort()) {
    const b = c.buffers[id]!;
    buffers[id] = opts.redact ? `(redacted: ${b.length} bytes)` : toHex(b);
  }
  o.buffers = buffers;
  if (c.calculations && c.calculations.length > 0) {
    o.calculations = c.calculations.map((x) => calculationToJson(x, opts.showSecrets ?? false));
  }
  if (c.decryption) {
    const d: Record<string, unknown> = { status: c.decryption.status, reasons: [...c.decryption.reasons] };
    if (c.decryption.records !== undefined) d.records = c.decryption.records;
    if (c.decryption.decrypted !== undefined) d.decrypted = c.decryption.decrypted;
    o.decryption = d;
  }
  return o;
}

/** The keys of the `wirebook json` object that come before `frames` and `connections`. */
export function captureHeadToJson(capture: Pick<DecodedCapture, 'input' | 'problems'>): Record<string, unknown> {
  const out: Record<string, unknown> = {
    wirebook: WIREBOOK_VERSION,
    input: { ...capture.input },
  };
  if (capture.problems.length > 0) out.problems = capture.problems;
  return out;
}

/** The `wirebook json` object (DESIGN.md, "Command line and JSON contract"). */
export function captureToJson(capture: DecodedCapture, opts: JsonOptions = {}): Record<string, unknown> {
  const out = captureHeadToJson(capture);
  if (opts.frames ?? true) out.frames = capture.frames.map(frameToJson);
  out.connections = capture.connections.map((c) => connectionToJson(c, opts));
  return out;
}
