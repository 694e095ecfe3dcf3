/** One CSV cell value: text, a number, or null for an empty cell. */
export type CsvCell = string | number | null;

/**
 * RFC 4180 field: quoted only when it holds a comma, double quote, CR or LF, quotes doubled. Numbers use
 * JavaScript's shortest round-trip form; NaN and ±Infinity become empty cells like null (a spreadsheet
 * would otherwise read them as text).
 */
export function csvField(value: CsvCell): string {
  if (value === null) return '';
  if (typeof value === 'number') return Number.isFinite(value) ? String(value) : '';
  return /[",\r\n]/.test(value) ? `"${value.replaceAll('"', '""')}"` : value;
}

/** One CSV line (CRLF-terminated), for writers that stream rows instead of building one big string. */
export function csvLine(values: readonly CsvCell[]): string {
  return `${values.map(csvField).join(',')}\r\n`;
}

/**
 * A CSV document: header line, then one line per row, each ended by CRLF (RFC 4180). Throws when a row's
 * width differs from the header's, which would silently shift columns in every reader.
 */
export function toCsv(columns: readonly string[], rows: readonly (readonly CsvCell[])[]): string {
  const lines = [columns.map(csvField).join(',')];
  rows.forEach((row, r) => {
    if (row.length !== columns.length) {
      throw new RangeError(`row ${r} has ${row.length} cells for ${columns.length} columns`);
    }
    lines.push(row.map(csvField).join(','));
  });
  return `${lines.join('\r\n')}\r\n`;
}
