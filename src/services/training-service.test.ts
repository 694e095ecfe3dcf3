import { describe, expect, it } from 'vitest';
import type { EpochReport, SlotResult } from '../domain/training/run-types';
import type { WorkerProgress } from '../workers/job-types';
import type { TrainingEvent } from '../domain/training/training-events';
import { createLiveOutput } from './training-service';

const counts = { train: 100, val: 10, test: 20, trainPositives: 9, testPositives: 2, trainGroups: 100, testGroups: 20 };
const epoch = (slot: 'global' | 'condo', e: number): TrainingEvent => ({
  type: 'epoch',
  slot,
  family: 'network',
  epochs: 4,
  report: { epoch: e, loss: 1, valLoss: 1, samplesPerSecond: 1, elapsedMs: 1, bestEpoch: 0 } satisfies EpochReport,
});
const done = (slot: 'global' | 'condo'): TrainingEvent => ({
  type: 'slot-done',
  slot,
  family: 'network',
  result: { slot, status: 'done' } as SlotResult,
});

describe('createLiveOutput', () => {
  it('sends the first epoch at once, holds later ones for the interval, and never drops or reorders events', () => {
    let now = 0;
    const sent: string[] = [];
    const progress: WorkerProgress[] = [];
    const live = createLiveOutput(
      (e) => sent.push(e.type === 'epoch' ? `${e.slot}:${e.report.epoch}` : e.type),
      (p) => progress.push(p),
      () => now,
      250,
    );
    live.event({
      type: 'plan',
      slots: [
        { slot: 'global', family: 'network', counts, status: 'queued', reason: null },
        { slot: 'condo', family: 'network', counts, status: 'queued', reason: null },
      ],
    });
    live.event({ type: 'slot-start', slot: 'global', family: 'network' });
    expect(sent).toEqual(['plan', 'slot-start']);
    now = 10;
    live.event(epoch('global', 0));
    expect(sent.at(-1)).toBe('global:0');
    now = 100;
    live.event(epoch('global', 1));
    now = 200;
    live.event(epoch('global', 2));
    expect(sent.at(-1)).toBe('global:0');
    now = 260;
    live.event(epoch('global', 3));
    expect(sent.slice(-3)).toEqual(['global:1', 'global:2', 'global:3']);
    now = 300;
    live.event(done('global'));
    live.event({ type: 'slot-start', slot: 'condo', family: 'network' });
    now = 310;
    live.event(epoch('condo', 0));
    expect(sent.at(-1)).toBe('slot-start');
    live.event(done('condo'));
    live.flush();
    expect(sent).toEqual([
      'plan',
      'slot-start',
      'global:0',
      'global:1',
      'global:2',
      'global:3',
      'slot-done',
      'slot-start',
      'condo:0',
      'slot-done',
    ]);
    // The latest progress of each delivery that carries any: the plan, 1/8, 4/8 (three epochs sent at once), 5/8.
    expect(progress.map((p) => p.fraction)).toEqual([0, 0.125, 0.5, 0.625]);
    expect(progress.at(-1)?.phase).toBe('Training condo network · epoch 1 of up to 4');
  });
});
