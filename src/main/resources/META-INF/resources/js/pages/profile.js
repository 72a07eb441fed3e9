// My profile (manual 8.8 self-service): any logged-in user sees their profile and changes
// their password, PIN and language; full name and email when profile editing is on.
import { get, post, put } from '../api.js';
import { t, LANGUAGE_NAMES } from '../i18n.js';
import { h, clear, button, busy, notice, toast, pageHeader, errorText, fieldRow, setFieldError, showFieldErrors, dialog, nextId } from '../ui.js';
import { openChangePassword } from '../password.js';
import { state } from '../state.js';

export async function render(main) {
  const body = h('div', { class: 'profile', 'data-test': 'profile' });
  main.appendChild(h('div', { class: 'page page-profile' }, pageHeader(t('profile.title'), { subtitle: t('profile.intro') }), body));
  await draw(body);
  return () => {};
}

async function draw(body) {
  let me;
  try {
    me = await get('/api/me');
  } catch (e) {
    clear(body).appendChild(notice('error', errorText(e)));
    return;
  }
  const rows = {};
  const fullName = h('input', { class: 'input', id: nextId('me-name'), value: me.fullName || '', disabled: !me.profileEditing, 'data-test': 'me-fullName' });
  const email = h('input', { class: 'input', id: nextId('me-email'), type: 'email', value: me.email || '', disabled: !me.profileEditing, 'data-test': 'me-email' });
  rows.fullName = fieldRow({ label: t('users.col.fullName'), control: fullName, id: 'fullName' });
  rows.email = fieldRow({ label: t('users.col.email'), control: email, id: 'email' });
  const save = me.profileEditing ? button(t('common.save'), { kind: 'primary', 'data-test': 'me-save', onClick: () => busy(save, async () => {
    Object.values(rows).forEach(r => setFieldError(r, null));
    try {
      await put('/api/me/profile', { fullName: fullName.value.trim(), email: email.value.trim() });
      toast(t('profile.saved'));
    } catch (e) {
      showErrors(e, rows);
    }
  }) }) : null;
  const lang = h('select', { class: 'input', id: nextId('me-lang'), 'data-test': 'me-language' },
    ...Object.entries(LANGUAGE_NAMES).map(([k, name]) => h('option', { value: k, selected: me.language === k }, name)));
  lang.addEventListener('change', async () => {
    try {
      await put('/api/me/language', { language: lang.value });
      toast(t('profile.languageSaved'));
    } catch (e) {
      toast(errorText(e), 'error');
    }
  });
  const groups = (me.groups || []).map(g => h('li', null, String(g.path || g.name).split('|').join(' / '),
    g.accounting ? h('span', { class: 'badge' }, t('users.accountingGroup')) : '', g.manager ? h('span', { class: 'badge' }, t('users.manager')) : ''));
  const security = [];
  if (me.canChangePassword) security.push(button(t('user.changePassword'), { iconName: 'key', 'data-test': 'me-password', onClick: () => openChangePassword() }));
  if (me.canChangePin) {
    security.push(button(t('profile.changePin'), { 'data-test': 'me-pin', onClick: () => changePin(body) }));
    security.push(button(t('profile.generatePin'), { 'data-test': 'me-generate-pin', onClick: (e) => busy(e.currentTarget, () => generatePin(body)) }));
  }
  clear(body).append(
    h('section', { class: 'card' },
      h('h2', null, me.username),
      rows.fullName, rows.email, save ? h('div', { class: 'form-actions' }, save) : h('p', { class: 'muted' }, t('profile.editingOff')),
      fieldRow({ label: t('users.language'), control: lang, id: 'language' })),
    h('section', { class: 'card' }, h('h3', null, t('users.groups')),
      groups.length ? h('ul', { class: 'plain-list' }, ...groups) : h('p', { class: 'muted' }, t('users.unclassified'))),
    h('section', { class: 'card' }, h('h3', null, t('profile.security')),
      h('p', { 'data-test': 'me-pin-count' }, t('users.pinCount', { n: me.pinCount ?? 0 })),
      h('div', { class: 'form-actions' }, ...security)));
  if (state.me) state.me.fullName = me.fullName;
}

function changePin(body) {
  const pin = h('input', { type: 'password', inputmode: 'numeric', autocomplete: 'off', id: nextId('pin'), 'data-test': 'me-new-pin' });
  const again = h('input', { type: 'password', inputmode: 'numeric', autocomplete: 'off', id: nextId('pin2') });
  const rows = { pin: fieldRow({ label: t('profile.newPin'), control: pin, required: true, id: 'pin' }), again: fieldRow({ label: t('profile.repeatPin'), control: again, required: true, id: 'again' }) };
  dialog({
    title: t('profile.changePin'),
    body: Object.values(rows),
    actions: [
      { label: t('common.cancel') },
      { label: t('common.save'), kind: 'primary', primary: true, onClick: async () => {
        Object.values(rows).forEach(r => setFieldError(r, null));
        if (pin.value !== again.value) { setFieldError(rows.again, t('profile.pinMismatch')); return false; }
        try {
          await post('/api/me/pin', { pin: pin.value });
        } catch (e) {
          showErrors(e, rows);
          return false;
        }
        toast(t('profile.pinChanged'));
        draw(body);
        return true;
      } },
    ],
  });
}

async function generatePin(body) {
  try {
    const g = await post('/api/me/pin/generate');
    dialog({
      title: t('profile.generatePin'),
      body: [h('p', null, t('profile.newPinIs')), h('p', { class: 'pin-once', 'data-test': 'me-generated-pin' }, g.pin || ''),
        h('p', { class: 'muted' }, g.mailed ? t('profile.pinMailed') : t('profile.pinOnce'))],
      actions: [{ label: t('common.ok'), kind: 'primary' }],
    });
    draw(body);
  } catch (e) {
    toast(errorText(e), 'error');
  }
}

function showErrors(e, rows) {
  if (!showFieldErrors(e, rows)) toast(errorText(e), 'error');
}
