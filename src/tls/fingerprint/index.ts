/**
 * Fingerprints of the hellos (JA3, JA3S, JA4) as generated fields named as Wireshark names
 * them. They are computed, not read: their spans are the whole hello they summarise.
 */
import type { Field } from '../../model/field.ts';
import type { Span } from '../../model/span.ts';
import type { ClientHelloInfo, ServerHelloInfo } from '../hello.ts';
import { ja3, ja3s } from './ja3.ts';
import { ja4, type Ja4Transport } from './ja4.ts';

export { ja3, ja3s, type Ja3 } from './ja3.ts';
export { ja4, type Ja4, type Ja4Transport } from './ja4.ts';

const generated = (name: string, filter: string, value: string, spans: readonly Span[]): Field => ({
  name,
  filter,
  value,
  display: value,
  spans: spans.map((s) => ({ ...s })),
  kb: filter,
});

/**
 * The fingerprint fields of one hello: JA3 full/hash and JA4/JA4_r for a ClientHello, JA3S
 * full/hash for a ServerHello. `spans` are the hello message's spans (the fields are generated,
 * like Wireshark's `[JA3: ...]`), so coverage counts them as overlays, not leaves.
 */
export function fingerprintFields(
  hello: { client: ClientHelloInfo } | { server: ServerHelloInfo },
  spans: readonly Span[] = [],
  transport: Ja4Transport = 't',
): Field[] {
  if ('client' in hello) {
    const j3 = ja3(hello.client);
    const j4 = ja4(hello.client, transport);
    return [
      generated('JA4', 'tls.handshake.ja4', j4.ja4, spans),
      generated('JA4_r', 'tls.handshake.ja4_r', j4.ja4_r, spans),
      generated('JA3 Fullstring', 'tls.handshake.ja3_full', j3.full, spans),
      generated('JA3', 'tls.handshake.ja3', j3.hash, spans),
    ];
  }
  const s = ja3s(hello.server);
  return [
    generated('JA3S Fullstring', 'tls.handshake.ja3s_full', s.full, spans),
    generated('JA3S', 'tls.handshake.ja3s', s.hash, spans),
  ];
}
