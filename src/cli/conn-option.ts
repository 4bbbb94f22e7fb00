// `--conn N[,M]` of explain and dump: which connections to show. A streamed command learns how
// many connections a capture has only at its end, so the numbers are read first and checked
// against the count later, with the message the in-memory path gives.
import { UsageError, stringOpt, type ParsedOptions } from './args.ts';

/** `--conn N[,M]` as connection ids (undefined: all); numbers below 1 or not numbers are usage errors. */
export function parseConnOption(values: ParsedOptions): number[] | undefined {
  const v = stringOpt(values, 'conn');
  if (v === undefined) return undefined;
  const ids = v.split(',').map((s) => Number(s.trim()));
  for (const id of ids) if (!Number.isInteger(id) || id < 1) throw new UsageError(`--conn takes connection numbers from 1, got '${v}'`);
  return ids;
}

/** Fails (usage error) on the first id beyond a capture of `count` connections. */
export function checkConnIds(ids: readonly number[] | undefined, count: number): void {
  for (const id of ids ?? []) if (id > count) throw new UsageError(`--conn ${id}: the capture has ${count} connection${count === 1 ? '' : 's'}`);
}

/** `--conn` checked against a capture of `count` connections (the in-memory path knows the count up front). */
export function connOption(values: ParsedOptions, count: number): number[] | undefined {
  const ids = parseConnOption(values);
  checkConnIds(ids, count);
  return ids;
}
