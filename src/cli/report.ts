import { writeFileSync } from 'node:fs';
import { extname } from 'node:path';
import { certificatesFromBytes } from '../crypto/pem.ts';
import { renderReport, reportCapture, type Report, type ReportFormat } from '../report/index.ts';
import { reportCaptureFile } from '../report/stream.ts';
import { InputError, UsageError, listOpt, stringOpt, type ParsedOptions } from './args.ts';
import { capturePath } from './commands.ts';
import { cliDecodeOptions, decodeForCli, secretsFromOptions } from './decode-input.ts';
import { checkReadable, readFileArg } from './input.ts';
import { writeOut } from './output.ts';

const FORMATS: Record<string, ReportFormat | 'pdf'> = { '.html': 'html', '.htm': 'html', '.md': 'md', '.markdown': 'md', '.json': 'json', '.pdf': 'pdf' };

/** The CA certificates of every --ca FILE (PEM bundle or DER); a file with none is a usage mistake. */
function caOption(values: ParsedOptions): Uint8Array[] | undefined {
  const files = listOpt(values, 'ca');
  if (files.length === 0) return undefined;
  const cas: Uint8Array[] = [];
  for (const file of files) {
    const certs = certificatesFromBytes(readFileArg(file, 'CA file'));
    if (certs.length === 0) throw new InputError(`--ca ${file}: no certificate found (expected PEM "BEGIN CERTIFICATE" blocks or one DER certificate)`);
    cas.push(...certs);
  }
  return cas;
}

/** The format to write: -o's extension, else --format (md by default); both given must agree. */
function formatOpt(values: ParsedOptions, out: string | undefined): ReportFormat | 'pdf' {
  const asked = stringOpt(values, 'format');
  if (asked !== undefined && asked !== 'md' && asked !== 'json' && asked !== 'html') throw new UsageError(`--format takes md, json or html, got '${asked}'`);
  if (out === undefined) return asked ?? 'md';
  const f = FORMATS[extname(out).toLowerCase()];
  if (!f) throw new UsageError(`-o ${out}: the name must end in .html, .pdf, .md or .json`);
  if (asked !== undefined && asked !== f) throw new UsageError(`--format ${asked} disagrees with -o ${out}, which writes ${f}: give one of them, or both alike`);
  return f;
}

/** `wirebook report`: who broke each handshake, with evidence; HTML, PDF, Markdown or JSON. */
export async function runReport(args: { values: ParsedOptions; positionals: string[] }): Promise<number> {
  const path = capturePath(args.positionals, args.values);
  const out = stringOpt(args.values, 'output');
  const format = formatOpt(args.values, out);
  const cas = caOption(args.values);
  const reportOpts = { redact: args.values.redact === true, ...(cas ? { cas } : {}) };
  let report: Report;
  if (path === '-') report = reportCapture(decodeForCli(path, args.values, false).capture, reportOpts);
  else {
    // A file can be read more than once: stream it, so memory is its frames plus one entry per
    // connection rather than every connection's decoded fields. Each pass gets fresh options.
    const secrets = secretsFromOptions(args.values);
    checkReadable(path);
    report = await reportCaptureFile(path, () => cliDecodeOptions(args.values, false, secrets), reportOpts);
  }
  if (format === 'pdf') {
    const { htmlToPdf } = await import('../render/pdf.ts');
    writeFileSync(out!, await htmlToPdf(renderReport(report, 'html'), 'wirebook report'));
    return 0;
  }
  const text = renderReport(report, format);
  if (out === undefined) await writeOut(text);
  else writeFileSync(out, text);
  return 0;
}
