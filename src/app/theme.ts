import type { ThemeChoice } from '../state/ui-slice';

/** Only the theme choice lives in localStorage: nothing sensitive, and it must apply before first paint. */
export const THEME_KEY = 'homesynth.theme';

export function storedTheme(): ThemeChoice {
  const v = localStorage.getItem(THEME_KEY);
  return v === 'light' || v === 'dark' ? v : 'system';
}
