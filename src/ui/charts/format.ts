import { createOffsetFn } from '../../domain/temporal/calendar';

/**
 * Number and date formatting for charts: tooltips, axis ticks and labels. Tooltips used to print raw floats
 * (0.010344811715185642); these keep 3–4 significant digits, group thousands, and name the unit when known.
 */

const HOUR_MS = 3_600_000;
const DAY_MS = 86_400_000;
const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'] as const;

const numberFormats = new Map<number, Intl.NumberFormat>();
function significant(digits: number): Intl.NumberFormat {
  let f = numberFormats.get(digits);
  if (f === undefined) {
    f = new Intl.NumberFormat('en-US', { maximumSignificantDigits: digits });
    numberFormats.set(digits, f);
  }
  return f;
}
const integerFormat = new Intl.NumberFormat('en-US', { maximumFractionDigits: 0 });

function withUnit(text: string, unit: string | undefined): string {
  return unit ? `${text} ${unit}` : text;
}

/**
 * A number for people: `digits` significant digits (default 4) with thousands separators, e.g.
 * 0.010344811715185642 → "0.01034", 1234.5678 → "1,235", 98765.4 → "98,765" (whole numbers at and above
 * 10^digits keep every integer digit rather than turning into a rounded-looking count), 0.0000123 → "1.23e-5".
 * NaN is "—"; infinities are "∞" and "−∞". A unit, when given, follows after a space ("21.5 °C", "12 %").
 */
export function formatNumber(v: number, opts: { digits?: number; unit?: string } = {}): string {
  const digits = Math.max(1, Math.min(21, Math.round(opts.digits ?? 4)));
  if (Number.isNaN(v)) return '—';
  if (!Number.isFinite(v)) return v > 0 ? '∞' : '−∞';
  if (v === 0) return withUnit('0', opts.unit);
  const abs = Math.abs(v);
  let text: string;
  if (abs < 1e-4 || abs >= 1e15) {
    const [mantissa = '0', exponent = '0'] = v.toExponential(digits - 1).split('e');
    const trimmed = mantissa.includes('.') ? mantissa.replace(/\.?0+$/, '') : mantissa;
    text = `${trimmed}e${exponent.replace(/^\+/, '')}`;
  } else if (abs >= 10 ** digits) {
    text = integerFormat.format(v);
  } else {
    text = significant(digits).format(v);
  }
  return withUnit(text, opts.unit);
}

/** A fraction as a percentage: 0.0456 → "4.56 %" (3 significant digits by default). */
export function formatPercent(fraction: number, digits = 3): string {
  if (!Number.isFinite(fraction)) return formatNumber(fraction);
  return formatNumber(fraction * 100, { digits, unit: '%' });
}

/** Any tooltip value recharts hands over (number, string, or an array of them for ranges). */
export function formatValue(v: unknown, format: (n: number) => string = formatNumber): string {
  if (typeof v === 'number') return format(v);
  if (Array.isArray(v)) return v.map((x) => formatValue(x, format)).join(' – ');
  if (typeof v === 'string') {
    const n = Number(v);
    return v.trim() !== '' && Number.isFinite(n) ? format(n) : v;
  }
  return v === null || v === undefined ? '—' : String(v);
}

const offsetFns = new Map<string, (utcMs: number) => number>();
/** Local wall time minus UTC, in ms, at an instant; unknown zones fall back to UTC. */
function offsetIn(timeZone: string): (utcMs: number) => number {
  let f = offsetFns.get(timeZone);
  if (f === undefined) {
    try {
      f = createOffsetFn(timeZone);
    } catch {
      f = () => 0;
    }
    offsetFns.set(timeZone, f);
  }
  return f;
}

/** Wall-clock time of an instant in a zone, as a ms value to read with the UTC getters of Date. */
function wallOf(utcMs: number, timeZone: string): number {
  return utcMs + offsetIn(timeZone)(utcMs);
}

/** The instant whose wall-clock time in the zone is `wall` (a wall time inside a spring-forward gap maps just past it). */
function instantOf(wall: number, timeZone: string): number {
  const offset = offsetIn(timeZone);
  const first = wall - offset(wall);
  return wall - offset(first);
}

const pad2 = (n: number): string => String(n).padStart(2, '0');

const zoneNames = new Map<string, Intl.DateTimeFormat | null>();
function zoneName(utcMs: number, timeZone: string): string {
  let f = zoneNames.get(timeZone);
  if (f === undefined) {
    try {
      f = new Intl.DateTimeFormat('en-US', { timeZone, timeZoneName: 'short' });
    } catch {
      f = null;
    }
    zoneNames.set(timeZone, f);
  }
  return f?.formatToParts(utcMs).find((p) => p.type === 'timeZoneName')?.value ?? timeZone;
}

/** An instant's local date in a zone: "2025-01-05". */
export function formatDate(utcMs: number, timeZone = 'UTC'): string {
  if (!Number.isFinite(utcMs)) return '—';
  const d = new Date(wallOf(utcMs, timeZone));
  return `${d.getUTCFullYear()}-${pad2(d.getUTCMonth() + 1)}-${pad2(d.getUTCDate())}`;
}

/** An instant's local date and time in a zone, with the zone's short name: "2025-01-05 06:15 EST". */
export function formatDateTime(utcMs: number, timeZone = 'UTC'): string {
  if (!Number.isFinite(utcMs)) return '—';
  const d = new Date(wallOf(utcMs, timeZone));
  return `${formatDate(utcMs, timeZone)} ${pad2(d.getUTCHours())}:${pad2(d.getUTCMinutes())} ${zoneName(utcMs, timeZone)}`;
}

type TickUnit = 'hour' | 'day' | 'week' | 'month' | 'year';
interface TickStep {
  unit: TickUnit;
  n: number;
  /** Rough length in ms, to skip steps that would give far too many ticks. */
  approxMs: number;
}

const TICK_STEPS: readonly TickStep[] = [
  ...[1, 2, 3, 6, 12].map((n) => ({ unit: 'hour' as const, n, approxMs: n * HOUR_MS })),
  ...[1, 2].map((n) => ({ unit: 'day' as const, n, approxMs: n * DAY_MS })),
  ...[1, 2].map((n) => ({ unit: 'week' as const, n, approxMs: n * 7 * DAY_MS })),
  ...[1, 2, 3, 6].map((n) => ({ unit: 'month' as const, n, approxMs: n * 30.44 * DAY_MS })),
  ...[1, 2, 5, 10, 20, 50, 100].map((n) => ({ unit: 'year' as const, n, approxMs: n * 365.25 * DAY_MS })),
];

/** Wall-time boundaries of one step kind in [wallLo, wallHi]: local hours, midnights, Mondays, month or year starts. */
function wallBoundaries(step: TickStep, wallLo: number, wallHi: number, limit: number): number[] {
  const out: number[] = [];
  const push = (w: number): boolean => {
    if (w >= wallLo && w <= wallHi) out.push(w);
    return out.length <= limit;
  };
  if (step.unit === 'hour' || step.unit === 'day' || step.unit === 'week') {
    // Day numbers count from Thursday 1970-01-01; Monday-aligned weeks start where (day + 3) % 7 = 0.
    const size = step.unit === 'hour' ? step.n * HOUR_MS : step.unit === 'day' ? step.n * DAY_MS : step.n * 7 * DAY_MS;
    const shift = step.unit === 'week' ? -3 * DAY_MS : 0;
    for (let w = Math.ceil((wallLo - shift) / size) * size + shift; w <= wallHi; w += size) if (!push(w)) break;
    return out;
  }
  const lo = new Date(wallLo);
  if (step.unit === 'month') {
    let m = lo.getUTCFullYear() * 12 + lo.getUTCMonth();
    m = Math.floor(m / step.n) * step.n;
    for (; ; m += step.n) {
      const w = Date.UTC(Math.floor(m / 12), m % 12, 1);
      if (w > wallHi || !push(w)) break;
    }
    return out;
  }
  for (let y = Math.floor(lo.getUTCFullYear() / step.n) * step.n; ; y += step.n) {
    const w = Date.UTC(y, 0, 1);
    if (w > wallHi || !push(w)) break;
  }
  return out;
}

function tickLabel(unit: TickUnit, wall: number): string {
  const d = new Date(wall);
  const day = `${MONTHS[d.getUTCMonth()] ?? ''} ${d.getUTCDate()}`;
  switch (unit) {
    case 'hour':
      return `${day} ${pad2(d.getUTCHours())}:${pad2(d.getUTCMinutes())}`;
    case 'day':
    case 'week':
      return day;
    case 'month':
      return `${MONTHS[d.getUTCMonth()] ?? ''} ${d.getUTCFullYear()}`;
    case 'year':
      return String(d.getUTCFullYear());
  }
}

/**
 * Ticks for a time axis over [lo, hi] (epoch ms) at local calendar boundaries of a zone: whole hours,
 * midnights, Mondays, first days of months or of years, whichever gives at most `maxTicks` ticks (at least two
 * when the span allows). Labels suit the step: "Jan 5 06:00", "Jan 5", "Jan 2025", "2025".
 */
export function timeTicks(
  lo: number,
  hi: number,
  timeZone = 'UTC',
  maxTicks = 8,
): { ticks: number[]; format: (t: number) => string } {
  if (!Number.isFinite(lo) || !Number.isFinite(hi) || hi < lo)
    return { ticks: [], format: (t) => formatDate(t, timeZone) };
  const wallLo = wallOf(lo, timeZone);
  const wallHi = wallOf(hi, timeZone);
  const span = Math.max(1, hi - lo);
  let best: { step: TickStep; walls: number[] } | null = null;
  for (const step of TICK_STEPS) {
    if (span / step.approxMs > maxTicks + 2) continue;
    const walls = wallBoundaries(step, wallLo, wallHi, maxTicks);
    if (walls.length <= maxTicks) {
      if (walls.length >= 2 || best === null) best = { step, walls };
      if (walls.length >= 2) break;
    }
  }
  const unit = best?.step.unit ?? 'day';
  const ticks = (best?.walls ?? []).map((w) => instantOf(w, timeZone)).filter((t) => t >= lo && t <= hi);
  return { ticks, format: (t) => tickLabel(unit, wallOf(t, timeZone)) };
}
