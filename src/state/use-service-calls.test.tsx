// @vitest-environment happy-dom
import { cleanup, renderHook } from '@testing-library/react';
import type { ReactNode } from 'react';
import { afterEach, describe, expect, it } from 'vitest';
import type { HomesApi } from '../workers/homes.api';
import type { ModelsApi } from '../workers/models.api';
import { fakeClient, fakeWorkbench } from './fake-services.test-helpers';
import type { WorkbenchServices } from './services';
import { ServicesContext, useHomeCalls, useModelCalls } from './use-service-calls';

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

  it('refuse to run outside the services provider', () => {
    expect(() => renderHook(() => useModelCalls())).toThrow(/ServicesContext/);
  });
});
