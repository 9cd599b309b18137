/**
 * Light, dark, or the system's choice (the default), remembered in this
 * browser's `localStorage`; the stylesheet reads `data-theme` on `<html>`.
 * @packageDocumentation
 */

/** The three choices. */
export type Theme = 'auto' | 'light' | 'dark';

const THEME_KEY = 'consent-gate.dashboard.theme';
const ORDER: readonly Theme[] = ['auto', 'light', 'dark'];
const NAMES: Readonly<Record<Theme, string>> = { auto: 'Theme: system', light: 'Theme: light', dark: 'Theme: dark' };

/** The remembered theme, `auto` when none (or storage is blocked). */
export function storedTheme(): Theme {
  try {
    const value = localStorage.getItem(THEME_KEY);
    return ORDER.includes(value as Theme) ? (value as Theme) : 'auto';
  } catch {
    return 'auto';
  }
}

/** The theme after `theme` in the toggle's cycle. */
export const nextTheme = (theme: Theme): Theme => ORDER[(ORDER.indexOf(theme) + 1) % ORDER.length]!;

/** Use and remember `theme`; the toggle names it. */
export function applyTheme(theme: Theme, toggle: HTMLElement): void {
  if (theme === 'auto') document.documentElement.removeAttribute('data-theme');
  else document.documentElement.setAttribute('data-theme', theme);
  toggle.textContent = NAMES[theme];
  try {
    if (theme === 'auto') localStorage.removeItem(THEME_KEY);
    else localStorage.setItem(THEME_KEY, theme);
  } catch {}
}
