// `wirebook dump` on a capture file, streamed: connections are decoded one at a time as TCP closes
// them and each shown one is written as it comes, so memory is the capture's frame bytes and one
// connection. With `--conn` the text waits (in a SpillBuffer) until the ids are known to exist,
// so a wrong id prints nothing but the usage error, and reading stops after the last id asked
// for. The text is byte-identical to renderDump's on the whole decode (test/cli/dump-stream.test.ts).
import { forEachConnection, STOP, surveyCaptureFile, type Step } from '../decode-stream.ts';
import { FrameStore } from '../frame-store.ts';
import type { CaptureProblem } from '../capture/frame.ts';
import type { DecodedCapture } from '../model/decoded.ts';
import { renderDumpConnection, type DumpOptions } from '../render/text/dump.ts';
import type { ParsedOptions } from './args.ts';
import { checkConnIds, parseConnOption } from './conn-option.ts';
import { cliDecodeOptions, secretsFromOptions } from './decode-input.ts';
import { checkReadable } from './input.ts';
import type { Sink } from './output.ts';
import { SpillBuffer, type SpillOptions } from './spill.ts';

/**
 * Writes the dump of the capture file `path` to `out` (with --conn, text past memory's share waits
 * in a temp file: see SpillOptions); returns what could not be read in the capture.
 */
export async function streamDump(path: string, values: ParsedOptions, opts: Pick<DumpOptions, 'color'>, out: Sink, spill: SpillOptions): Promise<CaptureProblem[]> {
  const secrets = secretsFromOptions(values);
  checkReadable(path);
  const read = await surveyCaptureFile(path);
  const ids = parseConnOption(values);
  const last = ids ? Math.max(...ids) : Infinity;
  // The dump reads frame bytes only (no header fields); nothing else of the capture.
  const store = new FrameStore();
  const capture: DecodedCapture = { input: { format: read.format, frames: read.frames, bytes: 0, sha256: '' }, problems: read.problems, frames: store.frames, connections: [] };
  const held = ids ? new SpillBuffer(spill.spillDir, spill.spillLimit) : undefined;
  const to: Sink = held ?? out;
  let count = 0;
  let written = 0;
  try {
    await forEachConnection(path, cliDecodeOptions(values, true, secrets), read.secrets, async ({ decoded }): Promise<Step> => {
      count = decoded.id;
      if (!ids || ids.includes(decoded.id)) await to.write((written++ > 0 ? '\n\n' : '') + renderDumpConnection(capture, decoded, opts));
      return decoded.id >= last ? STOP : undefined;
    }, (batch) => store.add(batch));
    checkConnIds(ids, count);
    await held?.copyTo(out);
    await out.write('\n');
    return read.problems;
  } finally {
    held?.dispose();
  }
}
