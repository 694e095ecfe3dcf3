import { createContext, useContext } from 'react';
import { useStore } from 'zustand';
import type { WorkbenchState, WorkbenchStore } from './workbench-store';

export const WorkbenchContext = createContext<WorkbenchStore | null>(null);

/** Reads one slice of state through a selector; components re-render only when it changes. */
export function useWorkbench<T>(selector: (s: WorkbenchState) => T): T {
  const store = useContext(WorkbenchContext);
  if (!store) throw new Error('useWorkbench must be used inside <WorkbenchContext.Provider>');
  return useStore(store, selector);
}
