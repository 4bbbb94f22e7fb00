import { parseArgs, type ParseArgsConfig } from 'node:util';

/** A command-line mistake: printed with the command's usage, exit code 2. */
export class UsageError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'UsageError';
  }
}

/** An input that cannot be read: exit code 3. */
export class InputError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'InputError';
  }
}

type Options = NonNullable<ParseArgsConfig['options']>;

/** Parsed options of one command: strings, booleans and repeated strings by name. */
export type ParsedOptions = Record<string, string | boolean | string[] | undefined>;

/** Parses argv for one command, turning util.parseArgs errors into UsageErrors. */
export function parseCommandArgs(argv: string[], options: Options): { values: ParsedOptions; positionals: string[] } {
  try {
    const { values, positionals } = parseArgs({ args: argv, options: { ...options, help: { type: 'boolean', short: 'h' } }, allowPositionals: true, strict: true });
    return { values: values as ParsedOptions, positionals };
  } catch (e) {
    throw new UsageError((e as Error).message);
  }
}

/** A string option's value, or undefined. */
export function stringOpt(values: ParsedOptions, name: string): string | undefined {
  const v = values[name];
  return typeof v === 'string' ? v : undefined;
}

/** A repeatable string option's values. */
export function listOpt(values: ParsedOptions, name: string): string[] {
  const v = values[name];
  if (Array.isArray(v)) return v;
  return typeof v === 'string' ? [v] : [];
}
