/** Colour-blind-safe categorical palette (Okabe–Ito), readable on light and dark backgrounds. */
export const PALETTE = [
  '#0072B2',
  '#E69F00',
  '#009E73',
  '#D55E00',
  '#CC79A7',
  '#56B4E9',
  '#F0E442',
  '#999999',
] as const;

export function color(i: number): string {
  return PALETTE[i % PALETTE.length] ?? '#0072B2';
}
