/** A column heading: its text, or its text marked numeric so it lines up with the right-aligned numbers below. */
export type ColumnHeading = string | { label: string; numeric: true };

/** A table's one header row of column headings, the numeric ones right-aligned like their cells. */
export function TableHead({ columns }: { columns: readonly ColumnHeading[] }) {
  return (
    <thead>
      <tr>
        {columns.map((c) =>
          typeof c === 'string' ? (
            <th key={c} scope="col">
              {c}
            </th>
          ) : (
            <th key={c.label} scope="col" className="num">
              {c.label}
            </th>
          ),
        )}
      </tr>
    </thead>
  );
}

/** Shorthand for a numeric column heading. */
export const numeric = (label: string): ColumnHeading => ({ label, numeric: true });
