import { useId, useMemo, useState, type FormEvent } from 'react';
import { HOME_TYPES, type HomeType } from '../../domain/home-types';
import { SIZE_CATEGORIES, type SizeCategory } from '../../domain/homes/home-schema';
import type { HomesRunOptions } from '../../state/homes-slice';
import { useWorkbench } from '../../state/use-workbench';
import { Link } from '../../ui/Link';

/** The browser's IANA time zone, or UTC when it cannot tell. */
export function browserTimeZone(): string {
  try {
    return Intl.DateTimeFormat().resolvedOptions().timeZone || 'UTC';
  } catch {
    return 'UTC';
  }
}

/** The local date `days` days before today, "YYYY-MM-DD": the original simulated the days up to now. */
function daysAgo(days: number): string {
  const d = new Date();
  d.setDate(d.getDate() - days);
  const pad = (n: number): string => String(n).padStart(2, '0');
  return `${d.getFullYear()}-${pad(d.getMonth() + 1)}-${pad(d.getDate())}`;
}

const label = (s: string): string => s.replace(/_/g, ' ');

interface Draft {
  source: HomesRunOptions['source'];
  count: string;
  days: string;
  startDate: string;
  timeZone: string;
  seed: string;
  homeTypes: HomeType[];
  sizes: SizeCategory[];
}

function parseDraft(d: Draft): { ok: true; options: HomesRunOptions } | { ok: false; errors: Record<string, string> } {
  const errors: Record<string, string> = {};
  const int = (text: string, field: string, lo: number, hi: number): number => {
    const v = Number(text);
    if (text.trim() === '' || !Number.isInteger(v) || v < lo || v > hi)
      errors[field] = `A whole number from ${lo.toLocaleString('en-US')} to ${hi.toLocaleString('en-US')}.`;
    return v;
  };
  const count = int(d.count, 'count', 1, 1000);
  const days = int(d.days, 'days', 1, 365);
  const seed = int(d.seed, 'seed', 0, 2 ** 31 - 1);
  if (!/^\d{4}-\d{2}-\d{2}$/.test(d.startDate)) errors.startDate = 'A date.';
  if (d.timeZone.trim() === '') errors.timeZone = 'A time zone such as Europe/Berlin or UTC.';
  if (d.sizes.length === 0) errors.sizes = 'Tick at least one size.';
  if (Object.keys(errors).length > 0) return { ok: false, errors };
  return {
    ok: true,
    options: {
      source: d.source,
      count,
      days,
      seed,
      startDate: d.startDate,
      timeZone: d.timeZone.trim(),
      homeTypes: d.homeTypes.length === 0 ? null : d.homeTypes,
      sizes: d.sizes.length === SIZE_CATEGORIES.length ? null : d.sizes,
    },
  };
}

/**
 * What a synthesis run makes: how many homes, of which types and sizes (the original's mix by default),
 * from templates or survey statistics (both offline) or the LLM, and how many days of events each gets.
 */
export function HomesRunForm({ busy, onStart }: { busy: boolean; onStart: (options: HomesRunOptions) => void }) {
  const uid = useId();
  const openAi = useWorkbench((s) => s.openAi);
  const keyStatus = useWorkbench((s) => s.openAiKey);
  const [draft, setDraft] = useState<Draft>(() => ({
    source: 'template',
    count: '10',
    days: '90',
    startDate: daysAgo(90),
    timeZone: browserTimeZone(),
    seed: '42',
    homeTypes: [],
    sizes: [...SIZE_CATEGORIES],
  }));
  const [touched, setTouched] = useState(false);
  const parsed = useMemo(() => parseDraft(draft), [draft]);
  const errors = parsed.ok ? {} : parsed.errors;
  const set = (patch: Partial<Draft>): void => setDraft((d) => ({ ...d, ...patch }));
  const toggle = <T extends string>(list: T[], v: T): T[] =>
    list.includes(v) ? list.filter((x) => x !== v) : [...list, v];
  const noKey = draft.source === 'llm' && !keyStatus.inMemory;

  const submit = (e: FormEvent): void => {
    e.preventDefault();
    setTouched(true);
    if (parsed.ok) onStart(parsed.options);
  };
  const text = (field: keyof Draft & string, name: string, hint?: string, extra: Record<string, string> = {}) => (
    <div className="field">
      <label htmlFor={`${uid}-${field}`}>{name}</label>
      <input
        id={`${uid}-${field}`}
        value={String(draft[field])}
        aria-invalid={errors[field] ? true : undefined}
        onChange={(e) => set({ [field]: e.target.value })}
        {...extra}
      />
      {hint ? <small className="muted">{hint}</small> : null}
      {errors[field] && touched ? (
        <small className="error-text" role="alert">
          {errors[field]}
        </small>
      ) : null}
    </div>
  );

  return (
    <form className="panel form-grid" onSubmit={submit} aria-labelledby={`${uid}-title`} noValidate>
      <h2 id={`${uid}-title`}>Make homes</h2>
      <fieldset className="span-all mode-switch">
        <legend>Source</legend>
        <label className="checkbox">
          <input
            type="radio"
            name={`${uid}-source`}
            checked={draft.source === 'template'}
            onChange={() => set({ source: 'template' })}
          />
          Templates (offline, no key)
        </label>
        <label className="checkbox">
          <input
            type="radio"
            name={`${uid}-source`}
            checked={draft.source === 'llm'}
            onChange={() => set({ source: 'llm' })}
          />
          OpenAI (your key)
        </label>
        <label className="checkbox">
          <input
            type="radio"
            name={`${uid}-source`}
            checked={draft.source === 'survey'}
            onChange={() => set({ source: 'survey' })}
          />
          Survey statistics (no key)
        </label>
      </fieldset>
      {draft.source === 'survey' ? (
        <p className="span-all muted">
          An independent second maker: rooms, floors and households drawn from published housing and time-use survey
          tables (US AHS, CPS, ATUS), with its own room names and devices — for testing a classifier on homes it was not
          built from.
        </p>
      ) : null}
      {draft.source === 'llm' ? (
        <p className={`span-all ${noKey ? 'warning' : 'muted'}`}>
          {noKey ? (
            <>
              No API key in this session{keyStatus.remembered ? ' (a remembered key is locked)' : ''}.{' '}
              <Link href="/settings">Enter or unlock it in Settings › OpenAI</Link>.
            </>
          ) : (
            <>
              One structured-output request per home to <strong>{openAi.model}</strong> at {openAi.baseUrl}, paced to{' '}
              {openAi.rpm} requests per minute. <Link href="/settings">Change in Settings</Link>.
            </>
          )}
        </p>
      ) : null}
      {text('count', 'Homes', '1 to 1,000', { inputMode: 'numeric' })}
      {text('days', 'Days of events', 'Per home, 1 to 365 (90 as the original)', { inputMode: 'numeric' })}
      {text('startDate', 'Start date', 'First local day of the events', { type: 'date' })}
      {text('timeZone', 'Time zone', 'Daily life follows this local clock', { autoComplete: 'off' })}
      {text('seed', 'Seed', 'Same seed and settings give the same homes and events', { inputMode: 'numeric' })}
      <fieldset className="span-all mix-grid">
        <legend>
          Home types — none ticked: the original mix (single family 30 %, apartment 20 %, condo 15 %, …); ticked: an
          even split
        </legend>
        {HOME_TYPES.map((t) => (
          <label key={t} className="checkbox" style={{ flexDirection: 'row' }}>
            <input
              type="checkbox"
              checked={draft.homeTypes.includes(t)}
              onChange={() => set({ homeTypes: toggle(draft.homeTypes, t) })}
            />
            {label(t)}
          </label>
        ))}
      </fieldset>
      <fieldset className="span-all mix-grid">
        <legend>
          Size categories — all ticked: the original shares (small 30 %, medium 40 %, large 20 %, extra large 10 %)
        </legend>
        {SIZE_CATEGORIES.map((s) => (
          <label key={s} className="checkbox" style={{ flexDirection: 'row' }}>
            <input
              type="checkbox"
              checked={draft.sizes.includes(s)}
              onChange={() => set({ sizes: toggle(draft.sizes, s) })}
            />
            {label(s)}
          </label>
        ))}
        {errors.sizes && touched ? (
          <small className="error-text" role="alert">
            {errors.sizes}
          </small>
        ) : null}
      </fieldset>
      <div className="actions span-all">
        <button type="submit" className="primary" disabled={busy || noKey}>
          {busy ? 'Making homes…' : 'Make homes'}
        </button>
        {!parsed.ok && touched ? <span className="error-text">Fix the fields marked above.</span> : null}
      </div>
    </form>
  );
}
