import { useId, useMemo, useState } from 'react';
import type { ModelSummary } from '../../workers/models.api';
import {
  calibrationMethodLabel,
  calibrationText,
  familyLabel,
  featureSetLabel,
  fmt,
  fmtThreshold,
  manifestSummary,
  METRIC_LABELS,
  METRIC_NAMES,
  slotKey,
  slotLabel,
  thresholdRuleText,
  withInterval,
} from './model-format';

interface Slot {
  key: string;
  label: string;
  /** Newest (current) first: the repository gives each newer model of a slot and family the next version. */
  versions: ModelSummary[];
}

function slotsOf(models: readonly ModelSummary[]): Slot[] {
  const bySlot = new Map<string, Slot>();
  for (const m of models.toSorted((a, b) => b.createdAt - a.createdAt)) {
    const key = slotKey(m);
    const slot = bySlot.get(key) ?? {
      key,
      label: `${m.kind === 'failure' ? 'failure' : 'home type'} · ${slotLabel(m.slot)} · ${familyLabel(m.family).toLowerCase()} · ${featureSetLabel(m)}`,
      versions: [],
    };
    slot.versions.push(m);
    bySlot.set(key, slot);
  }
  return [...bySlot.values()].sort((a, b) => b.versions.length - a.versions.length || a.label.localeCompare(b.label));
}

/** The current model of a slot beside its previous versions, metric by metric. */
export function VersionsPanel({
  models,
  preferredKey,
}: {
  models: readonly ModelSummary[];
  preferredKey: string | null;
}) {
  const uid = useId();
  const slots = useMemo(() => slotsOf(models), [models]);
  const [chosen, setChosen] = useState<string | null>(null);
  const slot = slots.find((s) => s.key === (chosen ?? preferredKey)) ?? slots[0];
  if (!slot) return null;
  const best = (values: number[], lower: boolean): number | null => {
    const finite = values.filter(Number.isFinite);
    // Nothing to mark when the versions tie (e.g. a reproducible retrain of the same data).
    if (finite.length < 2 || finite.every((v) => v === finite[0])) return null;
    return lower ? Math.min(...finite) : Math.max(...finite);
  };
  return (
    <section aria-labelledby={`${uid}-title`}>
      <h2 id={`${uid}-title`}>Versions</h2>
      <div className="field">
        <label htmlFor={`${uid}-slot`}>Slot</label>
        <select id={`${uid}-slot`} value={slot.key} onChange={(e) => setChosen(e.target.value)}>
          {slots.map((s) => (
            <option key={s.key} value={s.key}>
              {s.label} ({s.versions.length} {s.versions.length === 1 ? 'version' : 'versions'})
            </option>
          ))}
        </select>
      </div>
      {slot.versions.length === 1 ? (
        <p className="muted">This slot has one version so far; retraining it adds the next one here.</p>
      ) : null}
      <p className="muted">
        Networks and trees of a slot keep separate versions: compare them on the Compare page or side by side in the
        list above.
      </p>
      <div className="table-scroll" role="region" aria-label="Versions side by side (scrollable)" tabIndex={0}>
        <table className="list-table" aria-label="Versions side by side">
          <thead>
            <tr>
              <td />
              {slot.versions.map((m, i) => (
                <th key={m.id} scope="col" className="num">
                  v{m.version}
                  {i === 0 ? ' (current)' : ''}
                </th>
              ))}
            </tr>
          </thead>
          <tbody>
            <tr>
              <th scope="row">Trained</th>
              {slot.versions.map((m) => (
                <td key={m.id} className="num">
                  {new Date(m.createdAt).toLocaleString()}
                </td>
              ))}
            </tr>
            <tr>
              <th scope="row">Dataset</th>
              {slot.versions.map((m) => (
                <td key={m.id} className="num">
                  {m.imported ? 'imported · ' : ''}
                  {manifestSummary(m)}
                </td>
              ))}
            </tr>
            <tr>
              <th scope="row">Threshold</th>
              {slot.versions.map((m) => (
                <td key={m.id} className="num" title={thresholdRuleText(m)}>
                  {fmtThreshold(m.threshold)}
                </td>
              ))}
            </tr>
            <tr>
              <th scope="row">Calibration</th>
              {slot.versions.map((m) => (
                <td key={m.id} title={calibrationText(m)}>
                  {calibrationMethodLabel(m)}
                </td>
              ))}
            </tr>
            <tr>
              <th scope="row">Backend</th>
              {slot.versions.map((m) => (
                <td key={m.id} className="num">
                  {m.backend}
                </td>
              ))}
            </tr>
            {METRIC_NAMES.map((k) => {
              const top = best(
                slot.versions.map((m) => m.metrics[k].estimate),
                k === 'logLoss',
              );
              return (
                <tr key={k}>
                  <th scope="row">{METRIC_LABELS[k]}</th>
                  {slot.versions.map((m) => (
                    <td key={m.id} className={top !== null && m.metrics[k].estimate === top ? 'num best' : 'num'}>
                      {withInterval(m.metrics[k])}
                    </td>
                  ))}
                </tr>
              );
            })}
            <tr>
              <th scope="row">F1 change vs current</th>
              {slot.versions.map((m) => {
                const d = m.metrics.f1.estimate - (slot.versions[0]?.metrics.f1.estimate ?? Number.NaN);
                return (
                  <td key={m.id} className="num">
                    {m === slot.versions[0] ? '—' : `${d > 0 ? '+' : ''}${fmt(d)}`}
                  </td>
                );
              })}
            </tr>
          </tbody>
        </table>
      </div>
      <p className="muted">
        Differences inside the intervals are noise: compare versions trained on the same dataset before preferring one.
      </p>
    </section>
  );
}
