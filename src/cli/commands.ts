import { UsageError, parseCommandArgs, type ParsedOptions } from './args.ts';
// Command modules load only when their command runs: the renderers, shiki and puppeteer take
// seconds to import, which `wirebook json` or `--help` should not pay.
const json = (): Promise<typeof import('./json.ts')> => import('./json.ts');
const summary = (): Promise<typeof import('./summary.ts')> => import('./summary.ts');
const rendering = (): Promise<typeof import('./render-commands.ts')> => import('./render-commands.ts');
const report = (): Promise<typeof import('./report.ts')> => import('./report.ts');

/** One wirebook command: its help text and what it runs (returns the exit code). */
export interface Command {
  name: string;
  summary: string;
  usage: string;
  help: string;
  run(argv: string[]): Promise<number>;
}

/** The secret files every command that decodes a capture takes. */
const keyOptionsHelp = `  --keylog FILE         NSS key log (SSLKEYLOGFILE) with the connections' secrets
  --key FILE            server RSA private key (PEM or DER; repeat for several servers)
  --key-password PASS   passphrase of an encrypted private key`;

/** Options every command that decodes a capture and prints its calculations takes. */
export const decodeOptionsHelp = `${keyOptionsHelp}
  --show-secrets        print keys and secrets in calculations (hidden by default)`;

/** util.parseArgs options for the secret files (`report`, `summary` and `dump` print no calculations, so take only these). */
const keyOptionSpec = {
  keylog: { type: 'string' },
  key: { type: 'string', multiple: true },
  'key-password': { type: 'string' },
} as const;

/** util.parseArgs options for decoding commands. */
export const decodeOptionSpec = {
  ...keyOptionSpec,
  'show-secrets': { type: 'boolean' },
} as const;

/** The one CAPTURE positional of a command. */
export function capturePath(positionals: string[], values: ParsedOptions): string {
  void values;
  if (positionals.length === 0) throw new UsageError('missing CAPTURE (a capture file, or - for standard input)');
  if (positionals.length > 1) throw new UsageError(`expected one CAPTURE, got ${positionals.length}: ${positionals.join(' ')}`);
  return positionals[0]!;
}

export const commands: Command[] = [
  {
    name: 'json',
    summary: 'print every annotation (fields with Wireshark names and byte spans) as JSON',
    usage: 'wirebook json CAPTURE|- [--keylog F] [--key F]... [--no-frames] [--redact] [--stats]',
    help: `${decodeOptionsHelp}
  --no-frames           leave out the per-frame link/IP/TCP header fields
  --redact              replace decrypted application data by its length
  --stats               print byte coverage per connection instead of the annotations`,
    run: async (argv) => (await json()).runJson(parseCommandArgs(argv, { ...decodeOptionSpec, 'no-frames': { type: 'boolean' }, redact: { type: 'boolean' }, stats: { type: 'boolean' } })),
  },
  {
    name: 'summary',
    summary: 'one line per TLS record, ssldump style (connection, record, time, direction, type, version, length, messages)',
    usage: 'wirebook summary CAPTURE|- [--keylog F] [--key F]...',
    help: keyOptionsHelp,
    run: async (argv) => (await summary()).runSummary(parseCommandArgs(argv, keyOptionSpec)),
  },
  {
    name: 'explain',
    summary: 'a self-contained walkthrough of every record: ladder, colored hex, field tables, explanations',
    usage: 'wirebook explain CAPTURE|- [-o walk.html|walk.pdf] [--keylog F] [--key F]... [--conn N]',
    help: `${decodeOptionsHelp}
  -o, --output FILE     write walk.html or walk.pdf (PDF needs Chromium: PUPPETEER_EXECUTABLE_PATH
                        or /usr/bin/chromium); without -o the HTML goes to stdout
  --conn N[,M]          only these connections (numbered from 1 in order of first frame)`,
    run: async (argv) => (await rendering()).runExplain(parseCommandArgs(argv, { ...decodeOptionSpec, output: { type: 'string', short: 'o' }, conn: { type: 'string' } })),
  },
  {
    name: 'report',
    summary: 'incident report: per connection who broke the handshake, why, and the bytes that prove it',
    usage: 'wirebook report CAPTURE|- [-o report.html|.pdf|.md|.json] [--keylog F] [--key F]... [--redact] [--ca F]...',
    help: `${keyOptionsHelp}
  -o, --output FILE     report.html, report.pdf, report.md or report.json (by extension; PDF needs
                        Chromium: PUPPETEER_EXECUTABLE_PATH or /usr/bin/chromium)
  --format md|json|html the format written to stdout (default md, to paste into a ticket); with -o
                        it must match the file's extension
  --redact              withhold the bytes of decrypted evidence (a report never holds secrets), so it can go to the other party
  --ca FILE             trusted CA certificates (PEM bundle or DER); the server's chain is checked against them`,
    run: async (argv) => (await report()).runReport(parseCommandArgs(argv, { ...keyOptionSpec, output: { type: 'string', short: 'o' }, format: { type: 'string' }, redact: { type: 'boolean' }, ca: { type: 'string', multiple: true } })),
  },
  {
    name: 'dump',
    summary: 'terminal view: hex lines with ^^ markers under each field and the nested field list',
    usage: 'wirebook dump CAPTURE|- [--keylog F] [--key F]... [--conn N] [--color|--no-color]',
    help: `${keyOptionsHelp}
  --conn N[,M]          only these connections
  --color, --no-color   force ANSI colors on or off (default: on when stdout is a terminal)`,
    run: async (argv) => (await rendering()).runDump(parseCommandArgs(argv, { ...keyOptionSpec, conn: { type: 'string' }, color: { type: 'boolean' }, 'no-color': { type: 'boolean' } })),
  },
  {
    name: 'build',
    summary: 'build the course site from lessons/*.md and their fixtures (and the course PDF)',
    usage: 'wirebook build [--lessons lessons] [-o site] [--pdf]',
    help: `  --lessons DIR         folder of Markdown lessons (default: lessons)
  -o, --output DIR      where to write the site (default: site)
  --pdf                 also write course.pdf (needs Chromium: PUPPETEER_EXECUTABLE_PATH or /usr/bin/chromium)`,
    run: async (argv) => (await rendering()).runBuild(parseCommandArgs(argv, { lessons: { type: 'string' }, output: { type: 'string', short: 'o' }, pdf: { type: 'boolean' } })),
  },
];
