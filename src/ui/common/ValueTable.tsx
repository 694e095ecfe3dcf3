import type { ReactNode } from 'react';
import { numeric, TableHead } from './TableHead';

export interface ValueRow {
  key: string;
  label: ReactNode;
  value: ReactNode;
}

/**
 * A compact two-column table, one named value per row (a probability per class, a count per level, a metric
 * with its interval): the name is the row's header, so a screen reader announces it with its value.
 */
export function ValueTable({
  label,
  caption,
  columns,
  rows,
}: {
  label: string;
  caption?: ReactNode;
  /** The two column headings; without them the table has no header row (the caption says what it holds). */
  columns?: readonly [string, string];
  rows: readonly ValueRow[];
}) {
  return (
    <table className="list-table compact" aria-label={label}>
      {caption !== undefined ? <caption>{caption}</caption> : null}
      {columns ? <TableHead columns={[columns[0], numeric(columns[1])]} /> : null}
      <tbody>
        {rows.map((r) => (
          <tr key={r.key}>
            <th scope="row">{r.label}</th>
            <td className="num">{r.value}</td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}
