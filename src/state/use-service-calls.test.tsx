// @vitest-environment happy-dom
import { cleanup, renderHook } from '@testing-library/react';
import type { ReactNode } from 'react';
import { afterEach, describe, expect, it } from 'vitest';
import type { DatasetQueryApi } from '../workers/dataset-query.api';
import type { GeneratorApi } from '../workers/generator.api';
import type { HomesApi } from '../workers/homes.api';
import type { ModelsApi } from '../workers/models.api';
import { WorkerCrashedError } from '../workers/worker-client';
import { fakeClient, fakeWorkbench } from './fake-services.test-helpers';
import type { WorkbenchServices } from './services';
import { ServicesContext, useDatasetCalls, useHomeCalls, useModelCalls } from './use-service-calls';

afterEach(cleanup);

function wrapper(services: WorkbenchServices) {
  return ({ children }: { children: ReactNode }) => (
    <ServicesContext.Provider value={services}>{children}</ServicesContext.Provider>
  );
}

describe('service-call hooks', () => {
  it('call the worker with the arguments given and shape its answer as the features expect', async () => {
    const { services } = await fakeWorkbench();
    const batches: unknown[] = [];
    services.models = fakeClient<ModelsApi>({
      exportModel: (id, format, appVersion) =>
        Promise.resolve([
          { name: `${id}.${format}.${appVersion}`, mime: 'application/json', data: new ArrayBuffer(2) },
        ]),
      predictBatch: (req) => {
        batches.push(req);
        return Promise.resolve({ csv: 'a,b\n', rows: 1 } as never);
      },
    });
    const { result } = renderHook(() => useModelCalls(), { wrapper: wrapper(services) });

    const files = await result.current.exportModelFiles('m1', 'single');
    expect(files.map((f) => f.fileName)).toEqual(['m1.single.test']);
    expect(files[0]?.blob.size).toBe(2);

    const out = await result.current.predictCsvFile(new File(['x,y\n1,2\n'], 'rows.csv'));
    expect(batches).toEqual([{ csv: 'x,y\n1,2\n', fileName: 'rows.csv' }]);
    expect(await out.blob.text()).toBe('a,b\n');
  });

  it('return the same functions on every render, so effects that depend on them do not rerun', async () => {
    const { services } = await fakeWorkbench();
    services.homes = fakeClient<HomesApi>({ homeView: () => Promise.resolve(null) });
    const { result, rerender } = renderHook(() => useHomeCalls(), { wrapper: wrapper(services) });
    const first = result.current;
    rerender();
    expect(result.current).toBe(first);
    expect(await result.current.homeView('h1')).toBeNull();
  });

  it('turn a crashed table or generator worker into a message that says what to do', async () => {
    const { services } = await fakeWorkbench();
    const crash = () => Promise.reject(new WorkerCrashedError('The worker ran out of memory.'));
    services.datasetQuery = fakeClient<DatasetQueryApi>({ query: crash, exportCsv: crash });
    services.generator = fakeClient<GeneratorApi>({ exportDataset: crash });
    const { result } = renderHook(() => useDatasetCalls(), { wrapper: wrapper(services) });
    const query = { datasetId: 'd1', sort: null, filters: [], search: '', offset: 0, limit: 10 };
    await expect(result.current.queryDatasetTable(query)).rejects.toThrow(
      'The dataset table stopped: The worker ran out of memory. Reload the page to try again.',
    );
    await expect(result.current.exportDataset('d1', 'csv', () => undefined).file).rejects.toThrow(
      'Export failed: The worker ran out of memory.',
    );
  });

  it('say the dataset table is unavailable when no query worker exists, and find no failing devices in a missing dataset', async () => {
    const { services } = await fakeWorkbench();
    delete services.datasetQuery;
    const { result } = renderHook(() => useDatasetCalls(), { wrapper: wrapper(services) });
    await expect(
      result.current.exportDatasetTable({ datasetId: 'd1', sort: null, filters: [], search: '' }),
    ).rejects.toThrow('The dataset table is not available here.');
    expect(await result.current.failingDevices('missing', 5)).toEqual([]);
  });

  it('refuse to run outside the services provider', () => {
    expect(() => renderHook(() => useModelCalls())).toThrow(/ServicesContext/);
  });
});
