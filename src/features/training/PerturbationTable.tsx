import type { PerturbationRow } from '../../domain/evaluation/home-type-evaluation';
import { ci } from './classifier-format';

const change = (value: number | undefined, base: number | undefined): string =>
  value === undefined || base === undefined
    ? '—'
    : `${value - base >= 0 ? '+' : '−'}${Math.abs(value - base).toFixed(3)}`;

/**
 * The model's accuracy when its test homes are described differently but live the same: floors
 * renumbered, rooms renamed, outdoor areas dropped. Features are recomputed; events stay as recorded
 * (minus those of dropped outdoor devices). Large drops show what the model leans on.
 */
export function PerturbationTable({ rows }: { rows: readonly PerturbationRow[] }) {
  const base = rows[0];
  return (
    <div className="table-scroll">
      <table className="list-table compact" aria-label="Perturbation checks">
        <caption>
          Perturbation checks: the model’s accuracy on its test homes, described differently (95 % intervals)
        </caption>
        <thead>
          <tr>
            <th scope="col">Test homes</th>
            <th scope="col" className="num">
              In-source accuracy
            </th>
            <th scope="col" className="num">
              Change
            </th>
            <th scope="col" className="num">
              Cross-source accuracy (pooled)
            </th>
            <th scope="col" className="num">
              Change
            </th>
          </tr>
        </thead>
        <tbody>
          {rows.map((r, i) => (
            <tr key={r.id}>
              <th scope="row">{r.label}</th>
              <td className="num">{r.inSource ? ci(r.inSource.accuracy) : '—'}</td>
              <td className="num">
                {i === 0 ? '' : change(r.inSource?.accuracy.estimate, base?.inSource?.accuracy.estimate)}
              </td>
              <td className="num">{r.crossSource ? ci(r.crossSource.accuracy) : '—'}</td>
              <td className="num">
                {i === 0 ? '' : change(r.crossSource?.accuracy.estimate, base?.crossSource?.accuracy.estimate)}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
