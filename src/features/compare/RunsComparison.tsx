import { useId, useMemo } from 'react';
import { formatMetric } from '../../domain/evaluation/metric-labels';
import {
  differingSettings,
  groupBySettingsExceptSeed,
  metricKeys,
  type ComparableRun,
  type MeanInterval,
} from '../../domain/evaluation/run-comparison';

/** Column headers for the runs: their names, with an id prefix where two runs share a name. */
function runHeaders(runs: readonly ComparableRun[]): string[] {
  const counts = new Map<string, number>();
  for (const r of runs) counts.set(r.name, (counts.get(r.name) ?? 0) + 1);
  return runs.map((r) => ((counts.get(r.name) ?? 0) > 1 ? `${r.name} (${r.id.slice(0, 8)})` : r.name));
}

/** "0.600 ± 0.248 [0.352, 0.848] over 3 runs"; a metric only one run of the group has gets no interval. */
function meanText(m: MeanInterval): string {
  if (m.n < 2) return `${formatMetric(m.mean)} over ${m.n} run (no interval)`;
  return `${formatMetric(m.mean)} ± ${formatMetric((m.high - m.low) / 2)} [${formatMetric(m.low)}, ${formatMetric(m.high)}] over ${m.n} runs`;
}

/**
 * Two or more training runs side by side: the settings that differ (generator spec and training config),
 * every metric per run, and, for runs that differ only in seeds, the mean with a 95 % Student-t interval.
 * Presentational: the caller passes the selected runs (see `comparableRun`).
 */
export function RunsComparison({ runs }: { runs: readonly ComparableRun[] }) {
  const uid = useId();
  const headers = useMemo(() => runHeaders(runs), [runs]);
  const diffs = useMemo(() => differingSettings(runs), [runs]);
  const metrics = useMemo(() => metricKeys(runs), [runs]);
  const groups = useMemo(() => groupBySettingsExceptSeed(runs), [runs]);
  const repeated = groups.filter((g) => g.runIds.length >= 2);
  const nameOf = new Map(runs.map((r, i) => [r.id, headers[i] ?? r.name]));
  const runColumns = (numeric: boolean) =>
    headers.map((h, i) => (
      <th key={runs[i]?.id ?? i} scope="col" className={numeric ? 'num' : undefined}>
        {h}
      </th>
    ));

  return (
    <section className="panel" aria-labelledby={`${uid}-title`}>
      <h2 id={`${uid}-title`}>Runs compared</h2>
      <p className="muted">
        {runs.length} runs. Generator settings come from each run's dataset, training settings from its configuration;
        only the settings whose values differ are listed.
      </p>

      {diffs.length === 0 ? (
        <p>These runs share every setting.</p>
      ) : (
        <div className="table-scroll" tabIndex={0} role="region" aria-label="Settings that differ (scrollable)">
          <table className="list-table compact" aria-label="Settings that differ">
            <caption>
              Settings that differ (— where a run has no such setting; seed rows only change the random draws)
            </caption>
            <thead>
              <tr>
                <th scope="col">Setting</th>
                {runColumns(false)}
              </tr>
            </thead>
            <tbody>
              {diffs.map((d) => (
                <tr key={d.key} className={d.seed ? 'seed-row' : undefined}>
                  <th scope="row">
                    {d.key}
                    {d.seed ? (
                      <>
                        {' '}
                        <span className="badge">seed</span>
                      </>
                    ) : null}
                  </th>
                  {d.values.map((v, i) => (
                    <td key={runs[i]?.id ?? i}>{v}</td>
                  ))}
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}

      {metrics.length === 0 ? (
        <p className="muted">None of these runs has finished metrics.</p>
      ) : (
        <div className="table-scroll" tabIndex={0} role="region" aria-label="Metrics side by side (scrollable)">
          <table className="list-table compact" aria-label="Metrics side by side">
            <caption>Metrics side by side (test-set estimates; — where a run has no such model)</caption>
            <thead>
              <tr>
                <th scope="col">Metric</th>
                {runColumns(true)}
              </tr>
            </thead>
            <tbody>
              {metrics.map((k) => (
                <tr key={k}>
                  <th scope="row">{k}</th>
                  {runs.map((r) => (
                    <td key={r.id} className="num">
                      {formatMetric(r.metrics[k])}
                    </td>
                  ))}
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}

      {repeated.length > 0 && metrics.length > 0 ? (
        <div
          className="table-scroll"
          tabIndex={0}
          role="region"
          aria-label="Runs that differ only in seed (scrollable)"
        >
          <table className="list-table compact" aria-label="Runs that differ only in seed">
            <caption>
              Runs that differ only in seed: mean ± half-width of the 95 % Student-t interval [low, high]
            </caption>
            <thead>
              <tr>
                <th scope="col">Metric</th>
                <th scope="col">Settings</th>
                <th scope="col">Runs</th>
                <th scope="col" className="num">
                  Mean ± 95 % interval
                </th>
              </tr>
            </thead>
            <tbody>
              {metrics.flatMap((k) =>
                repeated.flatMap((g) => {
                  const m = g.metrics[k];
                  if (!m) return [];
                  return [
                    <tr key={`${k}\u0000${g.key}`}>
                      <th scope="row">{k}</th>
                      <td>{g.label}</td>
                      <td>{g.runIds.map((id) => nameOf.get(id) ?? id).join(', ')}</td>
                      <td className="num">{meanText(m)}</td>
                    </tr>,
                  ];
                }),
              )}
            </tbody>
          </table>
        </div>
      ) : null}
    </section>
  );
}
