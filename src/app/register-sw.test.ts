import { describe, expect, it } from 'vitest';
import {
  RELOAD_FLAG,
  SKIP_WAITING,
  startServiceWorker,
  type ContainerLike,
  type RegistrationLike,
  type ServiceWorkerDeps,
  type UpdateOffer,
  type WorkerLike,
} from './register-sw';

class FakeWorker implements WorkerLike {
  state = 'installing';
  readonly messages: unknown[] = [];
  private listeners: (() => void)[] = [];
  postMessage(message: unknown): void {
    this.messages.push(message);
  }
  addEventListener(_type: 'statechange', listener: () => void): void {
    this.listeners.push(listener);
  }
  become(state: string): void {
    this.state = state;
    this.listeners.forEach((l) => l());
  }
}

class FakeRegistration implements RegistrationLike {
  installing: FakeWorker | null = null;
  waiting: FakeWorker | null = null;
  active: FakeWorker | null = null;
  updates = 0;
  private listeners: (() => void)[] = [];
  addEventListener(_type: 'updatefound', listener: () => void): void {
    this.listeners.push(listener);
  }
  async update(): Promise<unknown> {
    this.updates++;
    return undefined;
  }
  found(worker: FakeWorker): void {
    this.installing = worker;
    this.listeners.forEach((l) => l());
  }
}

class FakeContainer implements ContainerLike {
  controller: unknown = null;
  fail: Error | null = null;
  readonly registration = new FakeRegistration();
  private listeners: (() => void)[] = [];
  async register(): Promise<RegistrationLike> {
    if (this.fail) throw this.fail;
    return this.registration;
  }
  addEventListener(_type: 'controllerchange', listener: () => void): void {
    this.listeners.push(listener);
  }
  takeControl(worker: unknown): void {
    this.controller = worker;
    this.listeners.forEach((l) => l());
  }
}

function harness(opts: { isolated?: boolean; busy?: boolean; flag?: string | null; blocked?: boolean } = {}) {
  const container = new FakeContainer();
  const session = new Map<string, string>();
  if (opts.flag) session.set(RELOAD_FLAG, opts.flag);
  const state = {
    isolated: opts.isolated ?? false,
    busy: opts.busy ?? false,
    reloads: 0,
    offers: [] as UpdateOffer[],
    warnings: [] as string[],
    timers: [] as (() => void)[],
  };
  const blocked = (): never => {
    throw new Error('SecurityError');
  };
  const deps: ServiceWorkerDeps = {
    container,
    url: '/sw.js',
    scope: '/',
    isolated: () => state.isolated,
    session: {
      getItem: (k) => (opts.blocked ? blocked() : (session.get(k) ?? null)),
      setItem: (k, v) => (opts.blocked ? blocked() : void session.set(k, v)),
      removeItem: (k) => (opts.blocked ? blocked() : void session.delete(k)),
    },
    reload: () => void state.reloads++,
    busy: () => state.busy,
    onOffer: (o) => void state.offers.push(o),
    every: (run) => void state.timers.push(run),
    warn: (m) => void state.warnings.push(m),
  };
  return { container, session, state, deps };
}

describe('service worker registration', () => {
  it('reloads once when the first worker takes control of a page that is not isolated', async () => {
    const h = harness();
    await startServiceWorker(h.deps);
    h.container.takeControl(new FakeWorker());
    expect(h.state.reloads).toBe(1);
    expect(h.session.get(RELOAD_FLAG)).toBe('1');
  });

  it('does not reload again after that reload (no loop when isolation still fails)', async () => {
    const h = harness({ flag: '1' });
    h.container.controller = new FakeWorker();
    h.container.registration.active = new FakeWorker();
    await startServiceWorker(h.deps);
    expect(h.state.reloads).toBe(0);
  });

  it('clears the flag once the page is isolated, so a later hard reload may reload again', async () => {
    const h = harness({ isolated: true, flag: '1' });
    await startServiceWorker(h.deps);
    expect(h.session.has(RELOAD_FLAG)).toBe(false);
    h.container.takeControl(new FakeWorker());
    expect(h.state.reloads).toBe(0);
  });

  it('reloads a page a hard reload kept out of an active worker', async () => {
    const h = harness();
    h.container.registration.active = new FakeWorker();
    await startServiceWorker(h.deps);
    expect(h.state.reloads).toBe(1);
  });

  it('never reloads by itself while a job runs, nor without storage for the loop guard', async () => {
    const busy = harness({ busy: true });
    await startServiceWorker(busy.deps);
    busy.container.takeControl(new FakeWorker());
    expect(busy.state.reloads).toBe(0);

    const blocked = harness({ blocked: true });
    await startServiceWorker(blocked.deps);
    blocked.container.takeControl(new FakeWorker());
    expect(blocked.state.reloads).toBe(0);
  });

  it('offers a waiting version and applies it only when asked: skip waiting, then reload on the takeover', async () => {
    const h = harness({ isolated: true });
    h.container.controller = new FakeWorker();
    await startServiceWorker(h.deps);
    const next = new FakeWorker();
    h.container.registration.found(next);
    expect(h.state.offers).toHaveLength(0);
    next.become('installed');
    expect(h.state.offers.map((o) => o.kind)).toEqual(['waiting']);
    expect(next.messages).toEqual([]);
    expect(h.state.reloads).toBe(0);

    h.state.offers[0]?.apply();
    expect(next.messages).toEqual([SKIP_WAITING]);
    expect(h.state.reloads).toBe(0);
    h.container.takeControl(next);
    expect(h.state.reloads).toBe(1);
  });

  it('offers a version that was already waiting when the page loaded', async () => {
    const h = harness({ isolated: true });
    h.container.controller = new FakeWorker();
    const waiting = new FakeWorker();
    waiting.state = 'installed';
    h.container.registration.waiting = waiting;
    await startServiceWorker(h.deps);
    expect(h.state.offers.map((o) => o.kind)).toEqual(['waiting']);
  });

  it('offers nothing on the first install (it activates at once)', async () => {
    const h = harness({ isolated: true });
    await startServiceWorker(h.deps);
    const first = new FakeWorker();
    h.container.registration.found(first);
    first.become('installed');
    expect(h.state.offers).toHaveLength(0);
  });

  it('does not reload when another tab let a new version take over, but offers a reload', async () => {
    const h = harness({ isolated: true });
    h.container.controller = new FakeWorker();
    await startServiceWorker(h.deps);
    h.container.takeControl(new FakeWorker());
    expect(h.state.reloads).toBe(0);
    expect(h.state.offers.map((o) => o.kind)).toEqual(['activated-elsewhere']);
    h.state.offers[0]?.apply();
    expect(h.state.reloads).toBe(1);
  });

  it('checks for a new version periodically', async () => {
    const h = harness({ isolated: true });
    await startServiceWorker(h.deps);
    h.state.timers.forEach((t) => t());
    expect(h.container.registration.updates).toBe(1);
  });

  it('copes with a registration stub that resolves with nothing', async () => {
    const h = harness();
    h.container.register = async () => undefined as unknown as RegistrationLike;
    expect(await startServiceWorker(h.deps)).toBeNull();
    expect(h.state.reloads).toBe(0);
  });

  it('leaves the app running when the worker cannot register', async () => {
    const h = harness();
    h.container.fail = new Error('not supported');
    expect(await startServiceWorker(h.deps)).toBeNull();
    expect(h.state.warnings[0]).toMatch(/did not register \(not supported\)/);
    expect(h.state.reloads).toBe(0);
  });
});
