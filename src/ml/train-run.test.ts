import * as tf from '@tensorflow/tfjs';
import { beforeAll, describe, expect, it } from 'vitest';
import { generateClassicSync } from '../domain/classic/classic-generator';
import { defaultClassicSpec } from '../domain/classic/classic-spec';
import type { RunConfig, SlotKey } from '../domain/training/run-types';
import type { TrainingEvent } from '../domain/training/training-events';
import { defaultRunConfig } from '../domain/training/run-defaults';
import { trainRun, type FinishedModel } from './train-run';
import { classicTable } from './training-table';

beforeAll(async () => {
  await tf.setBackend('cpu');
  await tf.ready();
});

const table = classicTable([generateClassicSync({ ...defaultClassicSpec(), samples: 1500 })]);

function config(over: Partial<RunConfig> = {}, network: Partial<RunConfig['network']> = {}): RunConfig {
  const base = defaultRunConfig();
  return {
    ...base,
    backend: 'cpu',
    bootstrapResamples: 50,
    families: ['network'],
    ...over,
    network: {
      ...base.network,
      hiddenUnits: [8],
      epochs: 3,
      batchSize: 64,
      patience: 2,
      learningRate: 0.01,
      ...network,
    },
  };
}

describe('trainRun', () => {
  it('plans, trains, evaluates and saves each slot, and leaves no tensors behind', async () => {
    const before = tf.memory().numTensors;
    const events: TrainingEvent[] = [];
    const saved: FinishedModel[] = [];
    const out = await trainRun(table, config(), {
      dataKey: 'ds',
      backend: 'cpu',
      onEvent: (e) => events.push(e),
      saveModel: async (m) => {
        saved.push(m);
        // The model is alive while it is saved.
        const model = m.model;
        expect(model).not.toBeNull();
        if (model) expect(tf.tidy(() => (model.predict(tf.zeros([1, 11])) as tf.Tensor).shape)).toEqual([1, 1]);
        return `model-${m.slot}`;
      },
    });
    expect(tf.memory().numTensors).toBe(before);

    const plan = events[0];
    expect(plan?.type).toBe('plan');
    const statuses = out.slots.map((s) => [s.slot, s.status]);
    expect(statuses).toEqual([
      ['global', 'done'],
      ['single_family_house', 'done'],
      ['apartment', 'done'],
      ['condo', 'done'],
      ['townhouse', 'done'],
      ['cottage', 'insufficient'],
      ['studio', 'insufficient'],
      ['multi_story', 'insufficient'],
      ['ranch_house', 'insufficient'],
    ]);
    // Every trained slot: slot-start, one event per epoch, slot-done, in that order.
    const global = events.filter((e) => 'slot' in e && e.slot === 'global').map((e) => e.type);
    expect(global).toEqual(['slot-start', 'epoch', 'epoch', 'epoch', 'slot-done']);
    expect(events.filter((e) => e.type === 'slot-done')).toHaveLength(9);
    expect(saved.map((m) => m.slot)).toEqual(['global', 'single_family_house', 'apartment', 'condo', 'townhouse']);
    expect(saved[1]?.homeType).toBe('single_family_house');
    expect(saved[0]?.standardizer.mean).toHaveLength(11);

    for (const s of out.slots.filter((r) => r.status === 'done')) {
      expect(s.modelId).toBe(`model-${s.slot}`);
      expect(s.history).toHaveLength(3);
      expect(s.test?.labels.length).toBe(s.counts.test);
      expect(s.test?.scores.every((p) => p >= 0 && p <= 1)).toBe(true);
      expect(s.baseRate).toBeCloseTo(s.counts.testPositives / s.counts.test, 12);
      const m = s.metrics;
      expect(m?.f1.low).toBeLessThanOrEqual(m?.f1.estimate ?? Number.NaN);
      expect(m?.f1.high).toBeGreaterThanOrEqual(m?.f1.estimate ?? Number.NaN);
      // Majority class: predicts "no failure" at 0.5, so accuracy is 1 − base rate and F1 is 0.
      expect(s.baselines?.majority.accuracy.estimate).toBeCloseTo(1 - s.baseRate, 12);
      expect(s.baselines?.majority.f1.estimate).toBe(0);
      expect(s.baselines?.majority.rocAuc.estimate).toBe(0.5);
      expect(s.scenarioRecall).toHaveLength(5);
      expect(s.scenarioRecall.reduce((n, k) => n + k.positives, 0)).toBe(s.counts.testPositives);
    }
    const cottage = out.slots.find((s) => s.slot === 'cottage');
    expect(cottage?.reason).toMatch(/^Only \d+ training samples/);
    expect(cottage?.metrics).toBeNull();

    const cm = out.crossMatrix;
    expect(cm?.rows).toEqual(['single_family_house', 'apartment', 'condo', 'townhouse']);
    expect(cm?.cols).toHaveLength(8);
    cm?.rows.forEach((r, i) => {
      const own = out.slots.find((s) => s.slot === r)?.metrics?.f1.estimate;
      expect(cm.f1[i]?.[cm.cols.indexOf(r)]).toBeCloseTo(own ?? Number.NaN, 12);
    });
  });

  it('same table + config + backend ⇒ identical metrics; the test set never depends on the network seed', async () => {
    const cfg = config({ global: false });
    const a = await trainRun(table, cfg, { dataKey: 'ds', backend: 'cpu' });
    const b = await trainRun(table, cfg, { dataKey: 'ds', backend: 'cpu' });
    const c = await trainRun(table, config({ global: false }, { seed: 7 }), { dataKey: 'ds', backend: 'cpu' });
    expect(b.slots.map((s) => s.metrics)).toEqual(a.slots.map((s) => s.metrics));
    expect(b.slots.map((s) => s.test?.scores)).toEqual(a.slots.map((s) => s.test?.scores));
    expect(b.crossMatrix).toEqual(a.crossMatrix);
    expect(c.slots.map((s) => s.test?.labels)).toEqual(a.slots.map((s) => s.test?.labels));
    expect(c.slots.map((s) => s.test?.scores)).not.toEqual(a.slots.map((s) => s.test?.scores));
  });

  it('on the legacy label the legacy-rule baseline is perfect: the label is that rule', async () => {
    const out = await trainRun(table, config({ label: 'legacy', perHomeType: false }), {
      dataKey: 'ds',
      backend: 'cpu',
    });
    const rule = out.slots[0]?.baselines?.legacyRule;
    expect([rule?.accuracy.estimate, rule?.f1.estimate, rule?.rocAuc.estimate]).toEqual([1, 1, 1]);
  });

  it('stops one slot mid-training and, on a whole-run stop, the slots not yet started', async () => {
    const stopped = new Set<SlotKey>();
    let all = false;
    let epochs = 0;
    const out = await trainRun(table, config({}, { epochs: 20, patience: 20 }), {
      dataKey: 'ds',
      backend: 'cpu',
      onEvent: (e) => {
        if (e.type !== 'epoch') return;
        if (e.slot === 'single_family_house' && e.report.epoch === 1) stopped.add('single_family_house');
        if (e.slot === 'apartment') all = ++epochs >= 1;
      },
      shouldStop: (slot) => all || stopped.has(slot),
    });
    const by = Object.fromEntries(out.slots.map((s) => [s.slot, s]));
    expect(by.global?.status).toBe('done');
    expect(by.single_family_house?.status).toBe('stopped');
    expect(by.single_family_house?.history.length).toBe(2);
    expect(by.single_family_house?.metrics).not.toBeNull();
    expect(by.single_family_house?.modelId).toBeNull();
    expect(by.apartment?.status).toBe('stopped');
    expect(by.condo?.status).toBe('stopped');
    expect(by.condo?.reason).toBe('Stopped before it started.');
    expect(by.cottage?.status).toBe('insufficient');
    // Stopped models are not compared: nothing finished among the home types.
    expect(out.crossMatrix).toBeNull();
  });

  it('says clearly when the label does not exist for this kind of dataset', async () => {
    await expect(trainRun(table, config({ label: 'horizon' }), { dataKey: 'ds', backend: 'cpu' })).rejects.toThrow(
      /needs a temporal dataset/,
    );
  });
});
