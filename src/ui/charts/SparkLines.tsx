import { memo } from 'react';
import { formatNumber } from './format';
import type { Series } from './LineSeriesChart';

/**
 * A small, cheap SVG line chart for values that update live (losses per epoch). Redrawing it costs well
 * under a millisecond, where a full charting-library chart costs tens: live views stay smooth.
 */
export const SparkLines = memo(function SparkLines({
  title,
  series,
  values,
  xLabel,
  height = 150,
}: {
  title: string;
  series: readonly Series[];
  /** values[k] is the series[k] line, one value per step. */
  values: readonly (readonly number[])[];
  xLabel: string;
  height?: number;
}) {
  const width = 320;
  const pad = { left: 44, right: 8, top: 8, bottom: 22 };
  const all = values.flat().filter((v) => Number.isFinite(v));
  const n = Math.max(0, ...values.map((v) => v.length));
  const lo = all.length ? Math.min(...all) : 0;
  const hi = all.length ? Math.max(...all) : 1;
  const span = hi - lo || 1;
  const x = (i: number): number => pad.left + (n > 1 ? (i / (n - 1)) * (width - pad.left - pad.right) : 0);
  const y = (v: number): number => pad.top + (1 - (v - lo) / span) * (height - pad.top - pad.bottom);
  const summary = series
    .map((s, k) => {
      const last = values[k]?.at(-1);
      return `${s.label} ${last === undefined ? '—' : formatNumber(last)}`;
    })
    .join(', ');
  return (
    <figure className="chart" aria-label={title}>
      <figcaption>{title}</figcaption>
      <svg
        viewBox={`0 0 ${width} ${height}`}
        width="100%"
        height={height}
        role="img"
        aria-label={`${title}: last values ${summary}`}
      >
        <line x1={pad.left} y1={pad.top} x2={pad.left} y2={height - pad.bottom} stroke="var(--border)" />
        <line
          x1={pad.left}
          y1={height - pad.bottom}
          x2={width - pad.right}
          y2={height - pad.bottom}
          stroke="var(--border)"
        />
        <text x={pad.left - 4} y={pad.top + 8} textAnchor="end" fontSize="10" fill="var(--muted)">
          {formatNumber(hi, { digits: 3 })}
        </text>
        <text x={pad.left - 4} y={height - pad.bottom} textAnchor="end" fontSize="10" fill="var(--muted)">
          {formatNumber(lo, { digits: 3 })}
        </text>
        <text x={width - pad.right} y={height - 6} textAnchor="end" fontSize="10" fill="var(--muted)">
          {xLabel} {n}
        </text>
        {series.map((s, k) => (
          <polyline
            key={s.key}
            fill="none"
            stroke={s.color}
            strokeWidth="2"
            {...(s.dashed ? { strokeDasharray: '5 3' } : {})}
            points={(values[k] ?? [])
              .map((v, i) => (Number.isFinite(v) ? `${x(i).toFixed(1)},${y(v).toFixed(1)}` : ''))
              .filter(Boolean)
              .join(' ')}
          />
        ))}
      </svg>
      <div className="legend">
        {series.map((s) => (
          <span key={s.key}>
            <span className="swatch" style={{ background: s.color }} /> {s.label}
          </span>
        ))}
      </div>
    </figure>
  );
});
