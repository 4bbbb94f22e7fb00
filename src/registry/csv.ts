// A small RFC 4180 CSV reader for the registry sources. IANA's CSVs quote fields that hold
// commas, doubled quotes and line breaks, and use CRLF between records; our hand-made sources
// may start with '#' comment lines naming where they come from.

/** Parses CSV text into rows of fields, skipping leading '#' comment lines and the header row. */
export function parseCsv(text: string): string[][] {
  const rows: string[][] = [];
  let row: string[] = [];
  let field = '';
  let quoted = false;
  let i = 0;
  const body = stripLeadingComments(text);
  while (i < body.length) {
    const c = body[i] as string;
    if (quoted) {
      if (c === '"' && body[i + 1] === '"') {
        field += '"';
        i += 2;
        continue;
      }
      if (c === '"') quoted = false;
      else field += c;
      i += 1;
      continue;
    }
    if (c === '"') quoted = true;
    else if (c === ',') {
      row.push(field);
      field = '';
    } else if (c === '\n' || c === '\r') {
      row.push(field);
      rows.push(row);
      row = [];
      field = '';
      if (c === '\r' && body[i + 1] === '\n') i += 1;
    } else field += c;
    i += 1;
  }
  if (field !== '' || row.length > 0) {
    row.push(field);
    rows.push(row);
  }
  return rows.slice(1);
}

function stripLeadingComments(text: string): string {
  let start = 0;
  while (text.startsWith('#', start)) {
    const nl = text.indexOf('\n', start);
    if (nl < 0) return '';
    start = nl + 1;
  }
  return text.slice(start);
}

/** Parses a single registry value ("23", "0x0804", "0x00,0x35"); undefined for ranges like "60-2569". */
export function parseCode(value: string): number | undefined {
  const v = value.trim();
  if (v.includes('-') || v.includes('*') || v === '') return undefined;
  const pair = /^0x([0-9A-Fa-f]{2}),\s*0x([0-9A-Fa-f]{2})$/.exec(v);
  if (pair) return parseInt(pair[1] as string, 16) * 256 + parseInt(pair[2] as string, 16);
  if (/^0x[0-9A-Fa-f]+$/.test(v)) return parseInt(v.slice(2), 16);
  if (/^[0-9]+$/.test(v)) return parseInt(v, 10);
  return undefined;
}
