import type { CrossSourceResult } from '../../domain/evaluation/home-type-evaluation';
import { ci, sourceLabel } from './classifier-format';

/**
 * The source × source accuracy matrix: row S trained on every home of S, column T tested on every home of
 * T; the diagonal is S's own k-fold by home. Intervals are 95 % bootstrap over the test homes; macro-F1 and
 * the lowest per-class precision of each cell are in its tooltip.
 */
export function CrossSourceMatrix({ result }: { result: CrossSourceResult }) {
  const sources = result.sources;
  return (
    <div className="table-scroll">
      <table className="list-table compact" aria-label="Cross-source accuracy">
        <caption>
          Cross-source accuracy: trained on the row’s source, tested on the column’s (diagonal: k-fold by home within
          the source)
        </caption>
        <thead>
          <tr>
            <th scope="col">Trained on ↓ / tested on →</th>
            {sources.map((s) => (
              <th key={s.name} scope="col" className="num">
                {sourceLabel(s.name)} ({s.homes})
              </th>
            ))}
          </tr>
        </thead>
        <tbody>
          {sources.map((from, i) => (
            <tr key={from.name}>
              <th scope="row">
                {sourceLabel(from.name)}
                {from.evaluated ? '' : ' (too few homes)'}
              </th>
              {sources.map((to, j) => {
                const cell = result.matrix[i]?.[j] ?? null;
                return (
                  <td
                    key={to.name}
                    className="num"
                    style={{ fontWeight: i === j ? 700 : undefined }}
                    title={
                      cell ? `macro-F1 ${ci(cell.macroF1)} · lowest precision ${ci(cell.lowestPrecision)}` : undefined
                    }
                  >
                    {cell ? ci(cell.accuracy) : '—'}
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
