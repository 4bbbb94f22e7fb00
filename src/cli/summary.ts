import { forEachConnection, surveyCaptureFile } from '../decode-stream.ts';
import type { CaptureProblem } from '../capture/frame.ts';
import type { DecodeOptions } from '../decode.ts';
import { describeRecordSummary, recordSummaries, summaryLines } from '../tls/summary.ts';
import type { ParsedOptions } from './args.ts';
import { capturePath } from './commands.ts';
import { cliDecodeOptions, decodeForCli } from './decode-input.ts';
import { checkReadable, warnCaptureProblems } from './input.ts';
import { ChunkedWriter, writeOut } from './output.ts';

/** `wirebook summary`: one line per TLS record in the spirit of `ssldump -A -H`. */
export async function runSummary(args: { values: ParsedOptions; positionals: string[] }): Promise<number> {
  const path = capturePath(args.positionals, args.values);
  if (path !== '-') {
    // A file can be read twice: stream it, so memory stays flat however big the capture is.
    checkReadable(path);
    warnCaptureProblems('summary', await streamSummary(path, cliDecodeOptions(args.values, false)));
    return 0;
  }
  const result = decodeForCli(path, args.values, false);
  const conns = [...result.tls.values()];
  await writeOut(summaryLines(conns).join('\n') + '\n');
  warnCaptureProblems('summary', result.capture.problems);
  return 0;
}

/**
 * Streams `wirebook summary FILE`: each connection's lines are written once TCP closes it, and the
 * connection is dropped; returns what could not be read in the capture. The text equals the in-memory `summaryLines(...).join('\n') + '\n'`: every
 * line's time counts from its own connection's first record, so no state crosses connections.
 */
export async function streamSummary(path: string, decode: DecodeOptions, out: NodeJS.WritableStream = process.stdout): Promise<CaptureProblem[]> {
  const { secrets, problems } = await surveyCaptureFile(path);
  const w = new ChunkedWriter(out);
  let lines = 0;
  await forEachConnection(path, decode, secrets, async ({ tls }) => {
    for (const line of recordSummaries(tls)) {
      lines += 1;
      const wait = w.write(describeRecordSummary(line) + '\n');
      if (wait) await wait;
    }
  });
  // The in-memory text of no lines is one newline (join gives '', then '\n').
  if (lines === 0) await w.write('\n');
  await w.flush();
  return problems;
}
