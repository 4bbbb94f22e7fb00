// What else the records show: heartbeat (Heartbleed probes), malformed TLS, and non-TLS payloads.
import { malformedFields } from '../../model/field.ts';
import { finding } from '../catalogue.ts';
import { fieldsOf, first, spansOf } from '../query.ts';
import { senderOf } from '../sides.ts';
import type { Finding, Rule } from '../types.ts';

export const contentRule: Rule = {
  name: 'content',
  codes: ['heartbeat', 'malformed-record', 'not-tls'],
  run(ctx) {
    const out: Finding[] = [];
    for (const m of ctx.facts.msgs) {
      if (!/Heartbeat/.test(m.ref.type) || !m.field) continue;
      const who = senderOf(m.dir);
      const bad = m.field.malformed ?? first(m.field, '_ws.malformed')?.malformed;
      if (bad) out.push(finding('heartbeat', `${who === 'client' ? 'The client' : 'The server'} sent a heartbeat message in frame ${m.frame} whose payload length exceeds the bytes sent (${bad}): the shape of a Heartbleed (CVE-2014-0160) probe. A vulnerable peer answers with up to 64 KB of its memory.`, spansOf(m.field), { side: who, severity: 'error', title: 'Heartbleed-shaped heartbeat' }));
      else if (!m.protected) out.push(finding('heartbeat', `${who === 'client' ? 'The client' : 'The server'} sent a heartbeat message in frame ${m.frame}.`, spansOf(m.field), { side: who, severity: 'info' }));
    }
    const bad = malformedFields(ctx.conn.fields);
    if (bad.length > 0 && ctx.facts.msgs.length > 0) {
      out.push(finding('malformed-record', `${bad.length} malformed field${bad.length === 1 ? '' : 's'} in the TLS data: ${bad.slice(0, 3).map((b) => b.malformed).join('; ')}.`, spansOf(...bad.slice(0, 3))));
    }
    if (ctx.facts.msgs.length === 0) {
      const data = fieldsOf(ctx.conn, 'data.data');
      if (data.length > 0) out.push(finding('not-tls', `No TLS records on this connection (${ctx.conn.client} → ${ctx.conn.server}): the payload is another protocol${/^\[?[\d.:\]]+:443$/.test(ctx.conn.server) ? ' although the port is 443 (e.g. plain HTTP sent to an HTTPS port)' : ''}.`, spansOf(data[0])));
    }
    return out;
  },
};
