import { writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, extname } from 'node:path';
import { renderDump } from '../render/text/dump.ts';
import { UsageError, stringOpt, type ParsedOptions } from './args.ts';
import { capturePath } from './commands.ts';
import { connOption } from './conn-option.ts';
import { decodeForCli } from './decode-input.ts';
import { streamDump } from './dump-stream.ts';
import { explainInMemory } from './explain-page.ts';
import { streamExplain } from './explain-stream.ts';
import { warnCaptureProblems } from './input.ts';
import { ChunkedWriter, FileSink, MemorySink, writeOut } from './output.ts';

type Args = { values: ParsedOptions; positionals: string[] };

/** The PDF of a walkthrough page (no browser is exit 3, as main() says for every PDF). */
async function writePdf(out: string, html: string): Promise<void> {
  const { renderWalkthroughPdf } = await import('../render/pdf.ts');
  writeFileSync(out, await renderWalkthroughPdf(html));
}

/** `wirebook explain`: a self-contained HTML (or PDF) walkthrough of every record. */
export async function runExplain(args: Args): Promise<number> {
  const path = capturePath(args.positionals, args.values);
  const out = stringOpt(args.values, 'output');
  const ext = out === undefined ? undefined : extname(out).toLowerCase();
  if (out !== undefined && ext !== '.pdf' && ext !== '.html' && ext !== '.htm') throw new UsageError(`-o ${out}: the name must end in .html or .pdf`);
  if (path === '-') {
    // Standard input can be read only once: decoded whole in memory.
    const html = explainInMemory(path, args.values);
    if (out === undefined) await writeOut(html);
    else if (ext === '.pdf') await writePdf(out, html);
    else writeFileSync(out, html);
    return 0;
  }
  // A file is streamed: one connection decoded at a time, sections past memory's share waiting in
  // a temp file beside the output (its disk has room for the page), or in the temp folder.
  if (out === undefined) {
    const stdout = new ChunkedWriter();
    await streamExplain(path, args.values, stdout, { spillDir: tmpdir() });
    await stdout.flush();
  } else if (ext === '.pdf') {
    // Chromium takes the page as one string, so it is put together in memory; the decode still streams.
    const page = new MemorySink();
    await streamExplain(path, args.values, page, { spillDir: dirname(out) });
    await writePdf(out, page.text());
  } else {
    const file = new FileSink(out);
    try {
      await streamExplain(path, args.values, file, { spillDir: dirname(out) });
      file.close();
    } catch (e) {
      file.discard();
      throw e;
    }
  }
  return 0;
}

/** `wirebook dump`: the articles' terminal view: hex with ^^ markers and the field list. */
export async function runDump(args: Args): Promise<number> {
  const path = capturePath(args.positionals, args.values);
  const color = args.values.color === true || (args.values['no-color'] !== true && process.stdout.isTTY === true);
  if (path !== '-') {
    // A file is streamed, one connection at a time (see dump-stream.ts).
    const stdout = new ChunkedWriter();
    const problems = await streamDump(path, args.values, { color }, stdout, { spillDir: tmpdir() });
    await stdout.flush();
    warnCaptureProblems('dump', problems);
    return 0;
  }
  const { capture } = decodeForCli(path, args.values);
  const connections = connOption(args.values, capture.connections.length);
  await writeOut(renderDump(capture, { color, ...(connections ? { connections } : {}) }));
  warnCaptureProblems('dump', capture.problems);
  return 0;
}

/** `wirebook build`: the course site from lessons/ and fixtures/ (and the course PDF). */
export async function runBuild(args: Args): Promise<number> {
  if (args.positionals.length > 0) throw new UsageError(`unexpected argument '${args.positionals[0]}'`);
  const lessonsDir = stringOpt(args.values, 'lessons') ?? 'lessons';
  const outDir = stringOpt(args.values, 'output') ?? 'site';
  // A mistake in a lesson (`lesson FILE:LINE: reason`) and no browser for --pdf are exit 3 (main()).
  const { buildSite } = await import('../lessons/index.ts');
  const result = await buildSite({ lessonsDir, outDir, pdf: args.values.pdf === true });
  process.stderr.write(`wirebook build: ${result.lessons.length} lessons, ${result.files.length} files in ${outDir}/\n`);
  return 0;
}
