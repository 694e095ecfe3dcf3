// @vitest-environment happy-dom
import { cleanup, fireEvent, render, screen, within } from '@testing-library/react';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { DataTable, type DataColumn, type TableRow } from './DataTable';

afterEach(cleanup);

// happy-dom does no layout: give elements a size, as a browser would, so the virtualised body shows its rows.
beforeAll(() => {
  Object.defineProperty(HTMLElement.prototype, 'clientHeight', { configurable: true, get: () => 420 });
  Object.defineProperty(HTMLElement.prototype, 'clientWidth', { configurable: true, get: () => 800 });
});
afterAll(() => {
  Reflect.deleteProperty(HTMLElement.prototype, 'clientHeight');
  Reflect.deleteProperty(HTMLElement.prototype, 'clientWidth');
});

const columns: DataColumn[] = [
  { id: 'name', header: 'Device' },
  { id: 'home', header: 'Home type' },
  {
    id: 'battery',
    header: 'Battery (%)',
    numeric: true,
    format: (v) => (typeof v === 'number' ? v.toFixed(1) : '—'),
    best: 'max',
  },
];

const rows: TableRow[] = [
  { name: 'thermostat-2', home: 'apartment', battery: 71 },
  { name: 'door-sensor-9', home: 'condo', battery: 12.5 },
  { name: 'plug-1', home: 'apartment', battery: 100 },
  { name: 'camera-4', home: 'cottage', battery: null },
];

const table = () => screen.getByRole('table', { name: 'Devices' });
const header = (name: RegExp) => within(table()).getByRole('columnheader', { name });
const sortButton = (name: RegExp) => within(header(name)).getByRole('button');
/** The text of every body row's cells, in the order shown. */
const bodyRows = () =>
  within(table())
    .getAllByRole('row')
    .slice(1)
    .filter((r) => r.getAttribute('aria-hidden') !== 'true')
    .map((r) =>
      within(r)
        .getAllByRole('cell')
        .map((c) => c.textContent),
    );
const firstColumn = () => bodyRows().map((r) => r[0]);

/** What a browser does when Enter or Space is pressed on a focused native button: it activates it. */
function pressKey(el: HTMLElement, key: 'Enter' | ' '): void {
  el.focus();
  fireEvent.keyDown(el, { key });
  fireEvent.keyUp(el, { key });
  if (el instanceof HTMLButtonElement && document.activeElement === el) fireEvent.click(el);
}

describe('DataTable (rows in memory)', () => {
  it('renders every row with formatted cells, a row count, and marks the best value of a column', () => {
    render(<DataTable label="Devices" columns={columns} rows={rows} />);
    expect(
      within(table())
        .getAllByRole('columnheader')
        .map((h) => h.textContent),
    ).toEqual(['Device', 'Home type', 'Battery (%)']);
    expect(bodyRows()).toEqual([
      ['thermostat-2', 'apartment', '71.0'],
      ['door-sensor-9', 'condo', '12.5'],
      ['plug-1', 'apartment', '100.0 (best)'],
      ['camera-4', 'cottage', '—'],
    ]);
    expect(screen.getByText('4 of 4 rows')).toBeTruthy();
    expect(table().getAttribute('aria-rowcount')).toBe('5');
  });

  it('sorts by a column on click: ascending, then descending, then back to the original order, with aria-sort and a mark', () => {
    render(<DataTable label="Devices" columns={columns} rows={rows} />);
    const device = /^Device/;
    expect(header(device).getAttribute('aria-sort')).toBe('none');

    fireEvent.click(sortButton(device));
    expect(firstColumn()).toEqual(['camera-4', 'door-sensor-9', 'plug-1', 'thermostat-2']);
    expect(header(device).getAttribute('aria-sort')).toBe('ascending');
    expect(header(device).textContent).toBe('Device ▲');
    expect(header(/^Home type/).getAttribute('aria-sort')).toBe('none');

    fireEvent.click(sortButton(device));
    expect(firstColumn()).toEqual(['thermostat-2', 'plug-1', 'door-sensor-9', 'camera-4']);
    expect(header(device).getAttribute('aria-sort')).toBe('descending');
    expect(header(device).textContent).toBe('Device ▼');

    fireEvent.click(sortButton(device));
    expect(firstColumn()).toEqual(['thermostat-2', 'door-sensor-9', 'plug-1', 'camera-4']);
    expect(header(device).getAttribute('aria-sort')).toBe('none');
    expect(header(device).textContent).toBe('Device');
  });

  it('sorts numbers as numbers, and sorting another column replaces the sort', () => {
    render(<DataTable label="Devices" columns={columns} rows={rows} />);
    fireEvent.click(sortButton(/^Home type/));
    fireEvent.click(sortButton(/^Battery/));
    // 12.5 before 71 before 100 (as text, "100" would come first); where the missing value goes is not pinned here.
    const battery = bodyRows().map((r) => r[2]);
    expect(battery.filter((v) => v !== '—')).toEqual(['12.5', '71.0', '100.0 (best)']);
    expect(battery).toHaveLength(4);
    expect(header(/^Battery/).getAttribute('aria-sort')).toBe('ascending');
    expect(header(/^Home type/).getAttribute('aria-sort')).toBe('none');
  });

  it('sorts from the keyboard: each header is a focusable button that Enter and Space activate', () => {
    render(<DataTable label="Devices" columns={columns} rows={rows} />);
    const button = sortButton(/^Home type/);
    expect(button.getAttribute('tabindex')).not.toBe('-1');
    expect(button).toHaveProperty('disabled', false);

    pressKey(button, 'Enter');
    expect(document.activeElement).toBe(button);
    expect(header(/^Home type/).getAttribute('aria-sort')).toBe('ascending');
    expect(bodyRows().map((r) => r[1])).toEqual(['apartment', 'apartment', 'condo', 'cottage']);

    pressKey(button, ' ');
    expect(header(/^Home type/).getAttribute('aria-sort')).toBe('descending');
    expect(bodyRows().map((r) => r[1])).toEqual(['cottage', 'condo', 'apartment', 'apartment']);
  });

  it('filters rows by the search box and says how many of all rows are shown', () => {
    render(<DataTable label="Devices" columns={columns} rows={rows} />);
    fireEvent.change(screen.getByLabelText('Filter rows'), { target: { value: 'apartment' } });
    expect(firstColumn()).toEqual(['thermostat-2', 'plug-1']);
    expect(screen.getByText('2 of 4 rows')).toBeTruthy();
  });

  it('shows the headers and "0 of 0 rows" with no body rows when empty', () => {
    render(<DataTable label="Devices" columns={columns} rows={[]} />);
    expect(within(table()).getAllByRole('columnheader')).toHaveLength(3);
    expect(bodyRows()).toEqual([]);
    expect(screen.getByText('0 of 0 rows')).toBeTruthy();
    // Sorting an empty table is harmless.
    fireEvent.click(sortButton(/^Device/));
    expect(header(/^Device/).getAttribute('aria-sort')).toBe('ascending');
    expect(bodyRows()).toEqual([]);
  });

  it('hides and shows a column from the column chooser', () => {
    render(<DataTable label="Devices" columns={columns} rows={rows} initialHidden={['home']} />);
    expect(
      within(table())
        .getAllByRole('columnheader')
        .map((h) => h.textContent),
    ).toEqual(['Device', 'Battery (%)']);
    fireEvent.click(screen.getByRole('checkbox', { name: 'Home type' }));
    expect(
      within(table())
        .getAllByRole('columnheader')
        .map((h) => h.textContent),
    ).toEqual(['Device', 'Home type', 'Battery (%)']);
    expect(bodyRows()[0]).toEqual(['thermostat-2', 'apartment', '71.0']);
  });
});

describe('DataTable (rows computed elsewhere)', () => {
  it('turns header clicks into sort requests (asc, desc, none) and marks the sort the shown rows have', () => {
    const asked: unknown[] = [];
    const windowed = (sort: { column: string; direction: 'asc' | 'desc' } | null, shownSort: typeof sort) => ({
      count: 2,
      total: 10,
      rowAt: (i: number) => (i === 0 ? { name: 'plug-1', home: 'apartment', battery: 100 } : undefined),
      onRange: () => undefined,
      resultKey: JSON.stringify(sort),
      sort,
      shownSort,
      onSort: (s: unknown) => asked.push(s),
      onFilters: () => undefined,
      onSearch: () => undefined,
      busy: JSON.stringify(sort) !== JSON.stringify(shownSort),
    });
    const { rerender } = render(<DataTable label="Devices" columns={columns} windowed={windowed(null, null)} />);
    expect(screen.getByText('2 of 10 rows')).toBeTruthy();
    // The second row is still being fetched: a placeholder, not stale text.
    expect(bodyRows()).toEqual([
      ['plug-1', 'apartment', '100.0'],
      ['…', '', ''],
    ]);

    fireEvent.click(sortButton(/^Battery/));
    expect(asked).toEqual([{ column: 'battery', direction: 'asc' }]);

    const asc = { column: 'battery', direction: 'asc' } as const;
    // Asked for, not yet computed: the mark shows the request, aria-sort still the shown rows' order.
    rerender(<DataTable label="Devices" columns={columns} windowed={windowed(asc, null)} />);
    expect(header(/^Battery/).textContent).toBe('Battery (%) ▲');
    expect(header(/^Battery/).getAttribute('aria-sort')).toBe('none');
    expect(screen.getByRole('status').textContent).toBe('Updating…');

    rerender(<DataTable label="Devices" columns={columns} windowed={windowed(asc, asc)} />);
    expect(header(/^Battery/).getAttribute('aria-sort')).toBe('ascending');
    fireEvent.click(sortButton(/^Battery/));
    rerender(
      <DataTable
        label="Devices"
        columns={columns}
        windowed={windowed({ column: 'battery', direction: 'desc' }, { column: 'battery', direction: 'desc' })}
      />,
    );
    expect(header(/^Battery/).getAttribute('aria-sort')).toBe('descending');
    fireEvent.click(sortButton(/^Battery/));
    expect(asked).toEqual([{ column: 'battery', direction: 'asc' }, { column: 'battery', direction: 'desc' }, null]);
  });
});
