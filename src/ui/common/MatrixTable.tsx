import type { CSSProperties, ReactNode } from 'react';

export interface MatrixHeading {
  key: string | number;
  label: ReactNode;
}

export interface MatrixCell {
  text: ReactNode;
  className?: string | undefined;
  style?: CSSProperties | undefined;
  title?: string | undefined;
}

/**
 * A rows × columns table (a confusion matrix, trained-on × tested-on scores, weekday × hour counts), scrollable
 * sideways: the cells carry the numbers, so they stay readable to screen readers while colour shows the pattern.
 */
export function MatrixTable({
  label,
  caption,
  className,
  corner,
  columns,
  columnClassName,
  rows,
  cell,
}: {
  label: string;
  caption: ReactNode;
  className: string;
  /** The top-left cell, given whole: a heading naming the axes, or an empty `<td />`. */
  corner: ReactNode;
  columns: readonly MatrixHeading[];
  columnClassName?: string;
  rows: readonly MatrixHeading[];
  cell: (row: number, column: number) => MatrixCell;
}) {
  return (
    <div className="table-scroll">
      <table className={className} aria-label={label}>
        <caption>{caption}</caption>
        <thead>
          <tr>
            {corner}
            {columns.map((c) => (
              <th key={c.key} scope="col" className={columnClassName}>
                {c.label}
              </th>
            ))}
          </tr>
        </thead>
        <tbody>
          {rows.map((r, i) => (
            <tr key={r.key}>
              <th scope="row">{r.label}</th>
              {columns.map((c, j) => {
                const v = cell(i, j);
                return (
                  <td key={c.key} className={v.className} style={v.style} title={v.title}>
                    {v.text}
                  </td>
                );
              })}
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
