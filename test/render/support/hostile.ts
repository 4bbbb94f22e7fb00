// A capture that tries to inject markup: a real decode whose SNI, certificate subject, and an
// HTTP body (plus the raw frame bytes under it) are replaced with HTML and javascript: links.
import type { DecodedCapture } from '../../../src/model/decoded.ts';
import { walkFields, type Field } from '../../../src/model/field.ts';
import { isFrameSpan } from '../../../src/model/span.ts';
import { loadFixture } from './capture.ts';

export const EVIL_SNI = '<script>alert(1)</script>';
export const EVIL_SUBJECT = 'CN=<img src=x onerror="window.__pwned=1">';
export const EVIL_BODY = 'HTTP/1.1 200 OK\r\n\r\n<a href="javascript:window.__pwned=1">click</a><script>window.__pwned=1</script>';

/** The ECDHE fixture decoded, then poisoned. */
export async function hostileCapture(): Promise<DecodedCapture> {
  const cap = await loadFixture('fixtures/tls12-ecdhe-rsa-aes128-gcm/capture.pcap');
  const conn = cap.connections[0]!;
  conn.sni = EVIL_SNI;
  const all = [...walkFields(conn.fields)];
  const sni = all.find((f) => f.filter === 'tls.handshake.extensions_server_name');
  const target: Field = sni ?? all.find((f) => f.filter === 'tls.handshake.random')!;
  target.value = EVIL_SNI;
  target.display = EVIL_SNI;
  const subject = all.find((f) => f.filter === 'x509af.subject' || f.filter === 'x509af.rdnSequence') ?? all.find((f) => f.filter === 'tls.handshake.session_id_length')!;
  subject.display = EVIL_SUBJECT;
  subject.name = `Subject ${EVIL_SUBJECT}`;
  const app = all.find((f) => f.filter === 'tls.app_data') ?? all[all.length - 1]!;
  app.display = EVIL_BODY;
  // The raw bytes too: the ASCII column of the hex dump must escape them.
  const span = app.spans.find(isFrameSpan);
  if (span) {
    const frame = cap.frames[span.frame - 1]!;
    const bytes = new TextEncoder().encode(EVIL_BODY);
    frame.data.set(bytes.subarray(0, Math.min(bytes.length, span.length)), span.offset);
  }
  conn.messages.push({ dir: 's2c', frame: conn.messages.at(-1)!.frame, type: `<svg onload="window.__pwned=1">` });
  return cap;
}
