// TCP as the diagnosis sees it: RST instead of close_notify, FIN order, missing segments, frames
// cut by the snap length, a capture that began late, and handshakes that just stopped.
import type { Direction } from '../../capture/frame.ts';
import type { TransportSummary } from '../../model/decoded.ts';
import { finding } from '../catalogue.ts';
import { alertSized, labelOf, type ConnectionFacts } from '../facts.ts';
import { spansOf } from '../query.ts';
import { cap, frameEvidence, senderOf } from '../sides.ts';
import type { Finding, Rule, RuleContext } from '../types.ts';

/** Did this direction send close_notify (readable, or an encrypted alert that probably is one)? */
export function sentCloseNotify(f: ConnectionFacts, dir: Direction): boolean {
  if (f.alerts.some((a) => a.msg.dir === dir && (a.desc === 0 || a.encrypted))) return true;
  if (!f.tls13 || f.decrypted) return false;
  const mine = f.msgs.filter((m) => m.dir === dir && m.kind === 'app-data');
  const last = mine[mine.length - 1];
  return !!last && mine.length > 1 && alertSized(last);
}

/** A readable fatal alert from this direction. */
function fatalFrom(f: ConnectionFacts, dir: Direction): boolean {
  return f.alerts.some((a) => a.msg.dir === dir && a.level === 2);
}

function anyFatal(f: ConnectionFacts): boolean {
  return f.alerts.some((a) => a.level === 2);
}

function closeEvents(t: TransportSummary): { dir: Direction; frame: number; kind: 'FIN' | 'RST' }[] {
  const ev: { dir: Direction; frame: number; kind: 'FIN' | 'RST' }[] = [];
  if (t.clientFin !== undefined) ev.push({ dir: 'c2s', frame: t.clientFin, kind: 'FIN' });
  if (t.serverFin !== undefined) ev.push({ dir: 's2c', frame: t.serverFin, kind: 'FIN' });
  if (t.clientRst !== undefined) ev.push({ dir: 'c2s', frame: t.clientRst, kind: 'RST' });
  if (t.serverRst !== undefined) ev.push({ dir: 's2c', frame: t.serverRst, kind: 'RST' });
  return ev.sort((a, b) => a.frame - b.frame);
}

function resets(ctx: RuleContext, t: TransportSummary): Finding[] {
  const out: Finding[] = [];
  const f = ctx.facts;
  for (const [dir, frame] of [['c2s', t.clientRst], ['s2c', t.serverRst]] as const) {
    if (frame === undefined || sentCloseNotify(f, dir) || fatalFrom(f, dir)) continue;
    const who = senderOf(dir);
    const other = dir === 'c2s' ? 's2c' : 'c2s';
    const peerClosed = sentCloseNotify(f, other);
    const stage = f.handshakeComplete ? (f.appData.c2s + f.appData.s2c > 0 ? 'after application data was exchanged' : 'after the handshake') : 'during the handshake';
    const tail = peerClosed ? ` The ${senderOf(other)} had already sent close_notify, so no data was lost; answering with a reset instead of close_notify is common (e.g. NSS) but not clean.` : ' Data in flight may have been lost, and the peer cannot tell a clean end from a truncation attack.';
    out.push(finding('reset-without-close-notify', `${cap(who)} reset the TCP connection (RST, frame ${frame}) ${stage} without sending close_notify.${tail}`, frameEvidence(ctx.capture, frame), { side: who, severity: peerClosed ? 'warning' : 'error', title: `${cap(who)} reset the connection without close_notify` }));
  }
  return out;
}

function closes(ctx: RuleContext, t: TransportSummary): Finding[] {
  const out: Finding[] = [];
  const f = ctx.facts;
  const events = closeEvents(t);
  const firstFin = events.find((e) => e.kind === 'FIN');
  if (events.length > 0) {
    const text = events.map((e) => `${senderOf(e.dir)} ${e.kind} in frame ${e.frame}`).join(', then ');
    out.push(finding('tcp-close-order', `TCP close: ${text}.`, frameEvidence(ctx.capture, events[0]!.frame), { side: senderOf(events[0]!.dir) }));
  }
  if (!firstFin || anyFatal(f) || f.msgs.length === 0) return out;
  const who = senderOf(firstFin.dir);
  if (sentCloseNotify(f, firstFin.dir)) return out;
  if (f.handshakeComplete) {
    out.push(finding('closed-without-close-notify', `${cap(who)} closed the TCP connection (FIN, frame ${firstFin.frame}) without sending close_notify first.`, frameEvidence(ctx.capture, firstFin.frame), { side: who }));
    return out;
  }
  const last = f.msgs[f.msgs.length - 1]!;
  out.push(finding('alert-without-tls-alert', `${cap(who)} closed the TCP connection (FIN, frame ${firstFin.frame}) during the handshake, after the ${senderOf(last.dir)}'s ${labelOf(f, last)} (frame ${last.frame}), without sending any TLS alert. If the ${who}'s log reports an alert (e.g. "certificate unknown"), it never reached the wire: the wire shows only a TCP close.`, [...spansOf(last.field), ...frameEvidence(ctx.capture, firstFin.frame)], { side: 'unknown' }));
  return out;
}

function gapsAndCuts(ctx: RuleContext, t: TransportSummary): Finding[] {
  const out: Finding[] = [];
  if (t.gaps.length > 0) {
    const total = t.gaps.reduce((n, g) => n + g.length, 0);
    const list = t.gaps.slice(0, 4).map((g) => `${g.length} bytes ${g.dir === 'c2s' ? 'client→server' : 'server→client'} after frame ${g.afterFrame}`).join('; ');
    out.push(finding('missing-segments', `${t.gaps.length} gap${t.gaps.length === 1 ? '' : 's'} in the TCP streams (${total} bytes never captured): ${list}. Messages across a gap cannot be decoded; conclusions about them are marked "can't tell".`, t.gaps.slice(0, 4).flatMap((g) => frameEvidence(ctx.capture, g.afterFrame))));
  }
  if (t.truncatedFrames.length > 0) {
    out.push(finding('truncated-frames', `${t.truncatedFrames.length} frame${t.truncatedFrames.length === 1 ? ' was' : 's were'} cut by the capture's snap length (frames ${t.truncatedFrames.slice(0, 8).join(', ')}${t.truncatedFrames.length > 8 ? ', …' : ''}): their missing bytes cannot be decoded.`, t.truncatedFrames.slice(0, 4).flatMap((n) => frameEvidence(ctx.capture, n, '_none'))));
  }
  if (!t.startSeen) {
    const sawHello = ctx.facts.clientHellos.length > 0;
    out.push(finding('capture-started-late', sawHello
      ? 'The capture started after the TCP handshake (no SYN seen), though the TLS handshake was captured.'
      : 'The capture started after the connection was set up (no SYN, no ClientHello): can\'t tell which version, cipher or certificates were negotiated, or whether the handshake succeeded, because it happened before the capture began.', frameEvidence(ctx.capture, ctx.conn.firstFrame, '_none'), { severity: sawHello ? 'info' : 'warning' }));
  }
  return out;
}

function incomplete(ctx: RuleContext, t: TransportSummary | undefined): Finding[] {
  const f = ctx.facts;
  if (f.handshakeComplete || f.msgs.length === 0 || anyFatal(f)) return [];
  if (t && !t.startSeen && f.clientHellos.length === 0) return [];
  const last = f.msgs[f.msgs.length - 1]!;
  const ended = t ? closeEvents(t)[0] : undefined;
  const how = ended ? `the ${senderOf(ended.dir)} then closed the connection (${ended.kind}, frame ${ended.frame})` : 'the capture ends there';
  const hidden = f.tls13 && !f.decrypted && f.serverHellos.length > 0 ? ' TLS 1.3 encrypts everything after the ServerHello (certificates, CertificateRequest, Finished, alerts): without keys the capture cannot show what went wrong, only where the traffic stopped.' : '';
  const gap = t && t.gaps.length > 0 ? ' Bytes are missing from the capture, so the handshake may have continued in them: can\'t tell.' : '';
  return [finding('handshake-incomplete', `The handshake did not visibly complete: the last TLS message was the ${senderOf(last.dir)}'s ${labelOf(f, last)} (frame ${last.frame}), and ${how}.${hidden}${gap}`, spansOf(last.field), { severity: ended ? 'error' : 'warning' })];
}

export const transportRule: Rule = {
  name: 'transport',
  codes: ['reset-without-close-notify', 'closed-without-close-notify', 'tcp-close-order', 'alert-without-tls-alert', 'missing-segments', 'truncated-frames', 'capture-started-late', 'handshake-incomplete'],
  run(ctx) {
    const t = ctx.conn.transport;
    if (!t) return incomplete(ctx, undefined);
    return [...gapsAndCuts(ctx, t), ...resets(ctx, t), ...closes(ctx, t), ...incomplete(ctx, t)];
  },
};
