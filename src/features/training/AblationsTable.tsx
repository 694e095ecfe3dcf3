import { worstHeldOut } from '../../domain/evaluation/cross-source-summary';
import type { ModelRow } from '../../domain/evaluation/home-type-evaluation';
import { ci, sourceLabel } from './classifier-format';

/**
 * The model beside its ablations (the network on all features, the network on one feature group) and
 * baselines (the template grammar tree, the best single feature), all evaluated on the same folds: in-source k-fold by home and
 * leave one source out (the worst held-out source, as the targets are judged, and all pooled).
 */
export function AblationsTable({ rows, sourceNames }: { rows: readonly ModelRow[]; sourceNames: readonly string[] }) {
  return (
    <div className="table-scroll">
      <table className="list-table compact" aria-label="Ablations and baselines">
        <caption>Ablations and baselines, evaluated the same way as the model (accuracy, 95 % intervals)</caption>
        <thead>
          <tr>
            <th scope="col">Model</th>
            <th scope="col" className="num">
              Features
            </th>
            <th scope="col" className="num">
              In-source accuracy
            </th>
            <th scope="col" className="num">
              In-source macro-F1
            </th>
            <th scope="col" className="num">
              Cross-source accuracy (worst held-out source)
            </th>
            <th scope="col" className="num">
              Cross-source accuracy (pooled)
            </th>
          </tr>
        </thead>
        <tbody>
          {rows.map((r) => {
            const e = r.evaluation;
            const w = worstHeldOut(e.leaveOneOut, 'accuracy');
            const worst = e.leaveOneOut[w];
            return (
              <tr key={r.id}>
                <th scope="row">
                  {r.label}
                  {r.detail ? (
                    <>
                      {' '}
                      (<code>{r.detail}</code>)
                    </>
                  ) : null}
                  {r.picks && r.picks.length > 0 ? (
                    <span className="muted">
                      {' '}
                      — groups picked per task:{' '}
                      {r.picks
                        .map(
                          (p) =>
                            `${p.groups.join(' + ')} (${p.tasks} of ${r.picks?.reduce((t, q) => t + q.tasks, 0) ?? 0})`,
                        )
                        .join(', ')}
                    </span>
                  ) : null}
                </th>
                <td className="num">{r.features}</td>
                <td className="num">{e.inSource ? ci(e.inSource.accuracy) : '—'}</td>
                <td className="num">{e.inSource ? ci(e.inSource.macroF1) : '—'}</td>
                <td className="num">{worst ? `${ci(worst.accuracy)} (${sourceLabel(sourceNames[w] ?? '')})` : '—'}</td>
                <td className="num">{e.pooled ? ci(e.pooled.accuracy) : '—'}</td>
              </tr>
            );
          })}
        </tbody>
      </table>
    </div>
  );
}
