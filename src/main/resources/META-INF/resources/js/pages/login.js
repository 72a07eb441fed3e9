// Login page (manual 5.2): user name, password, language drop-down and theme choice.
import { get, post } from '../api.js';
import { LANGUAGE_NAMES, language, setLanguage, t } from '../i18n.js';
import { chosenTheme, setTheme, THEMES } from '../theme.js';
import { h, clear, notice, busy, errorText } from '../ui.js';
import { brandMark } from '../icons.js';
import { state, navigate, logoUrl } from '../state.js';

export function renderLogin(app, { message } = {}) {
  clear(app);
  document.title = `${t('login.title')} · Ream Central`;

  const langSelect = h('select', { id: 'login-language', class: 'compact', 'aria-label': t('language.title') },
    ...state.info.languages.map(l => h('option', { value: l, selected: l === language() }, LANGUAGE_NAMES[l] || l)));
  const themeSelect = h('select', { id: 'login-theme', class: 'compact', 'aria-label': t('theme.title') },
    ...THEMES.map(th => h('option', { value: th, selected: th === chosenTheme() }, t(`theme.${th}`))));

  const username = h('input', { id: 'login-username', name: 'username', type: 'text', autocomplete: 'username', required: true, autocapitalize: 'none', spellcheck: 'false' });
  const password = h('input', { id: 'login-password', name: 'password', type: 'password', autocomplete: 'current-password', required: true });
  const errorBox = h('div', { class: 'login-error', id: 'login-error', 'aria-live': 'assertive' });
  // Password or PIN (8.8): the PIN alone identifies the user; the user name is then optional.
  let byPin = false;
  const secretLabel = h('label', { for: 'login-password', class: 'field-label' }, t('login.password'));
  const modeToggle = h('button', { type: 'button', class: 'btn btn-link login-mode', id: 'login-mode' }, t('login.usePin'));
  modeToggle.addEventListener('click', () => {
    byPin = !byPin;
    secretLabel.textContent = byPin ? t('login.pin') : t('login.password');
    modeToggle.textContent = byPin ? t('login.usePassword') : t('login.usePin');
    password.value = '';
    password.setAttribute('autocomplete', byPin ? 'off' : 'current-password');
    if (byPin) password.setAttribute('inputmode', 'numeric'); else password.removeAttribute('inputmode');
    forgotPin.hidden = !byPin;
    resetBox.hidden = true;
    password.focus();
  });

  // "Forgot your PIN?" (8.8): a code by email, then a new PIN by email.
  const forgotPin = h('button', { type: 'button', class: 'btn btn-link login-mode', id: 'login-forgot-pin', hidden: true }, t('login.forgotPin'));
  const resetUser = h('input', { id: 'reset-username', type: 'text', autocomplete: 'username', autocapitalize: 'none', spellcheck: 'false' });
  const resetCode = h('input', { id: 'reset-code', type: 'text', autocomplete: 'one-time-code', autocapitalize: 'characters', spellcheck: 'false' });
  const resetMessage = h('div', { 'aria-live': 'polite', id: 'reset-message' });
  const say = (kind, text) => { clear(resetMessage).appendChild(notice(kind, text)); };
  const sendCode = h('button', { type: 'button', class: 'btn btn-secondary', id: 'reset-send' }, t('login.sendCode'));
  const newPin = h('button', { type: 'button', class: 'btn btn-secondary', id: 'reset-confirm' }, t('login.getNewPin'));
  sendCode.addEventListener('click', () => busy(sendCode, async () => {
    try {
      await post('/api/auth/pin-reset', { username: resetUser.value.trim() }, { allowUnauthorized: true });
      say('info', t('login.codeSent'));
      resetCode.focus();
    } catch (err) {
      say('error', errorText(err));
    }
  }));
  newPin.addEventListener('click', () => busy(newPin, async () => {
    try {
      await post('/api/auth/pin-reset/confirm', { username: resetUser.value.trim(), code: resetCode.value.trim() }, { allowUnauthorized: true });
      say('success', t('login.newPinSent'));
      resetCode.value = '';
    } catch (err) {
      say('error', errorText(err));
    }
  }));
  const resetBox = h('div', { class: 'pin-reset', id: 'pin-reset', hidden: true },
    h('div', { class: 'field stacked' }, h('label', { for: 'reset-username', class: 'field-label' }, t('login.username')), resetUser),
    sendCode,
    h('div', { class: 'field stacked' }, h('label', { for: 'reset-code', class: 'field-label' }, t('login.resetCode')), resetCode),
    newPin,
    resetMessage);
  forgotPin.addEventListener('click', () => {
    resetBox.hidden = !resetBox.hidden;
    if (!resetBox.hidden) { resetUser.value = username.value.trim(); resetUser.focus(); }
  });
  const submit = h('button', { type: 'submit', class: 'btn btn-primary btn-block', id: 'login-submit' }, h('span', { class: 'btn-label' }, t('login.submit')));

  // "Sign in with Microsoft" (6.6.2): one link per Azure AD server that offers it.
  const microsoft = h('div', { class: 'login-microsoft', 'data-test': 'microsoft-sign-in' });
  get('/api/auth/microsoft/servers', { allowUnauthorized: true }).then((servers) => {
    for (const s of servers || []) {
      microsoft.appendChild(h('a', { class: 'btn btn-secondary btn-block', href: `/api/auth/microsoft/start?server=${encodeURIComponent(s.id)}` },
        t('login.microsoft', { name: s.name })));
    }
  }).catch(() => { /* the password login still works */ });
  const signInError = new URLSearchParams(location.search).get('signInError');

  const form = h('form', { class: 'login-form', novalidate: true, 'aria-describedby': 'login-error' },
    h('div', { class: 'field stacked' }, h('label', { for: 'login-username', class: 'field-label' }, t('login.username')), username),
    h('div', { class: 'field stacked' }, secretLabel, password),
    modeToggle,
    forgotPin,
    errorBox,
    submit,
    microsoft,
    resetBox);

  const card = h('section', { class: 'login-card', 'aria-labelledby': 'login-title' },
    h('div', { class: 'login-prefs' },
      h('label', { class: 'pref' }, h('span', { class: 'pref-label' }, t('language.title')), langSelect),
      h('label', { class: 'pref' }, h('span', { class: 'pref-label' }, t('theme.title')), themeSelect)),
    h('div', { class: 'login-brand' },
      state.info.customLogo ? h('img', { src: logoUrl(), alt: t('app.customLogo'), class: 'custom' }) : brandMark('login-mark'),
      h('h1', { id: 'login-title' }, h('span', { class: 'product' }, 'Ream Central'), h('span', { class: 'login-subtitle' }, t('login.subtitle')))),
    message ? notice('info', message) : null,
    signInError ? notice('error', t('login.microsoftFailed', { reason: signInError })) : null,
    form);

  app.appendChild(h('div', { class: 'login-page' },
    h('main', { class: 'login-main', id: 'main' }, card),
    h('footer', { class: 'login-footer' }, t('login.footer'))));

  langSelect.addEventListener('change', async () => {
    const keep = { u: username.value, p: password.value };
    await setLanguage(langSelect.value, true);
    renderLogin(app, { message });
    const u = document.getElementById('login-username');
    u.value = keep.u;
    document.getElementById('login-password').value = keep.p;
    document.getElementById('login-language').focus();
  });
  themeSelect.addEventListener('change', () => setTheme(themeSelect.value));

  const showError = (text) => {
    clear(errorBox);
    if (text) errorBox.appendChild(notice('error', text));
  };

  form.addEventListener('submit', async (e) => {
    e.preventDefault();
    showError(null);
    if (!byPin && !username.value.trim()) { showError(t('login.usernameRequired')); username.focus(); return; }
    if (byPin && !password.value) { showError(t('login.pinRequired')); password.focus(); return; }
    const body = byPin ? { username: username.value.trim() || null, pin: password.value } : { username: username.value.trim(), password: password.value };
    try {
      const me = await busy(submit, () => post('/api/auth/login', body, { allowUnauthorized: true }));
      state.me = me;
      // /?next=/hawtio/ comes from the operations console's gate: go back there (same origin only).
      const next = new URLSearchParams(location.search).get('next');
      if (next && /^\/hawtio(\/|$)/.test(next)) { location.assign(next); return; }
      const target = state.afterLogin && !state.afterLogin.startsWith('#/login') ? state.afterLogin : '#/home';
      state.afterLogin = null;
      navigate(target);
    } catch (err) {
      if (err.status === 401) showError(t('login.badCredentials'));
      else if (err.status === 403 && err.body.locked) showError(t('login.locked'));
      else if (err.fields && err.fields.username) showError(t('login.usernameRequired'));
      else showError(errorText(err));
      password.select();
      password.focus();
    }
  });

  username.focus();
}
