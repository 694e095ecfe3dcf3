import { useState } from 'react';
import { HOME_TYPES } from '../../domain/home-types';
import { useWorkbench } from '../../state/use-workbench';
import type { HomeClassification } from '../../workers/classifier.api';
import { Link } from '../../ui/Link';

const label = (t: string): string => t.replace(/_/g, ' ');

/** "Classify this home" with the newest home-type classifier: the predicted type and every class's probability. */
export function ClassifyHome({ homeId }: { homeId: string }) {
  const classify = useWorkbench((s) => s.classifyHome);
  const hasModel = useWorkbench((s) => s.homeClassifier !== null);
  const [result, setResult] = useState<HomeClassification | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  if (!hasModel) {
    return (
      <p className="muted">
        No home-type classifier yet. <Link href="/training">Train one on the Training page</Link> to classify homes.
      </p>
    );
  }
  const run = async (): Promise<void> => {
    setBusy(true);
    setError(null);
    try {
      setResult(await classify(homeId));
    } catch (e) {
      setError(e instanceof Error ? e.message : String(e));
    } finally {
      setBusy(false);
    }
  };
  const order = result ? HOME_TYPES.map((t, i) => ({ t, p: result.probabilities[i] ?? 0 })).sort((a, b) => b.p - a.p) : [];
  return (
    <div>
      <button type="button" onClick={() => void run()} disabled={busy}>
        {busy ? 'Classifying…' : 'Classify this home'}
      </button>
      {error ? (
        <p className="error-text" role="alert">
          {error}
        </p>
      ) : null}
      {result ? (
        <>
          <p>
            Predicted: <strong>{label(result.predicted)}</strong> ({((result.probabilities[HOME_TYPES.indexOf(result.predicted)] ?? 0) * 100).toFixed(1)} %) · actual{' '}
            {label(result.actual)} · classifier version {result.modelVersion}
          </p>
          <table className="list-table compact" aria-label="Home-type probabilities">
            <thead>
              <tr>
                <th scope="col">Home type</th>
                <th scope="col" className="num">Probability</th>
              </tr>
            </thead>
            <tbody>
              {order.map(({ t, p }) => (
                <tr key={t}>
                  <th scope="row">{label(t)}</th>
                  <td className="num">{(p * 100).toFixed(1)} %</td>
                </tr>
              ))}
            </tbody>
          </table>
        </>
      ) : null}
    </div>
  );
}
