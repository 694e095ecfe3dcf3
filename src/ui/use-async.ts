import { startTransition, useEffect, useEffectEvent, useState } from 'react';

/**
 * Runs `load` whenever `key` changes and keeps the latest answer (answers for an older key are dropped).
 * The answer is rendered as a transition: React renders it in slices between input events, so a page that
 * receives a large result (Compare: tables and charts of 18 models) never blocks the main thread for long.
 */
export function useAsync<T>(load: () => Promise<T>, key: string): { value: T | null; error: string | null } {
  const [state, setState] = useState<{ value: T | null; error: string | null }>({ value: null, error: null });
  const start = useEffectEvent(load);
  useEffect(() => {
    let live = true;
    start().then(
      (value) => {
        if (live) startTransition(() => setState({ value, error: null }));
      },
      (e: unknown) => {
        if (live) setState({ value: null, error: e instanceof Error ? e.message : String(e) });
      },
    );
    return () => {
      live = false;
    };
  }, [key]);
  return state;
}
