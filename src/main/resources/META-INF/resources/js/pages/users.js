// Users (manual 8.1-8.4, 8.6): the views, search, paging by cursor, the user panel (8.4.1)
// with groups and delegates, delete/undelete, and the CSV export in the sync syntax.
import { get, post, put, del, query } from '../api.js';
import { t, LANGUAGE_NAMES } from '../i18n.js';
import { h, clear, button, busy, menu, notice, toast, pageHeader, sidePanel, errorText, fieldErrorText, fieldRow, setFieldError, showFieldErrors, switchInput, confirmDialog, exportFile, nextId } from '../ui.js';
import { DataTable } from '../table.js';
import { hasRight } from '../state.js';

const VIEWS = ['all', 'unclassified', 'managers', 'locked', 'deleted'];
const PAGE = 100;
const lines = (text) => text.split(/[\n,;]/).map(x => x.trim()).filter(Boolean);

export async function render(main) {
  const page = new UsersPage(main);
  await page.start();
  return () => page.dispose();
}

class UsersPage {
  constructor(main) {
    this.main = main;
    this.view = 'all';
    this.search = '';
    this.groupId = '';
    this.rows = [];
    this.next = null;
    this.seq = 0;
  }

  dispose() {
    this.disposed = true;
    clearTimeout(this.searchTimer);
    if (this.panel) this.panel.close();
  }

  async start() {
    const canManage = hasRight('MANAGE_USERS');
    this.addBtn = button(t('users.add'), { iconName: 'plus', kind: 'primary', 'data-test': 'user-add', onClick: () => this.edit(null) });
    this.editBtn = button(t('common.edit'), { iconName: 'sliders', 'data-test': 'user-edit', onClick: () => { const u = this.table.selected(); if (u) this.edit(u); } });
    this.deleteBtn = button(t('common.delete'), { iconName: 'trash', 'data-test': 'user-delete', onClick: () => this.removeOrRestore() });
    this.lockBtn = button(t('users.lock'), { iconName: 'shield', 'data-test': 'user-lock', onClick: () => this.toggleLock() });
    const exportBtn = button(t('users.export'), { iconName: 'download', 'data-test': 'user-export' });
    menu(exportBtn, [
      { label: t('users.exportAll'), icon: 'download', id: 'export-all', onSelect: () => exportFile('/api/users/export', 'users.csv') },
      { label: t('users.exportGroup'), icon: 'download', id: 'export-group', onSelect: () => this.exportGroup() },
    ]);
    const refresh = button(t('log.refresh'), { iconName: 'refresh', onClick: () => busy(refresh, () => this.load()) });
    const groupsBtn = button(t('groups.title'), { iconName: 'tree', 'data-test': 'user-groups-page', onClick: () => { location.hash = '#/users/groups'; } });
    this.tabs = h('div', { class: 'view-tabs', role: 'tablist', 'aria-label': t('users.views') },
      ...VIEWS.map(v => h('button', { type: 'button', role: 'tab', class: 'view-tab', 'aria-selected': String(v === this.view), dataset: { view: v },
        onclick: () => this.setView(v) }, t(`users.view.${v}`))));
    this.searchInput = h('input', { type: 'search', class: 'input', placeholder: t('users.search'), 'aria-label': t('users.search'), 'data-test': 'user-search' });
    this.searchInput.addEventListener('input', () => {
      clearTimeout(this.searchTimer);
      this.searchTimer = setTimeout(() => { this.search = this.searchInput.value.trim(); this.load(); }, 250);
    });
    this.groupSelect = h('select', { class: 'input', 'aria-label': t('users.group'), 'data-test': 'user-group-filter' }, h('option', { value: '' }, t('users.anyGroup')));
    this.groupSelect.addEventListener('change', () => { this.groupId = this.groupSelect.value; this.load(); });
    this.table = new DataTable([
      { key: 'username', label: t('users.col.username'), className: 'col-name' },
      { key: 'fullName', label: t('users.col.fullName') },
      { key: 'email', label: t('users.col.email') },
      { key: 'personalNumber', label: t('users.col.personalNumber') },
      { key: 'status', label: t('users.col.status'), render: u => statusText(u) },
    ], {
      caption: t('nav.users'),
      className: 'users-table',
      empty: t('users.empty'),
      rowClass: u => (u.deleted ? 'is-disabled' : ''),
      onOpen: u => this.edit(u),
      onSelect: () => this.updateButtons(),
    });
    this.moreBtn = button(t('users.more'), { 'data-test': 'user-more', onClick: () => busy(this.moreBtn, () => this.load(true)) });
    this.count = h('span', { class: 'muted', 'data-test': 'user-count' });
    this.message = h('div', { class: 'page-message' });
    const tools = canManage ? [this.addBtn, this.editBtn, this.deleteBtn, this.lockBtn, groupsBtn, exportBtn, refresh] : [this.editBtn, refresh];
    this.pageEl = h('div', { class: 'page page-users' },
      pageHeader(t('nav.users'), { subtitle: t('users.intro'), tools }),
      this.message,
      h('div', { class: 'filter-bar' }, this.tabs, this.searchInput, this.groupSelect),
      h('div', { class: 'table-card' }, this.table.el, h('div', { class: 'table-foot' }, this.count, this.moreBtn)));
    this.main.appendChild(this.pageEl);
    this.updateButtons();
    this.loadGroups();
    await this.load();
  }

  setView(view) {
    this.view = view;
    this.tabs.querySelectorAll('[role=tab]').forEach(b => b.setAttribute('aria-selected', String(b.dataset.view === view)));
    this.load();
  }

  updateButtons() {
    const u = this.table.selected();
    this.editBtn.disabled = !u;
    this.deleteBtn.disabled = !u || u.system;
    this.deleteBtn.querySelector('.btn-label').textContent = u && u.deleted ? t('users.undelete') : t('common.delete');
    this.moreBtn.hidden = !this.next;
    this.lockBtn.disabled = !u || u.deleted;
    this.lockBtn.querySelector('.btn-label').textContent = u && u.locked ? t('users.unlock') : t('users.lock');
  }

  async toggleLock() {
    const u = this.table.selected();
    if (!u || u.deleted) return;
    try {
      await post(`/api/users/${u.id}/${u.locked ? 'unlock' : 'lock'}`);
      toast(t(u.locked ? 'users.unlocked' : 'users.locked', { name: u.username }));
      await this.load();
      this.table.select(u.id);
    } catch (e) {
      toast(errorText(e), 'error');
    }
  }

  async loadGroups() {
    try {
      const groups = await get('/api/groups');
      this.groups = listOf(groups, 'groups');
      for (const g of sortByPath(this.groups)) this.groupSelect.appendChild(h('option', { value: String(g.id) }, g.path || g.name));
    } catch (e) {
      this.groups = [];
    }
  }

  /** The first page (again), or the next one when more is true. Answers of an older request are dropped. */
  async load(more = false) {
    const seq = ++this.seq;
    const params = { view: this.view, q: this.search, group: this.groupId, limit: PAGE, after: more ? this.next : undefined, count: more ? undefined : 'true' };
    try {
      const page = await get(`/api/users${query(params)}`);
      if (seq !== this.seq || this.disposed) return;
      clear(this.message);
      const users = listOf(page, 'users');
      this.rows = more ? [...this.rows, ...users] : users;
      this.next = page.next || null;
      if (!more) this.total = page.total;
      this.table.setRows(this.rows);
      this.count.textContent = this.total != null ? t('users.count', { shown: this.rows.length, total: this.total }) : '';
      this.updateButtons();
    } catch (e) {
      if (seq === this.seq) clear(this.message).appendChild(notice('error', errorText(e)));
    }
  }

  async exportGroup() {
    if (!this.groupId) { toast(t('users.pickGroup'), 'warning'); this.groupSelect.focus(); return; }
    await exportFile(`/api/users/export${query({ group: this.groupId })}`, 'users.csv');
  }

  async removeOrRestore() {
    const u = this.table.selected();
    if (!u || u.system) return;
    try {
      if (u.deleted) {
        await post(`/api/users/${u.id}/undelete`);
        toast(t('users.undeleted', { name: u.username }));
      } else {
        const ok = await confirmDialog({ title: t('users.deleteTitle'), message: t('users.deleteQuestion', { name: u.username }), confirmLabel: t('common.delete'), danger: true });
        if (!ok) return;
        await del(`/api/users/${u.id}`);
        toast(t('users.deleted', { name: u.username }));
      }
      await this.load();
    } catch (e) {
      toast(errorText(e), 'error');
    }
  }

  async edit(row) {
    let user = { aliases: [], cards: [], groups: [], delegates: [] };
    if (row) {
      try {
        user = await get(`/api/users/${row.id}`);
      } catch (e) {
        toast(errorText(e), 'error');
        return;
      }
    }
    new UserPanel(this, user).open();
  }
}

/** The user panel (8.4.1): properties, groups (accounting group, manager) and delegates. */
class UserPanel {
  constructor(page, user) {
    this.page = page;
    this.user = user;
    this.rows = {};
  }

  field(key, label, control, opts = {}) {
    const row = fieldRow({ label, control, id: key, ...opts });
    this.rows[key] = row;
    return row;
  }

  input(key, value, attrs = {}) {
    return h('input', { class: 'input', id: nextId(key), value: value ?? '', 'data-test': `user-${key}`, ...attrs });
  }

  open() {
    const u = this.user;
    const readOnly = !hasRight('MANAGE_USERS') || u.deleted;
    const dis = readOnly ? { disabled: true } : {};
    this.f = {
      username: this.input('username', u.username, { ...dis, disabled: readOnly || u.system, autocomplete: 'off' }),
      fullName: this.input('fullName', u.fullName, dis),
      email: this.input('email', u.email, { type: 'email', ...dis }),
      phone: this.input('phone', u.phone, dis),
      personalNumber: this.input('personalNumber', u.personalNumber, dis),
      language: h('select', { class: 'input', id: nextId('lang'), 'data-test': 'user-language', ...dis },
        h('option', { value: '' }, t('users.defaultLanguage')),
        ...Object.entries(LANGUAGE_NAMES).map(([k, name]) => h('option', { value: k, selected: u.language === k }, name))),
      aliases: h('textarea', { class: 'input', id: nextId('aliases'), rows: 2, 'data-test': 'user-aliases', ...dis }, (u.aliases || []).join('\n')),
      cards: h('textarea', { class: 'input', id: nextId('cards'), rows: 2, 'data-test': 'user-cards', ...dis }, (u.cards || []).map(c => (typeof c === 'string' ? c : c.card)).join('\n')),
      userStorage: this.input('userStorage', u.userStorage, dis),
      notes: h('textarea', { class: 'input', id: nextId('notes'), rows: 3, ...dis }, u.notes || ''),
    };
    const authSwitch = switchInput(nextId('auth'), !!u.useAuthServer, { 'data-test': 'user-use-auth', ...dis });
    this.f.useAuthServer = authSwitch.querySelector('input');
    this.f.authServerId = h('select', { class: 'input', id: nextId('authsrv'), ...dis }, h('option', { value: '' }, '–'));
    this.loadAuthServers(u.authServer ? u.authServer.id : u.authServerId);
    const general = [
      this.field('username', t('users.col.username'), this.f.username, { required: true }),
      this.field('fullName', t('users.col.fullName'), this.f.fullName),
      this.field('aliases', t('users.aliases'), this.f.aliases, { hint: t('users.onePerLine') }),
      this.field('cards', t('users.cards'), this.f.cards, { hint: t('users.onePerLine') }),
      this.field('email', t('users.col.email'), this.f.email),
      this.field('phone', t('users.phone'), this.f.phone),
      this.field('personalNumber', t('users.col.personalNumber'), this.f.personalNumber),
      this.field('language', t('users.language'), this.f.language),
      this.field('userStorage', t('users.storage'), this.f.userStorage),
      this.field('notes', t('users.notes'), this.f.notes),
      this.field('useAuthServer', t('users.useAuthServer'), authSwitch),
      this.field('authServerId', t('users.authServer'), this.f.authServerId),
      u.syncSource ? h('p', { class: 'muted' }, t('users.syncSource', { source: u.syncSource.name || u.syncSource })) : '',
      u.pinCount != null ? h('p', { class: 'muted' }, t('users.pinCount', { n: u.pinCount })) : '',
    ];
    this.groupsBox = h('div', { class: 'user-groups', 'data-test': 'user-groups' });
    if (u.id) this.drawGroups();
    const save = readOnly ? null : button(t('common.save'), { kind: 'primary', 'data-test': 'user-save', onClick: () => busy(save, () => this.save()) });
    this.error = h('div');
    this.handle = sidePanel(this.page.pageEl, {
      title: u.id ? u.username : t('users.add'),
      body: [this.error, h('form', { class: 'form', onsubmit: e => e.preventDefault() }, ...general),
        u.id ? h('section', null, h('h3', null, t('users.groups')), this.groupsBox) : '',
        u.id && !readOnly ? h('section', null, h('h3', null, t('users.pins')), this.pinsBox = h('div', { 'data-test': 'user-pins' })) : '',
        u.id && !readOnly && !u.system && !u.useAuthServer ? this.passwordSection() : ''],
      footer: save ? [save] : [],
      onClose: () => { this.page.panel = null; },
    });
    this.page.panel = this.handle;
    if (this.pinsBox) this.drawPins();
    this.f.username.focus();
  }

  /** A password defined in Ream (8.4.1), set by the administrator; the user's sessions end. */
  passwordSection() {
    const input = h('input', { class: 'input', type: 'password', autocomplete: 'new-password', 'aria-label': t('users.newPassword'), placeholder: t('users.newPassword'), 'data-test': 'user-new-password' });
    const set = button(t('users.setPassword'), { 'data-test': 'user-set-password', onClick: () => busy(set, async () => {
      try {
        await post(`/api/users/${this.user.id}/password`, { password: input.value });
        input.value = '';
        toast(t('users.passwordSet'));
      } catch (e) {
        toast(e.fields && e.fields.password ? fieldErrorText(e.fields.password) : errorText(e), 'error');
      }
    }) });
    return h('section', null, h('h3', null, t('users.password')), h('div', { class: 'member-add' }, input, set));
  }

  /** The user's PINs (never shown, only when made and until when valid): add, generate, delete. */
  async drawPins() {
    let pins = [];
    try {
      pins = await get(`/api/users/${this.user.id}/pins`);
    } catch (e) {
      clear(this.pinsBox).appendChild(notice('error', errorText(e)));
      return;
    }
    const pin = h('input', { class: 'input input-short', type: 'password', inputmode: 'numeric', autocomplete: 'off', 'aria-label': t('users.newPin'), placeholder: t('users.newPin'), 'data-test': 'user-new-pin' });
    const add = button(t('common.add'), { onClick: () => busy(add, async () => {
      try {
        await post(`/api/users/${this.user.id}/pins`, { pin: pin.value });
        pin.value = '';
        toast(t('users.pinAdded'));
        this.drawPins();
      } catch (e) {
        toast(e.fields && e.fields.pin ? fieldErrorText(e.fields.pin) : errorText(e), 'error');
      }
    }) });
    const generate = button(t('users.generatePin'), { 'data-test': 'user-generate-pin', onClick: () => busy(generate, async () => {
      try {
        const g = await post(`/api/users/${this.user.id}/pins/generate`, { mail: !!this.user.email });
        toast(g.mailed ? t('users.pinMailed', { pin: g.pin }) : t('users.pinGenerated', { pin: g.pin }), 'success', 15000);
        this.drawPins();
      } catch (e) {
        toast(errorText(e), 'error');
      }
    }) });
    clear(this.pinsBox).append(
      pins.length ? h('ul', { class: 'plain-list' }, ...pins.map(p => h('li', { class: 'membership' },
        h('span', { class: 'membership-name' }, '••••', p.imported ? h('span', { class: 'muted' }, ` ${t('users.pinImported')}`) : ''),
        p.validUntil ? h('span', { class: 'muted' }, t('users.pinValidUntil', { at: new Date(p.validUntil).toLocaleString() })) : '',
        button(t('common.remove'), { kind: 'ghost', onClick: async () => {
          try { await del(`/api/users/${this.user.id}/pins/${p.id}`); this.drawPins(); } catch (e) { toast(errorText(e), 'error'); }
        } })))) : h('p', { class: 'muted' }, t('users.noPins')),
      h('div', { class: 'member-add' }, pin, add, generate));
  }

  async loadAuthServers(selected) {
    try {
      const servers = listOf(await get('/api/auth-servers'), 'servers');
      for (const s of servers) this.f.authServerId.appendChild(h('option', { value: String(s.id), selected: s.id === selected }, s.name));
    } catch (e) {
      // no authentication servers, or no right to list them: the select stays empty
    }
  }

  drawGroups() {
    const u = this.user;
    const groups = u.groups || [];
    const canManage = hasRight('MANAGE_USERS') && !u.deleted;
    const list = h('ul', { class: 'plain-list' }, ...groups.map(g => h('li', { class: 'membership', dataset: { group: String(g.id) } },
      h('span', { class: 'membership-name' }, g.path || g.name),
      g.accounting ? h('span', { class: 'badge' }, t('users.accountingGroup')) : (canManage ? button(t('users.makeAccounting'), { kind: 'ghost', onClick: () => this.membership(g, { accounting: true }) }) : ''),
      canManage ? h('label', { class: 'inline-check' }, h('input', { type: 'checkbox', checked: !!g.manager, 'data-test': 'user-manager',
        onchange: e => this.membership(g, { manager: e.target.checked }) }), ' ', t('users.manager')) : (g.manager ? h('span', { class: 'badge' }, t('users.manager')) : ''),
      canManage ? button(t('common.remove'), { kind: 'ghost', onClick: () => this.leave(g) }) : '')));
    const add = h('select', { class: 'input', 'aria-label': t('users.addToGroup'), 'data-test': 'user-add-group' }, h('option', { value: '' }, t('users.addToGroup')),
      ...sortByPath(this.page.groups || []).filter(g => !groups.some(m => m.id === g.id)).map(g => h('option', { value: String(g.id) }, g.path || g.name)));
    add.addEventListener('change', () => { if (add.value) this.join(Number(add.value)); });
    clear(this.groupsBox).append(groups.length ? list : h('p', { class: 'muted' }, t('users.unclassified')), canManage ? add : '');
  }

  async refreshUser() {
    this.user = await get(`/api/users/${this.user.id}`);
    this.drawGroups();
  }

  async join(groupId) {
    try {
      await post(`/api/groups/${groupId}/members`, { userId: this.user.id });
      await this.refreshUser();
    } catch (e) {
      toast(errorText(e), 'error');
    }
  }

  async leave(g) {
    try {
      await del(`/api/groups/${g.id}/members/${this.user.id}`);
      await this.refreshUser();
    } catch (e) {
      toast(errorText(e), 'error');
    }
  }

  async membership(g, change) {
    try {
      await put(`/api/groups/${g.id}/members/${this.user.id}`, change); // only the flag that changed
      await this.refreshUser();
    } catch (e) {
      toast(errorText(e), 'error');
    }
  }

  async save() {
    for (const row of Object.values(this.rows)) setFieldError(row, null);
    clear(this.error);
    const f = this.f;
    const body = {
      username: f.username.value.trim(),
      fullName: f.fullName.value.trim(),
      aliases: lines(f.aliases.value),
      cards: lines(f.cards.value),
      email: f.email.value.trim(),
      phone: f.phone.value.trim(),
      personalNumber: f.personalNumber.value.trim(),
      language: f.language.value || null,
      userStorage: f.userStorage.value.trim(),
      notes: f.notes.value,
      useAuthServer: f.useAuthServer.checked,
      authServerId: f.authServerId.value ? Number(f.authServerId.value) : null,
    };
    try {
      const saved = this.user.id ? await put(`/api/users/${this.user.id}`, body) : await post('/api/users', body);
      toast(t('users.saved', { name: body.username }));
      this.handle.close();
      await this.page.load();
      if (saved && saved.id) this.page.table.select(saved.id);
    } catch (e) {
      if (!showFieldErrors(e, this.rows, k => k.replace(/\[\d+\]$/, ''))) this.error.replaceChildren(notice('error', errorText(e)));
    }
  }
}

function statusText(u) {
  if (u.deleted) return t('users.status.deleted');
  if (u.locked) return t('users.status.locked');
  if (u.system) return t('users.status.system');
  return '';
}

/** Lists come as an array or inside an object under a name; both are accepted. */
export function listOf(data, name) {
  if (Array.isArray(data)) return data;
  if (data && Array.isArray(data[name])) return data[name];
  if (data && Array.isArray(data.items)) return data.items;
  return [];
}

export function sortByPath(groups) {
  return [...groups].sort((a, b) => String(a.path || a.name).localeCompare(String(b.path || b.name)));
}
