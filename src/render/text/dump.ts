import type { DecodedCapture, DecodedConnection, MessageRef } from '../../model/decoded.ts';
import { walkFields, type Field } from '../../model/field.ts';
import { ByteSource } from '../bytes.ts';

/** Options of `renderDump`. */
export interface DumpOptions {
  /** ANSI colours (for a TTY); plain text otherwise. */
  color?: boolean;
  /** Only these connection ids. */
  connections?: number[];
  /** At most this many hex lines per field (long fields end with "…"). */
  maxLines?: number;
}

const COLORS = [33, 36, 32, 35, 34, 31, 93, 96];
const paint = (on: boolean, code: number, s: string): string => (on ? `\x1b[${code}m${s}\x1b[0m` : s);
const dim = (on: boolean, s: string): string => (on ? `\x1b[2m${s}\x1b[0m` : s);
const bold = (on: boolean, s: string): string => (on ? `\x1b[1m${s}\x1b[0m` : s);

/** Column of byte `i` (0-15) in a tcpdump -X line: `0x0000:  1603 0100 ...`. */
const col = (i: number): number => 9 + (i >> 1) * 5 + (i & 1) * 2;

function ascii(b: number): string {
  return b >= 0x20 && b < 0x7f ? String.fromCharCode(b) : '.';
}

/** One tcpdump -X style line of up to 16 bytes; `hi` marks bytes to colour. */
function hexLine(bytes: Uint8Array, start: number, hi: (i: number) => boolean, color: number | undefined): string {
  const end = Math.min(bytes.length, start + 16);
  let line = `0x${start.toString(16).padStart(4, '0')}:  `;
  let text = '';
  for (let i = start; i < end; i++) {
    const h = bytes[i]!.toString(16).padStart(2, '0');
    const on = color !== undefined && hi(i);
    line += on ? paint(true, color, h) : h;
    if ((i - start) % 2 === 1 && i + 1 < end) line += ' ';
    text += on ? paint(true, color, ascii(bytes[i]!)) : ascii(bytes[i]!);
  }
  const n = end - start;
  const width = col(n - 1) + 2;
  return line + ' '.repeat(Math.max(1, col(16) - width + 1)) + text;
}

function valueOf(f: Field): string {
  if (f.display !== undefined) return f.display;
  if (f.value === undefined) return '';
  const v = String(f.value);
  return v.length > 48 ? v.slice(0, 48) + '…' : v;
}

/** The dump of one record: its hex, then each field with `^^` under its bytes. */
function dumpRecord(rec: Field, no: number, msgs: MessageRef[], source: ByteSource, opts: DumpOptions): string[] {
  const c = opts.color ?? false;
  const view = source.resolve(rec.spans);
  const bytes = view.bytes;
  const out: string[] = [];
  const dir = msgs[0] ? (msgs[0].dir === 'c2s' ? 'client → server' : 'server → client') : '';
  const frames = [...new Set(rec.spans.map((s) => ('frame' in s ? `#${s.frame}` : s.buffer)))].join(', ');
  out.push(bold(c, `Record ${no}  ${dir}  ${msgs.map((m) => m.type).join(', ') || rec.name}  (${frames}, ${bytes.length} bytes)`));
  const maxLines = opts.maxLines ?? 3;
  let leafNo = 0;
  const depthOf = new Map<Field, number>([[rec, 0]]);
  for (const f of walkFields([rec])) {
    const d = depthOf.get(f) ?? 0;
    for (const k of f.children ?? []) depthOf.set(k, d + 1);
    const pad = '  '.repeat(d + 1);
    const filter = f.filter ? dim(c, `  [${f.filter}]`) : '';
    const v = valueOf(f);
    const bad = f.malformed !== undefined ? paint(c, 31, `  MALFORMED: ${f.malformed}`) : '';
    if (f.children && f.children.length > 0) {
      out.push(`${pad}${bold(c, f.name)}${v ? ': ' + v : ''}${filter}${bad}`);
      continue;
    }
    const color = COLORS[leafNo++ % COLORS.length]!;
    out.push(`${pad}${paint(c, color, f.name)}: ${v}${filter}${bad}`);
    const idx = new Set<number>();
    view.eachPosition(f.spans, (p) => idx.add(p));
    if (idx.size === 0) continue;
    const lines = [...new Set([...idx].map((i) => i >> 4))].sort((a, b) => a - b);
    lines.slice(0, maxLines).forEach((ln) => {
      const start = ln * 16;
      out.push(pad + '  ' + hexLine(bytes, start, (i) => idx.has(i), c ? color : undefined));
      let marks = '';
      for (let i = start; i < Math.min(bytes.length, start + 16); i++) {
        if (!idx.has(i)) continue;
        marks = marks.padEnd(col(i - start), ' ') + '^^';
      }
      out.push(pad + '  ' + paint(c, color, marks));
    });
    if (lines.length > maxLines) out.push(pad + '  ' + dim(c, `… ${lines.length - maxLines} more lines`));
  }
  return out;
}

function dumpConnection(capture: DecodedCapture, conn: DecodedConnection, opts: DumpOptions): string[] {
  const c = opts.color ?? false;
  const source = new ByteSource(capture, conn);
  const byField = new Map<Field, MessageRef>();
  for (const m of conn.messages) if (m.field) byField.set(m.field, m);
  const out = [bold(c, `Connection ${conn.id}  ${conn.client} → ${conn.server}`)];
  const facts = [conn.version, conn.cipherSuite, conn.sni ? `SNI ${conn.sni}` : undefined].filter((x) => x !== undefined);
  if (facts.length) out.push('  ' + facts.join(' · '));
  conn.fields.forEach((rec, i) => {
    const msgs = [...walkFields([rec])].map((f) => byField.get(f)).filter((m): m is MessageRef => m !== undefined);
    out.push('', ...dumpRecord(rec, i + 1, msgs, source, opts));
  });
  return out;
}

/** One connection's part of a dump (a dump joins them with a blank line and ends with a newline). */
export function renderDumpConnection(capture: DecodedCapture, conn: DecodedConnection, opts: DumpOptions = {}): string {
  return dumpConnection(capture, conn, opts).join('\n');
}

/** Terminal text in the style of the hand-made articles: hex lines, `^^` markers, nested fields. */
export function renderDump(capture: DecodedCapture, opts: DumpOptions = {}): string {
  const conns = capture.connections.filter((x) => !opts.connections || opts.connections.includes(x.id));
  return conns.map((conn) => renderDumpConnection(capture, conn, opts)).join('\n\n') + '\n';
}
