import type { TableFilter, TableSort } from '../../domain/explore/table-view';
import type { DataColumn } from './types';

/** What the windowed table's header clicks and filter inputs turn into: requests for the worker's query. */

export interface FilterDraft {
  min: string;
  max: string;
  text: string;
}
export const EMPTY_DRAFT: FilterDraft = { min: '', max: '', text: '' };

function parseBound(text: string): number | null {
  const t = text.trim();
  if (t === '') return null;
  const v = Number(t);
  return Number.isFinite(v) ? v : null;
}

export function filtersOf(columns: readonly DataColumn[], drafts: Record<string, FilterDraft>): TableFilter[] {
  const out: TableFilter[] = [];
  for (const c of columns) {
    const d = drafts[c.id];
    if (!d) continue;
    if (c.numeric) {
      const min = parseBound(d.min);
      const max = parseBound(d.max);
      if (min !== null || max !== null) out.push({ column: c.id, kind: 'range', min, max });
    } else if (d.text.trim() !== '') {
      out.push({ column: c.id, kind: 'contains', value: d.text.trim() });
    }
  }
  return out;
}

export function nextSort(current: TableSort | null, column: string): TableSort | null {
  if (current?.column !== column) return { column, direction: 'asc' };
  return current.direction === 'asc' ? { column, direction: 'desc' } : null;
}
