/**
 * The message-list entry of one STARTTLS preamble message (a line, an XMPP tag, an LDAP message,
 * PostgreSQL's SSLRequest or its answer): a short type such as `SMTP: STARTTLS`, so the ladder and
 * the JSON `messages` show the plaintext exchange that led to the upgrade.
 */
import type { Direction } from '../../capture/frame.ts';
import { berLength, LDAP_STARTTLS_OID, ldapOperationStart, ldapResultCode, type StartTlsProtocol } from './detect.ts';

/** Longest text kept after the protocol label: ladder arrows and table rows are one line each. */
export const MAX_TEXT = 60;

const LABELS: Readonly<Record<Exclude<StartTlsProtocol, 'none'>, string>> = {
  smtp: 'SMTP', imap: 'IMAP', pop3: 'POP3', ftp: 'FTP', irc: 'IRC', xmpp: 'XMPP', ldap: 'LDAP', postgresql: 'PostgreSQL',
};

/**
 * Capture text made safe to print anywhere: control characters as `\xNN` (a terminal must not obey
 * escape sequences from a capture), cut to `MAX_TEXT` characters with an ellipsis. HTML escaping
 * stays with the renderers.
 */
export function shortText(text: string): string {
  // eslint-disable-next-line no-control-regex
  const safe = text.replace(/[\u0000-\u001f\u007f-\u009f]/g, (c) => `\\x${c.charCodeAt(0).toString(16).padStart(2, '0')}`);
  return safe.length > MAX_TEXT ? `${safe.slice(0, MAX_TEXT - 1)}…` : safe;
}

/**
 * The type of the preamble message in `b[start, end)` (one unit as `messageLength` cuts them), or
 * undefined for whitespace between XML tags or blank lines, which carry no message.
 */
export function preambleMessageType(b: Uint8Array, start: number, end: number, protocol: StartTlsProtocol, dir: Direction): string | undefined {
  if (protocol === 'none' || end <= start) return undefined;
  const bytes = b.subarray(start, end);
  const body = protocol === 'postgresql' ? postgres(bytes, dir) : protocol === 'ldap' ? ldap(bytes) : protocol === 'xmpp' ? xmpp(bytes) : line(bytes);
  return body === undefined ? undefined : `${LABELS[protocol]}: ${body}`;
}

/** A text line without its line ending. */
function line(bytes: Uint8Array): string | undefined {
  const text = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.length).toString('latin1').replace(/\r?\n$/, '');
  return text.trim() === '' ? undefined : shortText(text);
}

/** A tag as its name alone (`<stream:stream>`, `<starttls/>`, `<?xml?>`): attributes would not fit; a text run quoted. */
function xmpp(bytes: Uint8Array): string | undefined {
  const text = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.length).toString('utf8');
  if (text.trim() === '') return undefined;
  const tag = /^<([/?!]?)([^\s/?>]+)[^>]*?([/?]?)>$/s.exec(text);
  if (tag) return shortText(`<${tag[1]}${tag[2]}${tag[3]}>`);
  return shortText(text.startsWith('<') ? text : JSON.stringify(text.trim()));
}

/** PostgreSQL: the client's 8-byte SSLRequest, the server's one-byte answer. */
function postgres(bytes: Uint8Array, dir: Direction): string {
  if (dir === 'c2s') return 'SSLRequest';
  return bytes[0] === 0x53 ? "'S' (go ahead with TLS)" : bytes[0] === 0x4e ? "'N' (no TLS)" : `answer 0x${bytes[0]!.toString(16).padStart(2, '0')}`;
}

// RFC 4511 §4.2-§4.14: the protocolOp of an LDAPMessage by its APPLICATION tag.
const LDAP_OPS: ReadonlyMap<number, string> = new Map([
  [0x60, 'bindRequest'], [0x61, 'bindResponse'], [0x42, 'unbindRequest'], [0x63, 'searchRequest'], [0x64, 'searchResEntry'],
  [0x65, 'searchResDone'], [0x73, 'searchResRef'], [0x66, 'modifyRequest'], [0x67, 'modifyResponse'], [0x68, 'addRequest'],
  [0x69, 'addResponse'], [0x4a, 'delRequest'], [0x6b, 'delResponse'], [0x6c, 'modDNRequest'], [0x6d, 'modDNResponse'],
  [0x6e, 'compareRequest'], [0x6f, 'compareResponse'], [0x50, 'abandonRequest'], [0x77, 'extendedReq'], [0x78, 'extendedResp'],
  [0x79, 'intermediateResponse'],
]);

/** An LDAPMessage as its operation, with StartTLS named and a response's resultCode (0 is success). */
function ldap(bytes: Uint8Array): string {
  const at = ldapOperationStart(bytes);
  if (at === undefined) return 'BER message';
  const tag = bytes[at];
  if (tag === undefined) return 'LDAPMessage';
  const name = LDAP_OPS.get(tag);
  const op = berLength(bytes, at);
  if (!name || !op) return `LDAPMessage, operation 0x${tag.toString(16).padStart(2, '0')}`;
  const body = bytes.subarray(at + op.header, at + op.total);
  if (tag === 0x77) return Buffer.from(body).toString('latin1').includes(LDAP_STARTTLS_OID) ? 'extendedReq StartTLS' : name;
  // Responses (LDAPResult) start with resultCode.
  const code = ldapResultCode(body);
  return code === undefined ? name : `${name} (${code === 0 ? 'success' : `resultCode ${code}`})`;
}
