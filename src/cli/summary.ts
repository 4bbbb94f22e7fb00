import { summaryLines } from '../tls/summary.ts';
import type { ParsedOptions } from './args.ts';
import { capturePath } from './commands.ts';
import { decodeForCli } from './decode-input.ts';
import { writeOut } from './json.ts';

/** `wirebook summary`: one line per TLS record in the spirit of `ssldump -A -H`. */
export async function runSummary(args: { values: ParsedOptions; positionals: string[] }): Promise<number> {
  const path = capturePath(args.positionals, args.values);
  const result = decodeForCli(path, args.values, false);
  const conns = [...result.tls.values()];
  await writeOut(summaryLines(conns).join('\n') + '\n');
  return 0;
}
