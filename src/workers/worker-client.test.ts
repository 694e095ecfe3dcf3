import { expose } from 'comlink';
import { MessageChannel } from 'node:worker_threads';
import { describe, expect, it } from 'vitest';
import { WorkerCrashedError, createWorkerClient, type WorkerLike } from './worker-client';

interface TestApi {
  slow(ms: number): Promise<string>;
  ping(): Promise<'pong'>;
}

/** A fake worker over a MessageChannel whose "crash" and "hang" can be triggered from the test. */
function fakeWorker(api: TestApi) {
  const { port1, port2 } = new MessageChannel();
  expose(api, port2 as never);
  const errorListeners: ((ev: unknown) => void)[] = [];
  let terminated = false;
  const worker = {
    postMessage: (m: unknown, t?: Transferable[]) => port1.postMessage(m, t as never),
    addEventListener: (type: string, l: (ev: unknown) => void) => {
      if (type === 'error') errorListeners.push(l);
      else port1.addListener(type as 'message', (data: unknown) => l({ data }));
    },
    removeEventListener: () => undefined,
    terminate: () => {
      terminated = true;
      port1.close();
      port2.close();
    },
  } as unknown as WorkerLike;
  return {
    worker,
    crash: () => errorListeners.forEach((l) => l({ message: 'out of memory' })),
    isTerminated: () => terminated,
  };
}

describe('worker client', () => {
  it('starts lazily and runs calls', async () => {
    let created = 0;
    const client = createWorkerClient<TestApi>(
      () => {
        created++;
        return fakeWorker({ slow: async () => 'done', ping: async () => 'pong' }).worker;
      },
      { ping: (a) => a.ping(), label: 'test' },
    );
    expect(client.started).toBe(false);
    expect(created).toBe(0);
    await expect(client.run((a) => a.slow(1))).resolves.toBe('done');
    expect(created).toBe(1);
    client.terminate();
  });

  it('turns a crash into a readable error for the pending call and restarts on the next call', async () => {
    const fakes: ReturnType<typeof fakeWorker>[] = [];
    const client = createWorkerClient<TestApi>(
      () => {
        const f = fakeWorker({
          slow: (ms) => new Promise((r) => setTimeout(() => r('late'), ms)),
          ping: async () => 'pong',
        });
        fakes.push(f);
        return f.worker;
      },
      { ping: (a) => a.ping(), label: 'generator' },
    );
    const pending = client.run((a) => a.slow(60_000));
    await new Promise((r) => setTimeout(r, 20));
    fakes[0]?.crash();
    await expect(pending).rejects.toBeInstanceOf(WorkerCrashedError);
    await expect(pending).rejects.toThrow(/generator worker crashed: .*intact/);
    expect(fakes[0]?.isTerminated()).toBe(true);
    expect(client.started).toBe(false);
    const again = client.run((a) => a.slow(1));
    await expect(again).resolves.toBe('late');
    expect(fakes).toHaveLength(2);
    client.terminate();
  });

  it('takes a worker that stops answering pings for dead', async () => {
    const client = createWorkerClient<TestApi>(
      () => fakeWorker({ slow: () => new Promise(() => undefined), ping: () => new Promise(() => undefined) }).worker,
      { ping: (a) => a.ping(), label: 'trainer', pingIntervalMs: 10, pingTimeoutMs: 50 },
    );
    await expect(client.run((a) => a.slow(0))).rejects.toThrow(/stopped responding/);
  });

  it('terminate rejects pending calls with the given reason', async () => {
    const client = createWorkerClient<TestApi>(
      () => fakeWorker({ slow: () => new Promise(() => undefined), ping: async () => 'pong' }).worker,
      { ping: (a) => a.ping(), label: 'x' },
    );
    const p = client.run((a) => a.slow(0));
    await new Promise((r) => setTimeout(r, 10));
    client.terminate(new Error('stopped by user'));
    await expect(p).rejects.toThrow('stopped by user');
  });

  it('an aborted signal ends the worker and rejects the call with the abort reason; an aborted signal starts nothing', async () => {
    let created = 0;
    const fakes: ReturnType<typeof fakeWorker>[] = [];
    const client = createWorkerClient<TestApi>(
      () => {
        created++;
        const f = fakeWorker({ slow: () => new Promise(() => undefined), ping: async () => 'pong' });
        fakes.push(f);
        return f.worker;
      },
      { ping: (a) => a.ping(), label: 'x' },
    );
    const controller = new AbortController();
    const p = client.run((a) => a.slow(0), { signal: controller.signal });
    await new Promise((r) => setTimeout(r, 10));
    controller.abort(new Error('user left the page'));
    await expect(p).rejects.toThrow('user left the page');
    expect(fakes[0]?.isTerminated()).toBe(true);
    expect(client.started).toBe(false);
    await expect(client.run((a) => a.slow(0), { signal: controller.signal })).rejects.toThrow('user left the page');
    expect(created).toBe(1);
  });
});
