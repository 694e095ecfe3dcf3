import type { CrossSourceResult } from '../../domain/evaluation/home-type-evaluation';
import { MatrixTable } from '../../ui/common/MatrixTable';
import { ci, sourceLabel } from './classifier-format';

/**
 * The source × source accuracy matrix: row S trained on every home of S, column T tested on every home of
 * T; the diagonal is S's own k-fold by home. Intervals are 95 % bootstrap over the test homes; macro-F1 and
 * the lowest per-class precision of each cell are in its tooltip.
 */
export function CrossSourceMatrix({ result }: { result: CrossSourceResult }) {
  const sources = result.sources;
  return (
    <MatrixTable
      label="Cross-source accuracy"
      caption={
        <>
          Cross-source accuracy: trained on the row’s source, tested on the column’s (diagonal: k-fold by home within
          the source)
        </>
      }
      className="list-table compact"
      corner={<th scope="col">Trained on ↓ / tested on →</th>}
      columns={sources.map((s) => ({
        key: s.name,
        label: (
          <>
            {sourceLabel(s.name)} ({s.homes})
          </>
        ),
      }))}
      columnClassName="num"
      rows={sources.map((from) => ({
        key: from.name,
        label: (
          <>
            {sourceLabel(from.name)}
            {from.evaluated ? '' : ' (too few homes)'}
          </>
        ),
      }))}
      cell={(i, j) => {
        const cell = result.matrix[i]?.[j] ?? null;
        return {
          text: cell ? ci(cell.accuracy) : '—',
          className: 'num',
          style: { fontWeight: i === j ? 700 : undefined },
          title: cell ? `macro-F1 ${ci(cell.macroF1)} · lowest precision ${ci(cell.lowestPrecision)}` : undefined,
        };
      }}
    />
  );
}
