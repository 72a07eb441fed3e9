// Entry point: loads the public info and the language, then shows the login page or the
// application shell with the page named by the URL hash (#/home, #/settings/general...).
import { get, setUnauthorizedHandler } from './api.js';
import { applyTheme } from './theme.js';
import { pickLanguage, setLanguage, t } from './i18n.js';
import { h, clear, notice } from './ui.js';
import { renderLogin } from './pages/login.js';
import { renderShell, updateShell } from './shell.js';
import { resolveRoute } from './routes.js';
import { state, hasRight } from './state.js';

const app = document.getElementById('app');

function parseHash() {
  const raw = location.hash.replace(/^#\/?/, '');
  const [path, q] = raw.split('?');
  return { path: path.replace(/\/+$/, '') || 'home', params: new URLSearchParams(q || '') };
}

function showLogin(message) {
  runCleanup();
  state.me = null;
  const { path } = parseHash();
  if (path !== 'login') state.afterLogin = location.hash;
  if (location.hash !== '#/login') history.replaceState(null, '', '#/login');
  renderLogin(app, { message });
}

function runCleanup() {
  if (state.cleanup) {
    try { state.cleanup(); } catch (e) { console.warn(e); }
    state.cleanup = null;
  }
}

let routing = 0;

async function route() {
  const mine = ++routing;
  const { path, params } = parseHash();
  if (path === 'login') {
    showLogin();
    return;
  }
  if (!state.me) {
    try {
      state.me = await get('/api/auth/me', { allowUnauthorized: true });
    } catch (e) {
      if (e.status === 401) { showLogin(); return; }
      renderFatal(e);
      return;
    }
    if (mine !== routing) return;
  }
  runCleanup();
  const main = renderShell(app);
  const r = resolveRoute(path);
  updateShell(r ? r.key : null);
  clear(main);
  main.className = `main page-${(r ? r.key : 'missing').replace(/\//g, '-')}`;
  if (!r) {
    main.appendChild(h('div', { class: 'page' }, h('h1', { class: 'page-title', tabindex: '-1' }, t('error.pageNotFound')),
      h('p', null, h('a', { href: '#/home' }, t('nav.home')))));
    return;
  }
  if (!hasRight(r.right)) {
    main.appendChild(h('div', { class: 'page' }, h('h1', { class: 'page-title', tabindex: '-1' }, t(r.title)),
      notice('warning', t('error.noRight'))));
    return;
  }
  document.title = `${t(r.title)} · Ream Central`;
  try {
    const mod = await r.load();
    if (mine !== routing) return;
    const cleanup = await mod.render(main, { params, route: r, me: state.me, info: state.info });
    if (mine !== routing) { if (typeof cleanup === 'function') cleanup(); return; }
    state.cleanup = typeof cleanup === 'function' ? cleanup : null;
  } catch (e) {
    if (e && e.status === 401) return;
    console.error(e);
    main.appendChild(notice('error', t('error.pageFailed'), ' ', String(e && e.message ? e.message : e)));
  }
  const title = main.querySelector('.page-title');
  if (title && document.activeElement === document.body) title.focus({ preventScroll: true });
}

function renderFatal(e) {
  clear(app);
  app.appendChild(h('div', { class: 'fatal' }, notice('error', t('error.serverUnreachable'), ' ', e.message || '')));
}

async function boot() {
  applyTheme();
  try {
    state.info = { ...state.info, ...(await get('/api/public/info')) };
  } catch (e) {
    /* keep defaults: the login page still works in English */
  }
  await setLanguage(pickLanguage(state.info.languages, state.info.defaultLanguage));
  setUnauthorizedHandler(() => { if (state.me) showLogin(t('login.sessionExpired')); });
  window.addEventListener('hashchange', route);
  app.removeAttribute('aria-busy');
  await route();
}

boot();
