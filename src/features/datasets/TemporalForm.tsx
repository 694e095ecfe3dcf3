import { useId, useMemo, useState, type FormEvent, type ReactNode } from 'react';
import { FAILURE_SCENARIOS } from '../../domain/device-types';
import { HOME_TYPES } from '../../domain/home-types';
import { formatBytes } from '../../ui/format-bytes';
import { SubmitRow } from '../../ui/common/SubmitRow';
import { estimateTemporal } from '../../domain/temporal/estimate';
import { specFromQuery, specToQuery } from '../../domain/temporal/spec-query';
import { defaultTemporalSpec, type TemporalSpec } from '../../domain/temporal/spec';
import { navigate } from '../../ui/router';
import { browserTimeZone, knownTimeZones } from './browser-time-zone';

const LARGE_BYTES = 300 * 1024 * 1024;

type Draft = Record<string, string>;

/** Draft from the URL (a shared link) or the defaults with this browser's time zone. */
function initialDraft(query: URLSearchParams): Draft {
  const fromUrl = Object.fromEntries([...query.entries()].filter(([k]) => k !== 'mode'));
  const base = specToQuery(defaultTemporalSpec({ timeZone: browserTimeZone() }));
  return { ...base, ...fromUrl };
}

const LABELS: Record<string, string> = {
  seed: 'Seed',
  homes: 'Homes',
  startDate: 'Start date',
  days: 'Days',
  resolutionMinutes: 'Resolution (minutes)',
  timeZone: 'Time zone',
  hemisphere: 'Hemisphere',
  failureRate: 'Failure rate (share of devices)',
  horizonDays: 'Prediction horizon H (days)',
  windowDays: 'Feature window W (days)',
  strideDays: 'Sample every (days)',
  noise: 'Noise level (0–1)',
  missingRate: 'Missing-data rate',
  difficulty: 'Difficulty',
  homeTypeMix: 'Home-type mix',
  scenarioMix: 'Failure-scenario mix',
};

type MixField = 'homeTypeMix' | 'scenarioMix';

/** The two weight mixes the form edits, each a "name:weight,…" list in one draft field. */
const MIXES: readonly { field: MixField; legend: string; names: readonly string[] }[] = [
  { field: 'homeTypeMix', legend: 'Home-type weights (default the original 35/20/15/12/8/5/3/2)', names: HOME_TYPES },
  { field: 'scenarioMix', legend: 'Failure-scenario weights', names: FAILURE_SCENARIOS },
];

/** A weight per name, then the mix's error (it is checked as a whole: weights must not all be zero…). */
function MixWeights({
  legend,
  names,
  value,
  onChange,
  error,
}: {
  legend: string;
  names: readonly string[];
  value: (name: string) => string;
  onChange: (name: string, weight: string) => void;
  error: string | undefined;
}) {
  return (
    <>
      <fieldset className="mix-grid">
        <legend>{legend}</legend>
        {names.map((t) => (
          <label key={t}>
            {t.replace(/_/g, ' ')}
            <input inputMode="decimal" value={value(t)} onChange={(e) => onChange(t, e.target.value)} />
          </label>
        ))}
      </fieldset>
      {error ? (
        <p className="error-text" role="alert">
          {error}
        </p>
      ) : null}
    </>
  );
}

/**
 * The temporal generator's form. Every value is validated as you type with what is allowed, the URL carries
 * the configuration (a shareable link), and the estimated size shows before anything runs.
 */
export function TemporalForm({
  query,
  busy,
  onGenerate,
}: {
  query: URLSearchParams;
  busy: boolean;
  onGenerate: (spec: TemporalSpec, name: string) => void;
}) {
  const uid = useId();
  const [draft, setDraft] = useState<Draft>(() => initialDraft(query));
  const [name, setName] = useState('');
  const [touched, setTouched] = useState(false);
  const parsed = useMemo(() => specFromQuery(draft), [draft]);
  const errors: Record<string, string> = parsed.ok
    ? {}
    : Object.fromEntries(parsed.errors.map((e) => [e.field.split('.')[0] ?? e.field, e.message]));
  const estimate = useMemo(() => (parsed.ok ? estimateTemporal(parsed.spec) : null), [parsed]);
  const zones = useMemo(() => knownTimeZones(), []);
  const defaultName = parsed.ok
    ? `Temporal ${parsed.spec.homes} homes × ${parsed.spec.days} days, seed ${parsed.spec.seed}`
    : 'Temporal dataset';

  const set = (k: string, v: string): void => {
    const next = { ...draft, [k]: v };
    setDraft(next);
    // The configuration lives in the URL, so the page is a shareable link to it.
    navigate(`/datasets?${new URLSearchParams({ mode: 'temporal', ...next }).toString()}`, { replace: true });
  };
  const setMix = (k: MixField, key: string, v: string): void => {
    const parts = (draft[k] ?? '')
      .split(',')
      .filter(Boolean)
      .map((p) => p.split(':'));
    const map = new Map(parts.map(([a, b]) => [a ?? '', b ?? '']));
    map.set(key, v);
    set(k, [...map.entries()].map(([a, b]) => `${a}:${b}`).join(','));
  };
  const mixValue = (k: MixField, key: string): string =>
    (draft[k] ?? '')
      .split(',')
      .map((p) => p.split(':'))
      .find(([a]) => a === key)?.[1] ?? '0';

  const field = (k: string, input: ReactNode, hint?: string) => (
    <div className="field" key={k}>
      <label htmlFor={`${uid}-${k}`}>{LABELS[k] ?? k}</label>
      {input}
      {hint ? <small className="muted">{hint}</small> : null}
      {errors[k] && (touched || draft[k] !== '') ? (
        <small id={`${uid}-${k}-error`} className="error-text" role="alert">
          {errors[k]}
        </small>
      ) : null}
    </div>
  );
  const text = (k: string, extra: Record<string, string> = {}) => (
    <input
      id={`${uid}-${k}`}
      value={draft[k] ?? ''}
      aria-invalid={errors[k] ? true : undefined}
      aria-describedby={errors[k] ? `${uid}-${k}-error` : undefined}
      onChange={(e) => set(k, e.target.value)}
      {...extra}
    />
  );
  const select = (k: string, options: readonly string[]) => (
    <select id={`${uid}-${k}`} value={draft[k] ?? ''} onChange={(e) => set(k, e.target.value)}>
      {options.map((o) => (
        <option key={o} value={o}>
          {o}
        </option>
      ))}
    </select>
  );

  const submit = (e: FormEvent): void => {
    e.preventDefault();
    setTouched(true);
    if (parsed.ok) onGenerate(parsed.spec, name.trim() || defaultName);
  };

  return (
    <form className="panel form-grid" onSubmit={submit} aria-labelledby={`${uid}-title`} noValidate>
      <h2 id={`${uid}-title`}>New temporal dataset</h2>
      <p className="muted span-all">
        Real time series per device at local time (daily, weekly and seasonal structure), failures that unfold over
        days, and samples labelled “fails within H days” from the ground truth — never from a rule over the features.
      </p>
      <div className="field span-all">
        <label htmlFor={`${uid}-name`}>Name</label>
        <input id={`${uid}-name`} value={name} placeholder={defaultName} onChange={(e) => setName(e.target.value)} />
      </div>
      {field('homes', text('homes', { inputMode: 'numeric' }), 'Each home gets its home type’s device count.')}
      {field('days', text('days', { inputMode: 'numeric' }), '1 to 730')}
      {field('startDate', text('startDate', { type: 'date' }))}
      {field('resolutionMinutes', select('resolutionMinutes', ['15', '30', '60']))}
      {field(
        'timeZone',
        <>
          {text('timeZone', { list: `${uid}-zones`, autoComplete: 'off' })}
          <datalist id={`${uid}-zones`}>
            {zones.map((z) => (
              <option key={z} value={z} />
            ))}
          </datalist>
        </>,
        'Daily cycles follow its local clock, including DST days.',
      )}
      {field('hemisphere', select('hemisphere', ['auto', 'north', 'south']), 'auto: from the time zone')}
      {field('failureRate', text('failureRate', { inputMode: 'decimal' }))}
      {field(
        'horizonDays',
        text('horizonDays', { inputMode: 'numeric' }),
        'A sample is positive when its device fails within H days.',
      )}
      {field('windowDays', text('windowDays', { inputMode: 'numeric' }))}
      {field('strideDays', text('strideDays', { inputMode: 'numeric' }))}
      {field('noise', text('noise', { inputMode: 'decimal' }))}
      {field('missingRate', text('missingRate', { inputMode: 'decimal' }))}
      {field(
        'difficulty',
        select('difficulty', ['easy', 'normal', 'hard']),
        'Precursor strength: easy = strong and short, hard = faint and drawn out.',
      )}
      {field('seed', text('seed', { inputMode: 'numeric' }), 'Same seed and settings give byte-identical data.')}
      <details className="span-all">
        <summary>Home-type and failure-scenario mix</summary>
        {MIXES.map((m) => (
          <MixWeights
            key={m.field}
            legend={m.legend}
            names={m.names}
            value={(name) => mixValue(m.field, name)}
            onChange={(name, v) => setMix(m.field, name, v)}
            error={errors[m.field]}
          />
        ))}
      </details>
      {estimate ? (
        <p className={`span-all ${estimate.storedBytes > LARGE_BYTES ? 'warning' : 'muted'}`} role="status">
          About {estimate.devices.toLocaleString('en-US')} devices, {estimate.deviceSteps.toLocaleString('en-US')}{' '}
          device-steps simulated, {estimate.samples.toLocaleString('en-US')} samples stored (≈{' '}
          {formatBytes(estimate.storedBytes)}).
          {estimate.storedBytes > LARGE_BYTES
            ? ' This is large: it takes a while and much of the browser’s storage.'
            : ''}
        </p>
      ) : null}
      <SubmitRow label="Generate" busyLabel="Generating…" busy={busy} showFixHint={!parsed.ok && touched} />
    </form>
  );
}
