import type { PageHeader } from 'hyparquet';
import { ByteWriter } from 'hyparquet-writer';
import { writePageHeader } from 'hyparquet-writer/src/datapage.js';
import { writeRleBitPackedHybrid } from 'hyparquet-writer/src/encoding.js';

/** Byte-level pieces of the flat Parquet writer: plain values, RLE runs, page headers. */

/** A float column's range and NaN count, when the caller computed them while filling it (saves a pass). */
export interface FloatRange {
  min: number;
  max: number;
  nan: number;
}

export function bytesOf(a: Float32Array | Int32Array): Uint8Array {
  return new Uint8Array(a.buffer, a.byteOffset, a.byteLength);
}

export function rle(values: ArrayLike<number>, bitWidth: number): Uint8Array {
  const w = new ByteWriter(Math.max(64, values.length >> 3));
  writeRleBitPackedHybrid(w, values as Int32Array, bitWidth);
  return w.getBytes();
}

export function floatRange(v: Float32Array): FloatRange {
  let min = Infinity;
  let max = -Infinity;
  let nan = 0;
  for (let i = 0; i < v.length; i++) {
    const x = v[i] ?? Number.NaN;
    if (x !== x) nan++;
    else {
      if (x < min) min = x;
      if (x > max) max = x;
    }
  }
  return { min, max, nan };
}

/** The RLE/bit-packed hybrid encoding of `count` ones at bit width 1: one RLE run. */
export function singleRun(count: number): Uint8Array {
  const w = new ByteWriter(16);
  w.appendVarInt(count * 2);
  w.appendUint8(1);
  return w.getBytes();
}

export function bitWidthOf(maxValue: number): number {
  return Math.max(1, Math.ceil(Math.log2(maxValue + 1)));
}

export function concat(parts: readonly Uint8Array[]): Uint8Array {
  let n = 0;
  for (const p of parts) n += p.length;
  const out = new Uint8Array(n);
  let o = 0;
  for (const p of parts) {
    out.set(p, o);
    o += p.length;
  }
  return out;
}

export function header(h: PageHeader): Uint8Array {
  const w = new ByteWriter(64);
  writePageHeader(w, h);
  return w.getBytes();
}

const encoder = new TextEncoder();

/** PLAIN BYTE_ARRAY values: 4-byte little-endian length, then the UTF-8 bytes. */
export function plainStrings(values: readonly string[]): Uint8Array {
  const encoded = values.map((v) => encoder.encode(v));
  const out = new Uint8Array(encoded.reduce((s, e) => s + 4 + e.length, 0));
  const view = new DataView(out.buffer);
  let o = 0;
  for (const e of encoded) {
    view.setUint32(o, e.length, true);
    out.set(e, o + 4);
    o += 4 + e.length;
  }
  return out;
}
