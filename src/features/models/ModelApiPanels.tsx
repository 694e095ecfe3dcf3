import { useState } from 'react';
import type { SampleCounts } from '../../domain/training/run-types';
import { ErrorAlert } from '../../ui/common/ErrorAlert';
import type { ModelHealth, ModelSummary } from '../../workers/models.api';
import { CodeBlock } from './CodeBlock';
import { fmt, modelPerformance, modelType, modelTypeOf, prettyJson } from './model-format';

/** `training_data_stats` of the original metadata, from the model's run and dataset manifest. */
function trainingDataStats(m: ModelSummary, counts: SampleCounts | null) {
  const spec = m.datasetManifest.spec;
  const start = typeof spec.startDate === 'string' ? spec.startDate : null;
  const days = typeof spec.days === 'number' ? spec.days : null;
  return {
    sample_count: counts ? counts.train + counts.val + counts.test : null,
    train_samples: counts?.train ?? null,
    validation_samples: counts?.val ?? null,
    test_samples: counts?.test ?? null,
    test_positives: counts?.testPositives ?? null,
    // Classic rows carry no timestamps (as in the original); temporal data spans its window.
    date_range: start !== null && days !== null ? { start, days } : null,
    days_back: days,
  };
}

/** The original `/models/status` and `/models/version` answers for one model, with real values. */
export function StatusPanels({
  model: m,
  counts,
  now,
}: {
  model: ModelSummary;
  counts: SampleCounts | null;
  now: number;
}) {
  const trainedAt = new Date(m.createdAt).toISOString();
  const performance = { ...modelPerformance(m.metrics), evaluated_at: trainedAt };
  const status = {
    is_trained: true,
    model_performance: performance,
    feature_columns: m.featureNames,
    model_metadata: {
      version: m.version,
      training_date: trainedAt,
      training_data_stats: trainingDataStats(m, counts),
      model_performance: performance,
      feature_columns: m.featureNames,
      training_parameters:
        m.family === 'trees'
          ? {
              model_type: modelType(m.family),
              trees: m.trees,
              threshold: m.threshold,
              threshold_rule: m.thresholdRule ?? null,
              calibration: m.calibration ?? null,
            }
          : {
              model_type: modelTypeOf(m),
              layers: m.layers,
              threshold: m.threshold,
              threshold_rule: m.thresholdRule ?? null,
              calibration: m.calibration ?? null,
            },
      data_source: m.imported ? 'imported model file' : `synthetic ${m.datasetManifest.kind} dataset`,
      backend: m.backend,
    },
    last_updated: trainedAt,
  };
  const version = {
    version: m.version,
    training_date: trainedAt,
    model_performance: performance,
    training_data_stats: trainingDataStats(m, counts),
    model_type: modelType(m.family),
    model_family: m.family,
    // Trees run without TF.js: the field then names what produced them.
    tfjs_version: m.generatedBy,
    timestamp: new Date(now).toISOString(),
  };
  return (
    <div className="summary-grid" style={{ gridTemplateColumns: 'repeat(auto-fill, minmax(min(100%, 420px), 1fr))' }}>
      <section aria-labelledby="status-title">
        <h3 id="status-title">Status</h3>
        <p className="muted">The fields of the original GET /models/status.</p>
        <CodeBlock label="/models/status" text={prettyJson(status)} />
      </section>
      <section aria-labelledby="version-title">
        <h3 id="version-title">Version</h3>
        <p className="muted">
          The fields of the original GET /models/version, from the stored metadata (not a hard-coded "1.0").
        </p>
        <CodeBlock label="/models/version" text={prettyJson(version)} />
      </section>
    </div>
  );
}

const ms = (v: number | null): string => (v === null ? '—' : `${v.toFixed(1)} ms`);

/** The original `/models/health`, made real: loads the model in the models worker and runs it on a known row. */
export function HealthPanel({
  model,
  onCheck,
}: {
  model: ModelSummary;
  onCheck: (id: string) => Promise<ModelHealth>;
}) {
  const [health, setHealth] = useState<ModelHealth | null>(null);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const shown = health?.modelId === model.id ? health : null;
  const run = (): void => {
    setBusy(true);
    setError(null);
    onCheck(model.id)
      .then(setHealth, (e: unknown) => setError(e instanceof Error ? e.message : String(e)))
      .finally(() => setBusy(false));
  };
  const original = shown && {
    status: shown.status,
    checks: Object.fromEntries(shown.checks.map((c) => [c.id, c.passed])),
    file_sizes: shown.file_sizes,
    model_version: shown.model_version,
    training_date: shown.training_date,
    model_performance: shown.model_performance,
    timestamp: shown.timestamp,
  };
  return (
    <section aria-labelledby="health-title">
      <h3 id="health-title">Health</h3>
      <div className="actions">
        <button type="button" onClick={run} disabled={busy}>
          {busy ? 'Checking…' : 'Check health'}
        </button>
        <span className="muted">Loads the stored model in the models worker and predicts a known row.</span>
      </div>
      <ErrorAlert error={error} />
      {shown ? (
        <div aria-live="polite">
          <p>
            Status:{' '}
            <strong style={{ color: shown.status === 'healthy' ? 'var(--ok)' : 'var(--danger)' }}>
              {shown.status}
            </strong>{' '}
            ·{' '}
            {shown.family === 'trees'
              ? 'trees scored in plain TypeScript (no TF.js)'
              : `backend ${shown.backend} · TF.js ${shown.tfjsVersion}`}
          </p>
          <ul aria-label="Health checks">
            {shown.checks.map((c) => (
              <li key={c.id}>
                <span aria-hidden="true">{c.passed ? '✓ ' : '✗ '}</span>
                <strong>{c.label}</strong> ({c.passed ? 'passed' : 'failed'}): {c.detail}
              </li>
            ))}
            <li>
              <span aria-hidden="true">– </span>
              <strong>Anomaly model</strong> (not applicable): this app trains none; the original’s IsolationForest was
              never evaluated.
            </li>
          </ul>
          <p>
            Known row ({shown.knownRow.description}): P(failure) = {fmt(shown.knownRow.probability, 4)}, risk{' '}
            {shown.knownRow.riskLevel ?? '—'}. Latency: load {ms(shown.latencyMs.load)}, first prediction{' '}
            {ms(shown.latencyMs.firstPrediction)}, warm prediction {ms(shown.latencyMs.warmPrediction)} (median).
          </p>
          <details>
            <summary>As the original /models/health answered</summary>
            <CodeBlock label="/models/health" text={prettyJson(original)} />
          </details>
        </div>
      ) : null}
    </section>
  );
}
