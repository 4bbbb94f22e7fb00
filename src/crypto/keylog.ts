// NSS key log files (SSLKEYLOGFILE): one "<LABEL> <client_random or RSA prefix hex> <secret hex>" per line.
// Format: https://firefox-source-docs.mozilla.org/security/nss/legacy/key_log_format/ and
// draft-ietf-tls-keylogfile; the same text is embedded in a pcapng Decryption Secrets Block of type
// 0x544c534b (draft-ietf-opsawg-pcapng §4.7).
import { fromHex, toHex } from './bytes.ts';

/** Secrets Type of a pcapng Decryption Secrets Block holding a TLS key log ("TLSK"). */
export const DSB_TLS_KEY_LOG = 0x544c534b;

/** Labels this parser understands; other labels are kept as unknown entries. */
export const KEYLOG_LABELS = [
  'CLIENT_RANDOM', 'RSA',
  'CLIENT_EARLY_TRAFFIC_SECRET', 'EARLY_EXPORTER_SECRET',
  'CLIENT_HANDSHAKE_TRAFFIC_SECRET', 'SERVER_HANDSHAKE_TRAFFIC_SECRET',
  'CLIENT_TRAFFIC_SECRET_0', 'SERVER_TRAFFIC_SECRET_0', 'EXPORTER_SECRET',
] as const;
export type KeyLogLabel = (typeof KEYLOG_LABELS)[number];

/** One well-formed line. */
export interface KeyLogEntry {
  /** 1-based line number in the text. */
  line: number;
  label: string;
  /** Client random (32 bytes) or, for RSA, the first 8 bytes of the encrypted pre-master secret. */
  id: Uint8Array;
  secret: Uint8Array;
}

/** A line that could not be used, with why. */
export interface KeyLogProblem {
  line: number;
  text: string;
  reason: string;
}

/** The secrets known for one connection, by client random. */
export interface KeyLogSession {
  clientRandom: string;
  /** CLIENT_RANDOM: the 48-byte TLS 1.2-and-earlier master secret. */
  masterSecret?: Uint8Array;
  clientEarlyTrafficSecret?: Uint8Array;
  earlyExporterSecret?: Uint8Array;
  clientHandshakeTrafficSecret?: Uint8Array;
  serverHandshakeTrafficSecret?: Uint8Array;
  clientTrafficSecret0?: Uint8Array;
  serverTrafficSecret0?: Uint8Array;
  exporterSecret?: Uint8Array;
  /** Line numbers the secrets came from, by label. */
  lines: Partial<Record<KeyLogLabel, number>>;
}

/** A parsed key log. */
export interface KeyLog {
  entries: KeyLogEntry[];
  /** Sessions by lower-case client random hex. */
  byClientRandom: Map<string, KeyLogSession>;
  /** RSA pre-master secrets by lower-case hex of the first 8 bytes of the encrypted PMS. */
  rsaByPrefix: Map<string, { preMasterSecret: Uint8Array; line: number }>;
  /** Lines with a label this parser does not know (kept, not errors). */
  unknown: KeyLogEntry[];
  problems: KeyLogProblem[];
}

type SecretField = Exclude<keyof KeyLogSession, 'clientRandom' | 'lines'>;

const FIELD: Record<Exclude<KeyLogLabel, 'RSA'>, SecretField> = {
  CLIENT_RANDOM: 'masterSecret',
  CLIENT_EARLY_TRAFFIC_SECRET: 'clientEarlyTrafficSecret',
  EARLY_EXPORTER_SECRET: 'earlyExporterSecret',
  CLIENT_HANDSHAKE_TRAFFIC_SECRET: 'clientHandshakeTrafficSecret',
  SERVER_HANDSHAKE_TRAFFIC_SECRET: 'serverHandshakeTrafficSecret',
  CLIENT_TRAFFIC_SECRET_0: 'clientTrafficSecret0',
  SERVER_TRAFFIC_SECRET_0: 'serverTrafficSecret0',
  EXPORTER_SECRET: 'exporterSecret',
};

function isKnown(label: string): label is KeyLogLabel {
  return (KEYLOG_LABELS as readonly string[]).includes(label);
}

function sessionFor(log: KeyLog, clientRandom: string): KeyLogSession {
  let s = log.byClientRandom.get(clientRandom);
  if (!s) {
    s = { clientRandom, lines: {} };
    log.byClientRandom.set(clientRandom, s);
  }
  return s;
}

/** Check id/secret lengths per label: 32-byte random (8 for RSA); 48-byte master/PMS; 32, 48 or 64-byte TLS 1.3 secrets. */
function lengthProblem(label: KeyLogLabel, id: Uint8Array, secret: Uint8Array): string | undefined {
  const idLen = label === 'RSA' ? 8 : 32;
  if (id.length !== idLen) return `${label} needs a ${idLen}-byte ${label === 'RSA' ? 'encrypted PMS prefix' : 'client random'}, got ${id.length} bytes`;
  if (label === 'RSA' || label === 'CLIENT_RANDOM') {
    if (secret.length !== 48) return `${label} secret must be 48 bytes, got ${secret.length}`;
  } else if (![32, 48, 64].includes(secret.length)) {
    return `${label} secret must be a hash length (32, 48 or 64 bytes), got ${secret.length}`;
  }
  return undefined;
}

/** Parse key log text: tolerates comments (#), blank lines, CRLF, unknown labels; malformed lines are reported with their number, never thrown. */
export function parseKeyLog(text: string): KeyLog {
  const log: KeyLog = { entries: [], byClientRandom: new Map(), rsaByPrefix: new Map(), unknown: [], problems: [] };
  const lines = text.split(/\r?\n|\r/);
  lines.forEach((raw, index) => {
    const line = index + 1;
    const trimmed = raw.replace(/\0+$/, '').trim();
    if (trimmed === '' || trimmed.startsWith('#')) return;
    const fields = trimmed.split(/\s+/);
    const [label, idHex, secretHex] = fields;
    if (label === undefined || idHex === undefined || secretHex === undefined) {
      log.problems.push({ line, text: raw, reason: `expected "<LABEL> <hex> <hex>", found ${fields.length} field${fields.length === 1 ? '' : 's'}` });
      return;
    }
    if (fields.length > 3) {
      log.problems.push({ line, text: raw, reason: `expected 3 fields, found ${fields.length}` });
      return;
    }
    const id = fromHex(idHex);
    const secret = fromHex(secretHex);
    if (id === undefined || secret === undefined) {
      log.problems.push({ line, text: raw, reason: `${id === undefined ? 'second' : 'third'} field is not hex` });
      return;
    }
    const entry: KeyLogEntry = { line, label, id, secret };
    if (!isKnown(label)) {
      log.unknown.push(entry);
      return;
    }
    const problem = lengthProblem(label, id, secret);
    if (problem) {
      log.problems.push({ line, text: raw, reason: problem });
      return;
    }
    log.entries.push(entry);
    const idKey = toHex(id);
    if (label === 'RSA') {
      log.rsaByPrefix.set(idKey, { preMasterSecret: secret, line });
      return;
    }
    const session = sessionFor(log, idKey);
    session.lines[label] = line;
    session[FIELD[label]] = secret;
  });
  return log;
}

/** Parse the key log carried in a pcapng Decryption Secrets Block (its Secrets Type and Secrets Data, trailing NUL padding allowed). */
export function parseKeyLogDsb(secretsType: number, secretsData: Uint8Array): KeyLog {
  if (secretsType !== DSB_TLS_KEY_LOG) {
    const log = parseKeyLog('');
    log.problems.push({ line: 0, text: '', reason: `Decryption Secrets Block type 0x${secretsType.toString(16).padStart(8, '0')} is not a TLS key log (0x544c534b)` });
    return log;
  }
  return parseKeyLog(Buffer.from(secretsData).toString('utf8'));
}

/**
 * Parse the body of a pcapng Decryption Secrets Block (after Block Type and Block Total Length):
 * Secrets Type (4), Secrets Length (4), Secrets Data, in the section's byte order.
 */
export function parseDsbBody(body: Uint8Array, littleEndian = true): KeyLog {
  const view = new DataView(body.buffer, body.byteOffset, body.byteLength);
  if (body.length < 8) {
    const log = parseKeyLog('');
    log.problems.push({ line: 0, text: '', reason: `Decryption Secrets Block body of ${body.length} bytes is shorter than its 8-byte header` });
    return log;
  }
  const type = view.getUint32(0, littleEndian);
  const length = view.getUint32(4, littleEndian);
  const log = parseKeyLogDsb(type, body.subarray(8, 8 + length));
  if (8 + length > body.length) {
    log.problems.push({ line: 0, text: '', reason: `Secrets Length ${length} exceeds the ${body.length - 8} bytes present` });
  }
  return log;
}

/** Merge several key logs (e.g. a file and the DSBs of a pcapng); later ones win on duplicates. */
export function mergeKeyLogs(...logs: readonly KeyLog[]): KeyLog {
  const out = parseKeyLog('');
  for (const log of logs) {
    out.entries.push(...log.entries);
    out.unknown.push(...log.unknown);
    out.problems.push(...log.problems);
    for (const [k, v] of log.rsaByPrefix) out.rsaByPrefix.set(k, v);
    for (const [k, v] of log.byClientRandom) {
      const s = sessionFor(out, k);
      Object.assign(s, { ...v, lines: { ...s.lines, ...v.lines } });
    }
  }
  return out;
}

/** The secrets for a connection, by its ClientHello.random. */
export function findSession(log: KeyLog, clientRandom: Uint8Array): KeyLogSession | undefined {
  return log.byClientRandom.get(toHex(clientRandom));
}

/** The RSA pre-master secret logged for an EncryptedPreMasterSecret (looked up by its first 8 bytes). */
export function findRsaPreMasterSecret(log: KeyLog, encryptedPms: Uint8Array): Uint8Array | undefined {
  return log.rsaByPrefix.get(toHex(encryptedPms.subarray(0, 8)))?.preMasterSecret;
}
