// @vitest-environment happy-dom
import { cleanup, render, screen, within } from '@testing-library/react';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { DataTable, type DataColumn, type TableRow } from '../DataTable';
import { ROW_HEIGHT } from './table-parts';

/**
 * happy-dom does no layout. The scroll box gets a size as a browser would give it, and a body row the height
 * `rowHeight` says, standing in for what its content would make it.
 */
let rowHeight: (row: HTMLElement) => number = () => 0;
beforeAll(() => {
  Object.defineProperty(HTMLElement.prototype, 'clientHeight', { configurable: true, get: () => 420 });
  Object.defineProperty(HTMLElement.prototype, 'clientWidth', { configurable: true, get: () => 800 });
  Object.defineProperty(HTMLElement.prototype, 'offsetHeight', {
    configurable: true,
    get(this: HTMLElement) {
      return this.tagName === 'TR' ? rowHeight(this) : 0;
    },
  });
});
afterAll(() => {
  for (const p of ['clientHeight', 'clientWidth', 'offsetHeight']) Reflect.deleteProperty(HTMLElement.prototype, p);
});
afterEach(() => {
  cleanup();
  rowHeight = () => 0;
});

const COUNT = 100;
const columns: DataColumn[] = [
  {
    id: 'name',
    header: 'Home',
    render: (v) => (
      <>
        {v}
        <br />
        <small>second line</small>
      </>
    ),
  },
];
const rows: TableRow[] = Array.from({ length: COUNT }, (_, i) => ({ name: `home-${i}` }));

/** The body's rows and spacers: how many rows are drawn, and the whole scroll length they and the spacers make. */
function body(): { drawn: number; length: number } {
  const trs = within(screen.getByRole('table', { name: 'Homes' }))
    .getAllByRole('row', { hidden: true })
    .slice(1);
  const drawn = trs.filter((r) => r.getAttribute('aria-hidden') !== 'true');
  const spacers = trs.filter((r) => r.getAttribute('aria-hidden') === 'true');
  const length =
    spacers.reduce((s, r) => s + Number.parseFloat(r.style.height), 0) +
    drawn.reduce((s, r) => s + Math.max(ROW_HEIGHT, rowHeight(r)), 0);
  return { drawn: drawn.length, length };
}

describe('DataTable rows in memory: row heights', () => {
  it('guesses rows not yet drawn at the mean height of the measured ones', () => {
    rowHeight = (r) => (Number(r.dataset.index) % 2 === 0 ? 40 : 60);
    render(<DataTable label="Homes" columns={columns} rows={rows} />);
    const { length } = body();
    // Drawn rows count their own height, the others the measured mean (50 px): close to the real 5,000 px.
    expect(Math.abs(length - COUNT * 50)).toBeLessThan(60);
  });

  it('measures rows taller than the estimate, so the scroll length counts their real height from the first screen', () => {
    rowHeight = (r) => (r.querySelector('br') ? 48 : ROW_HEIGHT);
    render(<DataTable label="Homes" columns={columns} rows={rows} />);
    const { drawn, length } = body();
    // 420 px hold 9 rows of 48 px (not 14 of 30), plus the overscan below them.
    expect(drawn).toBeLessThan(26);
    // Measured rows count 48 px, and rows never drawn are guessed at the measured rows' mean: all 48 px.
    expect(length).toBe(COUNT * 48);
    for (const r of screen.getAllByRole('row').slice(1)) expect(r.dataset.index).toMatch(/^\d+$/);
  });

  it('keeps the estimate where nothing is laid out (a row reading 0 px), as before it measured', () => {
    render(<DataTable label="Homes" columns={columns} rows={rows} />);
    const { drawn, length } = body();
    expect(drawn).toBe(Math.ceil(420 / ROW_HEIGHT) + 12);
    expect(length).toBe(COUNT * ROW_HEIGHT);
  });
});
