import { describe, expect, it } from 'vitest';
import { Rng } from '../random';
import {
  fitSourceSoftmax,
  groupUnions,
  predictSourceSoftmax,
  selectGroups,
  sourceSoftmaxScorer,
  standardiseBySource,
  taskSourceStandardizers,
  type FeatureGroup,
} from './source-softmax';
import { fitStandardizer } from './standardize';

const K = 3;
/** Columns 0–1 carry the class; 2–4 are pure noise; 5 is a household-like column, weakly informative. */
const GROUPS: FeatureGroup[] = [
  { name: 'structure', columns: [0, 1] },
  { name: 'household', columns: [5] },
  { name: 'behaviour', columns: [2, 3, 4] },
];
const D = 6;

/** n homes, classes in turn; `source` per home; the second source's features are the first's ×3 + 100 (another maker's units). */
function homes(n: number, seed: number, sources: (i: number) => string = () => 'template') {
  const rng = new Rng(seed);
  const x = new Float32Array(n * D);
  const y = new Int32Array(n);
  const src: string[] = [];
  for (let i = 0; i < n; i++) {
    const c = i % K;
    y[i] = c;
    const row = [
      c * 1.5 + rng.normal(0, 1),
      (c === 1 ? 2 : 0) + rng.normal(0, 1),
      rng.normal(),
      rng.normal(),
      rng.normal(),
      c * 0.2 + rng.normal(),
    ];
    const s = sources(i);
    src.push(s);
    row.forEach((v, j) => {
      x[i * D + j] = s === 'survey' ? v * 3 + 100 : v;
    });
  }
  return { x, y, sources: src };
}

const range = (a: number, b: number): Uint32Array => Uint32Array.from({ length: b - a }, (_, i) => a + i);

describe('feature-group selection', () => {
  it('lists every non-empty union of the groups, smallest first', () => {
    expect(groupUnions(GROUPS).map((u) => u.map((g) => g.name).join('+'))).toEqual([
      'structure',
      'household',
      'behaviour',
      'structure+household',
      'structure+behaviour',
      'household+behaviour',
      'structure+household+behaviour',
    ]);
  });

  it('picks by inner k-fold on the training homes only: a pure-noise group is left out, whatever the test homes hold', () => {
    const { x, y, sources } = homes(450, 1);
    const train = range(0, 300);
    // On the test homes (300…449) the noise columns spell out the type, and their labels are scrambled: a
    // selection that looked at them would pick the noise group or change its figures.
    const leaky = Float32Array.from(x);
    const scrambled = Int32Array.from(y);
    for (let i = 300; i < 450; i++) {
      for (const j of [2, 3, 4]) leaky[i * D + j] = (y[i] ?? 0) * 10;
      scrambled[i] = ((y[i] ?? 0) + 1) % K;
    }
    const z = standardiseBySource(
      x,
      D,
      sources,
      taskSourceStandardizers(x, D, sources, { train, test: range(300, 450) }),
      train,
    );
    const pick = selectGroups(z, D, y, K, train, GROUPS, 11);
    expect(pick.groups).toEqual(['structure']);
    expect(pick.columns).toEqual([0, 1]);
    const noise = pick.candidates.find((c) => c.groups.join('+') === 'behaviour');
    expect(noise?.accuracy).toBeLessThan(0.5);
    expect(pick.best).toBeGreaterThan(0.6);

    const zLeaky = standardiseBySource(
      leaky,
      D,
      sources,
      taskSourceStandardizers(leaky, D, sources, { train, test: range(300, 450) }),
      train,
    );
    expect(selectGroups(zLeaky, D, scrambled, K, train, GROUPS, 11)).toEqual(pick);
  });

  it('picks the smallest union within one standard error of the best, not the best itself', () => {
    const { x, y, sources } = homes(300, 2);
    const train = range(0, 300);
    const z = standardiseBySource(
      x,
      D,
      sources,
      taskSourceStandardizers(x, D, sources, { train, test: new Uint32Array(0) }),
      train,
    );
    const pick = selectGroups(z, D, y, K, train, GROUPS, 3);
    const within = pick.best - pick.standardError;
    const fewer = pick.candidates.filter((c) => c.columns < pick.columns.length);
    expect(fewer.every((c) => c.accuracy < within)).toBe(true);
    expect(pick.candidates.find((c) => c.groups.join('+') === pick.groups.join('+'))?.accuracy).toBeGreaterThanOrEqual(
      within,
    );
  });
});

describe('per-source standardisation inside each task', () => {
  it("scales each source by its own training homes, and a source seen only among the test homes by those homes' features", () => {
    const { x, sources } = homes(60, 3, (i) => (i < 40 ? 'template' : 'survey'));
    const train = range(0, 30);
    const stats = taskSourceStandardizers(x, D, sources, { train, test: range(30, 60) });
    expect(stats.get('template')).toEqual(fitStandardizer(x, D, train)); // its training homes only, not its test homes 30–39
    expect(stats.get('survey')).toEqual(fitStandardizer(x, D, range(40, 60)));
  });

  it("transfers across a maker's units: trained on templates, the survey homes (same homes ×3 + 100) get their twins' classes", async () => {
    // Homes 0–149 template; 150–299 the same homes as the survey maker records them.
    const base = homes(150, 4);
    const n = 300;
    const x = new Float32Array(n * D);
    x.set(base.x, 0);
    for (let i = 0; i < 150 * D; i++) x[150 * D + i] = (base.x[i] ?? 0) * 3 + 100;
    const y = Int32Array.from({ length: n }, (_, i) => base.y[i % 150] ?? 0);
    const sources = Array.from({ length: n }, (_, i) => (i < 150 ? 'template' : 'survey'));
    const scorer = sourceSoftmaxScorer({ x, d: D, y, k: K }, sources, [], GROUPS, () => 5);
    const [toSurvey] = await scorer({ id: 'from:template', train: range(0, 150), test: range(150, 300) });
    const [own] = await scorer({ id: 'self', train: range(0, 150), test: range(0, 150) });
    expect(Array.from(toSurvey ?? [])).toEqual(Array.from(own ?? []));
    // Without per-source scaling the survey homes sit ~100 away from anything trained on: the classes would not carry over.
    const accuracy = (p: Int32Array | undefined) => Array.from(p ?? []).filter((c, i) => c === y[150 + i]).length / 150;
    expect(accuracy(toSurvey)).toBeGreaterThan(0.6);
  });

  it('scores perturbed copies with the statistics of their task, not their own', async () => {
    const { x, y, sources } = homes(120, 5, (i) => (i % 2 === 0 ? 'template' : 'survey'));
    const shifted = Float32Array.from(x, (v) => v + 1000);
    const scorer = sourceSoftmaxScorer({ x, d: D, y, k: K }, sources, [x, shifted], GROUPS, () => 9);
    const [asStored, same, moved] = await scorer({ id: 't', train: range(0, 80), test: range(80, 120) });
    expect(Array.from(same ?? [])).toEqual(Array.from(asStored ?? []));
    // Re-fitting the statistics on the shifted copy would undo the shift; scaled with the task's, every home moves to one corner.
    expect(new Set(moved).size).toBe(1);
  });
});

describe('the final model', () => {
  const { x, y, sources } = homes(240, 6, (i) => (i % 3 === 0 ? 'survey' : 'template'));
  const train = Uint32Array.from({ length: 240 }, (_, i) => i).filter((i) => i % 4 !== 0);
  const test = Uint32Array.from({ length: 240 }, (_, i) => i).filter((i) => i % 4 === 0);

  it('predicts the same class as the evaluation fit on the same homes with the same seed', async () => {
    const [evaluated] = await sourceSoftmaxScorer(
      { x, d: D, y, k: K },
      sources,
      [],
      GROUPS,
      () => 17,
    )({ id: 't', train, test });
    const model = fitSourceSoftmax(x, D, y, K, sources, GROUPS, 17, { rows: train });
    expect(model.kind).toBe('softmax-per-source');
    expect(Object.keys(model.sourceStandardizers).sort()).toEqual(['survey', 'template']);
    const classes = Array.from(test, (r) => {
      const { probabilities, standardisedBy } = predictSourceSoftmax(
        model,
        x.subarray(r * D, (r + 1) * D),
        sources[r] ?? '',
      );
      expect(standardisedBy).toBe(sources[r]);
      return probabilities.indexOf(Math.max(...probabilities));
    });
    expect(classes).toEqual(Array.from(evaluated ?? []));
  });

  it("classifies with the home's own source statistics, and the pooled ones (said so) for a source it never saw", () => {
    const model = fitSourceSoftmax(x, D, y, K, sources, GROUPS, 17);
    const survey = x.subarray(0, D); // home 0 is a survey home
    const own = predictSourceSoftmax(model, survey, 'survey');
    const asTemplate = predictSourceSoftmax(model, survey, 'template');
    const unseen = predictSourceSoftmax(model, survey, 'imported');
    expect(own.standardisedBy).toBe('survey');
    expect(unseen.standardisedBy).toBeNull();
    expect(own.probabilities).not.toEqual(asTemplate.probabilities);
    expect(unseen.probabilities).not.toEqual(own.probabilities);
    expect(own.probabilities.reduce((a, b) => a + b, 0)).toBeCloseTo(1, 10);
    // The pooled statistics are every training home's.
    expect(model.pooled).toEqual(fitStandardizer(x, D));
  });
});
