import { useState } from 'react';
import { HOME_TYPES } from '../../domain/home-types';
import { homeSourceSchema } from '../../domain/homes/home-schema';
import { HOME_SOURCE_WORDS } from '../../domain/homes/home-source-labels';
import { useClassifierCalls } from '../../state/use-service-calls';
import { useWorkbench } from '../../state/use-workbench';
import type { HomeClassification } from '../../workers/classifier.api';
import { ErrorAlert } from '../../ui/common/ErrorAlert';
import { ValueTable } from '../../ui/common/ValueTable';
import { Link } from '../../ui/Link';

const label = (t: string): string => t.replace(/_/g, ' ');

/** "survey statistics" for a known source name, the name itself otherwise. */
function sourceWords(name: string): string {
  const known = homeSourceSchema.safeParse(name);
  return known.success ? HOME_SOURCE_WORDS[known.data].origin : name;
}

/** "Classify this home" with the newest home-type classifier: the predicted type and every class's probability. */
export function ClassifyHome({ homeId }: { homeId: string }) {
  const { classifyHome: classify } = useClassifierCalls();
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
  const order = result
    ? HOME_TYPES.map((t, i) => ({ t, p: result.probabilities[i] ?? 0 })).sort((a, b) => b.p - a.p)
    : [];
  return (
    <div>
      <button type="button" onClick={() => void run()} disabled={busy}>
        {busy ? 'Classifying…' : 'Classify this home'}
      </button>
      <ErrorAlert error={error} />
      {result ? (
        <>
          <p>
            Predicted: <strong>{label(result.predicted)}</strong> (
            {((result.probabilities[HOME_TYPES.indexOf(result.predicted)] ?? 0) * 100).toFixed(1)} %) · actual{' '}
            {label(result.actual)} · classifier version {result.modelVersion}
          </p>
          {result.modelKind === 'softmax-per-source' ? (
            <p className="muted" role="note">
              {result.standardisedBy !== null
                ? `Softmax regression on ${result.groups?.join(' + ') ?? ''}; this home's features scaled by the statistics of its own source (${sourceWords(result.standardisedBy)}).`
                : `Softmax regression on ${result.groups?.join(' + ') ?? ''}; the classifier never saw homes from this home's source (${sourceWords(result.source)}), so its features were scaled by the pooled statistics of every training home — less reliable than for a known source.`}
            </p>
          ) : (
            <p className="muted" role="note">
              An older classifier (a network on all features, one scaling for every source): train it again on the
              Training page for the per-source standardised model.
            </p>
          )}
          <ValueTable
            label="Home-type probabilities"
            columns={['Home type', 'Probability']}
            rows={order.map(({ t, p }) => ({ key: t, label: label(t), value: <>{(p * 100).toFixed(1)} %</> }))}
          />
        </>
      ) : null}
    </div>
  );
}
