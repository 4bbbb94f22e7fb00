/** Extension bodies defined by RFC 8446 (TLS 1.3) §4.2. One function per RFC struct. */
import type { Cursor } from '../../model/cursor.ts';
import { toHex } from '../../model/hex.ts';
import type { HelloExtensions } from '../hello.ts';
import { readDistinguishedNameEntry } from './dn.ts';
import { groupLookup } from './basic.ts';
import { groups, isGrease, pskKeyExchangeModes, versionLookup } from './names.ts';
import { flagLast, fromClient, type ExtensionContext } from './types.ts';

/** RFC 8446 §4.2.1: client: ProtocolVersion versions<2..254>; server and HRR: ProtocolVersion selected_version. */
export function readSupportedVersions(r: Cursor, ctx: ExtensionContext, out: HelloExtensions): void {
  if (!fromClient(ctx)) {
    const v = r.u16('Supported Version', 'tls.handshake.extensions.supported_version', versionLookup);
    out.selectedVersion = v;
    out.supportedVersions = [v];
    return;
  }
  out.supportedVersions = r.vector(
    {
      name: 'Supported Versions',
      lengthName: 'Supported Versions length',
      lengthFilter: 'tls.handshake.extensions.supported_versions_len',
      lengthBytes: 1,
      kb: 'tls.handshake.extensions.supported_versions',
    },
    (list) => {
      const versions: number[] = [];
      while (list.remaining > 0) versions.push(list.u16('Supported Version', 'tls.handshake.extensions.supported_version', versionLookup));
      return versions;
    },
  ) ?? out.supportedVersions;
}

/** RFC 8446 §4.2.2: struct { opaque cookie<1..2^16-1>; } Cookie. */
export function readCookie(r: Cursor, _ctx: ExtensionContext, out: HelloExtensions): void {
  const n = r.u16('Cookie length', 'tls.handshake.extensions.cookie_len');
  if (n === 0) flagLast(r, 'empty cookie (RFC 8446: opaque cookie<1..2^16-1>)');
  out.cookie = r.bytes('Cookie', 'tls.handshake.extensions.cookie', n);
}

/** RFC 8446 §4.2.9: struct { PskKeyExchangeMode ke_modes<1..255>; } PskKeyExchangeModes. */
export function readPskKeyExchangeModes(r: Cursor, _ctx: ExtensionContext, out: HelloExtensions): void {
  out.pskKeyExchangeModes = r.vector(
    {
      name: 'PSK Key Exchange Modes',
      lengthName: 'PSK Key Exchange Modes Length',
      lengthFilter: 'tls.extension.psk_ke_modes_length',
      lengthBytes: 1,
      kb: 'tls.extension.psk_ke_modes',
    },
    (list) => {
      const modes: number[] = [];
      while (list.remaining > 0) modes.push(list.u8('PSK Key Exchange Mode', 'tls.extension.psk_ke_mode', pskKeyExchangeModes));
      return modes;
    },
  ) ?? out.pskKeyExchangeModes;
}

/** RFC 8446 §4.2.4: struct { DistinguishedName authorities<3..2^16-1>; } CertificateAuthoritiesExtension. */
export function readCertificateAuthorities(r: Cursor, _ctx: ExtensionContext, out: HelloExtensions): void {
  out.certificateAuthorities = r.vector(
    {
      name: 'Distinguished Names',
      filter: 'tls.handshake.dnames',
      lengthName: 'Distinguished Names Length',
      lengthFilter: 'tls.handshake.dnames_len',
      lengthBytes: 2,
    },
    (list) => {
      const dns: Uint8Array[] = [];
      while (list.remaining > 0) {
        const dn = readDistinguishedNameEntry(list);
        if (dn) dns.push(dn);
      }
      return dns;
    },
  ) ?? out.certificateAuthorities;
}

/** RFC 8446 §4.2.5: struct { OIDFilter filters<0..2^16-1>; } OIDFilterExtension. */
export function readOidFilterExtension(r: Cursor): void {
  r.vector(
    {
      name: 'OID Filters',
      lengthName: 'OID Filters Length',
      lengthFilter: 'tls.extension.oid_filters_length',
      lengthBytes: 2,
      kb: 'tls.extension.oid_filters',
    },
    (list) => {
      while (list.remaining > 0) readOidFilter(list);
    },
  );
}

/** RFC 8446 §4.2.5: struct { opaque certificate_extension_oid<1..2^8-1>; opaque certificate_extension_values<0..2^16-1>; } OIDFilter. */
export function readOidFilter(r: Cursor): void {
  const n = r.u8('Certificate Extension OID Length', 'tls.extension.oid_filters.oid_length');
  if (n === 0) flagLast(r, 'empty OID (RFC 8446: certificate_extension_oid<1..2^8-1>)');
  const oid = r.bytes('Certificate Extension OID', 'tls.extension.oid_filters.oid', n);
  const f = r.out[r.out.length - 1];
  if (f) {
    const dotted = derOidToString(oid);
    if (dotted) {
      f.value = dotted;
      f.display = dotted;
    }
  }
  const m = r.u16('Certificate Extension Values Length', 'tls.extension.oid_filters.values_length');
  if (m > 0) r.bytes('Certificate Extension Values', undefined, m, { kb: 'tls.extension.oid_filters.values' });
}

/** The dotted form of DER OID content bytes (X.690 §8.19), or undefined when they are not a valid OID. */
export function derOidToString(b: Uint8Array): string | undefined {
  if (b.length === 0 || (b[b.length - 1]! & 0x80) !== 0) return undefined;
  const arcs: bigint[] = [];
  let v = 0n;
  for (const byte of b) {
    v = (v << 7n) | BigInt(byte & 0x7f);
    if ((byte & 0x80) === 0) {
      arcs.push(v);
      v = 0n;
    }
  }
  const first = arcs[0]!;
  const head = first < 40n ? [0n, first] : first < 80n ? [1n, first - 40n] : [2n, first - 80n];
  return [...head, ...arcs.slice(1)].join('.');
}

/** RFC 8446 §4.2.8: client: KeyShareEntry client_shares<0..2^16-1>; server: KeyShareEntry; HRR: NamedGroup selected_group. */
export function readKeyShare(r: Cursor, ctx: ExtensionContext, out: HelloExtensions): void {
  if (ctx.message === 'hello_retry_request') {
    out.selectedGroup = r.u16('Selected Group', 'tls.handshake.extensions_key_share_selected_group', groupLookup);
    return;
  }
  if (!fromClient(ctx)) {
    const share = readKeyShareEntry(r);
    if (share) out.keyShares = [share];
    return;
  }
  out.keyShares = r.vector(
    {
      name: 'Client Key Shares',
      lengthName: 'Client Key Share Length',
      lengthFilter: 'tls.handshake.extensions_key_share_client_length',
      lengthBytes: 2,
      kb: 'tls.handshake.extensions_key_share_client',
    },
    (list) => {
      const shares: { group: number; keyExchange: Uint8Array }[] = [];
      while (list.remaining > 0) {
        const share = readKeyShareEntry(list);
        if (share) shares.push(share);
      }
      return shares;
    },
  ) ?? out.keyShares;
}

/** RFC 8446 §4.2.8: struct { NamedGroup group; opaque key_exchange<1..2^16-1>; } KeyShareEntry. */
export function readKeyShareEntry(r: Cursor): { group: number; keyExchange: Uint8Array } | undefined {
  const group = r.peek16();
  const kxLen = r.peek16(2);
  const groupName = group === undefined ? '?' : isGrease(group) ? 'Reserved (GREASE)' : (groups.get(group) ?? `0x${group.toString(16).padStart(4, '0')}`);
  const name = `Key Share Entry: Group: ${groupName}, Key Exchange length: ${kxLen ?? '?'}`;
  return r.struct(
    name,
    undefined,
    kxLen === undefined ? undefined : 4 + kxLen,
    (e) => {
      const g = e.u16('Group', 'tls.handshake.extensions_key_share_group', groupLookup);
      const n = e.u16('Key Exchange Length', 'tls.handshake.extensions_key_share_key_exchange_length');
      if (n === 0) flagLast(e, 'empty key_exchange (RFC 8446: opaque key_exchange<1..2^16-1>)');
      const keyExchange = n > 0 ? e.bytes('Key Exchange', 'tls.handshake.extensions_key_share_key_exchange', n) : new Uint8Array(0);
      return { group: g, keyExchange };
    },
    { kb: 'tls.handshake.extensions_key_share_entry' },
  );
}

/** RFC 8446 §4.2.11: client: OfferedPsks; server: uint16 selected_identity. */
export function readPreSharedKey(r: Cursor, ctx: ExtensionContext, out: HelloExtensions): void {
  if (!fromClient(ctx)) {
    out.selectedIdentity = r.u16('Selected Identity', 'tls.handshake.extensions.psk.identity.selected');
    return;
  }
  readOfferedPsks(r, out);
}

/** RFC 8446 §4.2.11: struct { PskIdentity identities<7..2^16-1>; PskBinderEntry binders<33..2^16-1>; } OfferedPsks. */
export function readOfferedPsks(r: Cursor, out: HelloExtensions): void {
  out.pskIdentities = r.vector(
    {
      name: 'Identities',
      lengthName: 'Identities Length',
      lengthFilter: 'tls.handshake.extensions.psk.identities.length',
      lengthBytes: 2,
      kb: 'tls.handshake.extensions.psk.identities',
    },
    (list) => {
      const ids: string[] = [];
      while (list.remaining > 0) {
        const id = readPskIdentity(list);
        if (id !== undefined) ids.push(id);
      }
      return ids;
    },
  ) ?? out.pskIdentities;
  r.vector(
    {
      name: 'PSK Binders',
      filter: 'tls.handshake.extensions.psk.binders',
      lengthName: 'PSK Binders length',
      lengthFilter: 'tls.handshake.extensions.psk.binders_len',
      lengthBytes: 2,
    },
    (list) => {
      while (list.remaining > 0) readPskBinderEntry(list);
    },
  );
}

/** RFC 8446 §4.2.11: struct { opaque identity<1..2^16-1>; uint32 obfuscated_ticket_age; } PskIdentity. */
export function readPskIdentity(r: Cursor): string | undefined {
  const idLen = r.peek16();
  return r.struct(
    `PSK Identity (length: ${idLen ?? '?'})`,
    undefined,
    idLen === undefined ? undefined : idLen + 6,
    (e) => {
      const n = e.u16('Identity Length', 'tls.handshake.extensions.psk.identity.identity_length');
      if (n === 0) flagLast(e, 'empty PSK identity (RFC 8446: opaque identity<1..2^16-1>)');
      const id = n > 0 ? e.bytes('Identity', 'tls.handshake.extensions.psk.identity.identity', n) : new Uint8Array(0);
      e.u32('Obfuscated Ticket Age', 'tls.handshake.extensions.psk.identity.obfuscated_ticket_age');
      return toHex(id);
    },
    { kb: 'tls.handshake.extensions.psk.identity' },
  );
}

/** RFC 8446 §4.2.11: opaque PskBinderEntry<32..255>. */
export function readPskBinderEntry(r: Cursor): void {
  const n = r.u8('PSK Binder Length', 'tls.handshake.extensions.psk.binder.binder_length');
  if (n < 32) flagLast(r, `PSK binder of ${n} bytes is shorter than the 32 RFC 8446 requires`);
  r.bytes('PSK Binder', 'tls.handshake.extensions.psk.binder.binders', n);
}

/** RFC 8446 §4.2.10: empty in ClientHello and EncryptedExtensions; NewSessionTicket: uint32 max_early_data_size. */
export function readEarlyDataIndication(r: Cursor, ctx: ExtensionContext, out: HelloExtensions): void {
  out.earlyData = true;
  if (ctx.message === 'new_session_ticket') r.u32('Maximum Early Data Size', 'tls.early_data.max_early_data_size');
}

/** RFC 8446 §4.2.6: post_handshake_auth has an empty body. */
export function readPostHandshakeAuth(_r: Cursor, _ctx: ExtensionContext, out: HelloExtensions): void {
  out.postHandshakeAuth = true;
}
