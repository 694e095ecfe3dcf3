import 'fake-indexeddb/auto';
import { expose, proxy, releaseProxy, wrap, type Remote } from 'comlink';
import { afterEach, describe, expect, it } from 'vitest';
import { MessageChannel, type MessagePort } from 'node:worker_threads';
import { defaultClassicSpec } from '../domain/classic/classic-spec';
import { openWorkbenchDb } from '../storage/db';
import { listDatasets } from '../storage/datasets-repo';
import type { GeneratorApi } from './generator.api';
import { createGeneratorEndpoint } from './generator.endpoint';
import { createGeneratorService } from '../services/generator-service';
import type { WorkerProgress } from './job-types';

let n = 0;
const cleanups: (() => void)[] = [];
afterEach(() => {
  while (cleanups.length) cleanups.pop()?.();
});

function connect(dbName: string): Remote<GeneratorApi> {
  const { port1, port2 } = new MessageChannel();
  const service = createGeneratorService({
    openDb: () => openWorkbenchDb(dbName),
    now: () => 1234,
    clock: () => performance.now(),
    yieldToEvents: () => new Promise((r) => setTimeout(r, 0)),
  });
  expose(createGeneratorEndpoint(service), port2 as unknown as MessagePort & { start(): void } as never);
  const api = wrap<GeneratorApi>(port1 as never);
  cleanups.push(() => {
    api[releaseProxy]();
    port1.close();
    port2.close();
  });
  return api;
}

const request = (over: { samples?: number } = {}) => ({
  jobId: `job-${n}`,
  datasetId: `ds-${n}`,
  name: 'Seeded classic',
  spec: { ...defaultClassicSpec(), samples: over.samples ?? 1000 },
  appVersion: '0.1.0',
  createdAt: 1000,
});

describe('generator worker contract over a MessageChannel', () => {
  it('generates, reports progress and stores a complete dataset with a computed summary', async () => {
    const dbName = `gen-${n++}`;
    const api = connect(dbName);
    const progress: WorkerProgress[] = [];
    const rec = await api.generateClassic(
      request({ samples: 120_000 }),
      proxy((p: WorkerProgress) => progress.push(p)),
    );
    expect(rec.status).toBe('complete');
    expect(rec.rowCount).toBe(120_000);
    expect(rec.chunkCount).toBe(3);
    expect(rec.summary?.rows).toBe(120_000);
    expect(rec.summary?.byHomeType.single_family_house).toBe(42_000);
    expect(rec.summary?.labelRate).toBeGreaterThan(0.1);
    expect(rec.summary?.labelRate).toBeLessThan(0.2);
    expect(progress.at(-1)?.fraction).toBe(1);
    const fractions = progress.map((p) => p.fraction);
    expect(fractions).toEqual(fractions.toSorted((a, b) => a - b));
    const db = await openWorkbenchDb(dbName);
    expect((await listDatasets(db)).map((d) => d.id)).toEqual([rec.id]);
    db.close();
  });

  it('cancel mid-run rejects with CancelledError and leaves nothing half-written', async () => {
    const dbName = `gen-${n++}`;
    const api = connect(dbName);
    const req = request({ samples: 400_000 });
    let sent = false;
    const run = api.generateClassic(
      req,
      proxy((p: WorkerProgress) => {
        if (!sent && p.fraction > 0) {
          sent = true;
          void api.cancel(req.jobId);
        }
      }),
    );
    await expect(run).rejects.toMatchObject({ name: 'CancelledError' });
    const db = await openWorkbenchDb(dbName);
    expect(await db.count('datasets')).toBe(0);
    expect(await db.count('datasetChunks')).toBe(0);
    db.close();
  });

  it('rejects invalid settings with a readable message and stores nothing', async () => {
    const dbName = `gen-${n++}`;
    const api = connect(dbName);
    const bad = { ...request(), spec: { ...defaultClassicSpec(), samples: -5 } };
    await expect(
      api.generateClassic(
        bad,
        proxy(() => undefined),
      ),
    ).rejects.toThrow(/samples: Samples must be at least 1/);
    const db = await openWorkbenchDb(dbName);
    expect(await db.count('datasets')).toBe(0);
    db.close();
  });

  it('exports the original JSON and a CSV with every column', async () => {
    const dbName = `gen-${n++}`;
    const api = connect(dbName);
    const rec = await api.generateClassic(
      request({ samples: 300 }),
      proxy(() => undefined),
    );
    const progress: number[] = [];
    const json = await api.exportDataset(
      rec.id,
      'original-json',
      'export-1',
      proxy((p: WorkerProgress) => progress.push(p.fraction)),
    );
    // Reading the stored chunks is the first half, writing the JSON the second. Progress crosses on its own port.
    await expect.poll(() => progress.at(-1)).toBe(1);
    expect(progress).toContain(0.5);
    expect(progress).toEqual(progress.toSorted((a, b) => a - b));
    expect(json.fileName).toBe('large_training_data.json');
    const rows = JSON.parse(await json.blob.text()) as Record<string, unknown>[];
    expect(rows).toHaveLength(300);
    expect(Object.keys(rows[0] ?? {}).slice(0, 12)).toEqual([
      'device_id',
      'response_time',
      'error_rate',
      'battery_level',
      'signal_strength',
      'usage_frequency',
      'temperature',
      'humidity',
      'uptime_hours',
      'restart_count',
      'connection_drops',
      'data_transfer_rate',
    ]);
    expect(rows.every((r) => typeof r.home_type === 'string')).toBe(true);
    const csv = await api.exportDataset(
      rec.id,
      'csv',
      'export-2',
      proxy(() => undefined),
    );
    const lines = (await csv.blob.text()).trim().split('\r\n');
    expect(lines).toHaveLength(301);
    expect(lines[0]).toBe(
      'device_id,home_type,device_type,failure_scenario,response_time,error_rate,battery_level,signal_strength,usage_frequency,temperature,humidity,uptime_hours,restart_count,connection_drops,data_transfer_rate,health_score,legacy_label',
    );
  });
});
