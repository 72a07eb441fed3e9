// The five themes of the manual (5.2, 5.4): colours live in css/app.css as custom properties.
export const THEMES = ['system', 'blue', 'red', 'dark', 'contrast'];
export const DEFAULT_THEME = 'red';

const KEY = 'ream.theme';
const dark = window.matchMedia ? window.matchMedia('(prefers-color-scheme: dark)') : null;
const contrast = window.matchMedia ? window.matchMedia('(prefers-contrast: more)') : null;

export function chosenTheme() {
  let t = null;
  try { t = localStorage.getItem(KEY); } catch (e) { /* storage blocked */ }
  return THEMES.includes(t) ? t : DEFAULT_THEME;
}

function effective(theme) {
  if (theme !== 'system') return theme;
  if (contrast && contrast.matches) return 'contrast';
  return dark && dark.matches ? 'dark' : 'red';
}

export function applyTheme(theme = chosenTheme()) {
  const root = document.documentElement;
  const before = root.getAttribute('data-theme');
  const now = effective(theme);
  root.setAttribute('data-theme', now);
  root.setAttribute('data-theme-choice', theme);
  if (before !== now) window.dispatchEvent(new CustomEvent('ream:themechange', { detail: { theme: now } }));
}

export function setTheme(theme) {
  if (!THEMES.includes(theme)) return;
  try { localStorage.setItem(KEY, theme); } catch (e) { /* storage blocked */ }
  applyTheme(theme);
}

// "Sync with the OS" follows a change of the OS setting while the page is open.
for (const q of [dark, contrast]) {
  if (q && q.addEventListener) q.addEventListener('change', () => { if (chosenTheme() === 'system') applyTheme('system'); });
}

/** Reads a colour of the current theme (charts draw with the theme's palette). */
export function cssVar(name) {
  return getComputedStyle(document.documentElement).getPropertyValue(name).trim();
}
