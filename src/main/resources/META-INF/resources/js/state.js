// What every page may read: the public info, the logged-in user and their rights.
export const state = {
  info: { languages: ['en'], themes: ['system', 'blue', 'red', 'dark', 'contrast'], customLogo: false, defaultLanguage: 'en' },
  me: null,
  cleanup: null,
  afterLogin: null,
  logoVersion: Date.now(),
};

export function hasRight(right) {
  if (!right) return true;
  const rights = (state.me && state.me.rights) || [];
  return rights.includes('ADMINISTRATOR') || rights.includes(right);
}

/** Goes to a page; the same hash again reloads the page. */
export function navigate(hash) {
  if (location.hash === hash) window.dispatchEvent(new HashChangeEvent('hashchange'));
  else location.hash = hash;
}

/** The URL of the custom logo (6.2); the built-in one is drawn inline (icons.brandMark). */
export function logoUrl() {
  return `/api/public/logo?v=${state.logoVersion}`;
}
