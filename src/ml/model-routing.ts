import type { HomeType } from '../domain/home-types';
import type { ModelKind, SlotKey } from '../storage/records';
import { featureSetOf, type FeatureSetName } from './feature-sets';

/** What routing needs of a stored model. */
export interface RoutableModel {
  id: string;
  kind: ModelKind;
  slot: SlotKey;
  featureNames: readonly string[];
  version: string;
  createdAt: number;
}

/** Which model answers a device, and why. */
export interface ModelRoute<T extends RoutableModel> {
  model: T;
  /** `home-type`: the device's own home type's model; `global`: the global model. */
  routedTo: 'home-type' | 'global';
  /** Shown to the user when the route is not the one asked for (a fallback). */
  note: string | null;
}

function versionParts(v: string): number[] {
  return v.split('.').map((p) => Number.parseInt(p, 10) || 0);
}

/** Orders semantic versions numerically ("1.0.10" after "1.0.9"). */
export function compareVersions(a: string, b: string): number {
  const x = versionParts(a);
  const y = versionParts(b);
  for (let i = 0; i < Math.max(x.length, y.length); i++) {
    const d = (x[i] ?? 0) - (y[i] ?? 0);
    if (d !== 0) return d;
  }
  return 0;
}

/** The current model of a slot for a feature set: the highest version, the newest on a tie; null if none. */
export function currentModel<T extends RoutableModel>(models: readonly T[], slot: SlotKey, set: FeatureSetName): T | null {
  let best: T | null = null;
  for (const m of models) {
    if (m.kind !== 'failure' || m.slot !== slot || featureSetOf(m.featureNames) !== set) continue;
    if (best === null || compareVersions(m.version, best.version) > 0 || (compareVersions(m.version, best.version) === 0 && m.createdAt > best.createdAt)) {
      best = m;
    }
  }
  return best;
}

const human = (t: string): string => t.replace(/_/g, ' ');
const setText = (set: FeatureSetName): string => (set === 'classic' ? 'classic (11-metric)' : 'temporal (window-feature)');

/**
 * Routes a device to its home type's current model, falling back to the current global model with a
 * note; throws a readable error when neither exists for the input's feature set.
 */
export function routeModel<T extends RoutableModel>(models: readonly T[], homeType: HomeType | null, set: FeatureSetName): ModelRoute<T> {
  if (homeType !== null) {
    const own = currentModel(models, homeType, set);
    if (own) return { model: own, routedTo: 'home-type', note: null };
  }
  const global = currentModel(models, 'global', set);
  if (global) {
    const note =
      homeType === null
        ? 'No home type was given: the global model answered.'
        : `No ${setText(set)} model for ${human(homeType)} homes is stored: the global model answered instead.`;
    return { model: global, routedTo: 'global', note };
  }
  if (homeType !== null) {
    throw new Error(`No ${setText(set)} model for ${human(homeType)} homes and no global model are stored. Train a global model, or choose a home type that has a model.`);
  }
  const any = models.some((m) => m.kind === 'failure' && featureSetOf(m.featureNames) === set);
  throw new Error(
    any
      ? `No global ${setText(set)} model is stored: choose the device's home type so its home type's model can answer.`
      : `No ${setText(set)} failure model is stored. Train one on the Training page, or import one.`,
  );
}
