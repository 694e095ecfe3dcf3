import { HOME_TYPES } from '../domain/home-types';
import { HOME_FEATURE_NAMES, homeFeatures } from '../domain/homes/home-features';
import { HOME_PERTURBATIONS, HOME_PERTURBATION_LABELS, perturbHome } from '../domain/homes/home-perturbations';
import { Rng, deriveSeed } from '../domain/random';
import type { WorkbenchDb } from '../storage/db';
import { readHomeEvents } from '../storage/homes-repo';
import type { HomeRecord } from '../storage/records';

/** Features of every stored home, as stored and under each perturbation, with types and sources. */
export interface ClassifierFeatures {
  x: Float32Array;
  y: Int32Array;
  d: number;
  sources: string[];
  perturbations: { id: string; label: string; x: Float32Array }[];
}

/**
 * Reads each home's events once and computes its features four times: as stored and under each
 * perturbation (the perturbed copies are what the perturbation checks feed the evaluation models).
 * Perturbation draws derive from (seed, perturbation, home id), so they do not shift when homes are added.
 */
export async function readClassifierFeatures(
  database: WorkbenchDb,
  homes: readonly HomeRecord[],
  seed: number,
  onHome: (done: number) => void,
): Promise<ClassifierFeatures> {
  const d = HOME_FEATURE_NAMES.length;
  const x = new Float32Array(homes.length * d);
  const y = new Int32Array(homes.length);
  const perturbations = HOME_PERTURBATIONS.map((id) => ({
    id,
    label: HOME_PERTURBATION_LABELS[id],
    x: new Float32Array(homes.length * d),
  }));
  for (let i = 0; i < homes.length; i++) {
    const home = homes[i];
    if (!home) continue;
    const events = await readHomeEvents(database, home.id);
    if (!events) throw new Error(`Home ${home.id} has no stored events; regenerate it.`);
    x.set(homeFeatures(home, events, home.timeZone), i * d);
    y[i] = HOME_TYPES.indexOf(home.home_type);
    for (const p of perturbations) {
      const changed = perturbHome(p.id, home, events, new Rng(deriveSeed(seed, p.id, home.id)));
      p.x.set(homeFeatures(changed.home, changed.events, home.timeZone), i * d);
    }
    onHome(i + 1);
  }
  // Grouped by whatever sources the homes carry: template, llm, survey, imported or any later one.
  return { x, y, d, sources: homes.map((h) => h.source), perturbations };
}
