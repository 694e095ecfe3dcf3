import { memo, useId, useState } from 'react';
import { HOME_TYPES } from '../../domain/home-types';
import { homeClassifierNetworkConfig } from '../../domain/training/network-config';
import {
  selectClassifierModels,
  selectCrossSource,
  selectHomeTypeEvaluation,
  selectPerturbations,
} from '../../state/classifier-slice';
import { useWorkbench } from '../../state/use-workbench';
import { BarsChart } from '../../ui/charts/BarsChart';
import { EmptyState } from '../../ui/EmptyState';
import { Link } from '../../ui/Link';
import { AblationsTable } from './AblationsTable';
import { classifierModelName, sourceLabel, typeLabel } from './classifier-format';
import { CrossSourceMatrix } from './CrossSourceMatrix';
import { InSourceDetails } from './InSourceDetails';
import { LeaveOneSourceOut } from './LeaveOneSourceOut';
import { OriginalTargets } from './OriginalTargets';
import { PerturbationTable } from './PerturbationTable';

/** Why there is no cross-source figure, and how to get one. */
function SecondSourceNotice() {
  return (
    <p role="note">
      Cross-source evaluation needs a second home source: make homes on the <Link href="/homes">Homes page</Link> → Make
      homes → “Survey statistics (no key)” or “OpenAI”, then train again.
    </p>
  );
}

/**
 * The 8-class home-type classifier: evaluated by home within each home source and across sources (trained
 * on one maker's homes, tested on another's), with the original's targets judged across sources, beside
 * ablations, baselines and perturbation checks. Containers read the slice through narrow selectors; the
 * tables are presentational.
 */
export const HomeClassifierPanel = memo(function HomeClassifierPanel() {
  const uid = useId();
  const homesCount = useWorkbench((s) => s.homes.length);
  const model = useWorkbench((s) => s.homeClassifier);
  const ev = useWorkbench(selectHomeTypeEvaluation);
  const crossSource = useWorkbench(selectCrossSource);
  const models = useWorkbench(selectClassifierModels);
  const perturbations = useWorkbench(selectPerturbations);
  const train = useWorkbench((s) => s.trainHomeClassifier);
  const busy = useWorkbench((s) => s.jobs.some((j) => j.kind === 'train' && j.status === 'running'));
  const [evaluation, setEvaluation] = useState<'kfold' | 'holdout'>('kfold');
  const [feature, setFeature] = useState(0);
  const evaluatedSources = crossSource?.sources.filter((s) => s.evaluated).length ?? 0;

  return (
    <section className="panel span-all" aria-labelledby={`${uid}-t`}>
      <h2 id={`${uid}-t`}>Home-type classifier</h2>
      <p className="muted">
        Predicts a home’s type (all 8) from its structure, household and events. Each home is one sample and is tested
        by a model that never saw it, within its own source (template, survey, OpenAI…) and across sources.
      </p>
      {homesCount === 0 ? (
        <EmptyState title="No homes yet" action={<Link href="/homes">Go to Homes</Link>}>
          Generate homes first (templates work offline; 50 per type with 90 days of events is the reference setup).
        </EmptyState>
      ) : (
        <div className="actions">
          <label className="checkbox">
            <input
              type="radio"
              name={`${uid}-ev`}
              checked={evaluation === 'kfold'}
              onChange={() => setEvaluation('kfold')}
            />
            5-fold by home within each source (every home tested once)
          </label>
          <label className="checkbox">
            <input
              type="radio"
              name={`${uid}-ev`}
              checked={evaluation === 'holdout'}
              onChange={() => setEvaluation('holdout')}
            />
            Hold out 20 % of each source’s homes
          </label>
          <button
            type="button"
            className="primary"
            disabled={busy}
            onClick={() =>
              void train({ network: homeClassifierNetworkConfig(), evaluation, folds: 5, bootstrapResamples: 1000 })
            }
          >
            Train the classifier on {homesCount} homes
          </button>
        </div>
      )}
      {model && ev ? (
        <>
          <p>
            Model: <strong data-testid="classifier-model-name">{classifierModelName(model)}</strong>
            {model.homeTypeModel ? (
              <span className="muted">
                {' '}
                — groups picked by 5-fold by home on the training homes only (the smallest union within one standard
                error of the best); each home scaled by its own source’s mean and std (
                {Object.keys(model.homeTypeModel.sourceStandardizers).map(sourceLabel).join(', ')}), pooled statistics
                for a source it never saw.
              </span>
            ) : null}
          </p>
          <p>
            Version {model.version} · trained {new Date(model.createdAt).toLocaleString()} on {ev.homes} homes (
            {ev.evaluation === 'kfold' ? '5-fold by home' : 'holdout by home'}) · {(ev.trainMs / 1000).toFixed(1)} s ·
            backend {model.backend}
          </p>
          <OriginalTargets verdict={crossSource?.verdict ?? null} inSource={ev} />
          <h3>Across sources</h3>
          {crossSource === null ? (
            <p role="note">
              This classifier was trained before cross-source evaluation existed; train it again to see it.
            </p>
          ) : (
            <>
              {evaluatedSources < 2 ? <SecondSourceNotice /> : null}
              <CrossSourceMatrix result={crossSource} />
              {evaluatedSources >= 2 ? <LeaveOneSourceOut result={crossSource} /> : null}
            </>
          )}
          {models && crossSource ? (
            <>
              <h3>Ablations and baselines</h3>
              <AblationsTable rows={models} sourceNames={crossSource.sources.map((s) => s.name)} />
            </>
          ) : null}
          {perturbations ? (
            <>
              <h3>Perturbation checks</h3>
              <PerturbationTable rows={perturbations} />
            </>
          ) : null}
          <h3>In-source detail</h3>
          <InSourceDetails ev={ev} />
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
            data={HOME_TYPES.map((t, i) => ({
              type: typeLabel(t),
              mean: ev.featureStats[i]?.mean[feature] ?? null,
              sd: ev.featureStats[i]?.sd[feature] ?? null,
            }))}
            xKey="type"
            series={[{ key: 'mean', label: 'mean', color: '#0072B2' }]}
            yDomain={['auto', 'auto']}
          />
        </>
      ) : null}
    </section>
  );
});
