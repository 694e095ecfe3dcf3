import { CartesianGrid, Legend, Line, LineChart, ReferenceArea, ReferenceLine, Tooltip, XAxis, YAxis } from 'recharts';
import { ChartFrame } from './ChartFrame';
import { formatDateTime, formatNumber, timeTicks } from './format';
import { LEGEND_PROPS, TOOLTIP_PROPS, chartHeight, markerLabels, tooltipTexts, yAxisProps } from './chart-parts';

export interface Series {
  key: string;
  label: string;
  color: string;
  dashed?: boolean;
}

export interface Marker {
  x: number;
  label: string;
  color: string;
}

/**
 * A line chart for curves and series (losses per epoch, ROC, precision–recall, a device's metric over time).
 * Points must already be downsampled; animations are off so large series draw in one pass.
 *
 * Tooltip values go through `valueFormat` (default: 4 significant digits with `yUnit`). With `timeAxis`, x
 * values are instants (epoch ms): the axis spans exactly the data (and markers), ticks sit on local calendar
 * boundaries of the zone, and the tooltip names the local date and time. Marker labels sit at the top of their
 * line, stacked when there are several; a band's label sits at its bottom, so neither overlaps the other.
 */
export function LineSeriesChart({
  title,
  data,
  xKey,
  series,
  height,
  xLabel,
  yLabel,
  yUnit,
  xDomain,
  yDomain,
  xType = 'number',
  xFormat,
  timeAxis,
  valueFormat,
  yTickFormat,
  tooltipLabel,
  markers = [],
  band,
  diagonal = false,
}: {
  title: string;
  data: readonly Record<string, number | null>[];
  xKey: string;
  series: readonly Series[];
  height?: number;
  xLabel?: string;
  yLabel?: string;
  /** Unit of the y values, shown in the tooltip ("ms", "°C", "%"). */
  yUnit?: string;
  xDomain?: [number | 'auto', number | 'auto'];
  yDomain?: [number | 'auto', number | 'auto'];
  xType?: 'number' | 'category';
  xFormat?: (v: number) => string;
  /** x values are instants (epoch ms) shown in this IANA time zone. */
  timeAxis?: { timeZone: string };
  /** Tooltip value text; default `formatNumber` with `yUnit`. */
  valueFormat?: (v: number) => string;
  /** Y tick text; default `formatNumber`. */
  yTickFormat?: (v: number) => string;
  /** Tooltip heading from the x value; default `xFormat` (numbers), the local date and time on a time axis. */
  tooltipLabel?: (x: string | number) => string;
  markers?: readonly Marker[];
  band?: { x1: number; x2: number; label: string; color: string } | null;
  diagonal?: boolean;
}) {
  const h = height ?? chartHeight(series.length);

  // The x extent of the data (and of anything marked on it): a time axis spans exactly that, no padding.
  let lo = Number.POSITIVE_INFINITY;
  let hi = Number.NEGATIVE_INFINITY;
  if (xType === 'number') {
    const include = (x: unknown): void => {
      if (typeof x === 'number' && Number.isFinite(x)) {
        lo = Math.min(lo, x);
        hi = Math.max(hi, x);
      }
    };
    for (const row of data) include(row[xKey]);
    if (timeAxis) {
      for (const m of markers) include(m.x);
      if (band) {
        include(band.x1);
        include(band.x2);
      }
    }
  }
  const hasExtent = lo <= hi;
  const time = timeAxis && hasExtent ? timeTicks(lo, hi, timeAxis.timeZone, 12) : null;
  const tickFormat = time
    ? time.ticks.length >= 2
      ? time.format
      : (v: number) => formatDateTime(v, timeAxis?.timeZone)
    : xFormat;
  const domain: [number | 'auto', number | 'auto'] = xDomain ?? (time ? [lo, hi] : ['auto', 'auto']);
  const heading = (v: unknown): string => {
    if (tooltipLabel && (typeof v === 'number' || typeof v === 'string')) return tooltipLabel(v);
    if (typeof v === 'number') {
      if (timeAxis) return formatDateTime(v, timeAxis.timeZone);
      return xFormat ? xFormat(v) : formatNumber(v);
    }
    return v === null || v === undefined ? '' : String(v);
  };
  const labels = markerLabels(markers, band ?? null, hasExtent ? (lo + hi) / 2 : null);

  return (
    <ChartFrame title={title} height={h}>
      <LineChart data={data} margin={{ top: 8, right: 16, bottom: xLabel ? 20 : 8, left: 8 }}>
        <CartesianGrid strokeDasharray="3 3" stroke="var(--border)" />
        <XAxis
          dataKey={xKey}
          type={xType}
          domain={domain}
          stroke="var(--muted)"
          tick={{ fontSize: 12 }}
          {...(time && time.ticks.length >= 2
            ? { ticks: time.ticks, interval: 'equidistantPreserveStart' as const }
            : {})}
          {...(tickFormat ? { tickFormatter: tickFormat } : {})}
          {...(xLabel ? { label: { value: xLabel, position: 'insideBottom', offset: -12, fill: 'var(--muted)' } } : {})}
        />
        <YAxis {...yAxisProps(yDomain ?? ['auto', 'auto'], yLabel, yTickFormat)} />
        <Tooltip {...TOOLTIP_PROPS} {...tooltipTexts({ valueFormat, unit: yUnit, heading, xKey })} />
        <Legend {...LEGEND_PROPS} />
        {band ? (
          <ReferenceArea
            x1={band.x1}
            x2={band.x2}
            fill={band.color}
            fillOpacity={0.15}
            label={labels.band ?? false}
            ifOverflow="extendDomain"
          />
        ) : null}
        {markers.map((m, i) => (
          <ReferenceLine
            key={`${m.label}-${m.x}`}
            x={m.x}
            stroke={m.color}
            strokeDasharray="4 2"
            label={labels.markers[i] ?? false}
            ifOverflow="extendDomain"
          />
        ))}
        {diagonal ? (
          <ReferenceLine
            segment={[
              { x: 0, y: 0 },
              { x: 1, y: 1 },
            ]}
            stroke="var(--muted)"
            strokeDasharray="2 4"
          />
        ) : null}
        {series.map((s) => (
          <Line
            key={s.key}
            type="linear"
            dataKey={s.key}
            name={s.label}
            stroke={s.color}
            {...(s.dashed ? { strokeDasharray: '5 3' } : {})}
            dot={false}
            isAnimationActive={false}
            connectNulls={false}
          />
        ))}
      </LineChart>
    </ChartFrame>
  );
}
