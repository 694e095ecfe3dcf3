import { useInView } from './use-in-view';
import { CartesianGrid, Legend, Line, LineChart, ReferenceArea, ReferenceLine, ResponsiveContainer, Tooltip, XAxis, YAxis } from 'recharts';

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
 */
export function LineSeriesChart({
  title,
  data,
  xKey,
  series,
  height = 240,
  xLabel,
  yLabel,
  xDomain,
  yDomain,
  xType = 'number',
  xFormat,
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
  xDomain?: [number | 'auto', number | 'auto'];
  yDomain?: [number | 'auto', number | 'auto'];
  xType?: 'number' | 'category';
  xFormat?: (v: number) => string;
  markers?: readonly Marker[];
  band?: { x1: number; x2: number; label: string; color: string } | null;
  diagonal?: boolean;
}) {
  const { ref, inView } = useInView<HTMLElement>();
  return (
    <figure className="chart" aria-label={title} ref={ref}>
      <figcaption>{title}</figcaption>
      {inView ? (
        <ResponsiveContainer width="100%" height={height}>
          <LineChart data={data} margin={{ top: 8, right: 16, bottom: 20, left: 8 }}>
            <CartesianGrid strokeDasharray="3 3" stroke="var(--border)" />
            <XAxis
              dataKey={xKey}
              type={xType}
              domain={xDomain ?? ['auto', 'auto']}
              stroke="var(--muted)"
              {...(xFormat ? { tickFormatter: xFormat } : {})}
              {...(xLabel ? { label: { value: xLabel, position: 'insideBottom', offset: -12, fill: 'var(--muted)' } } : {})}
            />
            <YAxis
              domain={yDomain ?? ['auto', 'auto']}
              stroke="var(--muted)"
              width={56}
              {...(yLabel ? { label: { value: yLabel, angle: -90, position: 'insideLeft', fill: 'var(--muted)' } } : {})}
            />
            <Tooltip
              contentStyle={{ background: 'var(--surface)', border: '1px solid var(--border)' }}
              labelFormatter={(v) => (xFormat && typeof v === 'number' ? xFormat(v) : String(v))}
            />
            <Legend verticalAlign="top" height={24} />
            {band ? <ReferenceArea x1={band.x1} x2={band.x2} fill={band.color} fillOpacity={0.15} label={band.label} /> : null}
            {markers.map((m) => (
              <ReferenceLine key={`${m.label}-${m.x}`} x={m.x} stroke={m.color} strokeDasharray="4 2" label={m.label} />
            ))}
            {diagonal ? <ReferenceLine segment={[{ x: 0, y: 0 }, { x: 1, y: 1 }]} stroke="var(--muted)" strokeDasharray="2 4" /> : null}
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
        </ResponsiveContainer>
      ) : (
        <div style={{ height }} />
      )}
    </figure>
  );
}
