/**
 * What the hellos negotiated, in plain values (the fields carry the bytes). Filled by the
 * handshake and extension readers; read by fingerprints, decryption and diagnosis.
 */
export interface HelloExtensions {
  /** Extension types in wire order (GREASE included). */
  types: number[];
  serverName?: string;
  alpn?: string[];
  /** ClientHello supported_versions list, or the ServerHello's selected version. */
  supportedVersions?: number[];
  selectedVersion?: number;
  supportedGroups?: number[];
  ecPointFormats?: number[];
  signatureAlgorithms?: number[];
  signatureAlgorithmsCert?: number[];
  /** key_share: the client's entries, or the server's one; HelloRetryRequest: the selected group only. */
  keyShares?: { group: number; keyExchange: Uint8Array }[];
  selectedGroup?: number;
  pskKeyExchangeModes?: number[];
  /** pre_shared_key: client identities (hex) or the server's selected index. */
  pskIdentities?: string[];
  selectedIdentity?: number;
  extendedMasterSecret?: boolean;
  encryptThenMac?: boolean;
  sessionTicket?: Uint8Array;
  earlyData?: boolean;
  renegotiationInfo?: Uint8Array;
  recordSizeLimit?: number;
  statusRequest?: boolean;
  postHandshakeAuth?: boolean;
  cookie?: Uint8Array;
  /** certificate_authorities: DER distinguished names. */
  certificateAuthorities?: Uint8Array[];
}

/** A ClientHello's values (SSLv2-compatible hellos too: `sslv2` set, suites may be 3-byte specs). */
export interface ClientHelloInfo {
  legacyVersion: number;
  random: Uint8Array;
  sessionId: Uint8Array;
  cipherSuites: number[];
  compressionMethods: number[];
  extensions: HelloExtensions;
  sslv2?: boolean;
}

/** A ServerHello's values; `helloRetryRequest` when its random is the RFC 8446 §4.1.3 constant. */
export interface ServerHelloInfo {
  legacyVersion: number;
  random: Uint8Array;
  sessionId: Uint8Array;
  cipherSuite: number;
  compressionMethod: number;
  extensions: HelloExtensions;
  helloRetryRequest: boolean;
}
