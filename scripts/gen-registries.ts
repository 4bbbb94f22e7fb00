// Regenerates src/registry/data/ from the registry sources checked in under
// scripts/registry-sources/ (IANA CSVs plus small hand-made tables; see its README.md).
// Usage: node --import tsx scripts/gen-registries.ts [OUT_DIR]   (default src/registry/data)
// Output is deterministic: same sources, byte-identical files (test/registry.test.ts checks).

import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseCode, parseCsv } from '../src/registry/csv.ts';
import { describeSuite } from '../src/registry/suite-parts.ts';
import type { CipherSuiteInfo, OidInfo, Sslv2CipherSpecInfo } from '../src/registry/types.ts';

const ROOT = join(dirname(fileURLToPath(import.meta.url)), '..');
const SOURCES = join(ROOT, 'scripts', 'registry-sources');

/** RFC 8701 GREASE values for 16-bit code points: 0x0A0A, 0x1A1A, ... 0xFAFA. */
const GREASE16 = Array.from({ length: 16 }, (_, i) => i * 0x1010 + 0x0a0a);
/** RFC 8701 s2: GREASE PskKeyExchangeModes are 0x0B, 0x2A, ... (0x0B + 0x1F * n). */
const GREASE_PSK = Array.from({ length: 8 }, (_, i) => 0x0b + 0x1f * i);
const GREASE_NAME = 'Reserved (GREASE)';

interface TableSpec {
  /** Exported constant name in data/tls.ts. */
  readonly name: string;
  /** One-line doc comment. */
  readonly doc: string;
  /** Source CSVs, read in order; a later file adds codes the earlier ones lack. */
  readonly files: readonly string[];
  /** Hex digits to print codes with (2 for u8, 4 for u16). */
  readonly digits: number;
  /** GREASE values to add that the source does not list. */
  readonly grease?: readonly number[];
}

const TABLES: readonly TableSpec[] = [
  { name: 'contentTypes', doc: 'TLS ContentType (record layer), RFC 8446 s5.1.', files: ['tls-parameters-5.csv'], digits: 2 },
  { name: 'alertLevels', doc: 'AlertLevel, RFC 5246 s7.2.', files: ['alert-levels.csv'], digits: 2 },
  { name: 'alertDescriptions', doc: 'AlertDescription, RFC 8446 s6.', files: ['tls-parameters-6.csv'], digits: 2 },
  { name: 'handshakeTypes', doc: 'HandshakeType, RFC 8446 s4.', files: ['tls-parameters-7.csv'], digits: 2 },
  { name: 'sslv2MessageTypes', doc: 'SSL 2.0 handshake message types.', files: ['sslv2-message-types.csv'], digits: 2 },
  {
    name: 'extensionTypes',
    doc: 'ExtensionType, RFC 8446 s4.2 (IANA plus common unregistered code points).',
    files: ['tls-extensiontype-values-1.csv', 'extensions-extra.csv'],
    digits: 4,
  },
  { name: 'supportedGroups', doc: 'NamedGroup (supported_groups, key_share), RFC 8446 s4.2.7.', files: ['tls-parameters-8.csv'], digits: 4 },
  { name: 'ecPointFormats', doc: 'ECPointFormat, RFC 8422 s5.1.2.', files: ['tls-parameters-9.csv'], digits: 2 },
  { name: 'ecCurveTypes', doc: 'ECCurveType (ServerKeyExchange), RFC 8422 s5.4.', files: ['tls-parameters-10.csv'], digits: 2 },
  {
    name: 'signatureSchemes',
    doc: 'SignatureScheme, RFC 8446 s4.2.3 (also TLS 1.2 SignatureAndHashAlgorithm pairs).',
    files: ['tls-signaturescheme.csv'],
    digits: 4,
    grease: GREASE16,
  },
  { name: 'hashAlgorithms', doc: 'TLS 1.2 HashAlgorithm, RFC 5246 s7.4.1.4.1.', files: ['tls-parameters-18.csv'], digits: 2 },
  { name: 'signatureAlgorithms', doc: 'TLS 1.2 SignatureAlgorithm, RFC 5246 s7.4.1.4.1.', files: ['tls-parameters-16.csv'], digits: 2 },
  { name: 'clientCertificateTypes', doc: 'ClientCertificateType, RFC 5246 s7.4.4.', files: ['tls-parameters-2.csv'], digits: 2 },
  {
    name: 'pskKeyExchangeModes',
    doc: 'PskKeyExchangeMode, RFC 8446 s4.2.9.',
    files: ['tls-pskkeyexchangemode.csv'],
    digits: 2,
    grease: GREASE_PSK,
  },
  { name: 'certificateStatusTypes', doc: 'CertificateStatusType, RFC 6066 s8.', files: ['tls-certificate-status-types.csv'], digits: 2 },
  {
    name: 'certificateCompressionAlgorithms',
    doc: 'CertificateCompressionAlgorithm, RFC 8879.',
    files: ['tls-certificate-compression-algorithm-ids.csv'],
    digits: 4,
  },
  { name: 'protocolVersions', doc: 'ProtocolVersion (record, hello, supported_versions).', files: ['protocol-versions.csv'], digits: 4, grease: GREASE16 },
  { name: 'heartbeatMessageTypes', doc: 'HeartbeatMessageType, RFC 6520 s3.', files: ['heartbeat-message-types.csv'], digits: 2 },
  { name: 'heartbeatModes', doc: 'HeartbeatMode, RFC 6520 s2.', files: ['heartbeat-modes.csv'], digits: 2 },
  { name: 'sniNameTypes', doc: 'ServerName NameType, RFC 6066 s3.', files: ['tls-sni-name-types.csv'], digits: 2 },
  { name: 'compressionMethods', doc: 'CompressionMethod, RFC 5246 s7.4.1.2.', files: ['comp-meth-ids.csv'], digits: 2 },
];

function read(file: string): string[][] {
  return parseCsv(readFileSync(join(SOURCES, file), 'utf8'));
}

/**
 * The display name for a registry row, or undefined for rows that name no value (Unassigned,
 * Reserved, private use). IANA's annotations are dropped: "(renamed from ...)", "(OBSOLETE)",
 * and the _RESERVED suffix RFC 8446 put on values that are live in TLS 1.2 and earlier
 * (server_key_exchange, decryption_failed, ...): a TLS 1.2 capture uses them.
 */
export function displayName(description: string, reference: string): string | undefined {
  const d = description.replace(/\s+\(renamed from [^)]*\)/, '').replace(/\s+\(OBSOLETE\)$/, '').trim();
  if (/^Reserved$/.test(d) && reference.includes('RFC8701')) return GREASE_NAME;
  if (/^(Unassigned|Reserved)/.test(d)) return undefined;
  return d.replace(/_RESERVED$/, '');
}

function tableEntries(spec: TableSpec): Map<number, string> {
  const out = new Map<number, string>();
  for (const file of spec.files) {
    for (const row of read(file)) {
      const code = parseCode(row[0] ?? '');
      const name = displayName(row[1] ?? '', row.slice(2).join(','));
      if (code !== undefined && name !== undefined && !out.has(code)) out.set(code, name);
    }
  }
  for (const g of spec.grease ?? []) if (!out.has(g)) out.set(g, GREASE_NAME);
  return new Map([...out].sort((a, b) => a[0] - b[0]));
}

const hex = (n: number, digits: number): string => `0x${n.toString(16).toUpperCase().padStart(digits, '0')}`;
const str = (s: string): string => JSON.stringify(s);

function header(files: readonly string[]): string {
  const list = files.map((f) => `scripts/registry-sources/${f}`).join(', ');
  return `// generated by scripts/gen-registries.ts from ${list}; do not edit\n`;
}

function renderTls(): string {
  const files = [...new Set(TABLES.flatMap((t) => t.files))];
  let out = header(files);
  for (const t of TABLES) {
    out += `\n/** ${t.doc} */\nexport const ${t.name}: ReadonlyMap<number, string> = new Map([\n`;
    for (const [code, name] of tableEntries(t)) out += `  [${hex(code, t.digits)}, ${str(name)}],\n`;
    out += ']);\n';
  }
  return out;
}

/** OpenSSL names: OpenSSL 3's own list first, the hand-made legacy table fills the gaps. */
function opensslNames(): Map<number, string> {
  const names = new Map<number, string>();
  for (const line of readFileSync(join(SOURCES, 'openssl-ciphers.txt'), 'utf8').split('\n')) {
    const m = /^\s*(0x..,0x..) - \S+\s+- (\S+)/.exec(line);
    const code = m ? parseCode(m[1] as string) : undefined;
    if (m && code !== undefined) names.set(code, m[2] as string);
  }
  for (const row of read('openssl-names-legacy.csv')) {
    const code = parseCode(row[0] ?? '');
    if (code !== undefined && row[1] && !names.has(code)) names.set(code, row[1]);
  }
  for (const row of read('cipher-suites-extra.csv')) {
    const code = parseCode(row[0] ?? '');
    if (code !== undefined && row[2] && !names.has(code)) names.set(code, row[2]);
  }
  return names;
}

function cipherSuites(): { suites: CipherSuiteInfo[]; names: Map<number, string> } {
  const openssl = opensslNames();
  const suites: CipherSuiteInfo[] = [];
  const names = new Map<number, string>();
  const add = (row: string[], iana: boolean, refCol: number): void => {
    const code = parseCode(row[0] ?? '');
    const name = displayName(row[1] ?? '', row[refCol] ?? '');
    if (code === undefined || name === undefined || names.has(code)) return;
    names.set(code, name);
    if (name !== GREASE_NAME) suites.push(describeSuite(code, name, row[refCol] ?? '', iana, openssl.get(code)));
  };
  for (const row of read('tls-parameters-4.csv')) add(row, true, 4);
  for (const row of read('cipher-suites-extra.csv')) add(row, false, 3);
  suites.sort((a, b) => a.code - b.code);
  return { suites, names: new Map([...names].sort((a, b) => a[0] - b[0])) };
}

function literal(o: object, hexKeys: Readonly<Record<string, number>>): string {
  const parts = Object.entries(o)
    .filter(([, v]) => v !== undefined)
    .map(([k, v]) => {
      const digits = hexKeys[k];
      if (typeof v === 'number' && digits !== undefined) return `${k}: ${hex(v, digits)}`;
      return `${k}: ${typeof v === 'string' ? str(v) : String(v)}`;
    });
  return `{ ${parts.join(', ')} }`;
}

function renderCipherSuites(): string {
  const { suites, names } = cipherSuites();
  const hexKeys = { code: 4, minVersion: 4, maxVersion: 4 };
  let out = header(['tls-parameters-4.csv', 'cipher-suites-extra.csv', 'openssl-ciphers.txt', 'openssl-names-legacy.csv']);
  out += "import type { CipherSuiteInfo } from '../types.ts';\n\n";
  out += '/** Every named cipher suite (IANA, then legacy extras), with its parts and sizes. */\n';
  out += 'export const cipherSuiteTable: readonly CipherSuiteInfo[] = [\n';
  for (const s of suites) out += `  ${literal(s, hexKeys)},\n`;
  out += '];\n\n/** Cipher suite code -> name, including GREASE values. */\n';
  out += 'export const cipherSuites: ReadonlyMap<number, string> = new Map([\n';
  for (const [code, name] of names) out += `  [${hex(code, 4)}, ${str(name)}],\n`;
  return `${out}]);\n`;
}

interface Sslv2Params {
  readonly keyLength: number;
  readonly secretKeyLength: number;
  readonly ivLength: number;
}

/** SSL 2.0 spec appendix C: key, secret-key and KEY-ARG lengths per cipher. */
const SSLV2_CIPHERS: Readonly<Record<string, Sslv2Params>> = {
  RC4_128: { keyLength: 16, secretKeyLength: 16, ivLength: 0 },
  RC4_128_EXPORT40: { keyLength: 16, secretKeyLength: 5, ivLength: 0 },
  RC2_128_CBC: { keyLength: 16, secretKeyLength: 16, ivLength: 8 },
  RC2_128_CBC_EXPORT40: { keyLength: 16, secretKeyLength: 5, ivLength: 8 },
  IDEA_128_CBC: { keyLength: 16, secretKeyLength: 16, ivLength: 8 },
  DES_64_CBC: { keyLength: 8, secretKeyLength: 8, ivLength: 8 },
  DES_192_EDE3_CBC: { keyLength: 24, secretKeyLength: 24, ivLength: 8 },
  RC4_64: { keyLength: 16, secretKeyLength: 8, ivLength: 0 },
};

function renderSslv2(): string {
  let out = header(['sslv2-cipher-specs.csv']);
  out += "import type { Sslv2CipherSpecInfo } from '../types.ts';\n\n";
  out += '/** SSL 2.0 CIPHER-SPECs with their OpenSSL names and key sizes. */\n';
  out += 'export const sslv2CipherSpecTable: readonly Sslv2CipherSpecInfo[] = [\n';
  for (const row of read('sslv2-cipher-specs.csv')) {
    const code = parseCode(row[0] ?? '');
    const name = row[1] ?? '';
    const cipher = name.replace(/^SSL_CK_/, '').replace(/_WITH_MD5$/, '');
    const params = SSLV2_CIPHERS[cipher];
    if (code === undefined || params === undefined) throw new Error(`sslv2-cipher-specs.csv: cannot read ${name}`);
    const spec: Sslv2CipherSpecInfo = {
      code,
      name,
      openssl: row[2] ?? '',
      cipher: cipher.replace(/_EXPORT40$/, ''),
      export: cipher.endsWith('_EXPORT40'),
      ...params,
      macLength: 16,
    };
    out += `  ${literal(spec, { code: 6 })},\n`;
  }
  return `${out}];\n`;
}

function renderOids(): string {
  let out = header(['oids.csv']);
  out += "import type { OidInfo } from '../types.ts';\n\n";
  out += '/** X.509 / PKIX object identifiers, sorted by dotted OID. */\n';
  out += 'export const oidTable: readonly OidInfo[] = [\n';
  const rows = read('oids.csv').filter((r) => (r[0] ?? '') !== '');
  const key = (oid: string): number[] => oid.split('.').map(Number);
  const cmp = (a: string, b: string): number => {
    const x = key(a);
    const y = key(b);
    for (let i = 0; i < Math.min(x.length, y.length); i++) if (x[i] !== y[i]) return (x[i] ?? 0) - (y[i] ?? 0);
    return x.length - y.length;
  };
  rows.sort((a, b) => cmp(a[0] ?? '', b[0] ?? ''));
  for (const [oid = '', name = '', short = '', filter = '', reference = '', wireshark = ''] of rows) {
    const info: OidInfo = { oid, name, ...(short ? { short } : {}), ...(filter ? { filter } : {}), reference, ...(wireshark ? { wireshark } : {}) };
    out += `  ${literal(info, {})},\n`;
  }
  return `${out}];\n`;
}

function renderAlpn(): string {
  let out = header(['alpn-protocol-ids.csv']);
  out += '\n/** ALPN protocol ID (as sent on the wire) -> protocol, RFC 7301 s6. */\n';
  out += 'export const alpnProtocols: ReadonlyMap<string, string> = new Map([\n';
  for (const [id = '', protocol = ''] of read('alpn-protocol-ids.csv')) if (id) out += `  [${str(id)}, ${str(protocol)}],\n`;
  return `${out}]);\n`;
}

/** Writes every generated file into outDir; returns the file names written. */
export function generate(outDir: string): string[] {
  mkdirSync(outDir, { recursive: true });
  const files: Record<string, string> = {
    'tls.ts': renderTls(),
    'cipher-suites.ts': renderCipherSuites(),
    'sslv2.ts': renderSslv2(),
    'oids.ts': renderOids(),
    'alpn.ts': renderAlpn(),
  };
  for (const [name, text] of Object.entries(files)) writeFileSync(join(outDir, name), text);
  return Object.keys(files);
}

if (process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  const outDir = resolve(process.argv[2] ?? join(ROOT, 'src', 'registry', 'data'));
  const written = generate(outDir);
  console.log(`gen-registries: wrote ${written.join(', ')} to ${outDir}`);
}
