import type { CrossSourceVerdict, TargetVerdict } from '../../domain/evaluation/cross-source-summary';
import type { HomeTypeEvaluation } from '../../domain/models/model-types';
import { TARGETS, ci, sourceLabel } from './classifier-format';

function Target({ name, ok, detail }: { name: string; ok: boolean; detail: string }) {
  return (
    <li>
      <span className={ok ? 'pass' : 'fail'}>{ok ? 'met' : 'not met'}</span> {name}{' '}
      <span className="muted">({detail})</span>
    </li>
  );
}

const held = (v: TargetVerdict): string => `${ci(v.score)}, ${sourceLabel(v.source)} held out`;

/**
 * The original's three targets. Judged across sources (the worst held-out source) when there are two or
 * more; with one source the in-source figures are shown, marked as not the judged figure.
 */
export function OriginalTargets({
  verdict,
  inSource,
}: {
  verdict: CrossSourceVerdict | null;
  inSource: HomeTypeEvaluation;
}) {
  if (verdict) {
    return (
      <>
        <p>
          Targets judged across sources: for each figure, the held-out source where it is lowest (leave one source out).
        </p>
        <ul className="targets" aria-label="The original targets">
          <Target name={`accuracy ≥ ${TARGETS.accuracy}`} ok={verdict.accuracy.met} detail={held(verdict.accuracy)} />
          <Target name={`macro-F1 ≥ ${TARGETS.macroF1}`} ok={verdict.macroF1.met} detail={held(verdict.macroF1)} />
          <Target
            name={`precision ≥ ${TARGETS.perClassPrecision} for every class`}
            ok={verdict.lowestPrecision.met}
            detail={`lowest ${held(verdict.lowestPrecision)}`}
          />
        </ul>
      </>
    );
  }
  return (
    <>
      <p>In-source figures only: the targets are judged across sources, which needs a second source.</p>
      <ul className="targets" aria-label="The original targets">
        <Target
          name={`accuracy ≥ ${TARGETS.accuracy} (in-source)`}
          ok={inSource.targets.accuracy}
          detail={ci(inSource.accuracy)}
        />
        <Target
          name={`macro-F1 ≥ ${TARGETS.macroF1} (in-source)`}
          ok={inSource.targets.macroF1}
          detail={ci(inSource.macroF1)}
        />
        <Target
          name={`precision ≥ ${TARGETS.perClassPrecision} for every class (in-source)`}
          ok={inSource.targets.perClassPrecision}
          detail={`lowest ${inSource.targets.lowestPrecision.toFixed(3)}`}
        />
      </ul>
    </>
  );
}
