/**
 * Approximate bytes a record takes in IndexedDB: typed arrays and buffers by their byte length, strings at
 * two bytes a character, numbers at eight. Good enough for Settings › Storage; JSON.stringify would count a
 * typed array as an object of decimal strings, many times its real size.
 */
export function estimateBytes(value: unknown): number {
  if (value === null || value === undefined) return 1;
  if (typeof value === 'string') return 2 * value.length;
  if (typeof value === 'number') return 8;
  if (typeof value === 'boolean') return 1;
  if (value instanceof ArrayBuffer) return value.byteLength;
  if (ArrayBuffer.isView(value)) return value.byteLength;
  if (Array.isArray(value)) return value.reduce((s: number, v: unknown) => s + estimateBytes(v), 8);
  if (typeof value === 'object') {
    let s = 8;
    for (const [k, v] of Object.entries(value)) s += 2 * k.length + estimateBytes(v);
    return s;
  }
  return 8;
}
