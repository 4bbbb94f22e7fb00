/**
 * tshark's decryption as an oracle: `tshark -P -x` with the same secrets prints, per packet, a
 * "Decrypted TLS (N bytes)" byte pane for every record it decrypted. This helper runs it and
 * returns those plaintexts by frame number, to compare with ours record by record.
 */
import { runTshark } from './tshark.ts';

/** Secrets to give tshark: a key log file and/or RSA private key files. */
export interface TsharkSecrets {
  keylog?: string;
  rsaKeys?: readonly string[];
  /** Extra tshark arguments (e.g. `-o tcp.reassemble_out_of_order:TRUE`, `-d tcp.port==N,smtp`). */
  extra?: readonly string[];
}

/** The tshark arguments that load the secrets. */
export function secretArgs(s: TsharkSecrets): string[] {
  const args: string[] = [];
  if (s.keylog) args.push('-o', `tls.keylog_file:${s.keylog}`);
  if (s.rsaKeys && s.rsaKeys.length > 0) args.push('-o', `uat:rsa_keys:${s.rsaKeys.map((k) => `"${k}",""`).join('\n')}`);
  return [...args, ...(s.extra ?? [])];
}

/** Parses `tshark -P -x` output: the "Decrypted TLS" panes of each frame, in order. */
export function parseDecryptedPanes(text: string): Map<number, Uint8Array[]> {
  const out = new Map<number, Uint8Array[]>();
  let frame = 0;
  let pane: number[] | undefined;
  const close = (): void => {
    if (pane) {
      const list = out.get(frame) ?? [];
      list.push(Uint8Array.from(pane));
      out.set(frame, list);
    }
    pane = undefined;
  };
  for (const line of text.split('\n')) {
    const summary = /^\s*(\d+)\s+\d+\.\d+\s/.exec(line);
    if (summary && !/^[0-9a-f]{4} {2}/.test(line)) {
      close();
      frame = Number(summary[1]);
      continue;
    }
    if (/^Decrypted TLS \(\d+ bytes\):/.test(line)) {
      close();
      pane = [];
      continue;
    }
    if (/^[0-9a-f]{4,} {2}/.test(line)) {
      if (pane) for (const h of line.slice(line.indexOf('  ') + 2, line.indexOf('  ') + 2 + 48).trim().split(' ')) if (/^[0-9a-f]{2}$/.test(h)) pane.push(parseInt(h, 16));
      continue;
    }
    close();
  }
  close();
  return out;
}

/** Every record tshark decrypts in `file` with `secrets`, by the frame it is shown in. */
export function tsharkDecrypted(file: string, secrets: TsharkSecrets): Map<number, Uint8Array[]> {
  return parseDecryptedPanes(runTshark(['-r', file, '-P', '-x', ...secretArgs(secrets)]));
}
