/**
 * Registers the service worker (src/app/sw.ts → dist/sw.js) and turns what it does into two things the
 * page acts on:
 *  - Cross-origin isolation on a plain static host: the first time the worker takes control of a page that
 *    was loaded without COOP/COEP, the page reloads once, so the worker serves it with them. A flag in
 *    sessionStorage stops reload loops (a browser that still does not isolate the page is left alone: the
 *    app works without isolation, slower), and no reload happens while a job runs (the next visit is
 *    isolated anyway).
 *  - Updates: a new version waits; an offer goes to the update banner, whose Reload asks the waiting worker
 *    to take over and reloads this page once it has. Nothing activates by itself.
 * Where service workers cannot register (file://, a browser or window without them) nothing happens and the
 * app runs as before.
 */

/** The parts of a ServiceWorker this module uses. */
export interface WorkerLike {
  readonly state: string;
  postMessage(message: unknown): void;
  addEventListener(type: 'statechange', listener: () => void): void;
}

/** The parts of a ServiceWorkerRegistration this module uses. */
export interface RegistrationLike {
  readonly installing: WorkerLike | null;
  readonly waiting: WorkerLike | null;
  readonly active: WorkerLike | null;
  addEventListener(type: 'updatefound', listener: () => void): void;
  update(): Promise<unknown>;
}

/** The parts of navigator.serviceWorker this module uses. */
export interface ContainerLike {
  readonly controller: unknown;
  register(url: string, options: { scope: string }): Promise<RegistrationLike>;
  addEventListener(type: 'controllerchange', listener: () => void): void;
}

export type UpdateOffer =
  /** A new version is installed and waiting; `apply` lets it take over and reloads this page. */
  | { kind: 'waiting'; apply: () => void }
  /** Another tab let a new version take over; this page still runs the old code until it reloads. */
  | { kind: 'activated-elsewhere'; apply: () => void };

export interface ServiceWorkerDeps {
  container: ContainerLike;
  url: string;
  scope: string;
  isolated: () => boolean;
  /** sessionStorage, or anything that throws like it when storage is blocked. */
  session: Pick<Storage, 'getItem' | 'setItem' | 'removeItem'>;
  reload: () => void;
  /** True while a job runs in this page: no automatic reload then. */
  busy: () => boolean;
  onOffer: (offer: UpdateOffer) => void;
  /** Long-lived tabs ask for a new version this often (a navigation does anyway). */
  every: (run: () => void, ms: number) => void;
  warn: (message: string) => void;
}

export const RELOAD_FLAG = 'homesynth.isolation-reload';
export const UPDATE_CHECK_MS = 60 * 60 * 1000;
export const SKIP_WAITING = { type: 'SKIP_WAITING' } as const;

/** Registers the worker and wires isolation reloads and update offers. Resolves with the registration, or null. */
export async function startServiceWorker(d: ServiceWorkerDeps): Promise<RegistrationLike | null> {
  // With storage blocked there is no loop guard, so no automatic reload either.
  let reloadedOnce = true;
  try {
    reloadedOnce = d.session.getItem(RELOAD_FLAG) === '1';
    if (d.isolated()) d.session.removeItem(RELOAD_FLAG);
  } catch {
    /* storage blocked */
  }
  let controlled = d.container.controller !== null;
  let updateRequested = false;

  const reloadForIsolation = (): void => {
    if (d.isolated() || reloadedOnce || d.busy()) return;
    try {
      d.session.setItem(RELOAD_FLAG, '1');
    } catch {
      return;
    }
    reloadedOnce = true;
    d.reload();
  };

  d.container.addEventListener('controllerchange', () => {
    if (updateRequested) {
      d.reload();
      return;
    }
    if (!controlled) {
      controlled = true;
      reloadForIsolation();
      return;
    }
    d.onOffer({ kind: 'activated-elsewhere', apply: d.reload });
  });

  let registration: RegistrationLike | undefined;
  try {
    registration = await d.container.register(d.url, { scope: d.scope });
  } catch (e) {
    d.warn(
      `Offline use and cross-origin isolation are off: the service worker did not register (${e instanceof Error ? e.message : String(e)}).`,
    );
    return null;
  }
  // Stubs that block service workers (test harnesses, some extensions) resolve with nothing.
  if (!registration) return null;

  const offerWaiting = (worker: WorkerLike): void =>
    d.onOffer({
      kind: 'waiting',
      apply: () => {
        updateRequested = true;
        worker.postMessage(SKIP_WAITING);
      },
    });
  if (registration.waiting && d.container.controller !== null) offerWaiting(registration.waiting);
  registration.addEventListener('updatefound', () => {
    const worker = registration.installing;
    if (!worker) return;
    worker.addEventListener('statechange', () => {
      // With no controller this is the first install, which activates at once: nothing to offer.
      if (worker.state === 'installed' && d.container.controller !== null) offerWaiting(worker);
    });
  });
  // Active but not controlling this page: a hard reload (Shift+Reload) bypassed the worker.
  if (registration.active && !controlled) reloadForIsolation();
  d.every(() => {
    registration.update().catch(() => undefined); // offline: try again next time
  }, UPDATE_CHECK_MS);
  return registration;
}

/** The latest update offer, for the banner (a tiny external store for useSyncExternalStore). */
function createOfferStore() {
  let offer: UpdateOffer | null = null;
  const listeners = new Set<() => void>();
  return {
    get: (): UpdateOffer | null => offer,
    set(next: UpdateOffer | null): void {
      offer = next;
      listeners.forEach((l) => l());
    },
    subscribe(listener: () => void): () => void {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
  };
}

export const updateOffers = createOfferStore();

/**
 * The browser wiring: registers `${BASE_URL}sw.js` after the page has loaded, in production builds only
 * (the dev server has no sw.js).
 */
export function registerServiceWorker(busy: () => boolean): void {
  if (!import.meta.env.PROD || !('serviceWorker' in navigator)) return;
  const start = (): void => {
    void startServiceWorker({
      container: navigator.serviceWorker,
      url: `${import.meta.env.BASE_URL}sw.js`,
      scope: import.meta.env.BASE_URL,
      isolated: () => window.crossOriginIsolated,
      // Reading window.sessionStorage itself throws where storage is blocked: only inside the guarded calls.
      session: {
        getItem: (key) => window.sessionStorage.getItem(key),
        setItem: (key, value) => window.sessionStorage.setItem(key, value),
        removeItem: (key) => window.sessionStorage.removeItem(key),
      },
      reload: () => window.location.reload(),
      busy,
      onOffer: updateOffers.set,
      every: (run, ms) => void window.setInterval(run, ms),
      warn: (message) => console.warn(message),
    });
  };
  if (document.readyState === 'complete') start();
  else window.addEventListener('load', start, { once: true });
}
