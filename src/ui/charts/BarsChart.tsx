import { useInView } from './use-in-view';
import { Bar, BarChart, CartesianGrid, Legend, ResponsiveContainer, Tooltip, XAxis, YAxis } from 'recharts';
import type { Series } from './LineSeriesChart';

/** Grouped bars by category (profiles by hour or weekday, counts by type, recall per scenario). */
export function BarsChart({
  title,
  data,
  xKey,
  series,
  height = 240,
  yDomain,
  yLabel,
}: {
  title: string;
  data: readonly Record<string, number | string | null>[];
  xKey: string;
  series: readonly Series[];
  height?: number;
  yDomain?: [number | 'auto', number | 'auto'];
  yLabel?: string;
}) {
  const { ref, inView } = useInView<HTMLElement>();
  return (
    <figure className="chart" aria-label={title} ref={ref}>
      <figcaption>{title}</figcaption>
      {inView ? (
        <ResponsiveContainer width="100%" height={height}>
          <BarChart data={data} margin={{ top: 8, right: 16, bottom: 8, left: 8 }}>
            <CartesianGrid strokeDasharray="3 3" stroke="var(--border)" />
            <XAxis dataKey={xKey} stroke="var(--muted)" interval={0} tick={{ fontSize: 11 }} />
            <YAxis
              domain={yDomain ?? [0, 'auto']}
              stroke="var(--muted)"
              width={56}
              {...(yLabel ? { label: { value: yLabel, angle: -90, position: 'insideLeft', fill: 'var(--muted)' } } : {})}
            />
            <Tooltip contentStyle={{ background: 'var(--surface)', border: '1px solid var(--border)' }} />
            {series.length > 1 ? <Legend verticalAlign="top" height={24} /> : null}
            {series.map((s) => (
              <Bar key={s.key} dataKey={s.key} name={s.label} fill={s.color} isAnimationActive={false} />
            ))}
          </BarChart>
        </ResponsiveContainer>
      ) : (
        <div style={{ height }} />
      )}
    </figure>
  );
}
