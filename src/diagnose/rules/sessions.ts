// Sessions: resumption by session ID, ticket or TLS 1.3 PSK (and whether an earlier connection of
// the capture issued it), renegotiation, and session IDs that are not random (seed 001).
import type { DecodedCapture, DecodedConnection } from '../../model/decoded.ts';
import { finding } from '../catalogue.ts';
import { ticketOf, type ConnectionFacts, type HelloFacts } from '../facts.ts';
import { bytesOf, fieldsOf, first, hex, spansOf, text } from '../query.ts';
import type { Finding, Rule, RuleContext } from '../types.ts';

interface SessionIndex {
  /** Session ID (hex) -> lowest id of the connections whose ServerHello carried it. */
  ids: Map<string, number>;
  /** Ticket (hex) -> lowest id of the connections that received it in a NewSessionTicket. */
  tickets: Map<string, number>;
  /** Highest connection id indexed (every connection the capture lists up to it is in). */
  upTo: number;
  /** How many of `capture.connections` (in id order) are indexed. */
  listed: number;
}

const indexes = new WeakMap<DecodedCapture, SessionIndex>();

function keepLowest(map: Map<string, number>, key: string, id: number): void {
  const had = map.get(key);
  if (had !== undefined && had <= id) return;
  // Kept for the whole capture, so flattened (V8 does on first character access): hex text is a
  // rope of a piece per byte, and big.pcap's 5,000 tickets held as ropes took 47 MB.
  key.charCodeAt(0);
  map.set(key, id);
}

/** Adds the session IDs and tickets one connection issued. */
function indexConnection(idx: SessionIndex, capture: DecodedCapture, conn: DecodedConnection): void {
  for (const m of conn.messages) {
    if (m.type === 'Server Hello' && m.field) {
      const sid = text(first(m.field, 'tls.handshake.session_id'));
      if (sid) keepLowest(idx.ids, sid, conn.id);
    }
    if (m.type === 'New Session Ticket' && m.field) {
      const t = first(m.field, 'tls.handshake.session_ticket');
      const b = t ? bytesOf(capture, conn, t) : undefined;
      if (b) keepLowest(idx.tickets, hex(b), conn.id);
    }
  }
  idx.upTo = Math.max(idx.upTo, conn.id);
}

/**
 * The session index of a capture holding at least `conn` and every connection before it, built
 * as diagnoses pass: the connections the capture lists (in memory) up to `conn`, then `conn`
 * itself (a streamed capture lists none; its connections arrive, and are indexed, in id order).
 */
function sessionIndex(capture: DecodedCapture, conn: DecodedConnection): SessionIndex {
  let idx = indexes.get(capture);
  if (!idx) indexes.set(capture, (idx = { ids: new Map(), tickets: new Map(), upTo: 0, listed: 0 }));
  const listed = capture.connections;
  while (idx.listed < listed.length && listed[idx.listed]!.id <= conn.id) indexConnection(idx, capture, listed[idx.listed++]!);
  if (conn.id > idx.upTo) indexConnection(idx, capture, conn);
  return idx;
}

/**
 * Indexes what a connection issued without diagnosing it: a streamed page of some connections
 * sees the others pass by, where in memory the capture lists them, and a later connection's
 * resumption findings must still name them as the issuer. Call in id order, as diagnoses are.
 */
export function noteSessions(capture: DecodedCapture, conn: DecodedConnection): void {
  sessionIndex(capture, conn);
}

/**
 * The connection that issued `key`: this one or an earlier (lower-id) one, never a later one, so a
 * connection's findings do not depend on what the capture holds after it (a streamed report
 * diagnoses each connection before reading the next).
 */
function issuer(map: Map<string, number>, key: string, conn: DecodedConnection): number | undefined {
  const id = map.get(key);
  return id !== undefined && id <= conn.id ? id : undefined;
}

/** TLS ≤ 1.2 abbreviated handshake: the server went from ServerHello straight to ChangeCipherSpec. */
function abbreviated(f: ConnectionFacts, sh: HelloFacts): boolean {
  const next = f.msgs.find((m) => m.index > sh.msg.index && m.dir === 's2c' && m.hsType !== 4);
  return next?.kind === 'ccs';
}

function origin(conn: DecodedConnection, map: Map<string, number>, key: string | undefined, what: string): string {
  if (!key) return '';
  const from = issuer(map, key, conn);
  if (from !== undefined && from !== conn.id) return ` The ${what} was issued in connection ${from} of this capture.`;
  return ` The ${what} was not issued in this capture: the original session happened before the capture started (its keys are needed to decrypt this connection).`;
}

function resumption(ctx: RuleContext, idx: SessionIndex): Finding[] {
  const f = ctx.facts;
  const ch = f.clientHellos[f.clientHellos.length > 1 && f.hrr ? 1 : 0];
  const sh = f.serverHellos[0];
  if (!ch || !sh) return [];
  if (!f.tls13) {
    if (!abbreviated(f, sh)) return [];
    const ticket = ticketOf(ctx.capture, ctx.conn, ch);
    if (ticket) {
      const tf = ch.extensions.get(35)?.field;
      return [finding('session-resumed', `The client presented a session ticket and the server resumed (abbreviated handshake: ServerHello then ChangeCipherSpec, no Certificate).${origin(ctx.conn, idx.tickets, ticket.startsWith('len') ? undefined : ticket, 'ticket')}`, spansOf(tf, sh.sessionIdField), { title: 'Session resumed with a ticket (RFC 5077)' })];
    }
    const same = sh.sessionId !== '' && sh.sessionId === ch.sessionId;
    return [finding('session-resumed', `The server accepted the session ID the client offered${same ? ` (${sh.sessionId.slice(0, 16)}…)` : ''} and resumed the session (abbreviated handshake).${same ? origin(ctx.conn, idx.ids, sh.sessionId, 'session ID') : ''}`, spansOf(ch.sessionIdField, sh.sessionIdField), { title: 'Session resumed by session ID' })];
  }
  const psk = sh.extensions.get(41);
  if (!psk) return [];
  const ids = fieldsOf(ch.field, 'tls.handshake.extensions.psk.identity.identity');
  const idf = ids[0];
  const idHex = idf ? bytesOf(ctx.capture, ctx.conn, idf) : undefined;
  const from = idHex ? issuer(idx.tickets, hex(idHex), ctx.conn) : undefined;
  const where = from !== undefined ? ` The ticket was issued in connection ${from}.` : ctx.facts.decrypted ? ' The ticket was not issued in this capture.' : ' TLS 1.3 tickets travel encrypted, so without keys the capture cannot show which earlier connection issued it.';
  return [finding('session-resumed', `The server selected the client's pre-shared key (pre_shared_key in the ServerHello): a TLS 1.3 PSK resumption.${where}`, spansOf(psk.field, ch.extensions.get(41)?.field), { title: 'Session resumed with a TLS 1.3 PSK' })];
}

function renegotiation(ctx: RuleContext): Finding[] {
  const f = ctx.facts;
  const hellos = f.clientHellos.filter((h, i) => !(i === 1 && f.hrr && f.hrr.msg.index < h.msg.index));
  if (hellos.length > 1) {
    const h = hellos[1]!;
    return [finding('renegotiation', `A second handshake started on this connection (ClientHello in frame ${h.msg.frame}${h.msg.protected ? ', decrypted' : ''}): ${h.msg.protected ? 'a renegotiation inside the encrypted connection' : 'a renegotiation'}.`, spansOf(h.field))];
  }
  if (f.tls13) return [];
  // Without keys: after its Finished, a side sends protected handshake records only to renegotiate.
  for (const dir of ['c2s', 's2c'] as const) {
    const fin = f.finished[dir];
    if (fin === undefined) continue;
    const extra = f.msgs.find((m) => m.dir === dir && m.index > fin && m.kind === 'encrypted-handshake');
    if (extra) {
      const who = dir === 'c2s' ? 'client (a new ClientHello)' : 'server (a HelloRequest or new handshake)';
      return [finding('renegotiation', `After the handshake, the ${who} sent another encrypted handshake record in frame ${extra.frame}: a renegotiation. Its messages cannot be read without keys.`, spansOf(extra.field), { side: dir === 'c2s' ? 'client' : 'server', title: `Renegotiation initiated by the ${dir === 'c2s' ? 'client' : 'server'}` })];
    }
  }
  return [];
}

/** Why a server-chosen session ID does not look random, or undefined. */
export function notRandom(idHex: string): string | undefined {
  const n = idHex.length / 2;
  if (n < 8) return undefined;
  const bytes: number[] = [];
  for (let i = 0; i < n; i++) bytes.push(parseInt(idHex.slice(2 * i, 2 * i + 2), 16));
  let run = 1;
  for (let i = 1; i < n; i++) {
    run = bytes[i] === bytes[i - 1] ? run + 1 : 1;
    if (run >= 4) return `a run of ${run}+ identical bytes (0x${bytes[i]!.toString(16).padStart(2, '0')})`;
  }
  const distinct = new Set(bytes).size;
  if (n >= 16 && distinct < n / 2) return `only ${distinct} distinct byte values in ${n} bytes`;
  return undefined;
}

function sessionIdRandomness(ctx: RuleContext): Finding[] {
  const out: Finding[] = [];
  const f = ctx.facts;
  for (const sh of f.serverHellos) {
    const ch = f.clientHellos.filter((c) => c.msg.index < sh.msg.index).pop();
    // TLS 1.3 and resumption echo the client's ID: only IDs the server made up are checked.
    if (!sh.sessionId || sh.sessionId === ch?.sessionId) continue;
    const why = notRandom(sh.sessionId);
    if (why) out.push(finding('session-id-not-random', `The server's session ID ${sh.sessionId} has ${why}: it seems to carry structured (hidden) information rather than random bytes, which is not advised.`, spansOf(sh.sessionIdField)));
  }
  return out;
}

export const sessionsRule: Rule = {
  name: 'sessions',
  codes: ['session-resumed', 'renegotiation', 'session-id-not-random'],
  run(ctx) {
    // Every connection is indexed, resumed or not: later ones may resume what it issued.
    const idx = sessionIndex(ctx.capture, ctx.conn);
    return [...resumption(ctx, idx), ...renegotiation(ctx), ...sessionIdRandomness(ctx)];
  },
};
