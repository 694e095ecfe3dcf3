import { useId, useState } from 'react';
import { FAILURE_SCENARIOS } from '../../domain/device-types';
import { quantileSorted } from '../../domain/evaluation/bootstrap';
import { recallFrontier } from '../../domain/evaluation/event-evaluation';
import { formatInterval, formatMetric } from '../../domain/evaluation/metric-labels';
import { LineSeriesChart } from '../../ui/charts/LineSeriesChart';
import { color } from '../../ui/charts/palette';
import type { RunEvaluation } from '../../workers/evaluation.api';
import { modelName } from './model-name';

const CALIBRATION_NAMES = { none: 'none', platt: 'Platt scaling', isotonic: 'isotonic regression' } as const;

/** Quartiles of sorted lead times, "min 1.0 · q1 … · max 9.0". */
function leadSummary(sorted: readonly number[]): string {
  if (sorted.length === 0) return 'no failing device caught';
  const q = (p: number): string => quantileSorted(sorted, p).toFixed(1);
  return `min ${q(0)} · quartile ${q(0.25)} · median ${q(0.5)} · quartile ${q(0.75)} · max ${q(1)} days over ${sorted.length} caught devices`;
}

/**
 * One model's event curve (recall and lead time against false alarms across thresholds, the current
 * operating point marked) and its calibration: ECE and a reliability diagram, before or after calibration.
 */
export function ModelEvaluationDetail({ evaluation }: { evaluation: RunEvaluation }) {
  const uid = useId();
  const [key, setKey] = useState<string | null>(null);
  const [showCalibrated, setShowCalibrated] = useState(true);
  const model = evaluation.models.find((m) => m.key === key) ?? evaluation.models[0];
  if (!model) return null;
  const { calibration, events } = model;
  const calibrated = showCalibrated && calibration.calibrated !== null;
  const view = calibrated && calibration.calibrated ? calibration.calibrated : calibration.raw;
  const reliability = view.bins
    .filter((b) => b.count > 0)
    .map((b) => ({ meanScore: b.meanScore, observed: b.positiveRate }));
  const curve = events ? recallFrontier(events.curve) : [];
  const at = events ? events.metrics.falseAlarmsPer100DeviceMonths : Number.NaN;
  return (
    <section aria-labelledby={`${uid}-h`}>
      <h3 id={`${uid}-h`}>One model: alerts and calibration</h3>
      <div className="field">
        <label htmlFor={`${uid}-model`}>Model to inspect</label>
        <select id={`${uid}-model`} value={model.key} onChange={(e) => setKey(e.target.value)}>
          {evaluation.models.map((m) => (
            <option key={m.key} value={m.key}>
              {modelName(m)}
            </option>
          ))}
        </select>
      </div>
      {model.note ? <p className="muted">{model.note}</p> : null}
      {events ? (
        <>
          <p>
            Lead times: {leadSummary(events.metrics.leadTimesDays)}.
            {events.validation
              ? ` On validation devices the threshold gave recall ${formatMetric(events.validation.recall)} at ${formatMetric(events.validation.falseAlarmsPer100DeviceMonths, 1)} false alarms per 100 device-months.`
              : ''}
          </p>
          <div
            className="table-scroll"
            role="region"
            aria-label="Failures caught per scenario (scrollable)"
            tabIndex={0}
          >
            <table className="list-table compact" aria-label="Failures caught per scenario">
              <thead>
                <tr>
                  <th scope="col">Failure scenario</th>
                  <th scope="col">Failing devices</th>
                  <th scope="col">Caught</th>
                  <th scope="col">Recall</th>
                  <th scope="col">Median lead time (days)</th>
                </tr>
              </thead>
              <tbody>
                {events.metrics.byScenario.map((r) => (
                  <tr key={r.scenario}>
                    <th scope="row">
                      {(FAILURE_SCENARIOS[r.scenario] ?? `scenario ${r.scenario}`).replace(/_/g, ' ')}
                    </th>
                    <td className="num">{r.failing}</td>
                    <td className="num">{r.caught}</td>
                    <td className="num">{formatMetric(r.recall)}</td>
                    <td className="num">{formatMetric(r.medianLeadTimeDays, 1)}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
          <div className="chart-row">
            <LineSeriesChart
              title="Highest recall of failing devices within each false-alarm rate (test, across thresholds)"
              data={curve.map((p) => ({ falseAlarms: p.falseAlarmsPer100DeviceMonths, recall: p.recall }))}
              xKey="falseAlarms"
              series={[{ key: 'recall', label: 'Recall (devices)', color: color(0) }]}
              xLabel="false alarms per 100 device-months"
              yDomain={[0, 1]}
              xFormat={(v) => v.toFixed(1)}
              markers={Number.isFinite(at) ? [{ x: at, label: 'now', color: 'var(--accent)' }] : []}
            />
            <LineSeriesChart
              title="Median lead time at those thresholds (test)"
              data={curve.map((p) => ({
                falseAlarms: p.falseAlarmsPer100DeviceMonths,
                lead: Number.isFinite(p.medianLeadTimeDays) ? p.medianLeadTimeDays : null,
              }))}
              xKey="falseAlarms"
              series={[{ key: 'lead', label: 'Median lead time (days)', color: color(1) }]}
              xLabel="false alarms per 100 device-months"
              xFormat={(v) => v.toFixed(1)}
              markers={Number.isFinite(at) ? [{ x: at, label: 'now', color: 'var(--accent)' }] : []}
            />
          </div>
        </>
      ) : null}
      <h4>Calibration</h4>
      <p>
        Calibration of this run: {CALIBRATION_NAMES[calibration.method]}. Expected calibration error (10 equal-width
        bins, test devices): <strong>{formatInterval(calibration.raw.ece)}</strong> before calibration
        {calibration.calibrated ? (
          <>
            , <strong>{formatInterval(calibration.calibrated.ece)}</strong> after
          </>
        ) : null}
        .
      </p>
      <label>
        <input
          type="checkbox"
          checked={calibrated}
          disabled={calibration.calibrated === null}
          onChange={(e) => setShowCalibrated(e.target.checked)}
        />{' '}
        Calibrated scores
      </label>
      <LineSeriesChart
        title={`Reliability diagram (${calibrated ? 'calibrated' : 'uncalibrated'} scores; ECE ${formatMetric(view.ece.estimate)})`}
        data={reliability}
        xKey="meanScore"
        series={[{ key: 'observed', label: 'Observed failure rate', color: color(2) }]}
        xLabel="mean predicted probability in the bin"
        xDomain={[0, 1]}
        yDomain={[0, 1]}
        diagonal
      />
    </section>
  );
}
