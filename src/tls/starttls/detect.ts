/**
 * Where TLS begins after a plaintext STARTTLS preamble: recognised by content (the command and
 * its positive answer), ports only breaking ties, so STARTTLS on any port is found.
 */

import type { Connection } from '../../tcp/types.ts';

/** The application protocols whose STARTTLS preambles we recognise; `none` when TLS starts at once. */
export type StartTlsProtocol = 'smtp' | 'imap' | 'pop3' | 'ftp' | 'xmpp' | 'ldap' | 'postgresql' | 'irc' | 'none';

/** The protocol and the offset in each direction where the TLS bytes begin. */
export interface TlsStart {
  protocol: StartTlsProtocol;
  c2sOffset: number;
  s2cOffset: number;
}

/** Optional port hints (server port first), used only to break ties. */
export interface PortHint {
  client?: number;
  server?: number;
}

/** A TLS record header (handshake or alert, SSL 3.0 to TLS 1.3) or an SSLv2 ClientHello at `at`. */
export function looksLikeTls(b: Uint8Array, at: number): boolean {
  if (at + 3 > b.length) return false;
  const t = b[at]!;
  if ((t === 0x16 || t === 0x15) && b[at + 1] === 0x03 && b[at + 2]! <= 0x04) return true;
  // SSLv2-compatible ClientHello: 2-byte header with the high bit, then msg type 1, version 3.x or 2.
  return (t & 0x80) !== 0 && at + 4 <= b.length && b[at + 2] === 0x01 && (b[at + 3] === 0x03 || b[at + 3] === 0x00);
}

/** One text line: [start, end) including its line ending, and its text without it. */
export interface Line {
  start: number;
  end: number;
  text: string;
}

/** The complete lines at the start of `b`, stopping before a TLS record that starts a line. */
export function textLines(b: Uint8Array, limit = b.length): Line[] {
  const lines: Line[] = [];
  let pos = 0;
  while (pos < limit && !looksLikeTls(b, pos)) {
    const nl = b.indexOf(0x0a, pos);
    if (nl < 0 || nl >= limit) break;
    const text = Buffer.from(b.buffer, b.byteOffset + pos, nl + 1 - pos).toString('latin1').replace(/\r?\n$/, '');
    lines.push({ start: pos, end: nl + 1, text });
    pos = nl + 1;
  }
  return lines;
}

const SSL_REQUEST = [0x00, 0x00, 0x00, 0x08, 0x04, 0xd2, 0x16, 0x2f];
/** The requestName of LDAP's StartTLS extended operation (RFC 4511 §4.14.1). */
export const LDAP_STARTTLS_OID = '1.3.6.1.4.1.1466.20037';
const IRC_PORTS = new Set([194, 6665, 6666, 6667, 6668, 6669, 6697]);

/** Finds the STARTTLS upgrade in a connection's two byte streams; undefined when there is none. */
export function findTlsStart(c2s: Uint8Array, s2c: Uint8Array, ports?: PortHint): TlsStart | undefined {
  if (looksLikeTls(c2s, 0)) return { protocol: 'none', c2sOffset: 0, s2cOffset: 0 };
  if (SSL_REQUEST.every((v, i) => c2s[i] === v)) {
    // PostgreSQL answers 'S' (go ahead with TLS) or 'N' (no TLS here).
    return s2c[0] === 0x53 ? { protocol: 'postgresql', c2sOffset: 8, s2cOffset: 1 } : undefined;
  }
  if (c2s[0] === 0x30) return findLdap(c2s, s2c);
  const c2sText = Buffer.from(c2s.buffer, c2s.byteOffset, Math.min(c2s.length, 65536)).toString('latin1');
  if (c2sText.includes('urn:ietf:params:xml:ns:xmpp-tls')) return findXmpp(c2s, s2c);
  return findLineProtocol(c2s, s2c, ports);
}

/** Where TLS starts in each direction of a connection (stream offsets) and the protocol spoken before it. */
export interface TlsStartPoint {
  c2s: number;
  s2c: number;
  protocol: StartTlsProtocol;
}

// A preamble is a few hundred bytes; looking further only costs time on large non-TLS streams.
const SEARCH_LIMIT = 64 * 1024;

/**
 * Where TLS starts in each direction of `conn` after a plaintext preamble (STARTTLS), if it does.
 * Only a connection seen from its first client byte can show its preamble; TLS from the first byte
 * is left to the caller (its own record test), and an upgrade whose client side does not continue
 * with TLS (a refused STARTTLS, plaintext that merely mentions the command) is no upgrade.
 */
export function findConnectionTlsStart(conn: Connection): TlsStartPoint | undefined {
  const c0 = conn.c2s.chunks[0];
  const s0 = conn.s2c.chunks[0];
  if (!c0 || c0.start !== 0) return undefined;
  const s = s0 && s0.start === 0 ? s0.bytes : new Uint8Array(0);
  const found = findTlsStart(c0.bytes.subarray(0, SEARCH_LIMIT), s.subarray(0, SEARCH_LIMIT), { client: conn.client.port, server: conn.server.port });
  if (!found || found.protocol === 'none') return undefined;
  // The client's first TLS byte must follow the command (or the capture ends right there).
  if (found.c2sOffset < c0.bytes.length && !looksLikeTls(c0.bytes, found.c2sOffset)) return undefined;
  return { c2s: found.c2sOffset, s2c: found.s2cOffset, protocol: found.protocol };
}

interface LineRule {
  protocol: StartTlsProtocol;
  command: RegExp;
  answer: RegExp;
}

// Order matters: the IMAP rule needs a tag before STARTTLS, so a bare STARTTLS is SMTP or IRC.
const LINE_RULES: readonly LineRule[] = [
  { protocol: 'pop3', command: /^STLS\s*$/i, answer: /^\+OK/ },
  { protocol: 'ftp', command: /^AUTH\s+(TLS|SSL|TLS-C|TLS-P)\s*$/i, answer: /^234[ ]/ },
  { protocol: 'imap', command: /^\S+\s+STARTTLS\s*$/i, answer: /^\S+\s+OK\b/i },
  { protocol: 'irc', command: /^STARTTLS\s*$/i, answer: /^(:\S+\s+)?670\b/ },
  { protocol: 'smtp', command: /^STARTTLS\s*$/i, answer: /^220 / },
];

function findLineProtocol(c2s: Uint8Array, s2c: Uint8Array, ports?: PortHint): TlsStart | undefined {
  const cLines = textLines(c2s);
  const sLines = textLines(s2c);
  for (const line of cLines) {
    const rules = LINE_RULES.filter((r) => r.command.test(line.text));
    if (rules.length === 0) continue;
    // SMTP and IRC both say STARTTLS: the answer (220 vs 670) decides, the port if there is none yet.
    const rule =
      rules.find((r) => sLines.some((s) => r.answer.test(s.text))) ??
      rules.find((r) => r.protocol === (IRC_PORTS.has(ports?.server ?? -1) ? 'irc' : 'smtp')) ??
      rules[0]!;
    const answer = [...sLines].reverse().find((s) => rule.answer.test(s.text));
    const s2cOffset = answer ? answer.end : (sLines[sLines.length - 1]?.end ?? 0);
    return { protocol: rule.protocol, c2sOffset: line.end, s2cOffset };
  }
  return undefined;
}

function findXmpp(c2s: Uint8Array, s2c: Uint8Array): TlsStart | undefined {
  const c = Buffer.from(c2s).toString('latin1');
  const s = Buffer.from(s2c).toString('latin1');
  const c2sOffset = elementEnd(c, /<starttls\b[^>]*xmlns=['"]urn:ietf:params:xml:ns:xmpp-tls['"]/, 'starttls');
  if (c2sOffset === undefined) return undefined;
  const s2cOffset = elementEnd(s, /<proceed\b[^>]*xmlns=['"]urn:ietf:params:xml:ns:xmpp-tls['"]/, 'proceed') ?? textLimit(s2c);
  return { protocol: 'xmpp', c2sOffset, s2cOffset };
}

/** Offset just past the element that `open` starts (`<x .../>` or `<x ...>...</x>`). */
function elementEnd(text: string, open: RegExp, name: string): number | undefined {
  const m = open.exec(text);
  if (!m) return undefined;
  const gt = text.indexOf('>', m.index);
  if (gt < 0) return undefined;
  if (text[gt - 1] === '/') return gt + 1;
  const close = text.indexOf(`</${name}>`, gt);
  return close < 0 ? gt + 1 : close + name.length + 3;
}

/** The first offset where TLS appears, or the length when it never does. */
function textLimit(b: Uint8Array): number {
  for (let i = 0; i < b.length; i++) if (looksLikeTls(b, i)) return i;
  return b.length;
}

/** The length of the BER TLV at `at` (tag, length, value), or undefined if it is cut short. */
export function berLength(b: Uint8Array, at: number): { header: number; total: number } | undefined {
  if (at + 2 > b.length) return undefined;
  const first = b[at + 1]!;
  if (first < 0x80) return { header: 2, total: 2 + first };
  const n = first & 0x7f;
  if (n === 0 || n > 4 || at + 2 + n > b.length) return undefined;
  let len = 0;
  for (let i = 0; i < n; i++) len = len * 256 + b[at + 2 + i]!;
  return { header: 2 + n, total: 2 + n + len };
}

function findLdap(c2s: Uint8Array, s2c: Uint8Array): TlsStart | undefined {
  const oid = Buffer.from(LDAP_STARTTLS_OID, 'latin1');
  let c = 0;
  let c2sOffset: number | undefined;
  while (c < c2s.length && c2s[c] === 0x30) {
    const l = berLength(c2s, c);
    if (!l || c + l.total > c2s.length) return undefined;
    if (Buffer.from(c2s.subarray(c, c + l.total)).includes(oid)) {
      c2sOffset = c + l.total;
      break;
    }
    c += l.total;
  }
  if (c2sOffset === undefined) return undefined;
  let s = 0;
  while (s < s2c.length && s2c[s] === 0x30) {
    const l = berLength(s2c, s);
    if (!l || s + l.total > s2c.length) break;
    s += l.total;
    // [APPLICATION 24] ExtendedResponse: the StartTLS answer; resultCode 0 means success.
    if (hasExtendedResponseSuccess(s2c.subarray(s - l.total, s))) return { protocol: 'ldap', c2sOffset, s2cOffset: s };
  }
  return undefined;
}

function hasExtendedResponseSuccess(msg: Uint8Array): boolean {
  const at = ldapOperationStart(msg);
  if (at === undefined || msg[at] !== 0x78) return false;
  const op = berLength(msg, at);
  return op !== undefined && ldapResultCode(msg.subarray(at + op.header, at + op.total)) === 0;
}

/**
 * Where the protocolOp of the LDAPMessage `msg` starts (RFC 4511 §4.2.1: SEQUENCE { messageID,
 * protocolOp, controls }): past the SEQUENCE header and the messageID. Undefined when `msg` is not
 * a SEQUENCE or is cut inside a header; at or past `msg.length` when it is cut before the operation.
 */
export function ldapOperationStart(msg: Uint8Array): number | undefined {
  const outer = msg[0] === 0x30 ? berLength(msg, 0) : undefined;
  const id = outer ? berLength(msg, outer.header) : undefined;
  return outer && id ? outer.header + id.total : undefined;
}

/** The resultCode an LDAPResult's content starts with (an ENUMERATED, one byte in practice), if it does. */
export function ldapResultCode(body: Uint8Array): number | undefined {
  return body[0] === 0x0a && body[1] === 0x01 ? body[2] : undefined;
}
