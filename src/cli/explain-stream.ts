// `wirebook explain` on a capture file, streamed: connections are decoded one at a time as TCP
// closes them; the ones on the page are diagnosed and rendered into their sections at once, the
// others only noted (later resumptions name them) and dropped. What stays is the capture's frame
// bytes, one short index row per shown connection and the page's shared state; the sections wait
// in a SpillBuffer until the index above them is complete. The page is byte-identical to
// explainInMemory's (test/cli/explain-stream.test.ts).
import { forEachConnection, scanCaptureFile, STOP, type Step } from '../decode-stream.ts';
import { diagnoseConnection, noteConnection } from '../diagnose/index.ts';
import { FrameFieldCache } from '../frame-fields.ts';
import { FrameStore } from '../frame-store.ts';
import type { DecodedCapture, DecodedConnection } from '../model/decoded.ts';
import type { ConnectionOutcome, WalkthroughOptions } from '../render/html/index.ts';
import { COMPACT_OVER, connectionIndex, connectionIndexRow, isCompactPage, WalkthroughPage } from '../render/html/walkthrough.ts';
import type { ParsedOptions } from './args.ts';
import { checkConnIds, parseConnOption } from './conn-option.ts';
import { cliDecodeOptions, secretsFromOptions } from './decode-input.ts';
import { explainTitle, verdictOutcome } from './explain-page.ts';
import { checkReadable } from './input.ts';
import type { Sink } from './output.ts';
import { SpillBuffer, type SpillOptions } from './spill.ts';

/**
 * Writes the walkthrough of the capture file `path` to `out` (nothing when it fails, e.g. `--conn`
 * beyond the last connection); sections that outgrow memory wait in a temp file (see SpillOptions).
 */
export async function streamExplain(path: string, values: ParsedOptions, out: Sink, spill: SpillOptions): Promise<void> {
  // In the in-memory path's order: secrets, the capture, then --conn.
  const secrets = secretsFromOptions(values);
  checkReadable(path);
  const scan = await scanCaptureFile(path);
  const ids = parseConnOption(values);
  const wanted = ids ? new Set(ids) : undefined;
  const last = ids ? Math.max(...ids) : Infinity;
  // Frame header fields are made when a wire view (or a rule's evidence) asks, as decodeForCli's
  // lazyFrameFields. A frame belongs to one connection, and nothing compares fields across
  // connections, so the cache is emptied after each: kept, its 4,096 frames of fields are 100 MB.
  const fields = new FrameFieldCache();
  const store = new FrameStore(fields);
  // The rules and cells see a capture holding the frames read so far (each connection's own
  // frames are read before it is decoded) and no connection list (see noteConnection).
  const capture: DecodedCapture = { input: { format: scan.format, frames: scan.frames, bytes: scan.bytes, sha256: scan.sha256 }, problems: scan.problems, frames: store.frames, connections: [] };
  const outcomes = new Map<number, ConnectionOutcome>();
  const opts: WalkthroughOptions = { title: explainTitle(path), outcome: (c) => outcomes.get(c.id), ...(ids ? { connections: ids } : {}), showSecrets: values['show-secrets'] === true };
  const rows: string[] = [];
  const sections = new SpillBuffer(spill.spillDir, spill.spillLimit);
  // Compact or not must be known before the first section: with --conn it is known now; else the
  // first connections wait until a 26th arrives (compact) or the capture ends with fewer.
  let page = wanted ? new WalkthroughPage(capture, opts, isCompactPage(wanted.size, opts)) : undefined;
  let held: DecodedConnection[] = [];
  let count = 0;
  let rendered = 0;
  const render = (p: WalkthroughPage, c: DecodedConnection): void => {
    // Sections are joined by a newline, as renderWalkthrough joins them.
    sections.write((rendered++ > 0 ? '\n' : '') + p.section(c));
    outcomes.delete(c.id);
  };
  try {
    await forEachConnection(path, cliDecodeOptions(values, true, secrets), scan.secrets, ({ decoded }): Step => {
      count = decoded.id;
      if (wanted && !wanted.has(decoded.id)) noteConnection(capture, decoded);
      else {
        // Diagnosed in id order as they come (the sessions rule remembers earlier connections).
        outcomes.set(decoded.id, verdictOutcome(diagnoseConnection(capture, decoded)));
        rows.push(connectionIndexRow(decoded, opts));
        if (page) render(page, decoded);
        else if (held.push(decoded) > COMPACT_OVER) {
          page = new WalkthroughPage(capture, opts, isCompactPage(held.length, opts));
          for (const c of held) render(page, c);
          held = [];
        }
      }
      fields.clear();
      return decoded.id >= last ? STOP : undefined;
    }, (batch) => store.add(batch));
    // Read to the end, `count` is how many connections there are; stopped early, it is the last id asked for.
    checkConnIds(ids, count);
    if (!page) {
      page = new WalkthroughPage(capture, opts, isCompactPage(held.length, opts));
      for (const c of held) render(page, c);
      held = [];
    }
    await out.write(page.head(rows.length) + connectionIndex(rows));
    await sections.copyTo(out);
    await out.write(page.foot());
  } finally {
    sections.dispose();
  }
}
