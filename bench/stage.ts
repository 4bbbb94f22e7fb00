// One measured stage of the benchmark, run in its own process so /usr/bin/time sees only it.
import { reassembleCaptureFile } from '../src/decode.ts';

const [what, file] = process.argv.slice(2);

async function main(): Promise<void> {
  if (what === 'reassemble' || what === 'counts') {
    const r = await reassembleCaptureFile(file!);
    let bytes = 0;
    for (const c of r.connections) for (const d of [c.c2s, c.s2c]) for (const ch of d.chunks) bytes += ch.bytes.length;
    process.stdout.write(JSON.stringify({ frames: r.frames, connections: r.connections.length, streamBytes: bytes }) + '\n');
    return;
  }
  throw new Error(`bench/stage.ts: unknown stage ${what}`);
}

await main();
