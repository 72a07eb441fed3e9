// Rights (manual 8.9): every right with the users and groups that hold it; add a user or a
// group to a right, or take it away. The server keeps the set per user or group.
import { get, put, query } from '../api.js';
import { t } from '../i18n.js';
import { h, clear, button, notice, toast, pageHeader, errorText, dialog, fieldRow, nextId } from '../ui.js';
import { listOf, sortByPath } from './users.js';

const RIGHTS = ['ADMINISTRATOR', 'MANAGE_LICENCES', 'MANAGE_PAYMENTS', 'MANAGE_REPORTS', 'MANAGE_SETTINGS', 'MANAGE_USERS',
  'MANAGE_VOUCHERS', 'READ_JOBS', 'RECHARGE_CREDIT', 'VIEW_LOG', 'VIEW_PRINTERS', 'DELETE_CARDS'];

export async function render(main) {
  const page = new RightsPage(main);
  await page.start();
  return () => {};
}

class RightsPage {
  constructor(main) {
    this.main = main;
  }

  async start() {
    this.list = h('div', { class: 'rights-list', 'data-test': 'rights-list' });
    this.message = h('div', { class: 'page-message' });
    this.main.appendChild(h('div', { class: 'page page-rights' },
      pageHeader(t('settings.rights'), {
        crumbs: [{ label: t('nav.settings'), href: '#/settings' }, { label: t('settings.rights') }],
        subtitle: t('rights.intro'),
      }),
      this.message, this.list));
    await this.load();
  }

  async load() {
    let data;
    try {
      data = await get('/api/rights');
      clear(this.message);
    } catch (e) {
      clear(this.message).appendChild(notice('error', errorText(e)));
      return;
    }
    clear(this.list).append(...RIGHTS.map(r => this.card(r, data[r] || { users: [], groups: [] })));
  }

  card(right, holders) {
    const add = button(t('rights.add'), { iconName: 'plus', 'data-test': `right-add-${right}`, onClick: () => this.addHolder(right) });
    const items = [
      ...(right === 'ADMINISTRATOR' ? [h('li', { class: 'holder' }, h('span', null, '*admin'), h('span', { class: 'muted' }, t('rights.always')))] : []),
      ...holders.users.map(u => h('li', { class: 'holder', dataset: { user: u.username } },
        h('span', null, u.username, u.fullName ? h('span', { class: 'muted' }, ` (${u.fullName})`) : ''),
        button(t('common.remove'), { kind: 'ghost', onClick: () => this.change('users', u.id, right, false) }))),
      ...holders.groups.map(g => h('li', { class: 'holder', dataset: { group: g.path } },
        h('span', null, h('span', { class: 'badge' }, t('rights.group')), ' ', String(g.path).split('|').join(' / ')),
        button(t('common.remove'), { kind: 'ghost', onClick: () => this.change('groups', g.id, right, false) }))),
    ];
    return h('section', { class: 'card right-card', dataset: { right } },
      h('div', { class: 'right-head' }, h('div', null, h('h2', null, t(`right.${right}`, { fallback: right })), h('p', { class: 'muted' }, t(`right.${right}.hint`, { fallback: '' }))), add),
      items.length ? h('ul', { class: 'plain-list' }, ...items) : h('p', { class: 'muted' }, t('rights.nobody')));
  }

  /** Adds or removes one right in the set of a user or group (kind: users | groups). */
  async change(kind, id, right, grant) {
    try {
      const current = await get(`/api/rights/${kind}/${id}`);
      const set = new Set(current.rights || []);
      if (grant) set.add(right); else set.delete(right);
      await put(`/api/rights/${kind}/${id}`, { rights: [...set] });
      await this.load();
      return true;
    } catch (e) {
      toast(errorText(e), 'error');
      return false;
    }
  }

  async addHolder(right) {
    const who = h('input', { class: 'input', id: nextId('holder'), list: 'rights-user-options', placeholder: t('rights.userName'), 'data-test': 'right-user' });
    const options = h('datalist', { id: 'rights-user-options' });
    who.addEventListener('input', async () => {
      if (who.value.trim().length < 2) return;
      try {
        const page = await get(`/api/users${query({ q: who.value.trim(), limit: 20 })}`);
        clear(options).append(...listOf(page, 'users').map(u => h('option', { value: u.username }, u.fullName || '')));
      } catch (e) { /* suggestions only */ }
    });
    let groups = [];
    try { groups = sortByPath(listOf(await get('/api/groups'), 'groups')); } catch (e) { /* no groups */ }
    const group = h('select', { class: 'input', id: nextId('holdergroup'), 'data-test': 'right-group' }, h('option', { value: '' }, '–'),
      ...groups.map(g => h('option', { value: String(g.id) }, String(g.path || g.name).split('|').join(' / '))));
    dialog({
      title: t('rights.addTo', { right: t(`right.${right}`, { fallback: right }) }),
      body: [fieldRow({ label: t('rights.user'), control: who }), options, fieldRow({ label: t('rights.orGroup'), control: group })],
      actions: [
        { label: t('common.cancel') },
        { label: t('common.add'), kind: 'primary', primary: true, onClick: async (dlg) => {
          if (group.value) return this.change('groups', Number(group.value), right, true);
          const name = who.value.trim();
          if (!name) { dlg.setError(t('rights.pickSomeone')); return false; }
          const page = await get(`/api/users${query({ q: name, limit: 50 })}`).catch(() => ({ users: [] }));
          const user = listOf(page, 'users').find(u => u.username === name);
          if (!user) { dlg.setError(t('groups.noSuchUser', { name })); return false; }
          return this.change('users', user.id, right, true);
        } },
      ],
    });
  }
}
