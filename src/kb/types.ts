/** One byte test on the TCP payload: `payload[offset] & mask == value`. */
export interface PayloadTest {
  offset: number;
  value: number;
  mask?: number;
}

/** What the knowledge base says about one kind of field, in our own words. */
export interface KbEntry {
  /** `kbKey(field)`, optionally with ` == VALUE` for value-specific entries. */
  key: string;
  title: string;
  /** What the field is. */
  what: string;
  /** How to read the value in front of you. */
  read: string;
  /** What commonly goes wrong, and where it shows. */
  pitfalls: string;
  /** The defining document and section, e.g. `RFC 5246 §7.4.1.2`. */
  rfc: string;
  /** A Wireshark display filter that selects packets carrying this field (or this value). */
  display: string;
  /** For record and handshake kinds: the payload bytes a tcpdump capture filter can test. */
  bpf?: PayloadTest[];
  /** Why no capture filter is given for a record or handshake kind that has none. */
  noBpf?: string;
}

/** A compact constructor so data files read as tables. */
export function entry(
  key: string,
  title: string,
  rfc: string,
  display: string,
  what: string,
  read: string,
  pitfalls: string,
  extra: Partial<Pick<KbEntry, 'bpf' | 'noBpf'>> = {},
): KbEntry {
  return { key, title, rfc, display, what, read, pitfalls, ...extra };
}
