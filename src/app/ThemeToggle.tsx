import { useEffect, useSyncExternalStore } from 'react';
import { useWorkbench } from '../state/use-workbench';
import { THEME_KEY } from './theme';

const media = (): MediaQueryList => window.matchMedia('(prefers-color-scheme: dark)');
const subscribe = (fn: () => void): (() => void) => {
  const m = media();
  m.addEventListener('change', fn);
  return () => m.removeEventListener('change', fn);
};

/** Follows the system until the user picks; the toggle switches to the other theme and remembers it. */
export function ThemeToggle() {
  const theme = useWorkbench((s) => s.theme);
  const setTheme = useWorkbench((s) => s.setTheme);
  const systemDark = useSyncExternalStore(subscribe, () => media().matches);
  const effective = theme === 'system' ? (systemDark ? 'dark' : 'light') : theme;
  useEffect(() => {
    document.documentElement.dataset.theme = effective;
    if (theme === 'system') localStorage.removeItem(THEME_KEY);
    else localStorage.setItem(THEME_KEY, theme);
  }, [effective, theme]);
  const next = effective === 'dark' ? 'light' : 'dark';
  return (
    <button
      type="button"
      className="theme-toggle"
      aria-pressed={effective === 'dark'}
      onClick={() => setTheme(next)}
      title={`Switch to the ${next} theme`}
    >
      Dark theme
    </button>
  );
}
