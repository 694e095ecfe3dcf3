const WEEKDAYS = ['Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat', 'Sun'] as const;

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
    <div className="table-scroll">
      <table className="list-table compact" aria-label={title}>
        <caption>{title}</caption>
        <thead>
          <tr>
            <th scope="col">
              <span className="visually-hidden">Weekday</span>
            </th>
            {Array.from({ length: 24 }, (_, h) => (
              <th key={h} scope="col" className="heat">
                {h}
              </th>
            ))}
          </tr>
        </thead>
        <tbody>
          {WEEKDAYS.map((day, d) => (
            <tr key={day}>
              <th scope="row">{day}</th>
              {Array.from({ length: 24 }, (_, h) => {
                const v = counts[d * 24 + h] ?? 0;
                return (
                  <td
                    key={h}
                    className="heat"
                    style={{ background: shade(v / max), fontSize: '0.7rem' }}
                    title={`${day} ${h}:00–${h + 1}:00: ${v} events`}
                  >
                    {v}
                  </td>
                );
              })}
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
