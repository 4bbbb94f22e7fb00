import { captureToJson, type JsonOptions } from '../model/serialize.ts';
import type { ParsedOptions } from './args.ts';
import { capturePath } from './commands.ts';
import { cliDecodeOptions, decodeForCli } from './decode-input.ts';
import { checkReadable } from './input.ts';
import { coverageLine, streamJson, streamJsonStats } from './json-stream.ts';
import { writeOut } from './output.ts';

/** `wirebook json`: the annotation model as JSON on stdout (or coverage figures with --stats). */
export async function runJson(args: { values: ParsedOptions; positionals: string[] }): Promise<number> {
  const path = capturePath(args.positionals, args.values);
  const opts: JsonOptions = {
    frames: !args.values['no-frames'],
    redact: args.values.redact === true,
    showSecrets: args.values['show-secrets'] === true,
  };
  if (path !== '-') {
    // A file can be read more than once: stream it, so memory stays flat however big it is.
    const decode = cliDecodeOptions(args.values, opts.frames);
    checkReadable(path);
    if (args.values.stats) await streamJsonStats(path, decode);
    else await streamJson(path, decode, opts);
    return 0;
  }
  const result = decodeForCli(path, args.values, opts.frames);
  if (args.values.stats) {
    const lines = result.capture.connections.map((c) => coverageLine(result.connections[c.id - 1]!, c));
    await writeOut(JSON.stringify({ connections: lines }, null, 2) + '\n');
    return 0;
  }
  await writeOut(JSON.stringify(captureToJson(result.capture, opts)) + '\n');
  return 0;
}
