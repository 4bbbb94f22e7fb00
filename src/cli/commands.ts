import { UsageError, parseCommandArgs, type ParsedOptions } from './args.ts';
import { runJson } from './json.ts';
import { runSummary } from './summary.ts';

/** One wirebook command: its help text and what it runs (returns the exit code). */
export interface Command {
  name: string;
  summary: string;
  usage: string;
  help: string;
  run(argv: string[]): Promise<number>;
}

/** Options every command that decodes a capture takes. */
export const decodeOptionsHelp = `  --keylog FILE         NSS key log (SSLKEYLOGFILE) with the connections' secrets
  --key FILE            server RSA private key (PEM or DER; repeat for several servers)
  --key-password PASS   passphrase of an encrypted private key
  --show-secrets        print keys and secrets in calculations (hidden by default)`;

/** util.parseArgs options for decoding commands. */
export const decodeOptionSpec = {
  keylog: { type: 'string' },
  key: { type: 'string', multiple: true },
  'key-password': { type: 'string' },
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
    run: (argv) => runJson(parseCommandArgs(argv, { ...decodeOptionSpec, 'no-frames': { type: 'boolean' }, redact: { type: 'boolean' }, stats: { type: 'boolean' } })),
  },
  {
    name: 'summary',
    summary: 'one line per TLS record, ssldump style (connection, record, time, direction, type, version, length, messages)',
    usage: 'wirebook summary CAPTURE|- [--keylog F] [--key F]...',
    help: decodeOptionsHelp,
    run: (argv) => runSummary(parseCommandArgs(argv, decodeOptionSpec)),
  },
];
