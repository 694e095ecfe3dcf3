import 'fake-indexeddb/auto';
import { describe, expect, it } from 'vitest';
import { generateClassic } from '../domain/classic/classic-generator';
import { defaultClassicSpec } from '../domain/classic/classic-spec';
import { HOME_TYPES } from '../domain/home-types';
import { legacyLabel } from '../domain/legacy-label';
import { generateTemporal } from '../domain/temporal/generate';
import { defaultTemporalSpec } from '../domain/temporal/spec';
import { FEATURE_COUNT, FEATURE_NAMES } from '../domain/temporal/window-features';
import { classicTable, tableLabels } from '../ml/training-table';
import { classicToColumns, CLASSIC_COLUMN_NAMES } from '../storage/classic-chunks';
import { beginDataset, completeDataset, putChunk } from '../storage/datasets-repo';
import { openWorkbenchDb } from '../storage/db';
import { createGeneratorService } from './generator-service';
import { loadClassicTable, loadTemporalTable, loadTrainingTable } from './training-table-reader';

const spec = { ...defaultClassicSpec(), samples: 600 };

describe('loadClassicTable', () => {
  it('reads the stored chunks back into the same table', async () => {
    const db = await openWorkbenchDb('table-load-1');
    await beginDataset(db, {
      id: 'ds',
      name: 'Small',
      kind: 'classic',
      status: 'writing',
      createdAt: 1,
      completedAt: null,
      spec: { ...spec },
      appVersion: '0.1.0',
      rowCount: 0,
      chunkCount: 0,
      sizeBytes: 0,
      columns: CLASSIC_COLUMN_NAMES,
      summary: null,
      jobId: null,
    });
    const chunks = [...generateClassic(spec, 250)];
    for (const [index, c] of chunks.entries())
      await putChunk(db, { datasetId: 'ds', index, rows: c.length, columns: classicToColumns(c) });
    await expect(loadClassicTable(db, 'ds')).rejects.toThrow(/no longer exists or is still being written/);
    const summary = {
      rows: 600,
      devices: 600,
      homes: null,
      labelRate: 0,
      labelName: '',
      byHomeType: {},
      byDeviceType: {},
      byScenario: {},
    };
    await completeDataset(db, 'ds', {
      rowCount: 600,
      chunkCount: chunks.length,
      sizeBytes: 0,
      summary,
      completedAt: 2,
    });
    const loaded = await loadTrainingTable(db, 'ds');
    const direct = classicTable(chunks);
    expect(loaded.x).toEqual(direct.x);
    expect(loaded.labels).toEqual(direct.labels);
    expect(loaded.scenario).toEqual(direct.scenario);
    db.close();
  });
});

describe('loadTemporalTable', () => {
  const temporalSpec = defaultTemporalSpec({
    homes: 6,
    days: 30,
    seed: 4,
    timeZone: 'Europe/Berlin',
    startDate: '2025-03-10',
  });

  async function storedTemporal(dbName: string) {
    const gen = createGeneratorService({
      openDb: () => openWorkbenchDb(dbName),
      now: () => 1,
      clock: () => performance.now(),
      yieldToEvents: () => new Promise<void>((r) => setTimeout(r, 0)),
    });
    const rec = await gen.generateTemporal(
      { jobId: 'g', datasetId: 'tds', name: 'Small temporal', spec: temporalSpec, appVersion: '0.1.0', createdAt: 1 },
      () => undefined,
    );
    const db = await openWorkbenchDb(dbName);
    return { rec, db };
  }

  it('reads the stored samples: features in FEATURE_NAMES order, both stored labels, device groups, time and H', async () => {
    const { rec, db } = await storedTemporal('table-temporal-1');
    const t = await loadTrainingTable(db, 'tds');
    const chunks = [...generateTemporal(temporalSpec)];
    const samples = chunks.map((c) => c.samples);
    const devices = chunks.map((c) => c.devices);
    const cat = <T extends Uint8Array | Uint32Array | Float64Array | Float32Array>(
      parts: T[],
      make: (n: number) => T,
    ): T => {
      const out = make(parts.reduce((s, p) => s + p.length, 0));
      let at = 0;
      for (const p of parts) {
        out.set(p, at);
        at += p.length;
      }
      return out;
    };

    expect(t.kind).toBe('temporal');
    expect([t.n, t.d]).toEqual([rec.rowCount, FEATURE_COUNT]);
    expect([t.n, t.d, new Set(t.group).size]).toEqual([5192, 83, 239]);
    expect(t.featureNames).toEqual([...FEATURE_NAMES]);
    expect(t.x).toEqual(
      cat(
        samples.map((s) => s.features),
        (n) => new Float32Array(n),
      ),
    );
    expect(t.labels.horizon).toEqual(
      cat(
        samples.map((s) => s.label),
        (n) => new Uint8Array(n),
      ),
    );
    expect(t.labels.legacy).toEqual(
      cat(
        samples.map((s) => s.legacyLabel),
        (n) => new Uint8Array(n),
      ),
    );
    expect(t.labels.injected).toBeUndefined();
    expect(t.group).toEqual(
      cat(
        samples.map((s) => s.deviceIndex),
        (n) => new Uint32Array(n),
      ),
    );
    expect(t.time).toEqual(
      cat(
        samples.map((s) => s.time),
        (n) => new Float64Array(n),
      ),
    );
    expect(t.horizon).toBe(7 * 86_400_000);
    expect(t.legacyColumns).toBeNull();
    expect(() => tableLabels(t, 'injected')).toThrow(/temporal dataset has no "injected failure scenario" label/);
    expect(tableLabels(t, 'horizon').reduce((s, v) => s + v, 0)).toBe(236);

    // Home type and scenario come from each sample's device; the home type agrees with the one-hot feature.
    const homeTypeOf = new Map<number, number>();
    const scenarioOf = new Map<number, number>();
    for (const d of devices)
      d.deviceIndex.forEach((dev, i) => {
        homeTypeOf.set(dev, d.homeType[i] ?? -1);
        scenarioOf.set(dev, d.scenario[i] ?? -2);
      });
    const firstHomeTypeColumn = FEATURE_NAMES.indexOf(`home_type_${HOME_TYPES[0]}`);
    const last = (metric: string) => FEATURE_NAMES.indexOf(`${metric}_last`);
    const wrong = { homeType: 0, scenario: 0, oneHot: 0, legacy: 0, positiveHealthy: 0 };
    for (let i = 0; i < t.n; i++) {
      const dev = t.group[i] ?? 0;
      if (t.homeType[i] !== homeTypeOf.get(dev)) wrong.homeType++;
      if (t.scenario[i] !== scenarioOf.get(dev)) wrong.scenario++;
      if (t.x[i * t.d + firstHomeTypeColumn + (t.homeType[i] ?? 0)] !== 1) wrong.oneHot++;
      // The stored legacy label is the original rule on the window's last values.
      const at = (c: number) => t.x[i * t.d + c] ?? Number.NaN;
      if (
        t.labels.legacy[i] !== legacyLabel(at(last('response_time')), at(last('error_rate')), at(last('battery_level')))
      )
        wrong.legacy++;
      if (t.labels.horizon?.[i] === 1 && (t.scenario[i] ?? -1) < 0) wrong.positiveHealthy++;
    }
    expect(wrong).toEqual({ homeType: 0, scenario: 0, oneHot: 0, legacy: 0, positiveHealthy: 0 });
    expect(new Set(t.scenario)).toEqual(new Set([-1, 0, 1, 2, 3, 4]));
    db.close();
  });

  it('refuses a classic dataset', async () => {
    const db = await openWorkbenchDb('table-temporal-2');
    await beginDataset(db, {
      id: 'c',
      name: 'Classic',
      kind: 'classic',
      status: 'writing',
      createdAt: 1,
      completedAt: null,
      spec: { ...spec },
      appVersion: '0.1.0',
      rowCount: 0,
      chunkCount: 0,
      sizeBytes: 0,
      columns: CLASSIC_COLUMN_NAMES,
      summary: null,
      jobId: null,
    });
    const summary = {
      rows: 0,
      devices: 0,
      homes: null,
      labelRate: 0,
      labelName: '',
      byHomeType: {},
      byDeviceType: {},
      byScenario: {},
    };
    await completeDataset(db, 'c', { rowCount: 0, chunkCount: 0, sizeBytes: 0, summary, completedAt: 2 });
    await expect(loadTemporalTable(db, 'c')).rejects.toThrow(/is classic, not temporal/);
    db.close();
  });
});
