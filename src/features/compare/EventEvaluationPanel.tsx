import { useId, useState } from 'react';
import type { BootstrapInterval } from '../../domain/evaluation/bootstrap';
import { formatInterval, formatMetric } from '../../domain/evaluation/metric-labels';
import { HOME_TYPES } from '../../domain/home-types';
import type { RunRecord } from '../../storage/records';
import { useEvaluationCalls } from '../../state/use-service-calls';
import { DecimalField } from '../../ui/common/DecimalField';
import { useAsync } from '../../ui/use-async';
import type { ModelEvaluation, RunEvaluation } from '../../workers/evaluation.api';
import { BASELINE_LABELS, FAMILY_LABELS } from './comparison-rows';
import { DEFAULT_EVALUATION_FORM, parseEvaluationForm, type EvaluationForm } from './evaluation-settings';
import { modelName, slotName } from './model-name';
import { ModelEvaluationDetail } from './ModelEvaluationDetail';

/** "4.2 [2.0, 7.5]" with one decimal (days, rates). */
function oneDecimal(i: BootstrapInterval): string {
  if (!Number.isFinite(i.estimate)) return '—';
  const f = (v: number): string => (Number.isFinite(v) ? v.toFixed(1) : '—');
  return `${f(i.estimate)} [${f(i.low)}, ${f(i.high)}]`;
}

function thresholdText(m: ModelEvaluation): string {
  if (m.thresholds === null) return formatMetric(m.threshold);
  return Object.entries(m.thresholds)
    .map(([t, v]) => `${(HOME_TYPES[Number(t)] ?? t).replace(/_/g, ' ')} ${formatMetric(v)}`)
    .join(', ');
}

const candidateName = (name: string): string =>
  name === 'network' || name === 'trees'
    ? FAMILY_LABELS[name]
    : (BASELINE_LABELS[name as keyof typeof BASELINE_LABELS] ?? name);

function EventTable({ evaluation }: { evaluation: RunEvaluation }) {
  const withEvents = evaluation.models.filter((m) => m.events !== null);
  const cost = evaluation.settings.objective?.kind === 'cost';
  if (withEvents.length === 0) {
    return <p className="muted">{evaluation.models[0]?.note ?? 'No model of this run has event-level data.'}</p>;
  }
  return (
    <div className="table-scroll" role="region" aria-label="Event-level metrics (scrollable)" tabIndex={0}>
      <table className="list-table compact" aria-label="Event-level metrics">
        <thead>
          <tr>
            <th scope="col">Model</th>
            <th scope="col">Threshold</th>
            <th scope="col">Failing devices</th>
            <th scope="col">Caught</th>
            <th scope="col">Recall (devices)</th>
            <th scope="col">Median lead time (days)</th>
            <th scope="col">Episode precision</th>
            <th scope="col">False alarms / 100 device-months</th>
            {cost ? <th scope="col">Cost on test</th> : null}
            <th scope="col">ECE</th>
          </tr>
        </thead>
        <tbody>
          {withEvents.map((m) => {
            const e = m.events;
            if (e === null) return null;
            return (
              <tr key={m.key}>
                <th scope="row">{modelName(m)}</th>
                <td className="num" title={m.thresholdSource}>
                  {thresholdText(m)}
                </td>
                <td className="num">{e.metrics.failingDevices}</td>
                <td className="num">{e.metrics.caught}</td>
                <td className="num">{formatInterval(e.intervals.recall)}</td>
                <td className="num">{oneDecimal(e.intervals.medianLeadTimeDays)}</td>
                <td className="num">{formatInterval(e.intervals.episodePrecision)}</td>
                <td className="num">{oneDecimal(e.intervals.falseAlarmsPer100DeviceMonths)}</td>
                {cost ? <td className="num">{e.cost === null ? '—' : e.cost.toLocaleString()}</td> : null}
                <td className="num" title={m.calibration.calibrated ? 'after calibration' : 'uncalibrated scores'}>
                  {formatInterval((m.calibration.calibrated ?? m.calibration.raw).ece)}
                </td>
              </tr>
            );
          })}
        </tbody>
      </table>
    </div>
  );
}

function VerdictTable({ evaluation }: { evaluation: RunEvaluation }) {
  return (
    <div className="table-scroll" role="region" aria-label="Best model per slot (scrollable)" tabIndex={0}>
      <table className="list-table compact" aria-label="Best model per slot">
        <thead>
          <tr>
            <th scope="col">Slot</th>
            <th scope="col">Highest PR-AUC</th>
            <th scope="col">Verdict</th>
            <th scope="col">Leader minus the others (PR-AUC, paired 95 % interval)</th>
          </tr>
        </thead>
        <tbody>
          {evaluation.slots.map(({ slot, verdict }) => {
            const runnerUp = verdict.differences[0];
            return (
              <tr key={slot}>
                <th scope="row">{slotName(slot)}</th>
                <td>{verdict.leader === null ? '—' : candidateName(verdict.leader)}</td>
                <td>
                  {verdict.best !== null
                    ? `best: ${candidateName(verdict.best)}`
                    : runnerUp
                      ? `no clear best (within noise of ${candidateName(verdict.differences.find((d) => !(d.difference.low > 0))?.other ?? runnerUp.other)})`
                      : '—'}
                </td>
                <td>
                  {verdict.differences
                    .map(
                      (d) =>
                        `vs ${candidateName(d.other)} ${d.difference.estimate >= 0 ? '+' : ''}${formatMetric(d.difference.estimate)} [${formatMetric(d.difference.low)}, ${formatMetric(d.difference.high)}]`,
                    )
                    .join('; ')}
                </td>
              </tr>
            );
          })}
        </tbody>
      </table>
    </div>
  );
}

/**
 * What a maintenance team asks of a run: failing devices caught, how early, false alarms per device-month,
 * at the run's thresholds or at thresholds chosen on validation by an alert budget or by costs; which model
 * is best with paired intervals over homes; and calibration. Computed in the evaluation worker.
 */
export function EventEvaluationPanel({ run }: { run: RunRecord }) {
  const uid = useId();
  const { evaluateRun } = useEvaluationCalls();
  const [form, setForm] = useState<EvaluationForm>(DEFAULT_EVALUATION_FORM);
  const parsed = parseEvaluationForm(form);
  const [applied, setApplied] = useState(DEFAULT_EVALUATION_FORM);
  const settingsOf = parseEvaluationForm(applied);
  const settings = 'settings' in settingsOf ? settingsOf.settings : null;
  const key = `${run.id}:${run.slots.length}:${run.status}:${JSON.stringify(settings)}`;
  const result = useAsync(
    async () => ({ key, evaluation: settings ? await evaluateRun(run.id, settings) : null }),
    key,
  );
  // The last answer stays on screen while a new one is computed.
  const evaluation = result.value?.evaluation?.runId === run.id ? result.value.evaluation : null;
  const pending = result.error === null && result.value?.key !== key;
  const horizon = run.datasetManifest.spec.horizonDays;
  const set = (patch: Partial<EvaluationForm>): void => setForm((f) => ({ ...f, ...patch }));

  return (
    <div className="page-stack">
      <form
        className="evaluation-controls"
        aria-label="Operating point"
        onSubmit={(e) => {
          e.preventDefault();
          if ('settings' in parsed) setApplied(form);
        }}
      >
        <fieldset>
          <legend>Thresholds</legend>
          <label>
            <input
              type="radio"
              name={`${uid}-kind`}
              checked={form.kind === 'run'}
              onChange={() => set({ kind: 'run' })}
            />{' '}
            Each model’s threshold from the run
          </label>
          <label>
            <input
              type="radio"
              name={`${uid}-kind`}
              checked={form.kind === 'budget'}
              onChange={() => set({ kind: 'budget' })}
            />{' '}
            Alert budget
          </label>
          <label>
            <input
              type="radio"
              name={`${uid}-kind`}
              checked={form.kind === 'cost'}
              onChange={() => set({ kind: 'cost' })}
            />{' '}
            Costs
          </label>
        </fieldset>
        {form.kind === 'budget' ? (
          <DecimalField
            id={`${uid}-budget`}
            label="False alarms per 100 device-months"
            value={form.budget}
            onChange={(budget) => set({ budget })}
          />
        ) : null}
        {form.kind === 'cost' ? (
          <>
            <DecimalField
              id={`${uid}-fa`}
              label="Cost of a false alarm"
              value={form.falseAlarmCost}
              onChange={(falseAlarmCost) => set({ falseAlarmCost })}
            />
            <DecimalField
              id={`${uid}-miss`}
              label="Cost of a missed failure"
              value={form.missCost}
              onChange={(missCost) => set({ missCost })}
            />
          </>
        ) : null}
        <div className="field">
          <label htmlFor={`${uid}-scope`}>Global model’s threshold</label>
          <select
            id={`${uid}-scope`}
            value={form.scope}
            onChange={(e) => set({ scope: e.target.value === 'per-home-type' ? 'per-home-type' : 'global' })}
          >
            <option value="global">one for every home type</option>
            <option value="per-home-type">one per home type</option>
          </select>
        </div>
        <button type="submit" disabled={!('settings' in parsed)}>
          Apply
        </button>
        {'error' in parsed ? (
          <p className="error" role="alert">
            {parsed.error}
          </p>
        ) : null}
      </form>
      <p className="muted" role="status">
        {pending
          ? 'Evaluating in the background…'
          : evaluation
            ? `Thresholds: ${applied.kind === 'run' ? 'each model’s own, from the run' : (evaluation.models.find((m) => m.events)?.thresholdSource ?? '')}. Intervals: ${evaluation.settings.resamples.toLocaleString()} resamples of test homes (computed in ${Math.round(evaluation.computeMs)} ms).`
            : ''}
      </p>
      {result.error !== null ? (
        <p className="error" role="alert">
          Evaluation failed: {result.error}
        </p>
      ) : null}
      {result.value === null ? null : evaluation === null ? (
        <p className="muted">
          This run was trained before event-level evaluation existed: train it again to see failures caught, lead times,
          calibration and paired intervals.
        </p>
      ) : (
        <>
          <p className="muted">
            A failing test device is caught when an alert fires in the {typeof horizon === 'number' ? horizon : 'H'}{' '}
            days before it fails; lead time counts from the first alert of the episode that caught it. Episodes are runs
            of consecutive alerting samples of one device; false alarms are episodes on healthy devices. Sample-level
            metrics are in the Models table above.
          </p>
          <EventTable evaluation={evaluation} />
          <h3>Which model is best?</h3>
          <p className="muted">
            A model is called best in its slot only when its PR-AUC beats every other model and baseline there with a
            paired interval over test homes above zero.
          </p>
          <VerdictTable evaluation={evaluation} />
          <ModelEvaluationDetail evaluation={evaluation} />
        </>
      )}
    </div>
  );
}
