import type { CaptureFormat, CaptureProblem, Direction } from '../capture/frame.ts';
import type { Field } from './field.ts';
import type { Span } from './span.ts';

/** One frame with its link/IP/TCP header fields. Renderers resolve frame spans against `data`. */
export interface DecodedFrame {
  number: number;
  timeNs: bigint;
  origLength: number;
  data: Uint8Array;
  /** Text inputs: the line where the frame's dump starts. */
  line?: number;
  fields: Field[];
}

/** A message or record in the order it crossed the wire (the ladder diagram's arrows). */
export interface MessageRef {
  dir: Direction;
  /** Frame holding the message's first byte. */
  frame: number;
  /** Message kind, e.g. `ClientHello`, `ChangeCipherSpec`, `Alert (fatal, handshake_failure)`, `ApplicationData`; `SMTP: STARTTLS` before a STARTTLS upgrade. */
  type: string;
  timeNs?: bigint;
  /** The field for this message in the connection's `fields` tree (for permalinks and cells). */
  field?: Field;
  /**
   * Set on the plaintext messages before a STARTTLS upgrade: the application protocol (`smtp`,
   * `imap`, ...). Their type holds capture text, so code that looks for TLS messages by type skips them.
   */
  starttls?: string;
}

/** The TLS messages of a list, without a STARTTLS preamble's lines: what code judging the TLS exchange by type reads. */
export function tlsMessages(messages: readonly MessageRef[]): MessageRef[] {
  return messages.filter((m) => m.starttls === undefined);
}

/** One reproducible step of the key schedule or a check (DESIGN.md: calculations render as cells). */
export interface Calculation {
  id: string;
  title: string;
  /** Named inputs with their hex values and, where they came from the capture, their spans. */
  inputs: { name: string; value: string; spans?: Span[]; secret?: boolean }[];
  output: { name: string; value: string; secret?: boolean };
  /** A shell command (openssl) that reproduces the step. */
  command?: string;
  /** For checks (Finished, MAC): did it verify? */
  ok?: boolean;
  explanation?: string;
}

/**
 * A calculation's command as it may be printed: with secrets shown, as is; hidden, every secret
 * value it spells out (`hexkey:…`) becomes `SECRET`. `hidesSecrets` says the command depends on
 * a secret (a secret input, or a secret spelled out), so the printed form is not the real one:
 * HTML shows the placeholder form, JSON leaves such a command out.
 */
export function calculationCommand(c: Calculation, showSecrets: boolean): { text: string; hidesSecrets: boolean } | undefined {
  if (c.command === undefined) return undefined;
  if (showSecrets) return { text: c.command, hidesSecrets: false };
  let text = c.command;
  const secrets = [...c.inputs, c.output].filter((v) => v.secret && v.value !== '').map((v) => v.value.toLowerCase());
  for (const v of secrets) text = text.split(v).join('SECRET').split(v.toUpperCase()).join('SECRET');
  return { text, hidesSecrets: text !== c.command || c.inputs.some((i) => i.secret) };
}

/** A decoded connection: the unit of every renderer. */
export interface DecodedConnection {
  id: number;
  /** `ip:port` (IPv6 as `[::1]:443`); `client`/`server` for pasted streams. */
  client: string;
  server: string;
  version?: string;
  cipherSuite?: string;
  sni?: string;
  firstFrame: number;
  messages: MessageRef[];
  /** Records (and STARTTLS lines, gaps) in stream order per direction, interleaved by time. */
  fields: Field[];
  /** Bytes that exist only after decoding, by buffer id. */
  buffers: Record<string, Uint8Array>;
  calculations?: Calculation[];
  /** Whether the protected records could be decrypted, and why not (absent when nothing was protected or no secrets were given). */
  decryption?: DecryptionStatus;
  /** What TCP showed about the connection's life (absent for pasted streams without TCP). */
  transport?: TransportSummary;
}

/** The outcome of decryption for one connection (issue #4: "why it did not decrypt"). */
export interface DecryptionStatus {
  status: 'decrypted' | 'partial' | 'not-decrypted';
  /** Which secrets were missing, what did not match, which records failed; in plain words. */
  reasons: string[];
  /** Protected records in the connection, and how many were decrypted. */
  records?: number;
  decrypted?: number;
}

/** TCP facts the diagnosis needs: who closed or reset first, what was missing. */
export interface TransportSummary {
  /** False when the capture started after the connection's SYN. */
  startSeen: boolean;
  /** First frame with FIN / RST from each side. */
  clientFin?: number;
  serverFin?: number;
  clientRst?: number;
  serverRst?: number;
  /** Missing byte ranges (never captured) per direction, with the frame after which they were due. */
  gaps: { dir: 'c2s' | 's2c'; start: number; length: number; afterFrame: number }[];
  /** Frames cut by the snaplen in this connection. */
  truncatedFrames: number[];
  lastFrame: number;
}

/** Everything wirebook knows about a capture. The JSON output is a serialization of this. */
export interface DecodedCapture {
  input: { format: CaptureFormat; frames: number; bytes: number; sha256: string };
  problems: CaptureProblem[];
  frames: DecodedFrame[];
  connections: DecodedConnection[];
}
