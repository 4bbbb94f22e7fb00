// `wirebook summary`: one line per record in the spirit of `ssldump -A -H`
// ("1 3  0.0019 (0.0019)  C>S  Handshake  ClientHello").
import type { RecordSummary, TlsConnectionDecode } from './connection.ts';
import { contentTypes, versionLabel } from './names.ts';

/** One summary row, as data (renderers and JSON) and as the line `describeRecordSummary` prints. */
export interface SummaryLine {
  connection: number;
  record: number;
  /** Seconds since the connection's first record. */
  time: number;
  dir: 'C>S' | 'S>C';
  type: string;
  version?: string;
  length: number;
  messages: string[];
  frame: number;
}

/** The summary rows of one decoded connection, in wire order. */
export function recordSummaries(tls: TlsConnectionDecode): SummaryLine[] {
  const t0 = tls.records[0]?.timeNs ?? 0n;
  return tls.records.map((r: RecordSummary) => {
    const line: SummaryLine = {
      connection: tls.decoded.id,
      record: r.number,
      time: Number(r.timeNs - t0) / 1e9,
      dir: r.dir === 'c2s' ? 'C>S' : 'S>C',
      type: r.kind === 'data' ? 'data' : r.kind === 'sslv2' ? 'SSLv2' : (contentTypes.get(r.contentType ?? -1) ?? `type ${r.contentType}`),
      length: r.length,
      messages: r.messages,
      frame: r.frame,
    };
    if (r.version !== undefined) line.version = versionLabel(r.version);
    return line;
  });
}

/** One `ssldump -A -H`-like line: `conn record  time  dir  version type length  messages`. */
export function describeRecordSummary(line: SummaryLine): string {
  const time = line.time.toFixed(4).padStart(8);
  const head = `${line.connection} ${String(line.record).padStart(2)} ${time}  ${line.dir}  ${(line.version ?? '').padEnd(7)} ${line.type.padEnd(18)} ${String(line.length).padStart(5)}`;
  return line.messages.length > 0 ? `${head}  ${line.messages.join(', ')}` : head;
}

/** All summary lines of a capture's TLS connections. */
export function summaryLines(conns: readonly TlsConnectionDecode[]): string[] {
  return conns.flatMap((c) => recordSummaries(c).map(describeRecordSummary));
}

