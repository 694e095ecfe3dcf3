// @vitest-environment happy-dom
import { cleanup, fireEvent, render, screen, within } from '@testing-library/react';
import { afterEach, describe, expect, it } from 'vitest';
import { DecimalField } from './DecimalField';
import { ErrorAlert } from './ErrorAlert';
import { FormErrors } from './FormErrors';
import { KeyValueList } from './KeyValueList';
import { MatrixTable } from './MatrixTable';
import { numeric, TableHead } from './TableHead';
import { ValueTable } from './ValueTable';

afterEach(cleanup);

describe('shared presentational pieces', () => {
  it('a table head right-aligns only the numeric column headings', () => {
    render(
      <table aria-label="T">
        <TableHead columns={['Area', numeric('Floor')]} />
      </table>,
    );
    const heads = screen.getAllByRole('columnheader');
    expect(heads.map((h) => [h.textContent, h.className, h.getAttribute('scope')])).toEqual([
      ['Area', '', 'col'],
      ['Floor', 'num', 'col'],
    ]);
  });

  it('a value table names each value by its row header, with a header row only when given columns', () => {
    const { rerender } = render(
      <ValueTable
        label="Probabilities"
        columns={['Home type', 'Probability']}
        rows={[
          { key: 'a', label: 'apartment', value: '60.0 %' },
          { key: 'b', label: 'condo', value: '40.0 %' },
        ]}
      />,
    );
    const table = screen.getByRole('table', { name: 'Probabilities' });
    expect(
      within(table)
        .getAllByRole('columnheader')
        .map((h) => h.textContent),
    ).toEqual(['Home type', 'Probability']);
    expect(within(table).getByRole('rowheader', { name: 'condo' }).nextElementSibling?.textContent).toBe('40.0 %');
    expect(table.querySelector('caption')).toBeNull();

    rerender(
      <ValueTable label="Metrics" caption="At this threshold" rows={[{ key: 'f1', label: 'F1', value: '0.5' }]} />,
    );
    const metrics = screen.getByRole('table', { name: 'Metrics' });
    expect(metrics.querySelector('caption')?.textContent).toBe('At this threshold');
    expect(within(metrics).queryAllByRole('columnheader')).toHaveLength(0);
  });

  it('a key/value list pairs each term with its value and styles only the values', () => {
    const { container } = render(
      <KeyValueList
        items={[
          ['Id', 'home_001'],
          ['Seed', '7'],
        ]}
        valueStyle={{ overflowWrap: 'anywhere' }}
      />,
    );
    const pairs = [...container.querySelectorAll('dl.params > div')].map((d) => [
      d.querySelector('dt')?.textContent,
      d.querySelector('dd')?.textContent,
    ]);
    expect(pairs).toEqual([
      ['Id', 'home_001'],
      ['Seed', '7'],
    ]);
    expect(container.querySelector('dd')?.getAttribute('style')).toContain('overflow-wrap');
  });

  it('error alerts and form errors show nothing without a problem, and announce one when there is', () => {
    const { rerender } = render(
      <>
        <ErrorAlert error={null} />
        <FormErrors errors={[]} />
      </>,
    );
    expect(screen.queryByRole('alert')).toBeNull();
    rerender(<ErrorAlert error="Export failed" />);
    expect(screen.getByRole('alert').textContent).toBe('Export failed');
    rerender(<FormErrors errors={['seed must be a number.', 'days must be a number.']} />);
    expect(within(screen.getByRole('alert')).getAllByRole('listitem')).toHaveLength(2);
  });

  it('a decimal field hands back the text as typed', () => {
    const typed: string[] = [];
    render(<DecimalField id="f" label="Seed" value="1" onChange={(v) => typed.push(v)} hint="Same seed, same run." />);
    fireEvent.change(screen.getByLabelText('Seed'), { target: { value: '0.' } });
    expect(typed).toEqual(['0.']);
    expect(screen.getByText('Same seed, same run.')).toBeTruthy();
  });

  it('a matrix table puts the corner first and asks for each cell by row and column', () => {
    render(
      <MatrixTable
        label="Confusion"
        caption="Rows × columns"
        className="list-table"
        corner={<td />}
        columns={[
          { key: 'a', label: 'A' },
          { key: 'b', label: 'B' },
        ]}
        rows={[
          { key: 'a', label: 'A' },
          { key: 'b', label: 'B' },
        ]}
        cell={(i, j) => ({ text: `${i}${j}`, className: 'heat', title: i === j ? 'diagonal' : undefined })}
      />,
    );
    const table = screen.getByRole('table', { name: 'Confusion' });
    expect(
      within(table)
        .getAllByRole('columnheader')
        .map((h) => h.textContent),
    ).toEqual(['A', 'B']);
    expect(
      within(table)
        .getAllByRole('cell')
        .map((c) => c.textContent),
    ).toEqual(['', '00', '01', '10', '11']);
    expect(within(table).getAllByTitle('diagonal')).toHaveLength(2);
  });
});
