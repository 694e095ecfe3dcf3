import { describe, expect, it } from 'vitest';
import { parseCsv } from './csv-parse';

describe('parseCsv', () => {
  it('reads quoted fields, doubled quotes, CRLF and LF, a BOM, and skips blank lines', () => {
    const t = parseCsv('\ufeffdevice_id,note, battery_level \r\n"d,1","say ""hi""\nthere",12.5\r\n\nd2,,3\n');
    expect(t.header).toEqual(['device_id', 'note', 'battery_level']);
    expect(t.rows).toEqual([
      ['d,1', 'say "hi"\nthere', '12.5'],
      ['d2', '', '3'],
    ]);
    expect(parseCsv('a,b\n1,2').rows).toEqual([['1', '2']]);
  });

  it('rejects an unclosed quote, ragged rows and an empty file', () => {
    expect(() => parseCsv('a,b\n1,"2\n3,4\n')).toThrow('The CSV has a quote opened on line 2 that never closes.');
    expect(() => parseCsv('a,b\n1,2,3\n')).toThrow('CSV row 1 has 3 cells, but the header has 2 columns.');
    expect(() => parseCsv('\n\n')).toThrow(/The CSV is empty/);
  });
});
