import type { StateCreator } from 'zustand/vanilla';
import type { WorkbenchState } from './workbench-store';

export type ThemeChoice = 'system' | 'light' | 'dark';

export interface Notice {
  id: number;
  kind: 'error' | 'info';
  text: string;
}

export interface UiSlice {
  theme: ThemeChoice;
  setTheme(theme: ThemeChoice): void;
  notices: Notice[];
  notify(kind: Notice['kind'], text: string): void;
  dismiss(id: number): void;
}

let noticeId = 0;

export function createUiSlice(initialTheme: ThemeChoice): StateCreator<WorkbenchState, [], [], UiSlice> {
  return (set, get) => ({
    theme: initialTheme,
    setTheme(theme) {
      set({ theme });
    },
    notices: [],
    notify(kind, text) {
      set({ notices: [...get().notices, { id: ++noticeId, kind, text }] });
    },
    dismiss(id) {
      set({ notices: get().notices.filter((n) => n.id !== id) });
    },
  });
}
