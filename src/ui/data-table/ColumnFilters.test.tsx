// @vitest-environment happy-dom
import { cleanup, fireEvent, render, screen } from '@testing-library/react';
import { afterEach, describe, expect, it } from 'vitest';
import { ColumnFilters } from './ColumnFilters';
import type { FilterDraft } from './windowed-requests';

afterEach(cleanup);

const columns = [
  { id: 'battery', header: 'Battery (%)', numeric: true },
  { id: 'home', header: 'Home type' },
];

function renderFilters(drafts: Record<string, FilterDraft>, active: number) {
  const patches: [string, Partial<FilterDraft>][] = [];
  let cleared = 0;
  render(
    <ColumnFilters
      columns={columns}
      drafts={drafts}
      onDraft={(id, patch) => patches.push([id, patch])}
      active={active}
      onClear={() => (cleared += 1)}
    />,
  );
  return { patches, cleared: () => cleared };
}

describe('ColumnFilters', () => {
  it('gives a numeric column a labelled range and a text column a "contains" box, and reports each edit', () => {
    const { patches } = renderFilters({}, 0);
    fireEvent.change(screen.getByRole('spinbutton', { name: 'Battery (%) at least' }), { target: { value: '10' } });
    fireEvent.change(screen.getByRole('spinbutton', { name: 'Battery (%) at most' }), { target: { value: '90' } });
    fireEvent.change(screen.getByRole('searchbox', { name: 'Home type contains' }), { target: { value: 'condo' } });
    expect(patches).toEqual([
      ['battery', { min: '10' }],
      ['battery', { max: '90' }],
      ['home', { text: 'condo' }],
    ]);
    expect(screen.getByText('Column filters')).toBeTruthy();
    expect(screen.getByRole('button', { name: 'Clear filters' })).toHaveProperty('disabled', true);
  });

  it('shows the drafts, how many filters are active, and clears them', () => {
    const { cleared } = renderFilters({ battery: { min: '5', max: '', text: '' } }, 1);
    expect(screen.getByRole<HTMLInputElement>('spinbutton', { name: 'Battery (%) at least' }).value).toBe('5');
    expect(screen.getByRole<HTMLInputElement>('spinbutton', { name: 'Battery (%) at most' }).value).toBe('');
    expect(screen.getByText('Column filters (1 active)')).toBeTruthy();
    fireEvent.click(screen.getByRole('button', { name: 'Clear filters' }));
    expect(cleared()).toBe(1);
  });
});
