import { HOME_CLASSIFIER_TARGETS } from '../../domain/evaluation/home-type-evaluation';
import { homeSourceSchema } from '../../domain/homes/home-schema';
import { HOME_SOURCE_WORDS } from '../../domain/homes/home-source-labels';
import type { BootstrapInterval } from '../../domain/evaluation/bootstrap';

/** "0.912 [0.880, 0.940]": an estimate with its 95 % bootstrap interval. */
export const ci = (i: BootstrapInterval): string =>
  `${i.estimate.toFixed(3)} [${i.low.toFixed(3)}, ${i.high.toFixed(3)}]`;

/** "single_family_house" → "single family house". */
export const typeLabel = (t: string): string => t.replace(/_/g, ' ');

/** The original's targets: the same constant the worker judges them with. */
export const TARGETS = HOME_CLASSIFIER_TARGETS;

/**
 * How a stored source name reads on the page ("templates", "survey statistics"…), in the app's shared
 * words; a name this version does not know (a newer record's) shows as stored.
 */
export function sourceLabel(name: string): string {
  const known = homeSourceSchema.safeParse(name);
  return known.success ? HOME_SOURCE_WORDS[known.data].origin : name;
}

/**
 * What the stored classifier is, in words: "Softmax regression on structure + household, per-source
 * standardised", or the network of a classifier trained before per-source standardisation.
 */
export function classifierModelName(m: { homeTypeModel?: { groups: readonly string[] } }): string {
  if (m.homeTypeModel) return `Softmax regression on ${m.homeTypeModel.groups.join(' + ')}, per-source standardised`;
  return 'Network on all features (trained before per-source standardisation: train again for the softmax regression)';
}
