import { useId, useMemo, useState, type ReactNode } from 'react';
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

/** One row of the side-by-side table: a cell per version, numbers right-aligned, the best one marked. */
function VersionRow({
  label,
  versions,
  text,
  title,
  numeric = true,
  best,
}: {
  label: string;
  versions: readonly ModelSummary[];
  text: (m: ModelSummary) => ReactNode;
  title?: (m: ModelSummary) => string;
  numeric?: boolean;
  best?: (m: ModelSummary) => boolean;
}) {
  return (
    <tr>
      <th scope="row">{label}</th>
      {versions.map((m) => {
        const className = [numeric ? 'num' : '', best?.(m) ? 'best' : ''].filter(Boolean).join(' ');
        return (
          <td key={m.id} className={className || undefined} title={title?.(m)}>
            {text(m)}
          </td>
        );
      })}
    </tr>
  );
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
            <VersionRow label="Trained" versions={slot.versions} text={(m) => new Date(m.createdAt).toLocaleString()} />
            <VersionRow
              label="Dataset"
              versions={slot.versions}
              text={(m) => (
                <>
                  {m.imported ? 'imported · ' : ''}
                  {manifestSummary(m)}
                </>
              )}
            />
            <VersionRow
              label="Threshold"
              versions={slot.versions}
              text={(m) => fmtThreshold(m.threshold)}
              title={thresholdRuleText}
            />
            <VersionRow
              label="Calibration"
              versions={slot.versions}
              numeric={false}
              text={calibrationMethodLabel}
              title={calibrationText}
            />
            <VersionRow label="Backend" versions={slot.versions} text={(m) => m.backend} />
            {METRIC_NAMES.map((k) => {
              const top = best(
                slot.versions.map((m) => m.metrics[k].estimate),
                k === 'logLoss',
              );
              return (
                <VersionRow
                  key={k}
                  label={METRIC_LABELS[k]}
                  versions={slot.versions}
                  text={(m) => withInterval(m.metrics[k])}
                  best={(m) => top !== null && m.metrics[k].estimate === top}
                />
              );
            })}
            <VersionRow
              label="F1 change vs current"
              versions={slot.versions}
              text={(m) => {
                const d = m.metrics.f1.estimate - (slot.versions[0]?.metrics.f1.estimate ?? Number.NaN);
                return m === slot.versions[0] ? '—' : `${d > 0 ? '+' : ''}${fmt(d)}`;
              }}
            />
          </tbody>
        </table>
      </div>
      <p className="muted">
        Differences inside the intervals are noise: compare versions trained on the same dataset before preferring one.
      </p>
    </section>
  );
}
