import 'fake-indexeddb/auto';
import { describe, expect, it } from 'vitest';
import { datasetContentKey, parseManifest } from '../domain/dataset-manifest';
import { labelHistogram } from '../domain/explore/label-histogram';
import { generateTemporal } from '../domain/temporal/generate';
import { defaultTemporalSpec } from '../domain/temporal/spec';
import { FEATURE_COUNT, FEATURE_NAMES } from '../domain/temporal/window-features';
import { openWorkbenchDb } from '../storage/db';
import { isCancelled } from '../workers/job-types';
import { createGeneratorService, STORED_SAMPLES_PER_CHUNK } from './generator-service';

let n = 0;
function service() {
  const name = `temporal-${n++}`;
  return {
    name,
    svc: createGeneratorService({
      openDb: () => openWorkbenchDb(name),
      now: () => 1,
      clock: () => performance.now(),
      yieldToEvents: () => new Promise((r) => setTimeout(r, 0)),
    }),
  };
}

const spec = defaultTemporalSpec({ homes: 12, days: 40, seed: 9, timeZone: 'Europe/Berlin', startDate: '2025-03-01' });
const req = (id: string) => ({
  jobId: `job-${id}`,
  datasetId: id,
  name: 'Temporal test',
  spec,
  appVersion: '0.1.0',
  createdAt: 5,
});

describe('temporal generation in the generator service', () => {
  it('stores a complete dataset with a computed summary, and exports samples, snapshot and manifest', async () => {
    const { svc } = service();
    const fractions: number[] = [];
    const rec = await svc.generateTemporal(req('t1'), (p) => fractions.push(p.fraction));
    expect(rec.kind).toBe('temporal');
    expect(rec.status).toBe('complete');
    expect(rec.summary?.homes).toBe(12);
    expect(rec.summary?.devices).toBeGreaterThan(12);
    expect(rec.rowCount).toBe(rec.summary?.rows);
    expect(rec.summary?.labelRate).toBeGreaterThan(0);
    expect(fractions.at(-1)).toBe(1);

    const csv = await svc.exportDataset('t1', 'csv');
    const lines = (await csv.blob.text()).trim().split('\r\n');
    expect(lines).toHaveLength(rec.rowCount + 1);
    expect(lines[0]?.split(',').length).toBe(8 + FEATURE_NAMES.length);
    expect(lines[0]?.split(',').slice(0, 6)).toEqual([
      'device_id',
      'home_index',
      'home_type',
      'device_type',
      'truth_failure_scenario',
      'time',
    ]);
    const samples = JSON.parse(await (await svc.exportDataset('t1', 'samples-json')).blob.text()) as Record<
      string,
      unknown
    >[];
    expect(samples).toHaveLength(rec.rowCount);
    expect(Object.keys(samples[0] ?? {})).toEqual(lines[0]?.split(','));
    expect(samples.some((r) => r.truth_failure_scenario !== 'none')).toBe(true);

    const snap = JSON.parse(await (await svc.exportDataset('t1', 'snapshot-json')).blob.text()) as Record<
      string,
      unknown
    >[];
    expect(snap).toHaveLength(rec.summary?.devices ?? 0);
    expect(snap[0]).toHaveProperty('device_id', 'synthetic_device_0001');
    expect(snap[0]).toHaveProperty('home_type');

    const manifest = JSON.parse(await (await svc.exportDataset('t1', 'manifest')).blob.text()) as {
      spec: unknown;
      kind: string;
      sampleColumns: { features: string[]; label: string; groundTruth: string[] };
    };
    expect(manifest.kind).toBe('temporal');
    expect(manifest.spec).toEqual(spec);
    // The manifest says which exported columns are features, which is the label and which are ground truth.
    expect(manifest.sampleColumns.features).toEqual(FEATURE_NAMES);
    expect(manifest.sampleColumns.label).toBe('label');
    expect(manifest.sampleColumns.groundTruth).toEqual(['truth_failure_scenario']);
    expect(manifest.sampleColumns.features).not.toContain('truth_failure_scenario');
  });

  it('the same manifest regenerates an identical dataset', async () => {
    const { svc, name } = service();
    await svc.generateTemporal(req('a'), () => undefined);
    await svc.generateTemporal(req('b'), () => undefined);
    const db = await openWorkbenchDb(name);
    const a = await db.getAllFromIndex('datasetChunks', 'by-dataset', 'a');
    const b = await db.getAllFromIndex('datasetChunks', 'by-dataset', 'b');
    expect(a.length).toBe(b.length);
    a.forEach((chunk, i) => expect(chunk.columns).toEqual(b[i]?.columns));
    db.close();
  });

  it('a dataset regenerated from its exported manifest has the same content key (so the same split)', async () => {
    const { svc, name } = service();
    await svc.generateTemporal(req('m1'), () => undefined);
    const manifest = parseManifest(await (await svc.exportDataset('m1', 'manifest')).blob.text());
    expect(manifest.kind).toBe('temporal');
    if (manifest.kind !== 'temporal') return;
    await svc.generateTemporal({ ...req('m2'), spec: manifest.spec }, () => undefined);
    const db = await openWorkbenchDb(name);
    const [one, two] = await Promise.all([db.get('datasets', 'm1'), db.get('datasets', 'm2')]);
    db.close();
    if (!one || !two) throw new Error('datasets missing');
    expect(datasetContentKey(two)).toBe(datasetContentKey(one));
    expect(datasetContentKey({ kind: 'temporal', spec: { ...manifest.spec } })).toBe(datasetContentKey(one));
    // A stored spec missing a field that has a default (an older record) still gives the same key.
    const { noise: _noise, ...older } = one.spec;
    expect(datasetContentKey({ kind: 'temporal', spec: older })).toBe(datasetContentKey(one));
  });

  it('regenerates a device series for charts and computes profiles and histograms', async () => {
    const { svc } = service();
    await svc.generateTemporal(req('c'), () => undefined);
    const s = await svc.deviceSeries('c', 3, 'usage_frequency', 200);
    // 40 local days in Berlin from 1 March include the 23-hour spring-forward day.
    expect(s.rawSteps).toBe(40 * 24 - 1);
    expect(s.time.length).toBeLessThanOrEqual(200);
    const p = await svc.profiles('c', 'temperature');
    expect(p.hourByHomeType).toHaveLength(24);
    const h = await svc.featureHistogram('c', 0);
    expect(h.negatives + h.positives).toBeGreaterThan(0);
  });

  it('computes a feature histogram from that feature alone, as over the whole generated rows', async () => {
    const { svc } = service();
    await svc.generateTemporal(req('h'), () => undefined);
    const rows = [...generateTemporal(spec)].map((c) => c.samples);
    for (const feature of [1, FEATURE_NAMES.indexOf('error_rate_mean'), FEATURE_COUNT - 1])
      expect(await svc.featureHistogram('h', feature)).toEqual(labelHistogram(rows, FEATURE_COUNT, feature));
  });

  it('reports export progress per stored chunk or device batch, and a cancel stops the export', async () => {
    const { svc } = service();
    const rec = await svc.generateTemporal({ ...req('x'), spec: { ...spec, homes: 30 } }, () => undefined);
    expect(rec.chunkCount).toBeGreaterThan(1);
    const fractions: number[] = [];
    const pq = await svc.exportDataset('x', 'parquet', { jobId: 'e1', onProgress: (p) => fractions.push(p.fraction) });
    expect(pq.blob.size).toBeGreaterThan(0);
    expect(fractions).toHaveLength(rec.chunkCount);
    expect(fractions).toEqual(fractions.toSorted((a, b) => a - b));
    expect(fractions.at(-1)).toBe(1);

    // Cancelled at its first report: the raw series export stops and rejects as cancelled.
    const reports: number[] = [];
    const series = svc.exportDataset('x', 'series-parquet', {
      jobId: 'e2',
      onProgress: (p) => {
        reports.push(p.fraction);
        svc.cancel('e2');
      },
    });
    await expect(series).rejects.toThrow(/cancelled/);
    // It stopped at the first batch of devices, not at the end.
    expect(reports).toHaveLength(1);
    expect(reports[0]).toBeLessThan(0.5);
    await expect(series.catch((e: unknown) => isCancelled(e))).resolves.toBe(true);
    // The job id is forgotten afterwards: an export under the same id runs to the end.
    const again: number[] = [];
    await svc.exportDataset('x', 'series-parquet', { jobId: 'e2', onProgress: (p) => again.push(p.fraction) });
    expect(again.at(-1)).toBe(1);
  });

  it('stores temporal samples in chunks of whole homes of about STORED_SAMPLES_PER_CHUNK samples', async () => {
    const { svc, name } = service();
    const big = defaultTemporalSpec({ homes: 60, days: 60, seed: 3 });
    const rec = await svc.generateTemporal({ ...req('s'), spec: big }, () => undefined);
    const db = await openWorkbenchDb(name);
    const chunks = await db.getAllFromIndex('datasetChunks', 'by-dataset', 's');
    db.close();
    expect(chunks.length).toBe(rec.chunkCount);
    const sizes = chunks.map((c) => (c.columns['sample.label'] as Uint8Array).length);
    expect(sizes.reduce((a, b) => a + b, 0)).toBe(rec.rowCount);
    expect(Math.max(...sizes)).toBeLessThanOrEqual(STORED_SAMPLES_PER_CHUNK * 1.2);
    expect(sizes.length).toBeGreaterThan(1);
  });
});
