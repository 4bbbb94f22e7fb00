// Every alert explained with its sender and phase; encrypted alerts reasoned about by position.
import { ALERTS, alertName, PHASE_TEXT } from '../alerts.ts';
import { finding } from '../catalogue.ts';
import { alertSized, labelOf, type AlertFacts, type ConnectionFacts, type Msg } from '../facts.ts';
import { spansOf } from '../query.ts';
import { cap, peerOf, senderOf } from '../sides.ts';
import type { Finding, Rule, RuleContext, Side } from '../types.ts';

/** The message just before `m` (what the alert answered). */
function previous(facts: ConnectionFacts, m: Msg): Msg | undefined {
  return facts.msgs[m.index - 1];
}

/** The side at fault for a readable alert, from the catalogue's blame. */
export function blamedSide(a: AlertFacts): Side {
  const info = a.desc === undefined ? undefined : ALERTS.get(a.desc);
  const sender = senderOf(a.msg.dir);
  if (!info) return 'unknown';
  if (info.blame === 'peer') return peerOf(sender);
  if (info.blame === 'sender') return sender;
  return 'unknown';
}

function readable(ctx: RuleContext, a: AlertFacts): Finding[] {
  const sender = senderOf(a.msg.dir);
  const desc = a.desc ?? -1;
  const info = ALERTS.get(desc);
  const name = a.descName ?? alertName(desc);
  const prev = previous(ctx.facts, a.msg);
  const after = prev ? ` after ${prev.dir === a.msg.dir ? 'its own' : `the ${senderOf(prev.dir)}'s`} ${labelOf(ctx.facts, prev)}` : '';
  const where = `in frame ${a.msg.frame}${after}`;
  const ev = spansOf(a.field);
  const meaning = info ? `${info.meaning} (${PHASE_TEXT[info.phase]})` : 'an alert code this version of wirebook does not know';
  if (desc === 0) return [finding('close-notify', `${cap(sender)} sent close_notify ${where}: ${meaning}.`, ev, { side: sender, title: `${cap(sender)} sent close_notify` })];
  if (a.level === 1) {
    return [finding('warning-alert', `${cap(sender)} sent the warning alert ${name}(${desc}) ${where}: ${meaning}. A warning alert does not end the connection by itself.`, ev, { side: blamedSide(a), check: info?.check ?? 'the sender\'s log' })];
  }
  const out = [
    finding('fatal-alert', `${cap(sender)} sent the fatal alert ${name}(${desc}) ${where}: ${meaning}.`, ev, {
      side: blamedSide(a), title: `Fatal alert ${name}(${desc}) from the ${sender}`, check: info?.check ?? 'the sender\'s log',
    }),
  ];
  const receiver = peerOf(sender);
  if (desc === 48) {
    const hidden = !ctx.facts.certificates.some((c) => senderOf(c.msg.dir) === receiver && c.certs.length > 0) && ctx.facts.tls13
      ? ` The ${receiver}'s certificates are encrypted in TLS 1.3 and could not be inspected here: with keys (--keylog) wirebook can tell whether the chain was incomplete, self-signed or expired.`
      : '';
    out.push(finding('unknown-ca', `${cap(sender)} could not build the ${receiver}'s certificate chain to a CA it trusts and sent unknown_ca(48) ${where}. The fault is usually on the ${receiver}'s side (missing intermediate, self-signed or private CA) or in the ${sender}'s trust store.${hidden}`, ev, { side: receiver }));
  }
  if (desc === 71) out.push(finding('insufficient-security', `${cap(sender)} refused the ${receiver}'s offer as too weak (insufficient_security(71)) ${where}.`, ev, { side: receiver }));
  if (desc === 80) out.push(finding('internal-error', `${cap(sender)} reported an internal error (internal_error(80)) ${where}: the problem is on its side, not in the bytes it received. OpenSSL 3 servers also send it to TLS 1.0/1.1 clients at the default security level ("no suitable signature algorithm").`, ev, { side: sender }));
  return out;
}

/** Where an encrypted alert sits: the end of the sender's records, or in the middle of a handshake. */
function encrypted(ctx: RuleContext, m: Msg, field: AlertFacts['field'] | undefined): Finding {
  const f = ctx.facts;
  const sender = senderOf(m.dir);
  const later = f.msgs.some((x) => x.index > m.index && x.dir === m.dir && x.kind !== 'encrypted-alert');
  const ev = spansOf(field ?? m.field);
  const size = m.encryptedLength !== undefined ? ` (${m.encryptedLength} bytes of ciphertext)` : '';
  const tls13 = f.tls13 && m.kind === 'app-data';
  const what = tls13 ? `an alert-sized protected record${size} — in TLS 1.3 alerts travel as encrypted records of type application_data, so this is probably an alert` : `an encrypted alert${size}`;
  if (f.handshakeComplete && !later) {
    return finding('encrypted-alert', `${cap(sender)} sent ${what} at the end of its data in frame ${m.frame}: probably close_notify. It cannot be read without keys (--keylog or --key).`, ev, { side: sender, title: `Encrypted alert from the ${sender} (probably close_notify)` });
  }
  const hint = f.tls13 && sender === 'server' && f.certRequests.length === 0 ? ' With TLS 1.3 client authentication the usual one is certificate_required(116): the CertificateRequest and the client\'s Certificate are encrypted too, so the capture cannot show whether the client sent a certificate.' : '';
  // The sender closing right after makes it the end of the handshake: the failure itself.
  const t = ctx.conn.transport;
  const closed = t && (m.dir === 'c2s' ? (t.clientFin ?? t.clientRst) : (t.serverFin ?? t.serverRst)) !== undefined;
  return finding('encrypted-alert', `${cap(sender)} sent ${what} in frame ${m.frame} before the handshake visibly completed${closed ? ', then closed the connection' : ''}: most likely a fatal alert. Which one cannot be read without keys (--keylog or --key).${hint}`, ev, {
    side: sender, severity: closed ? 'error' : 'warning', title: `Encrypted alert from the ${sender} during the handshake`,
  });
}

export const alertsRule: Rule = {
  name: 'alerts',
  codes: ['fatal-alert', 'warning-alert', 'close-notify', 'encrypted-alert', 'unknown-ca', 'insufficient-security', 'internal-error'],
  run(ctx) {
    const out: Finding[] = [];
    for (const a of ctx.facts.alerts) {
      if (a.encrypted) out.push(encrypted(ctx, a.msg, a.field));
      else out.push(...readable(ctx, a));
    }
    // TLS 1.3 without keys: the last record of a side that is exactly an alert's size.
    if (ctx.facts.tls13 && !ctx.facts.decrypted) {
      for (const dir of ['c2s', 's2c'] as const) {
        const mine = ctx.facts.msgs.filter((m) => m.dir === dir && m.kind === 'app-data');
        const last = mine[mine.length - 1];
        if (last && alertSized(last) && mine.length > 1) out.push(encrypted(ctx, last, last.field));
      }
    }
    return out;
  },
};
