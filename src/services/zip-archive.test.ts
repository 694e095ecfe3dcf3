import { unzipSync, strFromU8 } from 'fflate';
import { describe, expect, it } from 'vitest';
import { createZipWriter } from './zip-archive';

describe('zip archive writer', () => {
  it('writes files from pieces, compressed, with UTF-8 names, and reads back exactly', async () => {
    const zip = createZipWriter(Date.UTC(2025, 5, 2, 7, 30, 10));
    const big = Array.from(
      { length: 2000 },
      (_, i) => `{"event_type":"state_changed","entity_id":"light.kitchen_${i % 7}","state":"on"},`,
    );
    zip.addFile('home_001.json', ['[', ...big, '{}]']);
    zip.addFile('summary.json', ['{"total_homes":1,"name":"Küche"}']);
    zip.addFile('empty.txt', []);
    const blob = zip.finish();
    expect(blob.type).toBe('application/zip');
    const files = unzipSync(new Uint8Array(await blob.arrayBuffer()));
    expect(Object.keys(files)).toEqual(['home_001.json', 'summary.json', 'empty.txt']);
    expect(strFromU8(files['summary.json'] ?? new Uint8Array())).toBe('{"total_homes":1,"name":"Küche"}');
    expect(strFromU8(files['home_001.json'] ?? new Uint8Array())).toBe(['[', ...big, '{}]'].join(''));
    expect(strFromU8(files['empty.txt'] ?? new Uint8Array())).toBe('');
    // Repetitive event JSON compresses well.
    expect(blob.size).toBeLessThan(big.join('').length / 5);
  });

  it('cannot be used after finishing', () => {
    const zip = createZipWriter(0);
    zip.finish();
    expect(() => zip.addFile('x', ['y'])).toThrow(/already finished/);
    expect(() => zip.finish()).toThrow(/already finished/);
  });
});
