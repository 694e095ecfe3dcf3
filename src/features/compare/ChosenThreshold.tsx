import { describeThresholdRule } from '../../domain/evaluation/operating-threshold';
import type { SlotResult } from '../../domain/training/run-types';
import { BASELINE_LABELS, fmt, ruleOf, withInterval } from './comparison-rows';

/** Where the threshold came from: the rule, what it achieved on validation devices, and F1 at the original's 0.5. */
export function ChosenThresholdSummary({ slot }: { slot: SlotResult }) {
  const v = slot.thresholdValidation;
  return (
    <div className="chosen-threshold">
      <p>
        Chosen threshold <strong>{fmt(slot.threshold)}</strong>, by the rule “{describeThresholdRule(ruleOf(slot))}”
        {slot.thresholdRule ? '' : ' (this run predates validation-chosen thresholds)'}.
        {v ? (
          <>
            {' '}
            On the validation devices it reached precision {fmt(v.precision)}, recall {fmt(v.recall)}, F1 {fmt(v.f1)}
            {v.falseAlarmsPer100DeviceMonths === null
              ? ''
              : `, ${fmt(v.falseAlarmsPer100DeviceMonths, 1)} false alarms per 100 devices per 30 days`}
            .
          </>
        ) : null}{' '}
        On test: F1 {withInterval(slot.metrics, 'f1')} at this threshold
        {slot.f1At05 === undefined ? '' : `, ${fmt(slot.f1At05)} at the fixed 0.5`}.
      </p>
      {v?.note ? (
        <p className="warning" role="note">
          {v.note}
        </p>
      ) : null}
    </div>
  );
}

/** The baselines of a model's slot on the same test devices, each at its own validation-chosen threshold. */
export function BaselinesTable({ slot }: { slot: SlotResult }) {
  const b = slot.baselines;
  if (!b) return null;
  const list = (['stump', 'logistic', 'legacyRule', 'majority'] as const).flatMap((name) => {
    const set = b[name];
    return set ? [{ name, set }] : [];
  });
  return (
    <table className="list-table compact" aria-label="Baselines on the same test devices">
      <caption>
        Baselines on the same test devices (95 % interval): each at its own validation-chosen threshold, majority at 0.5
      </caption>
      <thead>
        <tr>
          <th scope="col">Baseline</th>
          <th scope="col" className="num">
            PR-AUC
          </th>
          <th scope="col" className="num">
            F1
          </th>
        </tr>
      </thead>
      <tbody>
        {list.map(({ name, set }) => (
          <tr key={name}>
            <th scope="row">
              {BASELINE_LABELS[name]}
              {name === 'stump' && b.stumpFeature ? <small className="muted"> ({b.stumpFeature})</small> : null}
            </th>
            <td className="num">{withInterval(set, 'prAuc')}</td>
            <td className="num">{withInterval(set, 'f1')}</td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}
