// One measured stage of the benchmark, run in its own process so /usr/bin/time sees only it.
// Every stage prints one JSON line on stdout; bench/run.ts reads it.
//
//   reassemble CAPTURE       streamed read + TCP reassembly; counts and the in-process seconds
//   counts CAPTURE           the same pass, run once to learn frames and connections when the
//                            read group (whose reassembly gives them) is left out
//   pdf CAPTURE [RENDERS]    one browser, one warm-up PDF (first connection), then RENDERS
//                            timed PDFs of the whole walkthrough; seconds per page
//   write BYTES              writes BYTES of ready-made JSON text to stdout through the writer
//                            `wirebook json` uses: what the output alone costs, decoding nothing
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import type { Target } from 'puppeteer-core';
import { reassembleFile } from '../src/tcp/file.ts';
import type { Connection } from '../src/tcp/types.ts';

const [what, file, arg] = process.argv.slice(2);

/** Pages of a PDF: pdfinfo when installed, else Chromium's one `/Type /Page` dictionary per page. */
function countPages(pdf: Buffer): { pages: number; by: string } {
  const dir = mkdtempSync(join(tmpdir(), 'wb-bench-pdf-'));
  try {
    const path = join(dir, 'walk.pdf');
    writeFileSync(path, pdf);
    const r = spawnSync('pdfinfo', [path], { encoding: 'utf8' });
    const m = r.status === 0 ? /^Pages:\s+(\d+)/m.exec(r.stdout) : null;
    if (m) return { pages: Number(m[1]), by: 'pdfinfo' };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
  return { pages: pdf.toString('latin1').match(/\/Type\s*\/Page(?![a-zA-Z])/g)?.length ?? 0, by: '/Type /Page' };
}

async function pdfStage(capture: string, renders: number): Promise<void> {
  // Loaded here, not at the top: the reassembly stage must not pay seconds of imports it never uses.
  const { decodeCapture } = await import('../src/decode.ts');
  const { launchBrowser } = await import('../src/render/browser.ts');
  const { renderWalkthrough } = await import('../src/render/html/index.ts');
  const { renderWalkthroughPdf } = await import('../src/render/pdf.ts');
  const t0 = performance.now();
  const decoded = decodeCapture(readFileSync(capture));
  const html = renderWalkthrough(decoded, { title: 'wirebook bench walkthrough' });
  const t1 = performance.now();
  const handle = await launchBrowser();
  // htmlToPdf opens a page per render and keeps puppeteer's 30 s default: a long walkthrough
  // under a loaded machine can need more, and the bench has its own timeout around the stage.
  handle.browser.on('targetcreated', (t: Target) => void t.page().then((p) => p?.setDefaultTimeout(0)));
  try {
    const t2 = performance.now();
    // Warm-up on the first connection alone: the browser's first-document costs without paying
    // for the whole walkthrough twice.
    const warm = await renderWalkthroughPdf(renderWalkthrough(decoded, { title: 'warm-up', connections: [1] }), handle);
    const t3 = performance.now();
    const times: number[] = [];
    let last = warm;
    for (let i = 0; i < renders; i++) {
      const s = performance.now();
      last = await renderWalkthroughPdf(html, handle);
      times.push((performance.now() - s) / 1000);
    }
    const { pages, by } = countPages(last);
    const best = Math.min(...times);
    process.stdout.write(
      JSON.stringify({
        connections: decoded.connections.length,
        htmlBytes: Buffer.byteLength(html),
        pdfBytes: last.length,
        pages,
        pagesCountedBy: by,
        decodeAndHtmlSeconds: (t1 - t0) / 1000,
        launchSeconds: (t2 - t1) / 1000,
        warmupSeconds: (t3 - t2) / 1000,
        renderSeconds: times,
        bestSeconds: best,
        secondsPerPage: pages > 0 ? best / pages : NaN,
      }) + '\n',
    );
  } finally {
    await handle.close();
  }
}

/** Writes `total` bytes of frame-sized JSON pieces through ChunkedWriter, as `wirebook json` does. */
async function writeStage(total: number): Promise<void> {
  const { ChunkedWriter } = await import('../src/cli/output.ts');
  // Distinct pieces the size of one frame's JSON, so the writer joins and encodes as it does for real output.
  const unit = '{"name":"Flags","filter":"tcp.flags","value":24,"display":"0000 0001 1000 = Flags: 0x018 (PSH, ACK)","spans":[{"frame":1,"offset":46,"length":2}]},';
  const pieces = Array.from({ length: 64 }, (_, i) => `${i}`.padStart(4, '0') + unit.repeat(64));
  const w = new ChunkedWriter();
  const t0 = performance.now();
  let written = 0;
  for (let i = 0; written < total; i++) {
    const piece = pieces[i % pieces.length]!;
    const text = written + piece.length > total ? piece.slice(0, total - written) : piece;
    written += text.length;
    const wait = w.write(text);
    if (wait) await wait;
  }
  await w.flush();
  process.stderr.write(JSON.stringify({ bytes: written, seconds: (performance.now() - t0) / 1000 }) + '\n');
}

async function main(): Promise<void> {
  if (what === 'write') return writeStage(Number(file));
  if (!file) throw new Error('usage: bench/stage.ts reassemble|counts|pdf CAPTURE [RENDERS] | write BYTES');
  if (what === 'reassemble' || what === 'counts') {
    const t0 = performance.now();
    // Each connection is counted and dropped as it closes, as a streaming consumer would: memory
    // then follows the connections open at once, not the capture's size.
    let bytes = 0;
    let connections = 0;
    const count = (c: Connection): void => {
      connections += 1;
      for (const d of [c.c2s, c.s2c]) for (const ch of d.chunks) bytes += ch.bytes.length;
    };
    const r = await reassembleFile(file, { onConnectionClosed: count });
    const seconds = (performance.now() - t0) / 1000;
    process.stdout.write(JSON.stringify({ frames: r.frames, connections, streamBytes: bytes, seconds }) + '\n');
    return;
  }
  if (what === 'pdf') return pdfStage(file, Math.max(1, Number(arg ?? 3)));
  throw new Error(`bench/stage.ts: unknown stage ${what}`);
}

await main();
