import { MatrixTable } from '../../ui/common/MatrixTable';

const WEEKDAYS = ['Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat', 'Sun'] as const;
const HOURS = Array.from({ length: 24 }, (_, h) => ({ key: h, label: h }));
const DAYS = WEEKDAYS.map((day) => ({ key: day, label: day }));

function shade(share: number): string {
  return `color-mix(in srgb, var(--accent) ${Math.round(Math.max(0, Math.min(1, share)) * 85)}%, transparent)`;
}

/**
 * Events by local hour (columns) and weekday (rows) as a table: the colour shows the pattern at a glance,
 * and each cell's number stays readable to screen readers and in the tooltip.
 */
export function ActivityHeatmap({ counts, title }: { counts: Uint32Array; title: string }) {
  const max = Math.max(1, ...counts);
  return (
    <MatrixTable
      label={title}
      caption={title}
      className="list-table compact"
      corner={
        <th scope="col">
          <span className="visually-hidden">Weekday</span>
        </th>
      }
      columns={HOURS}
      columnClassName="heat"
      rows={DAYS}
      cell={(d, h) => {
        const v = counts[d * 24 + h] ?? 0;
        return {
          text: v,
          className: 'heat',
          style: { background: shade(v / max), fontSize: '0.7rem' },
          title: `${WEEKDAYS[d] ?? ''} ${h}:00–${h + 1}:00: ${v} events`,
        };
      }}
    />
  );
}
