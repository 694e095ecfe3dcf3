/*
 * Pure: the main thread imports this module (model summaries; see .oxlintrc.json), so it must never load
 * TF.js at run time — type-only imports from TF.js modules.
 */
import type { GbdtModel, GbdtTree } from '../domain/evaluation/gbdt';
import { familyOf, type ModelFamily } from '../domain/training/run-types';
import type { TrainedModel, ModelArtifacts } from '../domain/models/model-types';
// Type-only: this module is also used on the main thread (model summaries), which never loads TF.js.

/**
 * What scores a model, by family: the TF.js artifacts of a network (standardised inputs), or the boosted
 * trees (raw inputs, NaN for a missing value).
 */
export type ModelBody = { family: 'network'; artifacts: ModelArtifacts } | { family: 'trees'; trees: GbdtModel };

/** The family-specific fields of a TrainedModel for a body (`artifacts` is null for trees). */
export function recordFieldsOf(body: ModelBody): Pick<TrainedModel, 'family' | 'artifacts'> & { trees?: GbdtModel } {
  return body.family === 'network'
    ? { family: 'network', artifacts: body.artifacts }
    : { family: 'trees', artifacts: null, trees: body.trees };
}

/**
 * The body of a stored model, checked against its family: a network must have artifacts and a trees model
 * its trees. Throws a readable error for a record that lacks them (damaged, or written by a broken build).
 */
export function modelBody(
  r: Pick<TrainedModel, 'name' | 'artifacts'> & { family?: ModelFamily; trees?: GbdtModel; homeTypeModel?: unknown },
): ModelBody {
  const family = familyOf(r);
  if (family === 'trees') {
    if (r.trees === undefined)
      throw new Error(
        `The stored model "${r.name}" is a trees model without its trees: it is damaged. Train or import it again.`,
      );
    return { family, trees: r.trees };
  }
  if (r.artifacts === null && r.homeTypeModel !== undefined) {
    throw new Error(
      `"${r.name}" is a softmax regression with per-source statistics (the home-type classifier): it runs in plain TypeScript through "Classify this home" on the Homes page and has no TF.js network to load or export here.`,
    );
  }
  if (r.artifacts === null)
    throw new Error(
      `The stored model "${r.name}" is a network without its TF.js artifacts: it is damaged. Train or import it again.`,
    );
  return { family, artifacts: r.artifacts };
}

/** The TF.js artifacts of a model that must be a network (the home-type classifier, a layers export). */
export function networkArtifacts(
  r: Pick<TrainedModel, 'name' | 'artifacts'> & { family?: ModelFamily; trees?: GbdtModel; homeTypeModel?: unknown },
  use: string,
): ModelArtifacts {
  const body = modelBody(r);
  if (body.family !== 'network')
    throw new Error(`${use} needs a TF.js network, but "${r.name}" is a gradient-boosted trees model.`);
  return body.artifacts;
}

/** Size and shape of boosted trees, for summaries and model cards. */
export interface TreesShape {
  trees: number;
  /** Leaves over all trees. */
  leaves: number;
  /** Internal (split) nodes over all trees. */
  splits: number;
  /** Deepest leaf over all trees (a single-leaf tree has depth 0). */
  maxDepth: number;
}

function treeShape(t: GbdtTree): { leaves: number; splits: number; depth: number } {
  const m = t.feature.length;
  // Children always follow their parent, so one forward pass sets every node's depth.
  const depth = new Int32Array(m);
  let leaves = 0;
  let deepest = 0;
  for (let i = 0; i < m; i++) {
    const di = depth[i] ?? 0;
    if ((t.feature[i] ?? -1) < 0) {
      leaves++;
      if (di > deepest) deepest = di;
      continue;
    }
    for (const child of [t.left[i] ?? -1, t.right[i] ?? -1]) if (child > i && child < m) depth[child] = di + 1;
  }
  return { leaves, splits: m - leaves, depth: deepest };
}

export function treesShape(model: GbdtModel): TreesShape {
  let leaves = 0;
  let splits = 0;
  let maxDepth = 0;
  for (const t of model.trees) {
    const s = treeShape(t);
    leaves += s.leaves;
    splits += s.splits;
    maxDepth = Math.max(maxDepth, s.depth);
  }
  return { trees: model.trees.length, leaves, splits, maxDepth };
}

/** Bytes of a value as UTF-8 JSON (the size of a trees model in a file or in storage). */
export function jsonByteLength(value: unknown): number {
  return new TextEncoder().encode(JSON.stringify(value) ?? '').length;
}
