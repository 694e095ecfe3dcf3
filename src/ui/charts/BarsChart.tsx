import { Bar, BarChart, CartesianGrid, Legend, Tooltip, XAxis, YAxis } from 'recharts';
import { ChartFrame } from './ChartFrame';
import { LEGEND_PROPS, TOOLTIP_PROPS, chartHeight, tooltipTexts, yAxisProps } from './chart-parts';
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
  const h = height ?? chartHeight(series.length);
  const heading = (v: unknown): string => {
    if (tooltipLabel && (typeof v === 'number' || typeof v === 'string')) return tooltipLabel(v);
    return v === null || v === undefined ? '' : String(v);
  };
  return (
    <ChartFrame title={title} height={h}>
      <BarChart data={data} margin={{ top: 8, right: 16, bottom: 8, left: 8 }}>
        <CartesianGrid strokeDasharray="3 3" stroke="var(--border)" />
        <XAxis
          dataKey={xKey}
          stroke="var(--muted)"
          interval={data.length <= ALL_LABELS_UP_TO ? 0 : 'preserveStartEnd'}
          minTickGap={8}
          tick={{ fontSize: 11 }}
        />
        <YAxis {...yAxisProps(yDomain ?? [0, 'auto'], yLabel, yTickFormat)} />
        <Tooltip
          {...TOOLTIP_PROPS}
          cursor={{ fill: 'var(--border)', fillOpacity: 0.5 }}
          {...tooltipTexts({ valueFormat, unit: yUnit, heading, xKey })}
        />
        {series.length > 1 ? <Legend {...LEGEND_PROPS} /> : null}
        {series.map((s) => (
          <Bar key={s.key} dataKey={s.key} name={s.label} fill={s.color} isAnimationActive={false} />
        ))}
      </BarChart>
    </ChartFrame>
  );
}
