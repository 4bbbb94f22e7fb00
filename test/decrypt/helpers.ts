// Shared by the decryption tests: the fixtures that come with secrets, and decoding one with them.
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { decodeCaptureDetailed, type DecodeResult } from '../../src/decode.ts';
import { createDecrypter } from '../../src/decrypt/decrypter.ts';
import { loadSecrets, type DecryptionSecrets } from '../../src/decrypt/secrets.ts';
import type { TsharkSecrets } from '../oracle/tshark-decrypted.ts';

/** A capture with the secrets that decrypt it, for us and for tshark. */
export interface KeyedFixture {
  name: string;
  capture: string;
  keylog?: string;
  keys?: string[];
  /** Extra tshark arguments this capture needs. */
  tsharkExtra?: string[];
}

const ROOT = 'fixtures';
/** Scenarios whose references were made with the server key only (fixtures/INDEX.md). */
const RSA_ONLY = new Set(['tls12-rsa-kx-aes128-gcm', 'tls10-rsa-kx-aes256-cbc-sha']);
const TSHARK_EXTRA: Record<string, string[]> = {
  'tcp-out-of-order-and-retransmission': ['-o', 'tcp.reassemble_out_of_order:TRUE'],
  'starttls-smtp': ['-d', 'tcp.port==10028,smtp'],
};

/** Every fixture with keys: scenario folders (key log, server key, DSB), ssldump's public captures, the bench capture. */
export function keyedFixtures(): KeyedFixture[] {
  const out: KeyedFixture[] = [];
  for (const name of readdirSync(ROOT).sort()) {
    const dir = join(ROOT, name);
    const capture = ['capture.pcap', 'capture.pcapng'].map((f) => join(dir, f)).find((f) => existsSync(f));
    if (!capture) continue;
    const f: KeyedFixture = { name, capture };
    if (RSA_ONLY.has(name)) f.keys = [join(dir, 'server.key')];
    else if (existsSync(join(dir, 'keylog.txt'))) f.keylog = join(dir, 'keylog.txt');
    else if (!capture.endsWith('.pcapng')) continue;
    if (TSHARK_EXTRA[name]) f.tsharkExtra = TSHARK_EXTRA[name];
    out.push(f);
  }
  const ssldump = join(ROOT, 'public', 'ssldump');
  for (const file of readdirSync(ssldump).filter((x) => x.endsWith('.pcap')).sort()) {
    out.push({ name: `ssldump/${file}`, capture: join(ssldump, file), keylog: join(ssldump, 'keylog.txt') });
  }
  out.push({ name: 'bench/small.pcap', capture: join(ROOT, 'bench', 'small.pcap'), keylog: join(ROOT, 'bench', 'small.keylog'), keys: [join(ROOT, 'bench', 'server.key')] });
  return out;
}

/** The fixture's secrets loaded for wirebook. */
export function secretsOf(f: KeyedFixture): DecryptionSecrets {
  return loadSecrets({
    ...(f.keylog ? { keylogText: readFileSync(f.keylog, 'utf8'), keylogName: f.keylog } : {}),
    keys: (f.keys ?? []).map((k) => ({ name: k, data: new Uint8Array(readFileSync(k)) })),
  });
}

/** The same secrets for tshark. */
export function tsharkSecretsOf(f: KeyedFixture): TsharkSecrets {
  const s: TsharkSecrets = {};
  if (f.keylog) s.keylog = f.keylog;
  if (f.keys) s.rsaKeys = f.keys;
  if (f.tsharkExtra) s.extra = f.tsharkExtra;
  return s;
}

/** Decodes capture bytes with the given secrets. */
export function decodeWith(bytes: Uint8Array, secrets: DecryptionSecrets): DecodeResult {
  return decodeCaptureDetailed(bytes, { keepTls: true, decrypterFor: createDecrypter(secrets) });
}

/** Our plaintexts by the frame that completed each record (where tshark shows its pane). */
export function ourPlaintexts(result: DecodeResult): Map<number, Uint8Array[]> {
  const out = new Map<number, Uint8Array[]>();
  for (const t of result.tls.values()) {
    for (const d of ['c2s', 's2c'] as const) {
      for (const r of t.session[d].records) {
        if (!r.plaintext) continue;
        const list = out.get(r.lastFrame) ?? [];
        list.push(r.plaintext);
        out.set(r.lastFrame, list);
      }
    }
  }
  return out;
}
