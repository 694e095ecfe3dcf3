import type { DataColumn } from './types';
import { EMPTY_DRAFT, type FilterDraft } from './windowed-requests';

/** The windowed table's per-column filters: a range for numeric columns, "contains" for text columns. */

const ROW_STYLE = { display: 'flex', gap: '0.3rem', alignItems: 'center' } as const;

/** The two ends of a numeric column's range, each read aloud with the column's name. */
const BOUNDS = [
  { key: 'min', placeholder: 'min', says: 'at least' },
  { key: 'max', placeholder: 'max', says: 'at most' },
] as const;

export function ColumnFilters({
  columns,
  drafts,
  onDraft,
  active,
  onClear,
}: {
  columns: readonly DataColumn[];
  drafts: Record<string, FilterDraft>;
  onDraft: (id: string, patch: Partial<FilterDraft>) => void;
  /** How many filters the drafts amount to (a draft with only blanks is none). */
  active: number;
  onClear: () => void;
}) {
  return (
    <details className="column-chooser">
      <summary>Column filters{active > 0 ? ` (${active} active)` : ''}</summary>
      <fieldset>
        <legend>Filter every row by column</legend>
        {columns.map((c) => {
          const d = drafts[c.id] ?? EMPTY_DRAFT;
          return (
            <div key={c.id} style={ROW_STYLE}>
              <span style={{ minWidth: '12em' }}>{c.header}</span>
              {c.numeric ? (
                BOUNDS.map((b) => (
                  <input
                    key={b.key}
                    type="number"
                    step="any"
                    style={{ width: '7em' }}
                    placeholder={b.placeholder}
                    aria-label={`${c.header} ${b.says}`}
                    value={d[b.key]}
                    onChange={(e) => onDraft(c.id, { [b.key]: e.target.value })}
                  />
                ))
              ) : (
                <input
                  type="search"
                  style={{ width: '14.3em' }}
                  placeholder="contains"
                  aria-label={`${c.header} contains`}
                  value={d.text}
                  onChange={(e) => onDraft(c.id, { text: e.target.value })}
                />
              )}
            </div>
          );
        })}
        <button type="button" onClick={onClear} disabled={active === 0}>
          Clear filters
        </button>
      </fieldset>
    </details>
  );
}
