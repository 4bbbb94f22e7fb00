import type { Cursor } from '../model/cursor.ts';

/** An option's body after kind and length: the fields RFC 9293 §3.2 and its extensions define. */
type OptionBody = (o: Cursor) => void;

/** A TCP option kind in the registry. */
interface TcpOptionDef {
  name: string;
  filter: string;
  /** Kind name as Wireshark shows it in tcp.option_kind. */
  kindName: string;
  body?: OptionBody;
}

/** SACK blocks (RFC 2018 §3): pairs of left and right edges, raw sequence numbers. */
function readSackBlocks(o: Cursor): void {
  while (o.remaining >= 8) {
    o.u32('TCP SACK Left Edge', 'tcp.options.sack_le');
    o.u32('TCP SACK Right Edge', 'tcp.options.sack_re');
  }
}

/** IANA "tcp-parameters" option kinds (RFC 9293 §3.1, RFC 7323, RFC 2018, RFC 7413). */
const TCP_OPTIONS: ReadonlyMap<number, TcpOptionDef> = new Map<number, TcpOptionDef>([
  [0, { name: 'End of Option List (EOL)', filter: 'tcp.options.eol', kindName: 'End of Option List' }],
  [1, { name: 'No-Operation (NOP)', filter: 'tcp.options.nop', kindName: 'No-Operation' }],
  [2, { name: 'Maximum segment size', filter: 'tcp.options.mss', kindName: 'Maximum Segment Size', body: (o) => void o.u16('MSS Value', 'tcp.options.mss_val') }],
  [
    3,
    {
      name: 'Window scale',
      filter: 'tcp.options.wscale',
      kindName: 'Window Scale',
      body: (o) => {
        const shift = o.peek8() ?? 0;
        // Wireshark shows the multiplier as a second field over the same byte.
        if (o.remaining > 0) o.annotate('Multiplier', 'tcp.options.wscale.multiplier', 1, 2 ** shift);
        o.u8('Shift count', 'tcp.options.wscale.shift');
        if (shift > 14) o.out[o.out.length - 1]!.malformed = `shift count ${shift} exceeds 14 (RFC 7323 §2.3)`;
      },
    },
  ],
  [4, { name: 'SACK permitted', filter: 'tcp.options.sack_perm', kindName: 'SACK Permitted' }],
  [5, { name: 'SACK', filter: 'tcp.options.sack', kindName: 'SACK', body: readSackBlocks }],
  [
    8,
    {
      name: 'Timestamps',
      filter: 'tcp.options.timestamp',
      kindName: 'Time Stamp Option',
      body: (o) => {
        o.u32('Timestamp value', 'tcp.options.timestamp.tsval');
        o.u32('Timestamp echo reply', 'tcp.options.timestamp.tsecr');
      },
    },
  ],
  [19, { name: 'TCP MD5 signature', filter: 'tcp.options.md5', kindName: 'MD5 signature option', body: (o) => void o.rest('MD5 digest', 'tcp.options.md5.digest') }],
  [28, { name: 'User Timeout', filter: 'tcp.options.user_to', kindName: 'User Timeout' }],
  [29, { name: 'TCP Authentication Option', filter: 'tcp.options.tcpao', kindName: 'TCP Authentication Option' }],
  [30, { name: 'Multipath TCP', filter: 'tcp.options.mptcp', kindName: 'Multipath TCP' }],
  [34, { name: 'TCP Fast Open', filter: 'tcp.options.tfo', kindName: 'TCP Fast Open Cookie', body: (o) => void o.rest('Fast Open Cookie', 'tcp.options.tfo.cookie') }],
]);

/** Reads the option list of a TCP header (RFC 9293 §3.2): kinds 0 and 1 are one octet, the rest kind-length-data. */
export function readTcpOptions(s: Cursor): void {
  while (s.remaining > 0) {
    const kind = s.peek8()!;
    const def = TCP_OPTIONS.get(kind) ?? { name: `Unknown (${kind})`, filter: 'tcp.options.unknown', kindName: 'Unknown' };
    const kindOpts = { display: `Kind: ${def.kindName} (${kind})` };
    if (kind === 0 || kind === 1) {
      s.struct(`TCP Option - ${def.name}`, def.filter, 1, (o) => void o.u8('Kind', 'tcp.option_kind', undefined, kindOpts));
      continue;
    }
    const len = s.peek8(1);
    if (len === undefined || len < 2) {
      s.malformed(len === undefined ? `option ${def.name} is cut off after its kind octet` : `option ${def.name} has length ${len}, less than 2`);
      return;
    }
    s.struct(`TCP Option - ${def.name}`, def.filter, len, (o) => {
      o.u8('Kind', 'tcp.option_kind', undefined, kindOpts);
      o.u8('Length', 'tcp.option_len');
      if (def.body) def.body(o);
      else if (o.remaining > 0) o.bytes('Payload', 'tcp.options.unknown.payload', o.remaining);
    });
  }
}
