// User groups (manual 8.5, 8.4.2): the tree, create/rename/move/delete, the members with
// their accounting-group and manager flags, and the group's delegates.
import { get, post, put, del, query } from '../api.js';
import { t } from '../i18n.js';
import { h, clear, button, busy, notice, toast, pageHeader, errorText, fieldRow, setFieldError, showFieldErrors, confirmDialog, dialog, nextId } from '../ui.js';
import { DataTable } from '../table.js';
import { listOf, sortByPath } from './users.js';

export async function render(main) {
  const page = new GroupsPage(main);
  await page.start();
  return () => page.dispose();
}

const depth = (g) => String(g.path || g.name).split('|').length - 1;
const label = (g) => String(g.path || g.name).split('|').join(' / ');

class GroupsPage {
  constructor(main) {
    this.main = main;
    this.groups = [];
    this.selectedId = null;
  }

  dispose() {
    this.disposed = true;
  }

  async start() {
    const add = button(t('groups.add'), { iconName: 'plus', kind: 'primary', 'data-test': 'group-add', onClick: () => this.create() });
    this.tree = h('ul', { class: 'group-tree', role: 'tree', 'aria-label': t('groups.tree'), 'data-test': 'group-tree' });
    this.detail = h('div', { class: 'group-detail' }, h('p', { class: 'muted' }, t('groups.pick')));
    this.message = h('div', { class: 'page-message' });
    this.pageEl = h('div', { class: 'page page-groups' },
      pageHeader(t('groups.title'), {
        crumbs: [{ label: t('nav.users'), href: '#/users' }, { label: t('groups.title') }],
        subtitle: t('groups.intro'),
        tools: [add],
      }),
      this.message,
      h('div', { class: 'split' }, h('div', { class: 'card split-side' }, this.tree), h('div', { class: 'split-main' }, this.detail)));
    this.main.appendChild(this.pageEl);
    await this.load();
  }

  async load() {
    try {
      this.groups = sortByPath(listOf(await get('/api/groups?members=true'), 'groups'));
      clear(this.message);
    } catch (e) {
      clear(this.message).appendChild(notice('error', errorText(e)));
      return;
    }
    clear(this.tree).append(...this.groups.map(g => h('li', { role: 'treeitem', 'aria-selected': String(g.id === this.selectedId), style: `padding-left:${depth(g) * 18}px` },
      h('button', { type: 'button', class: 'tree-node', dataset: { group: String(g.id) }, onclick: () => this.select(g.id) },
        g.name, h('span', { class: 'muted' }, ` (${g.members ?? 0})`)))));
    if (this.groups.length === 0) this.tree.appendChild(h('li', { class: 'muted' }, t('groups.none')));
    if (this.selectedId && this.groups.some(g => g.id === this.selectedId)) await this.select(this.selectedId);
    else { this.selectedId = null; clear(this.detail).appendChild(h('p', { class: 'muted' }, t('groups.pick'))); }
  }

  async select(id) {
    this.selectedId = id;
    this.tree.querySelectorAll('[role=treeitem]').forEach(li => li.setAttribute('aria-selected', String(li.querySelector('[data-group]')?.dataset.group === String(id))));
    let g;
    try {
      g = await get(`/api/groups/${id}`);
    } catch (e) {
      clear(this.detail).appendChild(notice('error', errorText(e)));
      return;
    }
    this.drawDetail(g);
  }

  /** Name, description, parent; members; delegates. */
  drawDetail(g) {
    const name = h('input', { class: 'input', id: nextId('gname'), value: g.name, 'data-test': 'group-name' });
    const description = h('textarea', { class: 'input', id: nextId('gdesc'), rows: 2 }, g.description || '');
    const parent = this.parentSelect(g);
    const rows = {
      name: fieldRow({ label: t('groups.name'), control: name, required: true, id: 'name' }),
      description: fieldRow({ label: t('groups.description'), control: description, id: 'description' }),
      parentId: fieldRow({ label: t('groups.parent'), control: parent, id: 'parentId' }),
    };
    const save = button(t('common.save'), { kind: 'primary', 'data-test': 'group-save', onClick: () => busy(save, async () => {
      Object.values(rows).forEach(r => setFieldError(r, null));
      try {
        await put(`/api/groups/${g.id}`, { name: name.value.trim(), description: description.value, parentId: parent.value ? Number(parent.value) : null });
        toast(t('groups.saved', { name: name.value.trim() }));
        await this.load();
      } catch (e) {
        this.showErrors(e, rows);
      }
    }) });
    const remove = button(t('common.delete'), { iconName: 'trash', 'data-test': 'group-delete', onClick: () => this.remove(g) });
    this.members = new DataTable([
      { key: 'username', label: t('users.col.username') },
      { key: 'fullName', label: t('users.col.fullName') },
      { key: 'flags', label: t('groups.flags'), render: u => this.flags(g, u) },
      { key: 'actions', label: '', render: u => button(t('common.remove'), { kind: 'ghost', onClick: () => this.removeMember(g, u) }) },
    ], { caption: t('groups.members'), empty: t('groups.noMembers') });
    const addMember = h('input', { class: 'input', placeholder: t('groups.addMember'), 'aria-label': t('groups.addMember'), list: 'group-user-options', 'data-test': 'group-add-member' });
    const options = h('datalist', { id: 'group-user-options' });
    addMember.addEventListener('input', () => this.suggest(addMember.value, options));
    addMember.addEventListener('change', () => this.addMember(g, addMember));
    this.delegatesBox = h('div');
    clear(this.detail).append(
      h('div', { class: 'card' }, h('h2', null, label(g)), ...Object.values(rows), h('div', { class: 'form-actions' }, save, remove)),
      h('div', { class: 'card' }, h('h3', null, t('groups.members')), h('div', { class: 'member-add' }, addMember, options), this.members.el),
      h('div', { class: 'card' }, h('h3', null, t('groups.delegates')), this.delegatesBox));
    this.loadMembers(g);
    this.drawDelegates(g);
  }

  parentSelect(g) {
    const prefix = g ? `${g.path || g.name}|` : null;
    return h('select', { class: 'input', id: nextId('gparent'), 'data-test': 'group-parent' },
      h('option', { value: '' }, t('groups.topLevel')),
      ...this.groups.filter(o => !g || (o.id !== g.id && !String(o.path).startsWith(prefix)))
        .map(o => h('option', { value: String(o.id), selected: g && o.id === g.parentId }, label(o))));
  }

  flags(g, u) {
    const acc = h('input', { type: 'checkbox', checked: !!u.accounting, 'aria-label': t('users.accountingGroup'), onchange: e => this.setFlags(g, u, { accounting: e.target.checked }) });
    const man = h('input', { type: 'checkbox', checked: !!u.manager, 'aria-label': t('users.manager'), 'data-test': 'member-manager', onchange: e => this.setFlags(g, u, { manager: e.target.checked }) });
    return h('span', { class: 'member-flags' }, h('label', { class: 'inline-check' }, acc, ' ', t('users.accountingGroup')), h('label', { class: 'inline-check' }, man, ' ', t('users.manager')));
  }

  async loadMembers(g) {
    try {
      const page = await get(`/api/groups/${g.id}/members${query({ limit: 500 })}`);
      this.members.setRows(listOf(page, 'members'));
    } catch (e) {
      toast(errorText(e), 'error');
    }
  }

  async suggest(text, options) {
    if (text.trim().length < 2) return;
    try {
      const page = await get(`/api/users${query({ q: text.trim(), limit: 20 })}`);
      clear(options).append(...listOf(page, 'users').map(u => h('option', { value: u.username }, u.fullName || '')));
    } catch (e) {
      // suggestions are a convenience
    }
  }

  async addMember(g, input) {
    const name = input.value.trim();
    if (!name) return;
    try {
      const page = await get(`/api/users${query({ q: name, limit: 50 })}`);
      const user = listOf(page, 'users').find(u => u.username === name);
      if (!user) { toast(t('groups.noSuchUser', { name }), 'error'); return; }
      await post(`/api/groups/${g.id}/members`, { userId: user.id });
      input.value = '';
      await this.load();
    } catch (e) {
      toast(errorText(e), 'error');
    }
  }

  async setFlags(g, u, change) {
    try {
      await put(`/api/groups/${g.id}/members/${u.id}`, change); // only the flag that changed
      this.loadMembers(g);
    } catch (e) {
      toast(errorText(e), 'error');
      this.loadMembers(g);
    }
  }

  async removeMember(g, u) {
    try {
      await del(`/api/groups/${g.id}/members/${u.id}`);
      await this.load();
    } catch (e) {
      toast(errorText(e), 'error');
    }
  }

  drawDelegates(g) {
    const list = g.delegates || [];
    clear(this.delegatesBox).append(list.length
      ? h('ul', { class: 'plain-list' }, ...list.map(d => h('li', null, d.username || d.name || d.path || String(d.id), ' ',
        h('span', { class: 'muted' }, d.kind === 'GROUP' || d.groupId ? t('groups.isGroup') : ''))))
      : h('p', { class: 'muted' }, t('groups.noDelegates')));
  }

  async create() {
    const name = h('input', { class: 'input', id: nextId('newgroup'), 'data-test': 'new-group-name' });
    const parent = this.parentSelect(null);
    if (this.selectedId) parent.value = String(this.selectedId);
    const rows = {
      name: fieldRow({ label: t('groups.name'), control: name, required: true, id: 'name' }),
      parentId: fieldRow({ label: t('groups.parent'), control: parent, id: 'parentId' }),
    };
    dialog({
      title: t('groups.add'),
      body: Object.values(rows),
      actions: [
        { label: t('common.cancel') },
        { label: t('common.add'), kind: 'primary', primary: true, onClick: async (dlg) => {
          Object.values(rows).forEach(r => setFieldError(r, null));
          try {
            const created = await post('/api/groups', { name: name.value.trim(), parentId: parent.value ? Number(parent.value) : null });
            this.selectedId = created && created.id ? created.id : this.selectedId;
            await this.load();
            return true;
          } catch (e) {
            if (!this.showErrors(e, rows)) dlg.setError(errorText(e));
            return false;
          }
        } },
      ],
    });
  }

  async remove(g) {
    const ok = await confirmDialog({ title: t('groups.deleteTitle'), message: t('groups.deleteQuestion', { name: label(g) }), confirmLabel: t('common.delete'), danger: true });
    if (!ok) return;
    try {
      await del(`/api/groups/${g.id}`);
      this.selectedId = null;
      toast(t('groups.deleted', { name: g.name }));
      await this.load();
    } catch (e) {
      toast(errorText(e), 'error');
    }
  }

  /** Shows field errors next to their fields; false when none of them had a field here. */
  showErrors(e, rows) {
    const shown = showFieldErrors(e, rows);
    if (!shown) toast(errorText(e), 'error');
    return shown;
  }
}
