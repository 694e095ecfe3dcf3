import { memo, useId, useState } from 'react';
import type { BootstrapInterval } from '../../domain/evaluation/bootstrap';
import { HOME_TYPES } from '../../domain/home-types';
import { homeClassifierNetworkConfig } from '../../ml/network-config';
import { useWorkbench } from '../../state/use-workbench';
import { BarsChart } from '../../ui/charts/BarsChart';
import { EmptyState } from '../../ui/EmptyState';
import { Link } from '../../ui/Link';

const TARGETS = { accuracy: 0.85, macroF1: 0.8, perClassPrecision: 0.75 };
const label = (t: string): string => t.replace(/_/g, ' ');
const ci = (i: BootstrapInterval): string => `${i.estimate.toFixed(3)} [${i.low.toFixed(3)}, ${i.high.toFixed(3)}]`;

function Target({ name, ok, detail }: { name: string; ok: boolean; detail: string }) {
  return (
    <li>
      <span className={ok ? 'pass' : 'fail'}>{ok ? 'PASS' : 'FAIL'}</span> {name} <span className="muted">({detail})</span>
    </li>
  );
}

/**
 * The 8-class home-type classifier: trained on every stored home and evaluated by home (no copy of a test
 * home in training), with the original's targets checked and the best single feature as a baseline.
 */
export const HomeClassifierPanel = memo(function HomeClassifierPanel() {
  const uid = useId();
  const homesCount = useWorkbench((s) => s.homes.length);
  const model = useWorkbench((s) => s.homeClassifier);
  const train = useWorkbench((s) => s.trainHomeClassifier);
  const busy = useWorkbench((s) => s.jobs.some((j) => j.kind === 'train' && j.status === 'running'));
  const [evaluation, setEvaluation] = useState<'kfold' | 'holdout'>('kfold');
  const [feature, setFeature] = useState(0);
  const ev = model?.homeTypeEvaluation;

  return (
    <section className="panel span-all" aria-labelledby={`${uid}-t`}>
      <h2 id={`${uid}-t`}>Home-type classifier</h2>
      <p className="muted">
        Predicts a home’s type (all 8) from its structure and its events. Each home is one sample and is tested by a model that never saw it.
      </p>
      {homesCount === 0 ? (
        <EmptyState title="No homes yet" action={<Link href="/homes">Go to Homes</Link>}>
          Generate homes first (templates work offline; 50 per type with 90 days of events is the reference setup).
        </EmptyState>
      ) : (
        <div className="actions">
          <label className="checkbox">
            <input type="radio" name={`${uid}-ev`} checked={evaluation === 'kfold'} onChange={() => setEvaluation('kfold')} />
            5-fold by home (every home tested once)
          </label>
          <label className="checkbox">
            <input type="radio" name={`${uid}-ev`} checked={evaluation === 'holdout'} onChange={() => setEvaluation('holdout')} />
            Hold out 20 % of the homes
          </label>
          <button
            type="button"
            className="primary"
            disabled={busy}
            onClick={() =>
              void train({
                network: homeClassifierNetworkConfig(),
                evaluation,
                folds: 5,
                bootstrapResamples: 1000,
              })
            }
          >
            Train the classifier on {homesCount} homes
          </button>
        </div>
      )}
      {model && ev ? (
        <>
          <p>
            Version {model.version} · trained {new Date(model.createdAt).toLocaleString()} on {ev.homes} homes ({ev.evaluation === 'kfold' ? '5-fold by home' : 'holdout by home'}) ·{' '}
            {(ev.trainMs / 1000).toFixed(1)} s · backend {model.backend}
          </p>
          <ul className="targets" aria-label="The original targets">
            <Target name={`accuracy > ${TARGETS.accuracy}`} ok={ev.targets.accuracy} detail={ci(ev.accuracy)} />
            <Target name={`macro-F1 > ${TARGETS.macroF1}`} ok={ev.targets.macroF1} detail={ci(ev.macroF1)} />
            <Target name={`precision > ${TARGETS.perClassPrecision} for every class`} ok={ev.targets.perClassPrecision} detail={`lowest ${ev.targets.lowestPrecision.toFixed(3)}`} />
          </ul>
          <p>
            Baseline, the best single feature (<code>{ev.baseline.feature}</code>): accuracy {ev.baseline.accuracy.toFixed(3)}, macro-F1 {ev.baseline.macroF1.toFixed(3)}.
          </p>
          <div className="summary-grid">
            <table className="list-table compact" aria-label="Per-class precision and recall">
              <caption>Per class, 95 % intervals over homes</caption>
              <thead>
                <tr>
                  <th scope="col">Home type</th>
                  <th scope="col" className="num">Precision</th>
                  <th scope="col" className="num">Recall</th>
                  <th scope="col" className="num">Homes</th>
                </tr>
              </thead>
              <tbody>
                {HOME_TYPES.map((t, i) => {
                  const c = ev.perClass[i];
                  return (
                    <tr key={t}>
                      <th scope="row">{label(t)}</th>
                      <td className="num">{c ? ci(c.precision) : '—'}</td>
                      <td className="num">{c ? ci(c.recall) : '—'}</td>
                      <td className="num">{c?.support ?? 0}</td>
                    </tr>
                  );
                })}
              </tbody>
            </table>
          </div>
          <div className="table-scroll">
            <table className="list-table confusion" aria-label="Home-type confusion matrix">
              <caption>Confusion matrix: true type (rows) × predicted type (columns)</caption>
              <thead>
                <tr>
                  <td />
                  {HOME_TYPES.map((t) => (
                    <th key={t} scope="col">
                      {label(t)}
                    </th>
                  ))}
                </tr>
              </thead>
              <tbody>
                {HOME_TYPES.map((t, i) => (
                  <tr key={t}>
                    <th scope="row">{label(t)}</th>
                    {HOME_TYPES.map((u, j) => {
                      const v = ev.confusion[i]?.[j] ?? 0;
                      return (
                        <td key={u} className="heat" style={{ fontWeight: i === j ? 700 : undefined, background: v > 0 ? `color-mix(in srgb, ${i === j ? 'var(--ok)' : 'var(--danger)'} ${Math.min(60, 10 + v * 3)}%, transparent)` : undefined }}>
                          {v}
                        </td>
                      );
                    })}
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
          <div className="field">
            <label htmlFor={`${uid}-f`}>Feature distribution by home type</label>
            <select id={`${uid}-f`} value={feature} onChange={(e) => setFeature(Number(e.target.value))}>
              {model.featureNames.map((f, i) => (
                <option key={f} value={i}>
                  {f}
                </option>
              ))}
            </select>
          </div>
          <BarsChart
            title={`${model.featureNames[feature] ?? ''}: mean per home type (± sd in the tooltip)`}
            data={HOME_TYPES.map((t, i) => ({ type: label(t), mean: ev.featureStats[i]?.mean[feature] ?? null, sd: ev.featureStats[i]?.sd[feature] ?? null }))}
            xKey="type"
            series={[{ key: 'mean', label: 'mean', color: '#0072B2' }]}
            yDomain={['auto', 'auto']}
          />
        </>
      ) : null}
    </section>
  );
});
