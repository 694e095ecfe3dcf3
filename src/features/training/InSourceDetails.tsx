import { HOME_TYPES } from '../../domain/home-types';
import type { HomeTypeEvaluation } from '../../domain/models/model-types';
import { MatrixTable } from '../../ui/common/MatrixTable';
import { numeric, TableHead } from '../../ui/common/TableHead';
import { ci, typeLabel } from './classifier-format';

const TYPES = HOME_TYPES.map((t) => ({ key: t, label: typeLabel(t) }));

/** Per-class precision and recall and the confusion matrix of the in-source evaluation (every source pooled). */
export function InSourceDetails({ ev }: { ev: HomeTypeEvaluation }) {
  return (
    <>
      <p>
        Baseline, the best single feature (<code>{ev.baseline.feature}</code>), in-source: accuracy{' '}
        {ev.baseline.accuracy.toFixed(3)}, macro-F1 {ev.baseline.macroF1.toFixed(3)}.
      </p>
      <div className="summary-grid">
        <table className="list-table compact" aria-label="Per-class precision and recall">
          <caption>In-source, per class, 95 % intervals over homes</caption>
          <TableHead columns={['Home type', numeric('Precision'), numeric('Recall'), numeric('Homes')]} />
          <tbody>
            {HOME_TYPES.map((t, i) => {
              const c = ev.perClass[i];
              return (
                <tr key={t}>
                  <th scope="row">{typeLabel(t)}</th>
                  <td className="num">{c ? ci(c.precision) : '—'}</td>
                  <td className="num">{c ? ci(c.recall) : '—'}</td>
                  <td className="num">{c?.support ?? 0}</td>
                </tr>
              );
            })}
          </tbody>
        </table>
      </div>
      <MatrixTable
        label="Home-type confusion matrix"
        caption="In-source confusion matrix: true type (rows) × predicted type (columns)"
        className="list-table confusion"
        corner={<td />}
        columns={TYPES}
        rows={TYPES}
        cell={(i, j) => {
          const v = ev.confusion[i]?.[j] ?? 0;
          return {
            text: v,
            className: 'heat',
            style: {
              fontWeight: i === j ? 700 : undefined,
              background:
                v > 0
                  ? `color-mix(in srgb, ${i === j ? 'var(--ok)' : 'var(--danger)'} ${Math.min(60, 10 + v * 3)}%, transparent)`
                  : undefined,
            },
          };
        }}
      />
    </>
  );
}
