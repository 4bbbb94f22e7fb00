// What `wirebook explain` puts on a page besides the decode: its title and each connection's
// verdict line; and the page of a capture decoded whole in memory (standard input, which can be
// read only once). A capture file is streamed instead (explain-stream.ts), to the same bytes.
import { basename } from 'node:path';
import { diagnoseConnection } from '../diagnose/index.ts';
import type { ConnectionVerdict } from '../diagnose/types.ts';
import type { DecodedConnection } from '../model/decoded.ts';
import { renderWalkthrough, type ConnectionOutcome } from '../render/html/index.ts';
import type { ParsedOptions } from './args.ts';
import { connOption } from './conn-option.ts';
import { decodeForCli } from './decode-input.ts';

/** The page title: the capture's file name. */
export function explainTitle(path: string): string {
  return path === '-' ? 'wirebook walkthrough' : `wirebook: ${basename(path)}`;
}

/** The header line of a connection: "failed (server side, unknown_ca(48) from the server): <cause>". */
function verdictLine(v: ConnectionVerdict): string {
  if (v.outcome === 'success') return `success: ${v.summary}`;
  const f = v.failure;
  const who = f ? [f.side !== 'unknown' ? `${f.side} side` : undefined, f.alert ? `${f.alert} from the ${f.sentBy ?? 'peer'}` : undefined].filter(Boolean).join(', ') : '';
  return `${v.outcome}${who ? ` (${who})` : ''}: ${v.summary}`;
}

/** A verdict as the page shows it in the index and the connection's header. */
export function verdictOutcome(v: ConnectionVerdict): ConnectionOutcome {
  return { text: verdictLine(v), fail: v.outcome !== 'success' };
}

/** The walkthrough of `path` (a file, or `-` for standard input) decoded whole in memory. */
export function explainInMemory(path: string, values: ParsedOptions): string {
  const { capture } = decodeForCli(path, values);
  const connections = connOption(values, capture.connections.length);
  // Only the connections on the page are diagnosed, each once (the index and the header both ask).
  const verdicts = new Map<number, ConnectionOutcome>();
  const outcome = (c: DecodedConnection): ConnectionOutcome => {
    let v = verdicts.get(c.id);
    if (!v) verdicts.set(c.id, (v = verdictOutcome(diagnoseConnection(capture, c))));
    return v;
  };
  return renderWalkthrough(capture, { title: explainTitle(path), outcome, ...(connections ? { connections } : {}), showSecrets: values['show-secrets'] === true });
}
