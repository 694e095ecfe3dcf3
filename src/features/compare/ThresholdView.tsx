import { useId, useMemo, useState } from 'react';
import { chartCurves, confusionAt } from '../../domain/evaluation/binary-metrics';
import { metricsFromConfusion } from '../../domain/evaluation/confusion-matrix';
import { rankScores } from '../../domain/evaluation/ranked-scores';
import { recallByKey } from '../../domain/evaluation/recall-by-key';
import { FAILURE_SCENARIOS } from '../../domain/device-types';
import type { MetricName } from '../../domain/evaluation/metric-labels';
import { BarsChart } from '../../ui/charts/BarsChart';
import { LineSeriesChart } from '../../ui/charts/LineSeriesChart';
import type { SlotResult } from '../../domain/training/run-types';
import { ValueTable, type ValueRow } from '../../ui/common/ValueTable';
import { BaselinesTable, ChosenThresholdSummary } from './ChosenThreshold';
import { fmt, METRIC_LABELS, withInterval } from './comparison-rows';

const metricRows = <K extends MetricName>(names: readonly K[], value: (m: K) => string): ValueRow[] =>
  names.map((m) => ({ key: m, label: METRIC_LABELS[m], value: value(m) }));

/**
 * One model in depth: the threshold chosen on validation devices (and how), a control that moves it and
 * drives the confusion matrix and metrics, curves, recall per scenario, and the slot's baselines.
 */
export function ThresholdView({ slot }: { slot: SlotResult }) {
  const id = useId();
  const [threshold, setThreshold] = useState(slot.threshold);
  const test = slot.test;
  const confusion = useMemo(() => (test ? confusionAt(test.labels, test.scores, threshold) : null), [test, threshold]);
  const at = confusion ? metricsFromConfusion(confusion) : null;
  const curves = useMemo(() => {
    // Runs store their curves; only runs trained before that are ranked here.
    const stored = slot.curves ?? (test ? chartCurves(rankScores(test.labels, test.scores)) : null);
    if (!stored) return null;
    const { roc, pr } = stored;
    return {
      roc: Array.from(roc.fpr, (x, i) => ({ fpr: x, tpr: roc.tpr[i] ?? null })),
      pr: Array.from(pr.recall, (x, i) => ({ recall: x, precision: pr.precision[i] ?? null })),
    };
  }, [slot.curves, test]);
  const scenarios = useMemo(() => {
    if (!test) return [];
    const keys = Int32Array.from(test.scenario, (s) => (s < 0 ? FAILURE_SCENARIOS.length : s));
    return recallByKey(test.labels, test.scores, threshold, keys, FAILURE_SCENARIOS.length + 1)
      .filter((r) => r.key < FAILURE_SCENARIOS.length && r.positives > 0)
      .map((r) => ({
        scenario: (FAILURE_SCENARIOS[r.key] ?? '').replace(/_/g, ' '),
        recall: r.recall,
        positives: r.positives,
      }));
  }, [test, threshold]);

  if (!test || !confusion || !at) return <p>This model has no stored test predictions.</p>;
  const moved = threshold !== slot.threshold;
  return (
    <div className="threshold-view">
      <ChosenThresholdSummary slot={slot} />
      <div className="field">
        <label htmlFor={`${id}-thr`}>
          Decision threshold: {fmt(threshold)}
          {moved ? '' : ' (chosen on validation devices)'}
        </label>
        <input
          id={`${id}-thr`}
          type="range"
          min={0.001}
          max={0.999}
          step={0.001}
          value={threshold}
          onChange={(e) => setThreshold(Number(e.target.value))}
        />
      </div>
      <div className="actions">
        <button type="button" disabled={!moved} onClick={() => setThreshold(slot.threshold)}>
          Reset to chosen threshold
        </button>
      </div>
      <div className="summary-grid">
        <table className="list-table confusion" aria-label="Confusion matrix">
          <caption>Confusion matrix at {fmt(threshold)}</caption>
          <thead>
            <tr>
              <td />
              <th scope="col">Predicted fail</th>
              <th scope="col">Predicted healthy</th>
            </tr>
          </thead>
          <tbody>
            <tr>
              <th scope="row">Fails</th>
              <td>{confusion.tp.toLocaleString('en-US')}</td>
              <td>{confusion.fn.toLocaleString('en-US')}</td>
            </tr>
            <tr>
              <th scope="row">Healthy</th>
              <td>{confusion.fp.toLocaleString('en-US')}</td>
              <td>{confusion.tn.toLocaleString('en-US')}</td>
            </tr>
          </tbody>
        </table>
        <ValueTable
          label="Metrics at the threshold"
          caption="At this threshold"
          rows={metricRows(['accuracy', 'precision', 'recall', 'f1'], (m) => fmt(at[m]))}
        />
        <ValueTable
          label="Threshold-free metrics with 95 % intervals"
          caption="Threshold-free, 95 % interval"
          rows={metricRows(['rocAuc', 'prAuc', 'logLoss'], (m) => withInterval(slot.metrics, m))}
        />
      </div>
      {curves ? (
        <div className="chart-grid">
          <LineSeriesChart
            title="ROC curve"
            data={curves.roc}
            xKey="fpr"
            xLabel="false positive rate"
            yLabel="true positive rate"
            xDomain={[0, 1]}
            yDomain={[0, 1]}
            diagonal
            series={[{ key: 'tpr', label: 'model', color: '#0072B2' }]}
          />
          <LineSeriesChart
            title="Precision–recall curve"
            data={curves.pr}
            xKey="recall"
            xLabel="recall"
            yLabel="precision"
            xDomain={[0, 1]}
            yDomain={[0, 1]}
            series={[{ key: 'precision', label: 'model', color: '#009E73' }]}
          />
          {scenarios.length > 0 ? (
            <BarsChart
              title="Recall per failure scenario at this threshold"
              data={scenarios}
              xKey="scenario"
              yDomain={[0, 1]}
              series={[{ key: 'recall', label: 'recall', color: '#E69F00' }]}
            />
          ) : null}
        </div>
      ) : null}
      <BaselinesTable slot={slot} />
      {scenarios.length > 0 ? (
        <table className="list-table compact" aria-label="Recall per failure scenario">
          <caption>Recall per failure scenario (positive test samples)</caption>
          <tbody>
            {scenarios.map((s) => (
              <tr key={s.scenario}>
                <th scope="row">{s.scenario}</th>
                <td className="num">{fmt(s.recall)}</td>
                <td className="num muted">{s.positives.toLocaleString('en-US')} positives</td>
              </tr>
            ))}
          </tbody>
        </table>
      ) : null}
    </div>
  );
}
