import { useSyncExternalStore } from 'react';

/** A minimal History-API router: every page has a real URL; back, forward and reload keep the place. */
export interface Location {
  path: string;
  query: URLSearchParams;
}

const listeners = new Set<() => void>();
let snapshot: { href: string; loc: Location } | null = null;

function read(): Location {
  const href = window.location.pathname + window.location.search;
  if (!snapshot || snapshot.href !== href) {
    snapshot = { href, loc: { path: window.location.pathname, query: new URLSearchParams(window.location.search) } };
  }
  return snapshot.loc;
}

function subscribe(fn: () => void): () => void {
  listeners.add(fn);
  window.addEventListener('popstate', fn);
  return () => {
    listeners.delete(fn);
    window.removeEventListener('popstate', fn);
  };
}

export function useLocation(): Location {
  return useSyncExternalStore(subscribe, read);
}

export function navigate(to: string, { replace = false } = {}): void {
  if (to === window.location.pathname + window.location.search) return;
  if (replace) window.history.replaceState(null, '', to);
  else window.history.pushState(null, '', to);
  listeners.forEach((l) => l());
}
