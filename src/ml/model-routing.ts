import type { HomeType } from '../domain/home-types';
import type { ModelKind } from '../domain/models/model-types';
import { familyOf, type ModelFamily, type SlotKey } from '../domain/training/run-types';
import { featureSetOf, type FeatureSetName } from './feature-sets';

/** What routing needs of a stored model. */
export interface RoutableModel {
  id: string;
  kind: ModelKind;
  slot: SlotKey;
  /** Absent: a network (stored before trees existed). */
  family?: ModelFamily;
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

/** Newer first: the later `createdAt`, then the higher version, then the id (so the order never depends on the input's). */
function newer(a: RoutableModel, b: RoutableModel): boolean {
  if (a.createdAt !== b.createdAt) return a.createdAt > b.createdAt;
  const v = compareVersions(a.version, b.version);
  return v !== 0 ? v > 0 : a.id > b.id;
}

/**
 * The current failure model of a slot for a feature set: the newest stored one, of either family (network
 * or trees) or, given `family`, of that family only; null if none. Versions count per family, so only the
 * storage time compares a network with trees; within a family the newest is also the highest version.
 */
export function currentModel<T extends RoutableModel>(
  models: readonly T[],
  slot: SlotKey,
  set: FeatureSetName,
  family: ModelFamily | null = null,
): T | null {
  let best: T | null = null;
  for (const m of models) {
    if (m.kind !== 'failure' || m.slot !== slot || featureSetOf(m.featureNames) !== set) continue;
    if (family !== null && familyOf(m) !== family) continue;
    if (best === null || newer(m, best)) best = m;
  }
  return best;
}

const human = (t: string): string => t.replace(/_/g, ' ');
const familyText = (family: ModelFamily | null): string =>
  family === null ? '' : family === 'trees' ? ' trees' : ' network';
const setText = (set: FeatureSetName, family: ModelFamily | null = null): string =>
  `${set === 'classic' ? 'classic (11-metric)' : 'temporal (window-feature)'}${familyText(family)}`;

/**
 * Routes a device to its home type's current model, falling back to the current global model with a
 * note; throws a readable error when neither exists for the input's feature set. `family` restricts the
 * choice to networks or trees; null takes the newest model of a slot, whatever its family.
 */
export function routeModel<T extends RoutableModel>(
  models: readonly T[],
  homeType: HomeType | null,
  set: FeatureSetName,
  family: ModelFamily | null = null,
): ModelRoute<T> {
  if (homeType !== null) {
    const own = currentModel(models, homeType, set, family);
    if (own) return { model: own, routedTo: 'home-type', note: null };
  }
  const global = currentModel(models, 'global', set, family);
  if (global) {
    const note =
      homeType === null
        ? 'No home type was given: the global model answered.'
        : `No ${setText(set, family)} model for ${human(homeType)} homes is stored: the global model answered instead.`;
    return { model: global, routedTo: 'global', note };
  }
  if (homeType !== null) {
    throw new Error(
      `No ${setText(set, family)} model for ${human(homeType)} homes and no global${familyText(family)} model are stored. Train a global model, or choose a home type that has a model.`,
    );
  }
  const someOfTheSet = models.some(
    (m) => m.kind === 'failure' && featureSetOf(m.featureNames) === set && (family === null || familyOf(m) === family),
  );
  throw new Error(
    someOfTheSet
      ? `No global ${setText(set, family)} model is stored: choose the device's home type so its home type's model can answer.`
      : `No ${setText(set, family)} failure model is stored. Train one on the Training page, or import one.`,
  );
}
