// The app's one service worker, built by vite-plugin-pwa (injectManifest) into dist/sw.js. It does what a
// plain static host (files, a 404.html fallback, no custom headers) cannot:
//  - precaches the whole build, so the app loads and works offline after the first visit;
//  - serves the cached index.html for every in-app path, so deep links work offline too;
//  - adds COOP/COEP/CORP to every same-origin response it serves (the coi-serviceworker pattern), so the
//    page becomes cross-origin isolated without server headers.
// Cross-origin requests (api.openai.com, local OpenAI-compatible servers) are left to the network, untouched.
// A new version waits until the page asks it to take over (the update banner's Reload button).
import { cleanupOutdatedCaches, matchPrecache, precache, type PrecacheEntry } from 'workbox-precaching';
import { withIsolationHeaders } from './sw-headers';

// The DOM library has no service-worker types, and the worker library cannot join this program (its globals
// clash with the DOM's), so the few pieces used here are declared locally.
interface SwExtendableEvent extends Event {
  waitUntil(promise: Promise<unknown>): void;
}
interface SwFetchEvent extends SwExtendableEvent {
  readonly request: Request;
  respondWith(response: Promise<Response>): void;
}
interface SwMessageEvent extends SwExtendableEvent {
  readonly data: unknown;
}
interface SwScope {
  readonly __WB_MANIFEST: (PrecacheEntry | string)[];
  readonly location: { readonly origin: string };
  readonly registration: { readonly scope: string };
  readonly clients: { claim(): Promise<void> };
  skipWaiting(): Promise<void>;
  addEventListener(type: 'activate', listener: (event: SwExtendableEvent) => void): void;
  addEventListener(type: 'fetch', listener: (event: SwFetchEvent) => void): void;
  addEventListener(type: 'message', listener: (event: SwMessageEvent) => void): void;
}
declare const self: SwScope;

precache(self.__WB_MANIFEST);
cleanupOutdatedCaches();

/** The page's "Reload" on the update banner: take over now (the page reloads on controllerchange). */
self.addEventListener('message', (event) => {
  const data = event.data;
  if (typeof data === 'object' && data !== null && 'type' in data && data.type === 'SKIP_WAITING')
    void self.skipWaiting();
});

/** Take control of open pages at once: on a first visit the page then reloads once to become isolated. */
self.addEventListener('activate', (event) => event.waitUntil(self.clients.claim()));

/** A path whose last segment has a dot names a file (/sw.js, /assets/x.js), not an app page. */
function looksLikeFile(url: URL): boolean {
  return /\.[^/]+$/.test(url.pathname);
}

async function respond(request: Request, url: URL): Promise<Response> {
  const navigation = request.mode === 'navigate';
  let response = await matchPrecache(url.href);
  if (!response && navigation && url.href.startsWith(self.registration.scope) && !looksLikeFile(url)) {
    response = await matchPrecache('index.html');
  }
  return withIsolationHeaders(response ?? (await fetch(request)), navigation);
}

self.addEventListener('fetch', (event) => {
  const { request } = event;
  if (request.method !== 'GET') return;
  const url = new URL(request.url);
  if (url.origin !== self.location.origin) return;
  // A Chromium quirk (coi-serviceworker handles it the same way): such requests must not be answered.
  if (request.cache === 'only-if-cached' && request.mode !== 'same-origin') return;
  event.respondWith(respond(request, url));
});
