import { confusionAt } from '../../domain/evaluation/binary-metrics';
import { metricsFromConfusion } from '../../domain/evaluation/confusion-matrix';
import { HOME_TYPES } from '../../domain/home-types';
import { familyOf, type ModelFamily } from '../../domain/training/run-types';
import { MatrixTable } from '../../ui/common/MatrixTable';
import { numeric, TableHead } from '../../ui/common/TableHead';
import type { RunRecord } from '../../workers/training.api';
import { FAMILY_LABELS, fmt, runFamilies } from './comparison-rows';

/** The family compared here: the one whose models fill the cross matrix, else the run's first family. */
export function crossFamily(run: RunRecord): ModelFamily {
  return run.crossMatrix?.family ?? runFamilies(run)[0] ?? 'network';
}

/** F1 of the global model of one family on one home type's test samples (the diagonal's counterpart). */
export function globalF1ByHomeType(run: RunRecord, family: ModelFamily = crossFamily(run)): Map<string, number> {
  const out = new Map<string, number>();
  const g = run.slots.find((s) => s.slot === 'global' && familyOf(s) === family && s.status === 'done');
  if (!g?.test) return out;
  const { labels, scores, homeType } = g.test;
  HOME_TYPES.forEach((t, code) => {
    const idx: number[] = [];
    for (let i = 0; i < homeType.length; i++) if (homeType[i] === code) idx.push(i);
    if (idx.length === 0) return;
    out.set(t, metricsFromConfusion(confusionAt(labels, scores, g.threshold, idx)).f1);
  });
  return out;
}

function heat(v: number): string {
  if (!Number.isFinite(v)) return 'transparent';
  return `color-mix(in srgb, var(--accent) ${Math.round(Math.max(0, Math.min(1, v)) * 70)}%, transparent)`;
}

/** Trained on A (rows) × tested on B (columns), cell = F1; plus each per-type model against the global one. */
export function CrossMatrixView({ run }: { run: RunRecord }) {
  const m = run.crossMatrix;
  const family = crossFamily(run);
  const globalF1 = globalF1ByHomeType(run, family);
  const perType = run.slots.filter((s) => s.slot !== 'global' && familyOf(s) === family && s.status === 'done');
  const which = runFamilies(run).length > 1 ? ` (${FAMILY_LABELS[family]} models)` : '';
  return (
    <>
      {perType.length > 0 && globalF1.size > 0 ? (
        <table className="list-table" aria-label="Per-home-type model against the global model">
          <caption>Does a per-home-type model pay off? F1 on that home type's test samples{which}</caption>
          <TableHead
            columns={[
              'Home type',
              numeric('Own model'),
              numeric('Global model'),
              numeric('Difference'),
              numeric('Test positives'),
            ]}
          />
          <tbody>
            {perType.map((s) => {
              const own = s.metrics?.f1.estimate ?? Number.NaN;
              const glob = globalF1.get(s.slot) ?? Number.NaN;
              const diff = own - glob;
              return (
                <tr key={s.slot}>
                  <th scope="row">{s.slot.replace(/_/g, ' ')}</th>
                  <td className="num">{fmt(own)}</td>
                  <td className="num">{fmt(glob)}</td>
                  <td
                    className="num"
                    style={{ color: diff > 0 ? 'var(--ok)' : diff < 0 ? 'var(--danger)' : undefined }}
                  >
                    {Number.isFinite(diff) ? `${diff > 0 ? '+' : ''}${diff.toFixed(3)}` : '—'}
                  </td>
                  <td className="num">{s.counts.testPositives.toLocaleString('en-US')}</td>
                </tr>
              );
            })}
          </tbody>
        </table>
      ) : null}
      {m && m.rows.length > 0 ? (
        <MatrixTable
          label="Cross-home-type F1 matrix"
          caption={<>F1 of the model trained on the row's home type, tested on the column's home type{which}</>}
          className="list-table"
          corner={<th scope="col">Trained on ↓ / tested on →</th>}
          columns={m.cols.map((c, j) => ({
            key: c,
            label: (
              <>
                {c.replace(/_/g, ' ')}
                <br />
                <small className="muted">{m.colPositives[j] ?? 0} pos.</small>
              </>
            ),
          }))}
          columnClassName="heat"
          rows={m.rows.map((r) => ({ key: r, label: r.replace(/_/g, ' ') }))}
          cell={(i, j) => {
            const v = m.f1[i]?.[j] ?? Number.NaN;
            return {
              text: fmt(v, 2),
              className: 'heat',
              style: { background: heat(v), fontWeight: m.rows[i] === m.cols[j] ? 700 : undefined },
            };
          }}
        />
      ) : null}
    </>
  );
}
