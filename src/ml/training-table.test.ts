import 'fake-indexeddb/auto';
import { describe, expect, it } from 'vitest';
import { metricValue } from '../domain/classic/classic-format';
import { generateClassic, generateClassicSync } from '../domain/classic/classic-generator';
import { defaultClassicSpec } from '../domain/classic/classic-spec';
import { METRICS } from '../domain/device-types';
import { legacyLabel } from '../domain/legacy-label';
import { classicToColumns, CLASSIC_COLUMN_NAMES } from '../storage/classic-chunks';
import { beginDataset, completeDataset, putChunk } from '../storage/datasets-repo';
import { openWorkbenchDb } from '../storage/db';
import { classicTable, loadClassicTable, loadTrainingTable, tableLabels } from './training-table';

const spec = { ...defaultClassicSpec(), samples: 600 };

describe('classicTable', () => {
  it('takes the 11 metrics as features, one group per row, and both classic labels', () => {
    const cols = generateClassicSync(spec);
    const t = classicTable([cols]);
    expect([t.n, t.d, t.x.length]).toEqual([600, 11, 6600]);
    expect(t.featureNames).toEqual([...METRICS]);
    expect(t.legacyColumns).toEqual({ responseTime: 0, errorRate: 1, batteryLevel: 2 });
    expect(Array.from(t.group.slice(0, 5))).toEqual([0, 1, 2, 3, 4]);
    expect(new Set(t.group).size).toBe(600);
    expect(t.time).toBeNull();
    const injected = tableLabels(t, 'injected');
    const legacy = tableLabels(t, 'legacy');
    for (let i = 0; i < t.n; i++) {
      expect(injected[i]).toBe((cols.scenario[i] ?? -1) >= 0 ? 1 : 0);
      expect(legacy[i]).toBe(legacyLabel(metricValue(cols, i, 0), metricValue(cols, i, 1), metricValue(cols, i, 2)));
    }
    // failureRate 0.15 of each home type's rows, floored per type.
    expect(injected.reduce((s, v) => s + v, 0)).toBe(86);
    expect(t.homeType).toEqual(cols.homeType);
  });

  it('is the same table whatever the chunking', () => {
    const one = classicTable([generateClassicSync(spec)]);
    const many = classicTable([...generateClassic(spec, 128)]);
    expect(many.x).toEqual(one.x);
    expect(many.labels).toEqual(one.labels);
    expect(many.group).toEqual(one.group);
  });

  it('has no injected label when the scenario is unknown (original file format), and no horizon label', () => {
    const t = classicTable([generateClassicSync(spec)], { scenarioKnown: false });
    expect(t.labels.injected).toBeUndefined();
    expect(t.scenario.every((s) => s === -1)).toBe(true);
    expect(() => tableLabels(t, 'injected')).toThrow(/no "injected failure scenario" label/);
    expect(() => tableLabels(t, 'horizon')).toThrow(/needs a temporal dataset/);
  });
});

describe('loadClassicTable', () => {
  it('reads the stored chunks back into the same table', async () => {
    const db = await openWorkbenchDb('table-load-1');
    await beginDataset(db, {
      id: 'ds', name: 'Small', kind: 'classic', status: 'writing', createdAt: 1, completedAt: null, spec: { ...spec },
      appVersion: '0.1.0', rowCount: 0, chunkCount: 0, sizeBytes: 0, columns: CLASSIC_COLUMN_NAMES, summary: null, jobId: null,
    });
    const chunks = [...generateClassic(spec, 250)];
    for (const [index, c] of chunks.entries()) await putChunk(db, { datasetId: 'ds', index, rows: c.length, columns: classicToColumns(c) });
    await expect(loadClassicTable(db, 'ds')).rejects.toThrow(/no longer exists or is still being written/);
    const summary = { rows: 600, devices: 600, homes: null, labelRate: 0, labelName: '', byHomeType: {}, byDeviceType: {}, byScenario: {} };
    await completeDataset(db, 'ds', { rowCount: 600, chunkCount: chunks.length, sizeBytes: 0, summary, completedAt: 2 });
    const loaded = await loadTrainingTable(db, 'ds');
    const direct = classicTable(chunks);
    expect(loaded.x).toEqual(direct.x);
    expect(loaded.labels).toEqual(direct.labels);
    expect(loaded.scenario).toEqual(direct.scenario);
    db.close();
  });
});
