// Sites (manual 6.14): the site servers with their status and replication state, the site panel
// (general, user synchronisation groups, client IP ranges and exclusions, rights for the site),
// Check status, Replicate data and Duplicate settings.
import { get, post, put, del } from '../api.js';
import { t } from '../i18n.js';
import { h, clear, button, busy, notice, toast, pageHeader, errorText, fieldRow, setFieldError, showFieldErrors, switchInput, confirmDialog, sidePanel, nextId, menu, dialog } from '../ui.js';
import { DataTable } from '../table.js';

const RIGHTS = ['ADMINISTRATOR', 'MANAGE_LICENCES', 'MANAGE_PAYMENTS', 'MANAGE_REPORTS', 'MANAGE_SETTINGS', 'MANAGE_USERS',
  'MANAGE_VOUCHERS', 'READ_JOBS', 'RECHARGE_CREDIT', 'VIEW_LOG', 'VIEW_PRINTERS', 'DELETE_CARDS'];

export async function render(main) {
  const page = new SitesPage(main);
  await page.start();
  return () => { page.stopWatching(); if (page.panel) page.panel.close(); };
}

const when = (v) => (v ? new Date(v).toLocaleString() : '');
const state = (v, prefix) => (v ? h('span', { class: `status status-${String(v).toLowerCase()}` }, t(`${prefix}.${v}`, { fallback: v })) : '');

class SitesPage {
  constructor(main) {
    this.main = main;
  }

  async start() {
    const actions = menu(button(t('sites.actions'), { iconName: 'tools', 'data-test': 'sites-actions' }), () => [
      { id: 'status', label: t('sites.checkStatus'), onSelect: () => this.onSelected(s => this.checkStatus(s)) },
      { id: 'replicate', label: t('sites.replicate'), onSelect: () => this.onSelected(s => this.replicate(s)) },
      { id: 'duplicate', label: t('sites.duplicate'), onSelect: () => this.onSelected(s => this.duplicate(s)) },
    ]);
    this.table = new DataTable([
      { key: 'name', label: t('sites.name'), className: 'col-name' },
      { key: 'status', label: t('sites.status'), render: s => state(s.status, 'sites.status') },
      { key: 'lastDownloadedAt', label: t('sites.lastDownloaded'), render: s => when(s.lastDownloadedAt) },
      { key: 'downloadStatus', label: t('sites.downloadStatus'), render: s => state(s.downloadStatus, 'sites.download') },
      { key: 'lastReplicatedAt', label: t('sites.lastReplicated'), render: s => when(s.lastReplicatedAt) },
      { key: 'replicationStatus', label: t('sites.replicationStatus'), render: s => state(s.replicationStatus, 'sites.replication') },
    ], { caption: t('nav.sites'), empty: t('sites.empty'), onOpen: s => this.edit(s), onSelect: () => {} });
    this.message = h('div', { class: 'page-message' });
    this.progress = h('div', { class: 'replication-progress', 'data-test': 'replication-progress', hidden: true });
    this.pageEl = h('div', { class: 'page page-sites' },
      pageHeader(t('nav.sites'), { subtitle: t('sites.intro'), tools: [actions] }),
      this.message,
      this.progress,
      h('div', { class: 'table-card', 'data-test': 'sites-table' }, this.table.el));
    this.main.appendChild(this.pageEl);
    await this.load();
    this.watch();
  }

  // Live progress of the load phase: payloads stored and waiting, drawn against those finished
  // since the page first saw some waiting; the table is read again when the queue empties.
  watch() {
    this.stopWatching();
    const tick = async () => {
      try {
        const p = await get('/api/replication/status');
        const finished = (p.payloads.LOADED || 0) + (p.payloads.FAILED || 0);
        if (p.waiting > 0) {
          if (this.finishedBefore === undefined) { this.finishedBefore = finished; this.processedBefore = p.processed; }
          const done = finished - this.finishedBefore;
          const total = done + p.waiting;
          clear(this.progress).append(
            h('span', {}, t('sites.loading', { done, total, records: Number(p.processed - this.processedBefore).toLocaleString() })),
            h('progress', { max: String(total), value: String(done), 'aria-label': t('sites.loadingLabel') }));
          this.progress.hidden = false;
        } else if (this.finishedBefore !== undefined) {
          this.finishedBefore = undefined;
          this.progress.hidden = true;
          await this.load();
        }
      } catch (e) {
        // The table's own load reports errors; progress just waits for the next tick.
      }
      this.timer = setTimeout(tick, 2000);
    };
    tick();
  }

  stopWatching() {
    if (this.timer) clearTimeout(this.timer);
    this.timer = null;
  }

  async load() {
    try {
      const data = await get('/api/sites');
      this.table.setRows(Array.isArray(data) ? data : (data.sites || []));
      clear(this.message);
    } catch (e) {
      clear(this.message).appendChild(notice('error', errorText(e)));
    }
  }

  onSelected(fn) {
    const s = this.table.selected();
    if (!s) { toast(t('sites.selectFirst'), 'error'); return; }
    fn(s);
  }

  async checkStatus(site) {
    try {
      const r = await post(`/api/sites/${site.id}/status`);
      toast(t('sites.statusIs', { name: site.name, status: t(`sites.status.${r.status}`, { fallback: r.status }) }), r.status === 'READY' ? 'success' : 'error');
      await this.load();
    } catch (e) {
      toast(errorText(e), 'error');
    }
  }

  async replicate(site) {
    const note = toast(t('sites.replicating', { name: site.name }), 'info', 0);
    try {
      const r = await post(`/api/sites/${site.id}/replicate`);
      note.remove();
      toast(r.problems && r.problems.length ? r.problems.join('; ') : t('sites.replicated', { n: r.payloads }), r.problems && r.problems.length ? 'error' : 'success');
      await this.load();
    } catch (e) {
      note.remove();
      toast(errorText(e), 'error');
    }
  }

  duplicate(target) {
    const others = this.table.rows.filter(s => s.id !== target.id);
    if (!others.length) { toast(t('sites.noOtherSite'), 'error'); return; }
    const source = h('select', { class: 'input', id: nextId('src'), 'data-test': 'dup-source' }, ...others.map(s => h('option', { value: String(s.id) }, s.name)));
    const groups = h('input', { type: 'checkbox', id: nextId('g'), checked: true, 'data-test': 'dup-groups' });
    const rights = h('input', { type: 'checkbox', id: nextId('r'), checked: true, 'data-test': 'dup-rights' });
    dialog({
      title: t('sites.duplicateTitle', { name: target.name }),
      body: [fieldRow({ label: t('sites.duplicateSource'), control: source, id: 'src' }),
        h('label', { class: 'check-row', for: groups.id }, groups, ` ${t('sites.section.sync')}`),
        h('label', { class: 'check-row', for: rights.id }, rights, ` ${t('sites.section.rights')}`)],
      actions: [{ id: 'cancel', label: t('common.cancel') }, { id: 'duplicate', label: t('common.ok'), kind: 'primary', primary: true, onClick: async (dlg) => {
        try {
          await post('/api/sites/duplicate', { sourceId: Number(source.value), targetIds: [target.id], syncGroups: groups.checked, rights: rights.checked });
          toast(t('sites.duplicated'));
          return true;
        } catch (e) {
          dlg.setError(errorText(e));
          return false;
        }
      } }],
    });
  }

  async edit(row) {
    let site;
    let groups = [];
    try {
      [site, groups] = await Promise.all([get(`/api/sites/${row.id}`), get('/api/groups')]);
    } catch (e) { toast(errorText(e), 'error'); return; }
    const rows = {};
    const field = (key, control, opts = {}) => { rows[key] = fieldRow({ label: t(`sites.f.${key}`), control, id: key, ...opts }); return rows[key]; };
    const address = h('input', { class: 'input', id: nextId('a'), value: site.address || '', 'data-test': 'site-address' });
    const port = h('input', { class: 'input input-short', id: nextId('p'), type: 'number', value: String(site.port || 8093), 'data-test': 'site-port' });
    const secure = switchInput(nextId('s'), site.secure !== false, { 'data-test': 'site-secure' });
    const enabled = switchInput(nextId('e'), site.enabled !== false, { 'data-test': 'site-enabled' });
    const description = h('textarea', { class: 'input', id: nextId('d'), rows: 2, 'data-test': 'site-description' }, site.description || '');
    const password = h('input', { class: 'input', id: nextId('pw'), type: 'password', autocomplete: 'new-password', 'data-test': 'site-password' });
    const chosen = new Set((site.syncGroups || []).map(g => g.id));
    const groupBoxes = groups.map(g => {
      const box = h('input', { type: 'checkbox', id: nextId('sg'), checked: chosen.has(g.id), 'data-test': `site-group-${g.id}` });
      return { g, box, row: h('label', { class: 'check-row', for: box.id }, box, ` ${g.path}`) };
    });
    const ranges = h('textarea', { class: 'input mono', id: nextId('cr'), rows: 3, 'data-test': 'site-client-ranges' }, (site.clientRanges || []).join('\n'));
    const excluded = h('textarea', { class: 'input mono', id: nextId('xr'), rows: 2, 'data-test': 'site-excluded-ranges' }, (site.excludedRanges || []).join('\n'));
    let rights = (site.rights || []).map(r => ({ ...r, rights: [...r.rights] }));
    const rightsBox = h('div', { 'data-test': 'site-rights' });
    const drawRights = () => {
      clear(rightsBox).append(rights.length ? h('ul', { class: 'plain-list' }, ...rights.map((r, i) => h('li', { class: 'membership' },
        h('span', { class: 'membership-name' }, `${r.type === 'group' ? t('sites.group') : t('sites.user')} ${r.name}`),
        h('span', { class: 'muted' }, r.rights.map(c => t(`right.${c}`, { fallback: c })).join(', ')),
        button(t('common.remove'), { kind: 'ghost', onClick: () => { rights.splice(i, 1); drawRights(); } })))) : h('p', { class: 'muted' }, t('sites.noRights')));
    };
    drawRights();
    const addRight = button(t('sites.addRight'), { iconName: 'plus', 'data-test': 'site-add-right', onClick: () => this.addRight(groups, (entry) => { rights.push(entry); drawRights(); }) });
    const save = button(t('common.save'), { kind: 'primary', 'data-test': 'site-save', onClick: () => busy(save, async () => {
      Object.values(rows).forEach(r => setFieldError(r, null));
      const lines = (el) => el.value.split(/\n/).map(x => x.trim()).filter(Boolean);
      const body = {
        address: address.value.trim(), port: Number(port.value), secure: secure.querySelector('input').checked, enabled: enabled.querySelector('input').checked,
        description: description.value, syncGroups: groupBoxes.filter(b => b.box.checked).map(b => b.g.id),
        clientRanges: lines(ranges), excludedRanges: lines(excluded),
        rights: rights.map(r => (r.type === 'group' ? { groupId: r.id, rights: r.rights } : { userId: r.id, rights: r.rights })),
        ...(password.value !== '' ? { communicationPassword: password.value } : {}),
      };
      try {
        await put(`/api/sites/${site.id}`, body);
        toast(t('sites.saved', { name: site.name }));
        this.panel.close();
        await this.load();
      } catch (e) {
        if (!showFieldErrors(e, rows)) toast(errorText(e), 'error');
      }
    }) });
    const remove = button(t('common.delete'), { iconName: 'trash', 'data-test': 'site-delete', onClick: async () => {
      if (!(await confirmDialog({ title: t('sites.deleteTitle'), message: t('sites.deleteQuestion', { name: site.name }), confirmLabel: t('common.delete'), danger: true }))) return;
      try {
        await del(`/api/sites/${site.id}`);
        this.panel.close();
        await this.load();
      } catch (e) {
        toast(errorText(e), 'error');
      }
    } });
    const section = (key, ...content) => h('section', { class: 'form-section', 'data-test': `site-section-${key}` }, h('h3', null, t(`sites.section.${key}`)), ...content);
    if (this.panel) this.panel.close();
    this.panel = sidePanel(this.pageEl, {
      title: site.name,
      body: [
        section('general', field('address', address), field('port', port), field('secure', secure), field('enabled', enabled), field('description', description),
          field('communicationPassword', password, { hint: site.communicationPasswordSet ? t('sites.ownPasswordSet') : t('sites.systemPassword') })),
        section('sync', h('p', { class: 'muted' }, t('sites.syncHint')), h('div', { class: 'check-list' }, ...groupBoxes.map(b => b.row))),
        section('client', field('clientRanges', ranges, { hint: t('sites.rangesHint') }), field('excludedRanges', excluded)),
        section('rights', rightsBox, addRight),
      ],
      footer: [save, remove],
      onClose: () => { this.panel = null; },
    });
    address.focus();
  }

  /** A user (by user name) or a group, and the rights they get on this site. */
  addRight(groups, done) {
    const who = h('select', { class: 'input', id: nextId('who'), 'data-test': 'right-who' },
      h('option', { value: 'user' }, t('sites.user')), h('option', { value: 'group' }, t('sites.group')));
    const username = h('input', { class: 'input', id: nextId('un'), 'data-test': 'right-username' });
    const group = h('select', { class: 'input', id: nextId('gr'), 'data-test': 'right-group' }, ...groups.map(g => h('option', { value: String(g.id) }, g.path)));
    const boxes = RIGHTS.map(r => {
      const box = h('input', { type: 'checkbox', id: nextId('rt'), 'data-test': `right-${r}` });
      return { r, box, row: h('label', { class: 'check-row', for: box.id }, box, ` ${t(`right.${r}`, { fallback: r })}`) };
    });
    dialog({
      title: t('sites.addRight'),
      body: [fieldRow({ label: t('sites.for'), control: who, id: 'who' }), fieldRow({ label: t('sites.user'), control: username, id: 'un' }),
        fieldRow({ label: t('sites.group'), control: group, id: 'gr' }), h('div', { class: 'check-list' }, ...boxes.map(b => b.row))],
      actions: [{ id: 'cancel', label: t('common.cancel') }, { id: 'add', label: t('common.add'), kind: 'primary', primary: true, onClick: async (dlg) => {
        const codes = boxes.filter(b => b.box.checked).map(b => b.r);
        if (!codes.length) { dlg.setError(t('sites.pickRight')); return false; }
        if (who.value === 'group') {
          const g = groups.find(x => String(x.id) === group.value);
          if (!g) { dlg.setError(t('sites.pickGroup')); return false; }
          done({ type: 'group', id: g.id, name: g.path, rights: codes });
          return true;
        }
        try {
          const found = await get(`/api/users?limit=5&q=${encodeURIComponent(username.value.trim())}`);
          const u = (found.users || []).find(x => x.username === username.value.trim());
          if (!u) { dlg.setError(t('sites.noSuchUser')); return false; }
          done({ type: 'user', id: u.id, name: u.username, rights: codes });
          return true;
        } catch (e) {
          dlg.setError(errorText(e));
          return false;
        }
      } }],
    });
  }
}
