import { useId, useMemo, useState, type FormEvent, type ReactNode } from 'react';
import { defaultClassicSpec, parseClassicSpec, type ClassicSpec } from '../../domain/classic/classic-spec';
import { formatBytes } from '../../ui/format-bytes';
import { SubmitRow } from '../../ui/common/SubmitRow';
import { HOME_TYPES } from '../../domain/home-types';
import { LEGACY_LABEL_WARNING } from '../../domain/legacy-label';
import { browserTimeZone, knownTimeZones } from './browser-time-zone';

/** Bytes one classic row takes in storage (11 Float32 metrics, health score, ids and codes). */
const BYTES_PER_ROW = 11 * 4 + 4 + 4 + 3;

type Draft = Record<keyof ClassicSpec, string | boolean>;

function toDraft(spec: ClassicSpec): Draft {
  return {
    seed: String(spec.seed),
    samples: String(spec.samples),
    days: String(spec.days),
    failureRate: String(spec.failureRate),
    referenceDate: spec.referenceDate,
    timeZone: spec.timeZone,
    homeTypes: spec.homeTypes,
    healthScore: spec.healthScore,
  };
}

function fromDraft(d: Draft): unknown {
  const num = (v: string | boolean): number | string =>
    typeof v === 'string' && v.trim() !== '' && Number.isFinite(Number(v)) ? Number(v) : String(v);
  return {
    seed: num(d.seed),
    samples: num(d.samples),
    days: num(d.days),
    failureRate: num(d.failureRate),
    referenceDate: d.referenceDate,
    timeZone: d.timeZone,
    homeTypes: d.homeTypes,
    healthScore: d.healthScore === true,
  };
}

/** The classic generator's form: every field validated as you type, with what is allowed. */
export function ClassicForm({
  busy,
  onGenerate,
}: {
  busy: boolean;
  onGenerate: (spec: ClassicSpec, name: string) => void;
}) {
  const uid = useId();
  const [draft, setDraft] = useState<Draft>(() => toDraft({ ...defaultClassicSpec(), timeZone: browserTimeZone() }));
  const [name, setName] = useState('');
  const [touched, setTouched] = useState(false);
  const parsed = useMemo(() => parseClassicSpec(fromDraft(draft)), [draft]);
  const errors = parsed.ok ? {} : Object.fromEntries(parsed.errors.map((e) => [e.field, e.message]));
  const zones = useMemo(() => knownTimeZones(), []);
  const set = (k: keyof ClassicSpec) => (v: string | boolean) => setDraft((d) => ({ ...d, [k]: v }));
  const samples = Number(draft.samples);
  const defaultName = parsed.ok
    ? `Classic ${parsed.spec.samples.toLocaleString('en-US')} rows, seed ${parsed.spec.seed}`
    : 'Classic dataset';

  const submit = (e: FormEvent): void => {
    e.preventDefault();
    setTouched(true);
    if (parsed.ok) onGenerate(parsed.spec, name.trim() || defaultName);
  };

  const field = (k: keyof ClassicSpec, label: string, input: ReactNode, hint?: string) => {
    const err = errors[k];
    return (
      <div className="field">
        <label htmlFor={`${uid}-${k}`}>{label}</label>
        {input}
        {hint ? (
          <small id={`${uid}-${k}-hint`} className="muted">
            {hint}
          </small>
        ) : null}
        {err && (touched || draft[k] !== '') ? (
          <small id={`${uid}-${k}-error`} className="error-text" role="alert">
            {err}
          </small>
        ) : null}
      </div>
    );
  };
  const textInput = (k: keyof ClassicSpec, type = 'text', extra: Record<string, string> = {}) => (
    <input
      id={`${uid}-${k}`}
      type={type}
      value={String(draft[k])}
      aria-invalid={errors[k] ? true : undefined}
      aria-describedby={errors[k] ? `${uid}-${k}-error` : undefined}
      onChange={(e) => set(k)(e.target.value)}
      {...extra}
    />
  );

  return (
    <form className="panel form-grid" onSubmit={submit} aria-labelledby={`${uid}-title`} noValidate>
      <h2 id={`${uid}-title`}>New classic dataset</h2>
      <p className="muted span-all">
        The original generator, ported exactly: one snapshot row per device, every temporal pattern fixed by the
        reference date. Use it to reproduce the original system; its label leaks (see below).
      </p>
      <div className="field span-all">
        <label htmlFor={`${uid}-name`}>Name</label>
        <input id={`${uid}-name`} value={name} placeholder={defaultName} onChange={(e) => setName(e.target.value)} />
      </div>
      {field(
        'samples',
        'Samples (rows)',
        textInput('samples', 'number', { min: '1', step: '1' }),
        Number.isFinite(samples) && samples > 0 ? `About ${formatBytes(samples * BYTES_PER_ROW)} stored.` : undefined,
      )}
      {field(
        'days',
        'Days',
        textInput('days', 'number', { min: '1', max: '730' }),
        'Scales degradation and uptime, as in the original.',
      )}
      {field(
        'failureRate',
        'Failure rate',
        textInput('failureRate', 'number', { min: '0', max: '1', step: '0.01' }),
        'Share of rows with an injected failure scenario.',
      )}
      {field(
        'seed',
        'Seed',
        textInput('seed', 'number', { min: '0', step: '1' }),
        'Same seed and settings give identical rows.',
      )}
      {field('referenceDate', 'Reference date (local time)', textInput('referenceDate', 'datetime-local'))}
      {field(
        'timeZone',
        'Time zone',
        <>
          {textInput('timeZone', 'text', { list: `${uid}-zones`, autoComplete: 'off' })}
          <datalist id={`${uid}-zones`}>
            {zones.map((z) => (
              <option key={z} value={z} />
            ))}
          </datalist>
        </>,
      )}
      {field(
        'homeTypes',
        'Home types',
        <select
          id={`${uid}-homeTypes`}
          value={String(draft.homeTypes)}
          onChange={(e) => set('homeTypes')(e.target.value)}
        >
          <option value="large_dataset">All 8, split 35/20/15/12/8/5/3/2 (original script)</option>
          {HOME_TYPES.map((t) => (
            <option key={t} value={t}>
              Only {t.replace(/_/g, ' ')}
            </option>
          ))}
        </select>,
      )}
      <div className="field">
        <label className="checkbox">
          <input
            type="checkbox"
            checked={draft.healthScore === true}
            onChange={(e) => set('healthScore')(e.target.checked)}
          />
          Include the optional health_score (on ≈ 70 % of rows)
        </label>
      </div>
      <p className="warning span-all" role="note">
        <strong>Leaky label.</strong> {LEGACY_LABEL_WARNING}
      </p>
      <SubmitRow label="Generate" busyLabel="Generating…" busy={busy} showFixHint={!parsed.ok && touched} />
    </form>
  );
}
