import { writeFileSync } from 'node:fs';
import { basename, extname } from 'node:path';
import { renderWalkthrough, type ConnectionOutcome } from '../render/html/index.ts';
import { renderDump } from '../render/text/dump.ts';
import { diagnoseConnection } from '../diagnose/index.ts';
import type { ConnectionVerdict } from '../diagnose/types.ts';
import type { DecodedConnection } from '../model/decoded.ts';
import { NoBrowserError } from '../render/no-browser.ts';
import { InputError, UsageError, stringOpt, type ParsedOptions } from './args.ts';
import { capturePath } from './commands.ts';
import { decodeForCli } from './decode-input.ts';
import { writeOut } from './json.ts';

type Args = { values: ParsedOptions; positionals: string[] };

/** `--conn N` as a connection id list (undefined: all). */
function connOpt(values: ParsedOptions, count: number): number[] | undefined {
  const v = stringOpt(values, 'conn');
  if (v === undefined) return undefined;
  const ids = v.split(',').map((s) => Number(s.trim()));
  for (const id of ids) {
    if (!Number.isInteger(id) || id < 1) throw new UsageError(`--conn takes connection numbers from 1, got '${v}'`);
    if (id > count) throw new UsageError(`--conn ${id}: the capture has ${count} connection${count === 1 ? '' : 's'}`);
  }
  return ids;
}

/** The header line of a connection: "failed (server side, unknown_ca(48) from the server): <cause>". */
function verdictLine(v: ConnectionVerdict): string {
  if (v.outcome === 'success') return `success: ${v.summary}`;
  const f = v.failure;
  const who = f ? [f.side !== 'unknown' ? `${f.side} side` : undefined, f.alert ? `${f.alert} from the ${f.sentBy ?? 'peer'}` : undefined].filter(Boolean).join(', ') : '';
  return `${v.outcome}${who ? ` (${who})` : ''}: ${v.summary}`;
}

/** `wirebook explain`: a self-contained HTML (or PDF) walkthrough of every record. */
export async function runExplain(args: Args): Promise<number> {
  const path = capturePath(args.positionals, args.values);
  const out = stringOpt(args.values, 'output');
  const { capture } = decodeForCli(path, args.values);
  const connections = connOpt(args.values, capture.connections.length);
  const title = path === '-' ? 'wirebook walkthrough' : `wirebook: ${basename(path)}`;
  // Only the connections on the page are diagnosed, each once (the index and the header both ask).
  const verdicts = new Map<number, ConnectionVerdict>();
  const outcome = (c: DecodedConnection): ConnectionOutcome => {
    let v = verdicts.get(c.id);
    if (!v) verdicts.set(c.id, (v = diagnoseConnection(capture, c)));
    return { text: verdictLine(v), fail: v.outcome !== 'success' };
  };
  const html = renderWalkthrough(capture, { title, outcome, ...(connections ? { connections } : {}), showSecrets: args.values['show-secrets'] === true });
  if (out === undefined) {
    await writeOut(html);
    return 0;
  }
  const ext = extname(out).toLowerCase();
  if (ext === '.pdf') {
    try {
      const { renderWalkthroughPdf } = await import('../render/pdf.ts');
      writeFileSync(out, await renderWalkthroughPdf(html));
    } catch (e) {
      if (e instanceof NoBrowserError) throw new InputError(e.message);
      throw e;
    }
  } else if (ext === '.html' || ext === '.htm') {
    writeFileSync(out, html);
  } else {
    throw new UsageError(`-o ${out}: the name must end in .html or .pdf`);
  }
  return 0;
}

/** `wirebook dump`: the articles' terminal view: hex with ^^ markers and the field list. */
export async function runDump(args: Args): Promise<number> {
  const path = capturePath(args.positionals, args.values);
  const { capture } = decodeForCli(path, args.values);
  const connections = connOpt(args.values, capture.connections.length);
  const color = args.values.color === true || (args.values['no-color'] !== true && process.stdout.isTTY === true);
  await writeOut(renderDump(capture, { color, ...(connections ? { connections } : {}) }));
  return 0;
}

/** `wirebook build`: the course site from lessons/ and fixtures/ (and the course PDF). */
export async function runBuild(args: Args): Promise<number> {
  if (args.positionals.length > 0) throw new UsageError(`unexpected argument '${args.positionals[0]}'`);
  const lessonsDir = stringOpt(args.values, 'lessons') ?? 'lessons';
  const outDir = stringOpt(args.values, 'output') ?? 'site';
  try {
    const { buildSite } = await import('../lessons/index.ts');
    const result = await buildSite({ lessonsDir, outDir, pdf: args.values.pdf === true });
    process.stderr.write(`wirebook build: ${result.lessons.length} lessons, ${result.files.length} files in ${outDir}/\n`);
  } catch (e) {
    if (e instanceof NoBrowserError) throw new InputError(e.message);
    throw e;
  }
  return 0;
}
