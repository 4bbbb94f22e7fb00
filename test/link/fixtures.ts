/** The captures the link/TCP tests run over: the named fixtures, every fixture capture, and the public ones. */
import { readdirSync, existsSync } from 'node:fs';
import { join } from 'node:path';

/** tshark preferences for every run: reassemble out-of-order segments, as our reassembler does. */
export const TSHARK_PREFS = { 'tcp.reassemble_out_of_order': 'TRUE' } as const;

/** Capture files under fixtures/ (each fixture's capture, the public sets), sorted, bench excluded. */
export function fixtureCaptures(root = 'fixtures'): string[] {
  const out: string[] = [];
  for (const dir of readdirSync(root).sort()) {
    if (dir === 'bench' || dir === 'text-dumps') continue;
    for (const name of ['capture.pcap', 'capture.pcapng']) if (existsSync(join(root, dir, name))) out.push(join(root, dir, name));
  }
  const pub = join(root, 'public');
  if (existsSync(pub)) {
    for (const set of readdirSync(pub).sort()) {
      const dir = join(pub, set);
      if (!existsSync(dir) || set.endsWith('.md')) continue;
      for (const name of readdirSync(dir).sort()) if (/\.pcap(ng)?$/.test(name)) out.push(join(dir, name));
    }
  }
  return out;
}
