import { useEffect, useEffectEvent, useState } from 'react';

/** Runs `load` whenever `key` changes and keeps the latest answer (answers for an older key are dropped). */
export function useAsync<T>(load: () => Promise<T>, key: string): { value: T | null; error: string | null } {
  const [state, setState] = useState<{ value: T | null; error: string | null }>({ value: null, error: null });
  const start = useEffectEvent(load);
  useEffect(() => {
    let live = true;
    start().then(
      (value) => live && setState({ value, error: null }),
      (e: unknown) => live && setState({ value: null, error: e instanceof Error ? e.message : String(e) }),
    );
    return () => {
      live = false;
    };
  }, [key]);
  return state;
}
