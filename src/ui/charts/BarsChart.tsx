import { useInView } from './use-in-view';
import { Bar, BarChart, CartesianGrid, Legend, ResponsiveContainer, Tooltip, XAxis, YAxis } from 'recharts';
import { formatNumber, formatValue } from './format';
import { LEGEND_PROPS, TOOLTIP_PROPS, chartHeight, hoveredX } from './chart-parts';
import type { Series } from './LineSeriesChart';

/** Up to this many categories every x label is drawn; beyond it recharts skips labels that would collide. */
const ALL_LABELS_UP_TO = 12;

/**
 * Grouped bars by category (profiles by hour or weekday, counts by type, recall per scenario). Tooltip values
 * go through `valueFormat` (default: 4 significant digits with `yUnit`); a legend, when there are several
 * series, takes its own measured height above the plot.
 */
export function BarsChart({
  title,
  data,
  xKey,
  series,
  height,
  yDomain,
  yLabel,
  yUnit,
  valueFormat,
  yTickFormat,
  tooltipLabel,
}: {
  title: string;
  data: readonly Record<string, number | string | null>[];
  xKey: string;
  series: readonly Series[];
  height?: number;
  yDomain?: [number | 'auto', number | 'auto'];
  yLabel?: string;
  /** Unit of the values, shown in the tooltip ("ms", "°C", "%"). */
  yUnit?: string;
  /** Tooltip value text; default `formatNumber` with `yUnit`. */
  valueFormat?: (v: number) => string;
  /** Y tick text; default `formatNumber`. */
  yTickFormat?: (v: number) => string;
  /** Tooltip heading from the category; default the category itself. */
  tooltipLabel?: (x: string | number) => string;
}) {
  const { ref, inView } = useInView<HTMLElement>();
  const h = height ?? chartHeight(series.length);
  const formatTooltipValue = valueFormat ?? ((v: number) => formatNumber(v, yUnit ? { unit: yUnit } : {}));
  const heading = (v: unknown): string => {
    if (tooltipLabel && (typeof v === 'number' || typeof v === 'string')) return tooltipLabel(v);
    return v === null || v === undefined ? '' : String(v);
  };
  return (
    <figure className="chart" aria-label={title} ref={ref}>
      <figcaption>{title}</figcaption>
      {inView ? (
        <ResponsiveContainer width="100%" height={h}>
          <BarChart data={data} margin={{ top: 8, right: 16, bottom: 8, left: 8 }}>
            <CartesianGrid strokeDasharray="3 3" stroke="var(--border)" />
            <XAxis
              dataKey={xKey}
              stroke="var(--muted)"
              interval={data.length <= ALL_LABELS_UP_TO ? 0 : 'preserveStartEnd'}
              minTickGap={8}
              tick={{ fontSize: 11 }}
            />
            <YAxis
              domain={yDomain ?? [0, 'auto']}
              stroke="var(--muted)"
              width={56}
              tick={{ fontSize: 12 }}
              tickFormatter={yTickFormat ?? ((v: number) => formatNumber(v))}
              {...(yLabel
                ? { label: { value: yLabel, angle: -90, position: 'insideLeft', fill: 'var(--muted)' } }
                : {})}
            />
            <Tooltip
              {...TOOLTIP_PROPS}
              cursor={{ fill: 'var(--border)', fillOpacity: 0.5 }}
              formatter={(v) => formatValue(v, formatTooltipValue)}
              labelFormatter={(label, payload) => heading(hoveredX(label, payload, xKey))}
            />
            {series.length > 1 ? <Legend {...LEGEND_PROPS} /> : null}
            {series.map((s) => (
              <Bar key={s.key} dataKey={s.key} name={s.label} fill={s.color} isAnimationActive={false} />
            ))}
          </BarChart>
        </ResponsiveContainer>
      ) : (
        <div style={{ height: h }} />
      )}
    </figure>
  );
}
