import type { DecodedConnection, MessageRef } from '../../model/decoded.ts';
import { esc } from '../escape.ts';
import type { Permalinks } from '../ids.ts';

const W = 640;
const LEFT = 150;
const RIGHT = 560;
const ROW = 24;
const TOP = 40;
/** Characters of monospace 11px text that fit between the lifelines with the ` · #frame` suffix. */
const PLAIN_FITS = 54;

/** Milliseconds since the connection's first message, as `+1.869 ms`. */
export function offsetText(t: bigint | undefined, t0: bigint): string {
  if (t === undefined) return '';
  const us = Number((t - t0) / 1000n);
  return `+${(us / 1000).toFixed(3)} ms`;
}

function kindOf(m: MessageRef): string {
  // STARTTLS plaintext: its own look, and its text (from the capture) never reads as an alert.
  if (m.starttls !== undefined) return 'plain';
  if (/alert/i.test(m.type)) return /fatal/i.test(m.type) ? 'fatal' : 'alert';
  if (/\b(rst|reset)\b/i.test(m.type)) return 'fatal';
  if (/\bfin\b/i.test(m.type)) return 'tcp';
  return 'msg';
}

/** Messages plus the FINs and RSTs TCP saw, in frame order (resets belong on the ladder). */
function withTransport(conn: DecodedConnection): MessageRef[] {
  const t = conn.transport;
  const extra: MessageRef[] = [];
  if (t?.clientFin !== undefined) extra.push({ dir: 'c2s', frame: t.clientFin, type: 'TCP FIN' });
  if (t?.serverFin !== undefined) extra.push({ dir: 's2c', frame: t.serverFin, type: 'TCP FIN' });
  if (t?.clientRst !== undefined) extra.push({ dir: 'c2s', frame: t.clientRst, type: 'TCP RST' });
  if (t?.serverRst !== undefined) extra.push({ dir: 's2c', frame: t.serverRst, type: 'TCP RST' });
  if (extra.length === 0) return conn.messages;
  return [...conn.messages, ...extra].sort((a, b) => a.frame - b.frame);
}

/**
 * The ladder diagram as inline SVG: client and server columns, one arrow per message in wire
 * order with its time offset; alerts red, TCP resets/FINs grey, the plaintext before a STARTTLS
 * upgrade grey in monospace. Each arrow links to its cell.
 */
export function renderLadder(conn: DecodedConnection, links: Permalinks, timeOf: (m: MessageRef) => bigint | undefined, t0: bigint): string {
  const msgs = withTransport(conn);
  const h = TOP + msgs.length * ROW + 16;
  const parts: string[] = [];
  parts.push(
    `<svg class="ladder" viewBox="0 0 ${W} ${h}" width="${W}" height="${h}" role="img" aria-label="message ladder of connection ${conn.id}">`,
    `<defs><marker id="ah${conn.id}" viewBox="0 0 10 10" refX="10" refY="5" markerWidth="7" markerHeight="7" orient="auto-start-reverse"><path d="M0 0L10 5L0 10z" class="ahead"/></marker></defs>`,
    `<text x="${LEFT}" y="16" class="lh" text-anchor="middle">client</text><text x="${LEFT}" y="30" class="lsub" text-anchor="middle">${esc(conn.client)}</text>`,
    `<text x="${RIGHT}" y="16" class="lh" text-anchor="middle">server</text><text x="${RIGHT}" y="30" class="lsub" text-anchor="middle">${esc(conn.server)}</text>`,
    `<line x1="${LEFT}" y1="${TOP - 4}" x2="${LEFT}" y2="${h - 6}" class="life"/><line x1="${RIGHT}" y1="${TOP - 4}" x2="${RIGHT}" y2="${h - 6}" class="life"/>`,
  );
  msgs.forEach((m, i) => {
    const y = TOP + i * ROW + 14;
    const c2s = m.dir === 'c2s';
    const [x1, x2] = c2s ? [LEFT + 2, RIGHT - 2] : [RIGHT - 2, LEFT + 2];
    const kind = kindOf(m);
    // A STARTTLS line is capture text of any length: cut to the arrow, whole in the tooltip.
    const cut = kind === 'plain' && m.type.length > PLAIN_FITS;
    const label = `${cut ? `${m.type.slice(0, PLAIN_FITS - 1)}…` : m.type} · #${m.frame}`;
    const title = cut ? `<title>${esc(m.type)}</title>` : '';
    const line = `<line x1="${x1}" y1="${y}" x2="${x2}" y2="${y}" class="arr ${kind}" marker-end="url(#ah${conn.id})"/>`;
    const text = `<text x="${(LEFT + RIGHT) / 2}" y="${y - 4}" text-anchor="middle" class="lt ${kind}">${title}${esc(label)}</text>`;
    const time = `<text x="${LEFT - 10}" y="${y + 4}" text-anchor="end" class="tm">${esc(offsetText(timeOf(m), t0))}</text>`;
    const body = line + text + time;
    parts.push(m.field ? `<a href="#${esc(links.of(m.field))}">${body}</a>` : body);
  });
  parts.push('</svg>');
  return `<figure class="ladderbox">${parts.join('')}</figure>`;
}
