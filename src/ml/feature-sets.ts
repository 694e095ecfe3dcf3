import { METRICS } from '../domain/device-types';
import { FEATURE_NAMES } from '../domain/temporal/window-features';

/** The two input layouts this app trains on: a classic row's 11 metrics, or a temporal window summary. */
export type FeatureSetName = 'classic' | 'temporal';

/** Feature names of each set, in the order the models read them. */
export const FEATURE_SETS: Readonly<Record<FeatureSetName, readonly string[]>> = {
  classic: METRICS,
  temporal: FEATURE_NAMES,
};

const DESCRIPTIONS: Record<FeatureSetName, string> = {
  classic: `the ${METRICS.length} classic metrics`,
  temporal: `the ${FEATURE_NAMES.length} temporal window features`,
};

/** Which set `names` is, exactly and in order; null when it is none of them. */
export function featureSetOf(names: readonly string[]): FeatureSetName | null {
  for (const set of ['classic', 'temporal'] as const) {
    const expected = FEATURE_SETS[set];
    if (names.length === expected.length && names.every((n, i) => n === expected[i])) return set;
  }
  return null;
}

function preview(names: readonly string[], max = 5): string {
  const shown = names
    .slice(0, max)
    .map((n) => `"${n}"`)
    .join(', ');
  return names.length > max ? `${shown} and ${names.length - max} more` : shown;
}

/**
 * Why `names` is not one of the app's feature sets, as a sentence the user can act on (unknown names,
 * duplicates, missing names, or the right names in another order); null when it is one of them.
 */
export function featureNamesProblem(names: readonly string[]): string | null {
  if (featureSetOf(names) !== null) return null;
  const known = `This app knows ${DESCRIPTIONS.classic} and ${DESCRIPTIONS.temporal}.`;
  if (names.length === 0) return `The model lists no features. ${known}`;
  const duplicates = names.filter((n, i) => names.indexOf(n) !== i);
  if (duplicates.length > 0) return `The feature list names ${preview([...new Set(duplicates)])} more than once.`;
  const best = (['classic', 'temporal'] as const)
    .map((set) => ({ set, shared: names.filter((n) => FEATURE_SETS[set].includes(n)).length }))
    .reduce((a, b) => (b.shared > a.shared ? b : a));
  const expected = FEATURE_SETS[best.set];
  const unknown = names.filter((n) => !expected.includes(n));
  if (best.shared === 0 || unknown.length > 0) {
    return `Unknown features: ${preview(unknown.length > 0 ? unknown : names)}. ${known}`;
  }
  const missing = expected.filter((n) => !names.includes(n));
  if (missing.length > 0)
    return `The features are incomplete: ${preview(missing)} of ${DESCRIPTIONS[best.set]} are missing.`;
  const at = names.findIndex((n, i) => n !== expected[i]);
  return `The features are ${DESCRIPTIONS[best.set]} in another order (position ${at + 1} holds "${names[at] ?? ''}" where "${expected[at] ?? ''}" belongs). A model reads its inputs by position, so it only works in the order it was trained on.`;
}
