import type { BootstrapInterval } from '../../domain/evaluation/bootstrap';
import type { CrossSourceResult } from '../../domain/evaluation/home-type-evaluation';
import type { SourceScore } from '../../domain/evaluation/source-scores';
import { HOME_TYPES } from '../../domain/home-types';
import { TARGETS, ci, sourceLabel, typeLabel } from './classifier-format';

function Judged({ interval, target }: { interval: BootstrapInterval; target: number }) {
  const met = interval.estimate >= target;
  return (
    <td className="num">
      {ci(interval)} <span className={met ? 'pass' : 'fail'}>{met ? 'met' : 'not met'}</span>
    </td>
  );
}

function ScoreRow({ name, score }: { name: string; score: SourceScore }) {
  return (
    <tr>
      <th scope="row">{name}</th>
      <td className="num">{score.homes}</td>
      <Judged interval={score.accuracy} target={TARGETS.accuracy} />
      <Judged interval={score.macroF1} target={TARGETS.macroF1} />
      <Judged interval={score.lowestPrecision} target={TARGETS.perClassPrecision} />
    </tr>
  );
}

/**
 * Leave-one-source-out: each source tested by a model trained on all the others, with the original's
 * targets marked met or not on each, the pooled figure, and — when the judged figure misses a target —
 * the confusions behind it.
 */
export function LeaveOneSourceOut({ result }: { result: CrossSourceResult }) {
  const typeOf = (c: number): string => typeLabel(HOME_TYPES[c] ?? String(c));
  return (
    <>
      <div className="table-scroll">
        <table className="list-table compact" aria-label="Leave one source out">
          <caption>
            Leave one source out: each source tested by a model trained on all the other sources (95 % intervals over
            homes)
          </caption>
          <thead>
            <tr>
              <th scope="col">Held-out source</th>
              <th scope="col" className="num">
                Homes
              </th>
              <th scope="col" className="num">
                Accuracy (≥ {TARGETS.accuracy})
              </th>
              <th scope="col" className="num">
                Macro-F1 (≥ {TARGETS.macroF1})
              </th>
              <th scope="col" className="num">
                Lowest class precision (≥ {TARGETS.perClassPrecision})
              </th>
            </tr>
          </thead>
          <tbody>
            {result.sources.map((s, i) => {
              const score = result.leaveOneOut[i];
              return score ? <ScoreRow key={s.name} name={sourceLabel(s.name)} score={score} /> : null;
            })}
            {result.pooled ? <ScoreRow name="All held-out homes, pooled" score={result.pooled} /> : null}
          </tbody>
        </table>
      </div>
      {result.confusions.length > 0 ? (
        <div>
          <h3>Main confusions across sources</h3>
          <ul aria-label="Main confusions across sources">
            {result.confusions.map((c) => (
              <li key={`${c.trueClass}-${c.predicted}`}>
                {typeOf(c.trueClass)} called {typeOf(c.predicted)}: {c.count} homes ({(100 * c.share).toFixed(0)} % of
                the {typeOf(c.trueClass)} homes)
              </li>
            ))}
          </ul>
        </div>
      ) : null}
    </>
  );
}
