import { describe, expect, it } from 'vitest';
import { csvField, toCsv } from './csv';

describe('csvField', () => {
  it('quotes only fields that need it and doubles quotes', () => {
    expect(csvField('plain')).toBe('plain');
    expect(csvField('a,b')).toBe('"a,b"');
    expect(csvField('say "hi"')).toBe('"say ""hi"""');
    expect(csvField('two\nlines')).toBe('"two\nlines"');
    expect(csvField('cr\r')).toBe('"cr\r"');
    expect(csvField('')).toBe('');
  });

  it('writes numbers in round-trip form and non-finite values and null as empty', () => {
    expect(csvField(0.1 + 0.2)).toBe('0.30000000000000004');
    expect(csvField(-0)).toBe('0');
    expect(csvField(1e-7)).toBe('1e-7');
    expect(csvField(Number.NaN)).toBe('');
    expect(csvField(Number.POSITIVE_INFINITY)).toBe('');
    expect(csvField(null)).toBe('');
  });
});

describe('toCsv', () => {
  it('writes a header and CRLF-terminated rows', () => {
    const csv = toCsv(
      ['home_type', 'f1', 'note'],
      [
        ['studio', 0.909, null],
        ['condo', 1, 'best, "by far"'],
      ],
    );
    expect(csv).toBe('home_type,f1,note\r\nstudio,0.909,\r\ncondo,1,"best, ""by far"""\r\n');
  });

  it('writes just the header for no rows and rejects ragged rows', () => {
    expect(toCsv(['a', 'b'], [])).toBe('a,b\r\n');
    expect(() => toCsv(['a', 'b'], [['x']])).toThrow(/row 0 has 1 cells/);
  });
});
