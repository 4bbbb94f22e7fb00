/**
 * The plaintext before a STARTTLS upgrade as fields: one per line (one per XML element for XMPP,
 * one per BER message for LDAP, one per message for PostgreSQL), split into the pieces Wireshark
 * names, every byte in exactly one leaf.
 */
import type { Direction } from '../../capture/frame.ts';
import type { Cursor } from '../../model/cursor.ts';
import { berLength, type StartTlsProtocol } from './detect.ts';

/** Filter names for a text line: the whole line, its first word, and the rest. */
interface LineNames {
  line?: string;
  first?: string;
  rest?: string;
  /** The first word is a numeric reply code (its value is a number). */
  numeric?: boolean;
}

const LINE_NAMES: Readonly<Record<string, Readonly<Record<Direction, LineNames>>>> = {
  smtp: {
    c2s: { line: 'smtp.command_line', first: 'smtp.req.command', rest: 'smtp.req.parameter' },
    s2c: { line: 'smtp.response', first: 'smtp.response.code', rest: 'smtp.rsp.parameter', numeric: true },
  },
  ftp: {
    c2s: { first: 'ftp.request.command', rest: 'ftp.request.arg' },
    s2c: { first: 'ftp.response.code', rest: 'ftp.response.arg', numeric: true },
  },
  pop3: {
    c2s: { line: 'pop.request', first: 'pop.request.command', rest: 'pop.request.parameter' },
    s2c: { line: 'pop.response', first: 'pop.response.indicator', rest: 'pop.response.description' },
  },
  imap: {
    c2s: { line: 'imap.line', first: 'imap.request_tag', rest: 'imap.request' },
    s2c: { line: 'imap.line', first: 'imap.response_tag', rest: 'imap.response' },
  },
  irc: { c2s: { line: 'irc.request' }, s2c: { line: 'irc.response' } },
};

/**
 * Length of the preamble message at `at` in `b[at, end)`, the one place messages are cut (the
 * framed units of `units.ts` and the fields here): a line runs to its LF, an XMPP tag to its '>'
 * and XMPP text to the next '<', an LDAP message is one BER element, PostgreSQL's SSLRequest is 8
 * bytes (it starts with its length, 0x00000008) and the answer one byte. An unterminated or cut
 * message runs to `end`. For `at < end` the length is at least 1 and never reaches past `end`.
 */
export function messageLength(b: Uint8Array, at: number, end: number, protocol: StartTlsProtocol): number {
  const view = b.subarray(at, end);
  let len: number;
  if (protocol === 'postgresql') {
    len = b[at] === 0x00 ? 8 : 1;
  } else if (protocol === 'ldap') {
    len = berLength(b.subarray(0, end), at)?.total ?? view.length;
  } else if (protocol === 'xmpp') {
    const lt = view.indexOf(0x3c);
    const gt = view.indexOf(0x3e);
    len = lt === 0 ? (gt < 0 ? view.length : gt + 1) : lt < 0 ? view.length : lt;
  } else {
    const nl = view.indexOf(0x0a);
    len = nl < 0 ? view.length : nl + 1;
  }
  return Math.max(1, Math.min(len, view.length));
}

/** Annotates the preamble bytes from the cursor's position to its end as fields of `protocol`. */
export function annotatePreamble(r: Cursor, protocol: StartTlsProtocol, dir: Direction): void {
  if (protocol === 'none') return;
  if (protocol === 'postgresql') return annotatePostgres(r, dir);
  if (protocol === 'ldap') return annotateLdap(r, dir);
  if (protocol === 'xmpp') return annotateXmpp(r);
  const names = LINE_NAMES[protocol]?.[dir] ?? {};
  while (r.remaining > 0) annotateLine(r, protocol, dir, names);
}

/** One CRLF- or LF-terminated line (an unterminated tail is one line too). */
function annotateLine(r: Cursor, protocol: StartTlsProtocol, dir: Direction, names: LineNames): void {
  const len = messageLength(r.data, r.pos, r.end, protocol);
  const raw = Buffer.from(r.data.buffer, r.data.byteOffset + r.pos, len).toString('latin1');
  const text = raw.replace(/\r?\n$/, '');
  const label = `${protocol.toUpperCase()} ${dir === 'c2s' ? 'request' : 'response'}`;
  r.struct(
    `${label}: ${text}`,
    names.line,
    len,
    (l, field) => {
      field.value = text;
      field.display = text;
      // Reply codes end at the digits (SMTP's `250-` continuation marker is the separator).
      const m = (names.numeric ? /^(\d+)([ -]?)(.*)$/ : /^(\S+)(\s*)(.*)$/).exec(text);
      if (!m || !names.first) {
        if (text.length > 0) l.text('Line', undefined, text.length, 'latin1', { kb: `starttls.${protocol}.line` });
      } else {
        const [, first = '', sep = '', rest = ''] = m;
        const firstOpts = { kb: names.first };
        if (names.numeric && /^\d+$/.test(first)) {
          const f = l.annotate(first, names.first, first.length, Number(first), firstOpts);
          f.display = first;
          l.skip(first.length);
        } else {
          l.text('Command', names.first, first.length, 'latin1', firstOpts);
        }
        if (sep.length > 0) l.text('Separator', undefined, sep.length, 'latin1', { kb: 'starttls.separator' });
        if (rest.length > 0) l.text('Parameter', names.rest, rest.length, 'latin1', { kb: names.rest ?? 'starttls.parameter' });
      }
      if (l.remaining > 0) l.text('Line ending', undefined, l.remaining, 'latin1', { kb: 'starttls.eol' });
    },
    { kb: names.line ?? 'starttls.line' },
  );
}

/** XMPP is XML, not lines: one field per tag or text run. */
function annotateXmpp(r: Cursor): void {
  while (r.remaining > 0) {
    const text = r.text('XMPP', undefined, messageLength(r.data, r.pos, r.end, 'xmpp'), 'utf8', { kb: 'starttls.line' });
    const f = r.out[r.out.length - 1];
    if (f) f.name = `XMPP: ${text}`;
  }
}

/** PostgreSQL: SSLRequest (length 8, code 80877103) from the client; 'S' or 'N' from the server. */
function annotatePostgres(r: Cursor, dir: Direction): void {
  if (dir === 's2c') {
    r.u8('SSL response', undefined, new Map([[0x53, "S (server will use TLS)"], [0x4e, "N (no TLS)"]]), { kb: 'pgsql.ssl_response' });
  } else {
    r.struct('SSLRequest', undefined, Math.min(8, r.remaining), (m) => {
      m.u32('Length', 'pgsql.length');
      m.u32('Request code', undefined, new Map([[80877103, 'SSLRequest']]), { kb: 'pgsql.ssl_request_code' });
    }, { kb: 'pgsql.ssl_request' });
  }
  if (r.remaining > 0) r.malformed('bytes after the SSLRequest exchange before TLS');
}

// LDAP (RFC 4511 §4.1.1, §4.14): names for the elements of StartTLS request and response. An
// INTEGER or a context tag means something only inside its parent (a bindRequest's version is an
// INTEGER too, its simple password is [0] too): those entries name the parent they belong in.
const LDAP_TAGS: ReadonlyMap<number, readonly [string, string, number?]> = new Map([
  [0x30, ['LDAPMessage', 'ldap.LDAPMessage_element']],
  [0x02, ['messageID', 'ldap.messageID', 0x30]],
  [0x77, ['extendedReq', 'ldap.extendedReq_element']],
  [0x78, ['extendedResp', 'ldap.extendedResp_element']],
  [0x80, ['requestName', 'ldap.requestName', 0x77]],
  [0x0a, ['resultCode', 'ldap.resultCode']],
  [0x8a, ['responseName', 'ldap.responseName', 0x78]],
]);

/** LDAP: each BER message element by element (tag+length as one leaf, value as another). */
function annotateLdap(r: Cursor, _dir: Direction): void {
  while (r.remaining > 0) annotateBer(r, 0, undefined);
}

function annotateBer(r: Cursor, depth: number, parent: number | undefined): void {
  const l = berLength(r.data.subarray(0, r.end), r.pos);
  if (!l) {
    r.malformed('truncated BER element');
    return;
  }
  const tag = r.data[r.pos]!;
  const known = LDAP_TAGS.get(tag);
  const [name, filter] = known && (known[2] === undefined || known[2] === parent) ? known : [`BER element 0x${tag.toString(16).padStart(2, '0')}`, undefined];
  const constructed = (tag & 0x20) !== 0;
  r.struct(name, filter, l.total, (e) => {
    e.bytes('Tag and length', undefined, l.header, { kb: 'ber.header' });
    if (constructed && depth < 8) {
      while (e.remaining > 0) annotateBer(e, depth + 1, tag);
    } else if (e.remaining > 0) {
      const printable = tag === 0x04 || tag === 0x80 || tag === 0x8a;
      if (printable) e.text('Value', undefined, e.remaining, 'latin1', { kb: filter ?? 'ber.value' });
      else e.rest('Value', undefined, { kb: filter ?? 'ber.value' });
    }
  }, { kb: filter ?? 'ber.element' });
}
