import { createHash } from 'node:crypto';
import { readCaptureBytes, type CaptureRead } from './capture/read.ts';
import { decodedFrame, FrameFieldCache, lazyDecodedFrame } from './frame-fields.ts';
import { decodeFrameHeaders } from './link/decode.ts';
import type { DecodedCapture, DecodedFrame, TransportSummary } from './model/decoded.ts';
import { Reassembler } from './tcp/reassemble.ts';
import type { Connection } from './tcp/types.ts';
import { decodeTlsConnection, type TlsConnectionDecode } from './tls/connection.ts';
import type { RecordDecrypter } from './tls/session.ts';
import type { EmbeddedSecret } from './capture/frame.ts';
import { createDecrypter } from './decrypt/decrypter.ts';
import { loadSecrets, type SecretInputs } from './decrypt/secrets.ts';

/** A decrypter that may also complete the decoded connection (calculations, status) once it is decoded. */
export interface ConnectionDecrypterLike extends RecordDecrypter {
  finish?(result: TlsConnectionDecode): void;
}

/** What a caller may give besides the capture. */
export interface DecodeOptions {
  /**
   * Builds the record decrypter for a connection (keys from a key log, a DSB or an RSA key);
   * `embedded` are the capture's own secrets (pcapng Decryption Secrets Blocks).
   */
  decrypterFor?: (conn: Connection, embedded: readonly EmbeddedSecret[]) => ConnectionDecrypterLike | undefined;
  /** Key log text (SSLKEYLOGFILE contents); used when `decrypterFor` is not given. */
  keylog?: string;
  /** Server RSA private keys (PEM or DER contents) with a name each; used when `decrypterFor` is not given. */
  keys?: SecretInputs['keys'];
  /** Passphrase of encrypted private keys. */
  keyPassword?: string;
  /** Keep each connection's TLS session state and record list (decryption, summary, diagnosis). */
  keepTls?: boolean;
  /** Annotate every frame's link/IP/TCP headers (default true; JSON --no-frames skips the work). */
  frameFields?: boolean;
  /** Decode frame header fields when they are read instead of keeping them all (big walkthroughs). */
  lazyFrameFields?: boolean;
}

/** A decoded capture plus, per connection id, the TLS decoder's own view (when asked for). */
export interface DecodeResult {
  capture: DecodedCapture;
  tls: Map<number, TlsConnectionDecode>;
  /** The reassembled TCP connections (bytes and segment maps), by position = id - 1. */
  connections: Connection[];
  read: Pick<CaptureRead, 'interfaces' | 'secrets'>;
}

/** What builds the record decrypter of each connection (`DecodeOptions.decrypterFor`). */
type DecrypterFactory = NonNullable<DecodeOptions['decrypterFor']>;

/**
 * The decrypter factory of `opts`: `decrypterFor` when given, else one built from the key material
 * given as text: key log, RSA keys, and always the capture's own Decryption Secrets Blocks (so a
 * pcapng with a DSB decrypts unasked). A factory remembers sessions across the connections it
 * decrypts: resolve it once per pass over a capture.
 */
export function decrypterFactory(opts: DecodeOptions): DecrypterFactory {
  if (opts.decrypterFor) return opts.decrypterFor;
  const inputs: SecretInputs = {};
  if (opts.keylog !== undefined) inputs.keylogText = opts.keylog;
  if (opts.keys !== undefined) inputs.keys = opts.keys;
  if (opts.keyPassword !== undefined) inputs.keyPassword = opts.keyPassword;
  return createDecrypter(loadSecrets(inputs));
}

/** The TCP facts of a connection, in the form the diagnosis reads. */
export function transportSummary(conn: Connection, truncated: ReadonlySet<number>): TransportSummary | undefined {
  if (conn.client.port === 0 && conn.client.address === 'client') return undefined;
  const gaps: TransportSummary['gaps'] = [];
  for (const g of conn.c2s.gaps) gaps.push({ dir: 'c2s', ...g });
  for (const g of conn.s2c.gaps) gaps.push({ dir: 's2c', ...g });
  const frames = conn.segments.map((s) => s.frame);
  const t: TransportSummary = {
    startSeen: conn.startSeen,
    gaps,
    truncatedFrames: frames.filter((f) => truncated.has(f)),
    lastFrame: frames.length > 0 ? Math.max(...frames) : conn.firstFrame,
  };
  if (conn.c2s.finFrame !== undefined) t.clientFin = conn.c2s.finFrame;
  if (conn.s2c.finFrame !== undefined) t.serverFin = conn.s2c.finFrame;
  if (conn.c2s.rstFrame !== undefined) t.clientRst = conn.c2s.rstFrame;
  if (conn.s2c.rstFrame !== undefined) t.serverRst = conn.s2c.rstFrame;
  return t;
}

/** Decodes one reassembled connection's TLS, decrypting with a decrypter from `decrypterFor`, with its TCP facts. */
export function decodeOneConnection(conn: Connection, truncated: ReadonlySet<number>, decrypterFor: DecrypterFactory, embedded: readonly EmbeddedSecret[] = []): TlsConnectionDecode {
  const decrypter = decrypterFor(conn, embedded);
  const result = decodeTlsConnection(conn, decrypter ? { decrypter } : {});
  decrypter?.finish?.(result);
  const transport = transportSummary(conn, truncated);
  if (transport) result.decoded.transport = transport;
  return result;
}

/**
 * Decodes a whole capture held in memory: frames with their link/IP/TCP fields, connections
 * reassembled, and every TLS byte annotated. Throws CaptureError only when nothing can be read.
 */
export function decodeCaptureDetailed(input: Uint8Array, opts: DecodeOptions = {}): DecodeResult {
  const decrypterFor = decrypterFactory(opts);
  const read = readCaptureBytes(input);
  const reassembler = new Reassembler();
  const frames: DecodedFrame[] = [];
  const truncated = new Set<number>();
  const lazy = opts.frameFields !== false && opts.lazyFrameFields === true ? new FrameFieldCache() : undefined;
  for (const frame of read.frames) {
    if (frame.data.length < frame.origLength) truncated.add(frame.number);
    // Reassembly walks the headers itself (no fields, no address text); fields are made only when kept.
    reassembler.push(frame);
    if (lazy) frames.push(lazyDecodedFrame(frame, lazy));
    else frames.push(decodedFrame(frame, opts.frameFields === false ? [] : decodeFrameHeaders(frame).fields));
  }
  const tls = new Map<number, TlsConnectionDecode>();
  const raw = reassembler.finish();
  const connections = raw.map((conn) => {
    const result = decodeOneConnection(conn, truncated, decrypterFor, read.secrets);
    if (opts.keepTls) tls.set(conn.id, result);
    return result.decoded;
  });
  const capture: DecodedCapture = {
    input: { format: read.format, frames: read.frames.length, bytes: input.length, sha256: createHash('sha256').update(input).digest('hex') },
    problems: read.problems,
    frames,
    connections,
  };
  return { capture, tls, connections: raw, read: { interfaces: read.interfaces, secrets: read.secrets } };
}

/** Decodes a capture held in memory into the annotation model (the library's main entry). */
export function decodeCapture(input: Uint8Array, opts: DecodeOptions = {}): DecodedCapture {
  return decodeCaptureDetailed(input, opts).capture;
}
