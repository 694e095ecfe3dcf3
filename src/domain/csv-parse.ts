/** CSV reading, the counterpart of the writer in ./csv.ts; pure so imports of model batches can be tested in Node. */

/** A parsed CSV document: the header and the data rows, cells as text. */
export interface CsvTable {
  header: string[];
  rows: string[][];
}

/**
 * Parses RFC 4180 CSV (quoted fields, doubled quotes, CRLF or LF line ends, a UTF-8 BOM); blank lines
 * are skipped. Throws a readable error for an unclosed quote or a row whose width differs from the header.
 */
export function parseCsv(text: string): CsvTable {
  const src = text.charCodeAt(0) === 0xfeff ? text.slice(1) : text;
  const records: string[][] = [];
  let row: string[] = [];
  let field = '';
  let quoted = false;
  let i = 0;
  let line = 1;
  let quoteLine = 0;
  const endRow = (): void => {
    row.push(field);
    field = '';
    if (!(row.length === 1 && row[0] === '')) records.push(row);
    row = [];
  };
  while (i < src.length) {
    const c = src[i];
    if (quoted) {
      if (c === '"') {
        if (src[i + 1] === '"') {
          field += '"';
          i += 2;
          continue;
        }
        quoted = false;
      } else {
        if (c === '\n') line++;
        field += c;
      }
      i++;
      continue;
    }
    if (c === '"' && field === '') {
      quoted = true;
      quoteLine = line;
    } else if (c === ',') {
      row.push(field);
      field = '';
    } else if (c === '\n' || c === '\r') {
      if (c === '\r' && src[i + 1] === '\n') i++;
      endRow();
      line++;
    } else field += c;
    i++;
  }
  if (quoted) throw new Error(`The CSV has a quote opened on line ${quoteLine} that never closes.`);
  if (field !== '' || row.length > 0) endRow();
  const [header, ...rows] = records;
  if (!header) throw new Error('The CSV is empty: it needs a header line and at least one row.');
  rows.forEach((r, k) => {
    if (r.length !== header.length)
      throw new Error(`CSV row ${k + 1} has ${r.length} cells, but the header has ${header.length} columns.`);
  });
  return { header: header.map((h) => h.trim()), rows };
}
