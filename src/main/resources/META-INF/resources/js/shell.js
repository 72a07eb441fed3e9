// The frame around every page after login: top bar (logo, user menu), the default-password
// banner, and the Main menu with the Settings menu nested in it (manual 5.3).
import { post } from './api.js';
import { icon, brandMark } from './icons.js';
import { LANGUAGE_NAMES, language, setLanguage, t } from './i18n.js';
import { chosenTheme, setTheme, THEMES } from './theme.js';
import { h, clear, button, menu, toast } from './ui.js';
import { MAIN_MENU, SETTINGS_MENU, resolveRoute } from './routes.js';
import { state, hasRight, navigate, logoUrl } from './state.js';
import { openChangePassword } from './password.js';

let shell = null;
let currentKey = null;
const NAV_KEY = 'ream.nav.collapsed';

export function renderShell(app) {
  if (shell && app.contains(shell.root)) return shell.main;
  clear(app);
  const nav = h('nav', { class: 'sidenav', id: 'sidenav', 'aria-label': t('nav.mainMenu') });
  const main = h('main', { id: 'main', class: 'main', tabindex: '-1' });
  const banner = h('div', { class: 'banner-slot' });
  const toggle = button(t('nav.mainMenu'), { iconName: 'menu', iconOnly: true, kind: 'ghost', class: 'btn btn-ghost btn-icon nav-toggle', 'aria-controls': 'sidenav', 'aria-expanded': 'true' });
  const brand = h('a', { class: 'brand', href: '#/home', title: t('nav.home'), 'data-test': 'brand' });
  fillBrand(brand);
  const userBtn = h('button', { type: 'button', class: 'btn btn-ghost user-button', 'data-test': 'user-menu' },
    h('span', { class: 'avatar', 'aria-hidden': 'true' }, initials()),
    h('span', { class: 'user-name' }, state.me.fullName || state.me.username),
    icon('chevronDown'));
  userBtn.setAttribute('aria-label', t('user.menu', { name: state.me.username }));
  const userMenu = menu(userBtn, () => [
    { heading: `${state.me.fullName || ''} (${state.me.username})` },
    { label: t('profile.title'), icon: 'user', id: 'my-profile', onSelect: () => { location.hash = '#/profile'; } },
    { label: t('user.changePassword'), icon: 'key', id: 'change-password', onSelect: () => openChangePassword() },
    { separator: true },
    { heading: t('theme.title') },
    ...THEMES.map(th => ({ label: t(`theme.${th}`), checked: chosenTheme() === th, id: `theme-${th}`, onSelect: () => setTheme(th) })),
    { separator: true },
    { heading: t('language.title') },
    ...state.info.languages.map(l => ({ label: LANGUAGE_NAMES[l] || l, checked: language() === l, id: `lang-${l}`, onSelect: () => switchLanguage(l) })),
    { separator: true },
    { label: t('user.logout'), icon: 'logout', id: 'logout', onSelect: logout },
  ], { align: 'right' });

  const topbar = h('header', { class: 'topbar' },
    h('div', { class: 'topbar-left' }, toggle, brand),
    h('div', { class: 'topbar-right' }, userMenu));
  const root = h('div', { class: 'shell' }, topbar, banner, h('div', { class: 'body' }, nav, h('div', { class: 'scrim', hidden: true }), main));
  app.appendChild(root);

  const scrim = root.querySelector('.scrim');
  const narrow = window.matchMedia('(max-width: 900px)');
  const setOpen = (open) => {
    if (narrow.matches) {
      root.classList.toggle('nav-open', open);
      scrim.hidden = !open;
      toggle.setAttribute('aria-expanded', String(open));
      if (open) (nav.querySelector('a[aria-current]') || nav.querySelector('a')).focus();
    } else {
      root.classList.toggle('nav-collapsed', !open);
      toggle.setAttribute('aria-expanded', String(open));
      try { localStorage.setItem(NAV_KEY, open ? '0' : '1'); } catch (e) { /* storage blocked */ }
    }
  };
  let collapsed = false;
  try { collapsed = localStorage.getItem(NAV_KEY) === '1'; } catch (e) { /* storage blocked */ }
  if (!narrow.matches && collapsed) setOpen(false);
  if (narrow.matches) toggle.setAttribute('aria-expanded', 'false');
  toggle.addEventListener('click', () => {
    const open = narrow.matches ? !root.classList.contains('nav-open') : root.classList.contains('nav-collapsed');
    setOpen(open);
  });
  scrim.addEventListener('click', () => setOpen(false));
  nav.addEventListener('click', (e) => { if (narrow.matches && e.target.closest('a')) setOpen(false); });
  nav.addEventListener('keydown', (e) => { if (e.key === 'Escape' && narrow.matches) { setOpen(false); toggle.focus(); } });

  shell = { root, nav, main, banner, brand };
  return main;
}

function initials() {
  const name = (state.me.fullName || state.me.username || '?').replace(/^\*/, '');
  const parts = name.split(/\s+/).filter(Boolean);
  return ((parts[0] || '?')[0] + (parts.length > 1 ? parts[parts.length - 1][0] : '')).toUpperCase();
}

function navLink(r, active) {
  const isCurrent = r.key === active;
  return h('a', { href: `#/${r.key}`, class: `nav-link${isCurrent ? ' active' : ''}`, 'aria-current': isCurrent ? 'page' : null, title: t(r.title), dataset: { nav: r.key } },
    icon(r.icon), h('span', { class: 'nav-text' }, t(r.title)));
}

function renderNav(activeKey) {
  const nav = shell.nav;
  clear(nav);
  const active = resolveRoute(activeKey || '');
  const inSettings = activeKey && activeKey.startsWith('settings');
  const list = h('ul', { class: 'nav-list' });
  for (const r of MAIN_MENU) {
    if (!hasRight(r.right)) continue;
    const li = h('li', null, navLink(r, activeKey));
    if (r.key === 'settings') {
      const allowed = SETTINGS_MENU.filter(s => hasRight(s.right));
      if (inSettings) li.querySelector('a').classList.add('open');
      if (inSettings && allowed.length) {
        li.appendChild(h('ul', { class: 'nav-sub', 'aria-label': t('nav.settingsMenu') }, ...allowed.map(s => h('li', null, navLink(s, activeKey)))));
      }
    }
    list.appendChild(li);
  }
  nav.appendChild(list);
  nav.appendChild(h('div', { class: 'nav-footer' }, h('span', null, 'Ream Central')));
  if (active && active.parent === 'settings') nav.querySelector('[data-nav="settings"]').classList.add('open');
  // A page under another main-menu entry (Users > Groups) marks that entry as the current one.
  const parentLink = active && active.parent && active.parent !== 'settings' ? nav.querySelector(`[data-nav="${active.parent}"]`) : null;
  if (parentLink) parentLink.classList.add('open');
}

export function renderBanner() {
  if (!shell) return;
  clear(shell.banner);
  if (state.me && state.me.defaultPassword) {
    shell.banner.appendChild(h('div', { class: 'banner banner-warning', role: 'alert', 'data-test': 'default-password-banner' },
      icon('warning'),
      h('span', { class: 'banner-text' }, h('strong', null, t('banner.defaultPasswordTitle')), ' ', t('banner.defaultPassword')),
      button(t('user.changePassword'), { kind: 'primary', iconName: 'key', onClick: () => openChangePassword(), 'data-test': 'banner-change-password' })));
  }
}

export function updateShell(activeKey) {
  currentKey = activeKey;
  renderNav(activeKey);
  renderBanner();
}

/** Re-reads the logo after an upload or a removal on the Personalization page. */
export function refreshLogo(customLogo) {
  state.info.customLogo = customLogo;
  state.logoVersion = Date.now();
  if (shell) fillBrand(shell.brand);
}

/** The custom logo (6.2) when one is set, else the built-in mark and the product name. */
function fillBrand(brand) {
  clear(brand);
  if (state.info.customLogo) {
    brand.appendChild(h('img', { class: 'brand-logo custom', src: logoUrl(), alt: t('app.customLogo') }));
  } else {
    brand.append(brandMark(), h('span', { class: 'brand-name' }, h('strong', null, 'Ream'), ' Central'));
  }
}

async function switchLanguage(lang) {
  await setLanguage(lang, true);
  shell = null;
  navigate(location.hash || '#/home');
}

async function logout() {
  try {
    await post('/api/auth/logout');
  } catch (e) {
    toast(e.message, 'error');
  }
  state.me = null;
  shell = null;
  navigate('#/login');
}

export function currentRouteKey() {
  return currentKey;
}
