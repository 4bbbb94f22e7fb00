// Hello extensions (IANA TLS ExtensionType registry; RFC 6066, 7301, 8422, 8446 ...).
import { entry, type KbEntry } from '../types.ts';

const X = 'RFC 8446 §4.2';
const ext = (key: string, title: string, rfc: string, what: string, read: string, pitfalls: string): KbEntry =>
  entry(key, title, rfc, key, what, read, pitfalls);

export const extensionEntries: KbEntry[] = [
  ext('tls.handshake.extension', 'Extension', X, 'An optional feature carried in a hello: type, length, data.', 'Unknown types are ignored by receivers, which is how new features roll out.', 'A server may only answer with extensions the client offered; an unsolicited one triggers unsupported_extension.'),
  ext('tls.handshake.extension.type', 'Extension type', 'IANA TLS ExtensionType Values', 'The registered number of the extension.', '0 server_name, 10 supported_groups, 11 ec_point_formats, 13 signature_algorithms, 16 ALPN, 23 extended_master_secret, 35 session_ticket, 43 supported_versions, 45 psk_key_exchange_modes, 51 key_share, 65281 renegotiation_info.', 'Values like 0x0A0A, 0x1A1A (GREASE) are deliberately meaningless.'),
  ext('tls.handshake.extension.len', 'Extension length', X, 'The size of the extension data.', '0 is legal: several extensions are pure flags.', 'A length running past the extensions block is malformed.'),
  ext('tls.handshake.extension.data', 'Extension data', X, 'The bytes of an extension wirebook does not break down further.', 'Look up the type in the IANA registry for its layout.', ''),
  ext('tls.handshake.extensions_server_name', 'Server name (SNI)', 'RFC 6066 §3', 'The host name the client wants, sent in clear so the server can pick a certificate.', 'Plain ASCII host name, no port, no trailing dot.', 'Missing SNI makes multi-site servers present their default certificate: the usual cause of name-mismatch errors. It is in clear text, so anyone on the path can read it.'),
  ext('tls.handshake.extensions_server_name_list_len', 'Server name list length', 'RFC 6066 §3', 'Bytes in the list of names.', 'Usually 3 plus the name length.', ''),
  ext('tls.handshake.extensions_server_name_type', 'Server name type', 'RFC 6066 §3', 'The kind of name.', '0 is host_name, the only type defined.', ''),
  ext('tls.handshake.extensions_server_name_len', 'Server name length', 'RFC 6066 §3', 'Length of the host name.', 'In bytes.', ''),
  ext('tls.handshake.extensions_supported_groups', 'Supported groups', 'RFC 8422 §5.1.1; RFC 8446 §4.2.7', 'The key-exchange groups the client accepts, best first.', 'x25519 (0x001d), secp256r1 (0x0017), secp384r1 (0x0018), ffdhe2048 (0x0100).', 'No common group means handshake_failure, or in TLS 1.3 a HelloRetryRequest asking for another group.'),
  ext('tls.handshake.extensions_supported_group', 'Supported group', 'RFC 8446 §4.2.7', 'One named group.', 'See the IANA Supported Groups registry.', ''),
  ext('tls.handshake.extensions_ec_point_formats', 'EC point formats', 'RFC 8422 §5.1.2', 'How elliptic-curve points may be encoded.', '0 uncompressed is the only one in real use.', 'Obsolete in TLS 1.3.'),
  ext('tls.handshake.sig_hash_algs', 'Signature algorithms', 'RFC 5246 §7.4.1.4.1; RFC 8446 §4.2.3', 'Which signatures the client can verify.', 'Two bytes each: 0x0804 rsa_pss_rsae_sha256, 0x0403 ecdsa_secp256r1_sha256, 0x0401 rsa_pkcs1_sha256.', 'A server with only SHA-1 signatures fails against modern clients.'),
  ext('tls.handshake.sig_hash_alg', 'Signature algorithm', 'RFC 8446 §4.2.3', 'One signature scheme code.', 'High byte hash, low byte signature in TLS 1.2 terms.', ''),
  ext('tls.handshake.extensions_alpn_str', 'ALPN protocol', 'RFC 7301 §3.1', 'An application protocol name offered or chosen.', '"h2" is HTTP/2, "http/1.1" is HTTP/1.1.', 'A server that picks nothing leaves the client on its default; a fatal no_application_protocol (120) means no overlap.'),
  ext('tls.handshake.extensions.supported_version', 'Supported version', 'RFC 8446 §4.2.1', 'A version the client accepts, or the one the server chose.', '0x0304 is TLS 1.3.', 'This, not the hello version, is what negotiates TLS 1.3.'),
  ext('tls.handshake.extensions_key_share_group', 'Key share group', 'RFC 8446 §4.2.8', 'The group of a key share.', 'The server\'s share must use a group the client sent a share for, else a HelloRetryRequest happens first.', ''),
  ext('tls.handshake.extensions_key_share_key_exchange', 'Key exchange value', 'RFC 8446 §4.2.8', 'The ephemeral public key for that group.', '32 bytes for x25519, 65 bytes (04 || X || Y) for secp256r1.', ''),
  ext('tls.extension.psk_ke_mode', 'PSK key exchange mode', 'RFC 8446 §4.2.9', 'How a resumed TLS 1.3 session gets its keys.', '1 psk_dhe_ke (with fresh (EC)DHE, keeps forward secrecy), 0 psk_ke.', ''),
  ext('tls.handshake.extensions.session_ticket', 'Session ticket', 'RFC 5077 §3.2', 'A ticket from an earlier connection, or empty to say "I support tickets".', 'Non-empty in a ClientHello means resumption is being attempted.', ''),
  ext('tls.handshake.extensions_reneg_info_len', 'Renegotiation info', 'RFC 5746 §3.2', 'Binds a renegotiation to the connection it happens on.', 'Empty on the first handshake; carries Finished data on a renegotiation.', 'Absent on both sides means the peer is vulnerable to the 2009 renegotiation attack.'),
  ext('tls.handshake.extensions_padding_data', 'Padding', 'RFC 7685 §3', 'Filler bytes that push the ClientHello past a size some servers choke on.', 'All zeros.', ''),
];
