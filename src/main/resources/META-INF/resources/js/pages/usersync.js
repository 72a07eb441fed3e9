// User synchronization (manual 8.7): the sources (LDAP, CSV, Azure AD, Google Workspace) with
// their settings, "Synchronize now" and "Dry run", and the runs with live progress and result logs.
import { get, post, put, del, ApiError } from '../api.js';
import { t } from '../i18n.js';
import { h, clear, dialog, button, busy, notice, toast, pageHeader, errorText, fieldRow, setFieldError, showFieldErrors, switchInput, confirmDialog, sidePanel, nextId, menu, preBlock } from '../ui.js';
import { DataTable } from '../table.js';
import { icon } from '../icons.js';

const KINDS = ['LDAP', 'CSV', 'AZURE', 'GOOGLE'];
const MODES = ['DO_NOT_SYNC', 'FULL_SYNC', 'SYNC_IF_NOT_EMPTY', 'ADD_NEW'];
const MAPPING = ['userName', 'fullName', 'aliases', 'cards', 'pin', 'personalNumber', 'email', 'phone', 'language', 'userStorage'];
const POLL_MS = 1000;

// [path, type, options]; a path with a dot is nested in the settings ("options.addNewUsers").
const OPTIONS = [['options.addNewUsers', 'bool', { initial: true }], ['options.deactivateMissing', 'bool'], ['options.lowerCaseUserNames', 'bool'],
  ['options.useAuthServer', 'bool', { initial: kind => kind !== 'CSV' }], ['options.pairByPersonalNumber', 'bool'], ['options.ignoreSyncSource', 'bool'], ['options.addDomain', 'bool'],
  ['options.domain', 'text'], ['options.maxDeactivations', 'number', { initial: 0 }], ['options.maxDeactivationPercent', 'number', { initial: 0 }]];
const EXPORT = [['exportCsv.enabled', 'bool'], ['exportCsv.file', 'text', { hint: 'usersync.exportHint' }]];
const SECTIONS = {
  LDAP: [
    ['general', [['serverId', 'server', { serverKind: 'LDAP', required: true }], ['bindUser', 'text'], ['bindPassword', 'secret'], ...EXPORT]],
    ['users', [['baseDns', 'list', { required: true }], ...MAPPING.map(m => [`mapping.${m}`, 'text']), ['filters', 'list', { hint: 'usersync.filtersHint' }],
      ['deltaRuns', 'bool', { initial: true }], ...OPTIONS]],
    ['groups', [['groups.keepDefault', 'bool'], ['groups.importUnder', 'text'], ['groups.fromAttribute', 'text', { hint: 'usersync.fromAttributeHint' }],
      ['groups.ouIndex', 'number'], ['groups.treeFromDn', 'bool'], ['groups.removeLeft', 'number'], ['groups.removeRight', 'number'],
      ['groups.memberOfBase', 'text'], ['groups.memberOfFilter', 'text'], ['groups.importEmpty', 'bool'], ['groups.importTree', 'bool'], ['groups.makeDefault', 'bool']]],
  ],
  CSV: [
    ['general', [['file', 'text', { required: true }], ['encoding', 'text', { initial: 'UTF-8' }], ['delimiter', 'text', { hint: 'usersync.delimiterHint' }],
      ['skipHeader', 'bool', { initial: true }], ['importGroupsUnder', 'text'], ['authServerId', 'server', { serverKind: 'ANY' }]]],
    ['users', [['options.cards', 'mode', { initial: 'FULL_SYNC' }], ['options.pins', 'mode', { initial: 'ADD_NEW' }], ['options.groups', 'mode', { initial: 'FULL_SYNC' }],
      ['options.delegates', 'mode', { initial: 'FULL_SYNC' }], ...OPTIONS]],
  ],
  AZURE: [
    ['general', [['serverId', 'server', { serverKind: 'AZURE', required: true }], ['allUsers', 'bool', { initial: true }], ['groupIds', 'list'], ...EXPORT]],
    ['users', [...MAPPING.map(m => [`mapping.${m}`, 'text']), ['deltaRuns', 'bool', { initial: true }], ...OPTIONS]],
    ['groups', [['ignoreGroups', 'bool'], ['ignoreGroupsContaining', 'list']]],
  ],
};
SECTIONS.GOOGLE = SECTIONS.LDAP;

export async function render(main) {
  const page = new UserSyncPage(main);
  await page.start();
  return () => page.stop();
}

class UserSyncPage {
  constructor(main) {
    this.main = main;
    this.timer = null;
    this.stopped = false;
  }

  stop() {
    this.stopped = true;
    clearTimeout(this.timer);
    if (this.panel) this.panel.close();
  }

  async start() {
    const addButton = button(t('usersync.add'), { iconName: 'plus', kind: 'primary', 'data-test': 'sync-add' });
    const addMenu = menu(addButton, KINDS.map(k => ({ id: k, label: t(`usersync.kind.${k}`), onSelect: () => this.edit(null, k) })));
    const runNow = button(t('usersync.runNow'), { iconName: 'refresh', 'data-test': 'sync-run', onClick: () => busy(runNow, () => this.run(false)) });
    const dryRun = button(t('usersync.dryRun'), { 'data-test': 'sync-dry-run', onClick: () => busy(dryRun, () => this.run(true)) });
    this.sources = new DataTable([
      { key: 'name', label: t('usersync.name'), className: 'col-name' },
      { key: 'kind', label: t('usersync.kind'), render: s => t(`usersync.kind.${s.kind}`) },
      { key: 'enabled', label: t('usersync.enabled'), render: s => (s.enabled ? t('common.yes') : t('common.no')) },
      { key: 'users', label: t('usersync.users') },
      { key: 'lastRunAt', label: t('usersync.lastRun'), render: s => (s.lastRunAt ? new Date(s.lastRunAt).toLocaleString() : '') },
    ], { caption: t('usersync.sources'), empty: t('usersync.empty'), onOpen: s => this.edit(s), onSelect: () => {} });
    this.runs = new DataTable([
      { key: 'startedAt', label: t('usersync.started'), render: r => new Date(r.startedAt).toLocaleString() },
      { key: 'status', label: t('usersync.status'), render: r => statusCell(r) },
      { key: 'summary', label: t('usersync.result'), render: r => (r.finishedAt ? r.summary || '' : '') },
      { key: 'triggeredBy', label: t('usersync.by') },
    ], { caption: t('usersync.runs'), empty: t('usersync.noRuns'), onOpen: r => this.showLog(r), onSelect: () => {} });
    this.message = h('div', { class: 'page-message' });
    this.pageEl = h('div', { class: 'page page-usersync' },
      pageHeader(t('settings.usersync'), {
        crumbs: [{ label: t('nav.settings'), href: '#/settings' }, { label: t('settings.usersync') }],
        subtitle: t('usersync.intro'),
        tools: [addMenu, runNow, dryRun],
      }),
      this.message,
      h('div', { class: 'table-card' }, this.sources.el),
      h('h2', { class: 'section-title' }, t('usersync.runs')),
      h('div', { class: 'table-card', 'data-test': 'sync-runs' }, this.runs.el));
    this.main.appendChild(this.pageEl);
    await this.load();
  }

  async load() {
    try {
      const [sources, runs] = await Promise.all([get('/api/user-sync/sources'), get('/api/user-sync/runs?limit=20')]);
      if (this.stopped) return;
      this.sources.setRows(sources);
      this.runs.setRows(runs);
      clear(this.message);
      // Progress is polled while a run is queued or going on.
      clearTimeout(this.timer);
      if (runs.some(r => !r.finishedAt)) this.timer = setTimeout(() => this.load(), POLL_MS);
    } catch (e) {
      if (!this.stopped) clear(this.message).appendChild(notice('error', errorText(e)));
    }
  }

  // "Synchronize now" / "Dry run": a dialog picks one or several sources (the selected one, or
  // every enabled one, checked at first) and whether the run reads everything.
  async run(dry) {
    const sources = this.sources.rows || [];
    if (!sources.length) { toast(t('usersync.empty'), 'error'); return; }
    const one = this.sources.selected();
    const boxes = sources.map(s => {
      const box = h('input', { type: 'checkbox', id: nextId('pick'), checked: one ? s.id === one.id : s.enabled, 'data-test': `sync-pick-${s.id}` });
      return { s, box, row: h('label', { class: 'check-row', for: box.id }, box, ` ${s.name} (${t(`usersync.kind.${s.kind}`)})`) };
    });
    const full = h('input', { type: 'checkbox', id: nextId('full'), checked: true, 'data-test': 'sync-full' });
    dialog({
      title: t(dry ? 'usersync.dryRun' : 'usersync.runNow'),
      body: [h('p', { class: 'muted' }, t('usersync.pickSources')), h('div', { class: 'check-list' }, ...boxes.map(b => b.row)),
        h('label', { class: 'check-row', for: full.id }, full, ` ${t('usersync.fullRun')}`)],
      actions: [{ id: 'cancel', label: t('common.cancel') },
        { id: 'run', label: t(dry ? 'usersync.dryRun' : 'usersync.runNow'), kind: 'primary', primary: true, onClick: async (dlg) => {
          const picked = boxes.filter(b => b.box.checked).map(b => b.s.id);
          if (!picked.length) { dlg.setError(t('usersync.pickOne')); return false; }
          try {
            const queued = await post('/api/user-sync/runs', { sources: picked, dryRun: dry, full: full.checked });
            toast(t(dry ? 'usersync.dryRunQueued' : 'usersync.runQueued'));
            // Shown at once as queued, whatever the next poll finds (a small run can be over by then).
            if (queued) this.runs.setRows([queued, ...this.runs.rows.filter(r => r.id !== queued.id)]);
            this.load();
            return true;
          } catch (e) {
            dlg.setError(errorText(e));
            return false;
          }
        } }],
    });
  }

  async showLog(run) {
    if (!run.hasLog) { toast(t('usersync.noLog'), 'error'); return; }
    try {
      const res = await fetch(`/api/user-sync/runs/${run.id}/log`, { credentials: 'same-origin', cache: 'no-store', headers: { 'X-Requested-With': 'ream-ui' } });
      // Errors come as the API's JSON ({"error": ...}), not as the log's text.
      if (!res.ok) throw new ApiError(res.status, await res.json().catch(() => null));
      const text = await res.text();
      const download = h('a', { class: 'btn', href: `/api/user-sync/runs/${run.id}/log?download=true`, download: `sync-${run.id}.log`, 'data-test': 'sync-log-download' }, t('usersync.download'));
      if (this.panel) this.panel.close();
      const mailTo = h('input', { class: 'input', type: 'email', id: nextId('mailto'), placeholder: 'name@example.com', 'data-test': 'sync-log-mail-to' });
      const mail = button(t('usersync.mailLog'), { iconName: 'mail', 'data-test': 'sync-log-mail', onClick: () => busy(mail, async () => {
        try {
          await post(`/api/user-sync/runs/${run.id}/mail`, { to: mailTo.value.split(/[,;\s]+/).filter(Boolean) });
          toast(t('usersync.mailed'));
        } catch (e) {
          toast(errorText(e), 'error');
        }
      }) });
      this.panel = sidePanel(this.pageEl, { title: t('usersync.logTitle', { id: run.id }),
        body: [h('div', { class: 'details' }, preBlock(t('usersync.result'), text) || notice('info', t('usersync.noLog'))),
          fieldRow({ label: t('usersync.mailTo'), control: mailTo, id: 'mailto' })],
        footer: [download, mail], onClose: () => { this.panel = null; } });
    } catch (e) {
      toast(errorText(e), 'error');
    }
  }

  async edit(row, newKind) {
    let source = { kind: newKind, name: '', enabled: true, config: {} };
    let servers = [];
    try {
      if (row) source = await get(`/api/user-sync/sources/${row.id}`);
      servers = await get('/api/auth-servers');
    } catch (e) { toast(errorText(e), 'error'); return; }
    const rows = {};
    const controls = {};
    const name = h('input', { class: 'input', id: nextId('name'), value: source.name || '', 'data-test': 'sync-name' });
    const enabledWrap = switchInput(nextId('en'), source.enabled !== false, { 'data-test': 'sync-enabled' });
    rows.name = fieldRow({ label: t('usersync.name'), control: name, required: true, id: 'name' });
    rows.enabled = fieldRow({ label: t('usersync.enabled'), control: enabledWrap, id: 'enabled' });
    const sections = SECTIONS[source.kind].map(([title, fields]) => h('section', { class: 'panel-section', 'data-test': `sync-section-${title}` },
      h('h3', null, t(`usersync.section.${title}`)),
      ...fields.map(([path, type, opts = {}]) => {
        const c = control(path, type, opts, source, servers);
        controls[path] = { type, el: c };
        const secretSet = type === 'secret' && source.config[`${path}Set`];
        rows[path] = fieldRow({ label: t(`usersync.f.${path}`, { fallback: path }), control: c.wrap || c, id: path, required: !!opts.required && !secretSet,
          hint: secretSet ? t('usersync.secretKept') : (opts.hint ? t(opts.hint) : null) });
        return rows[path];
      })));
    const collect = () => {
      const config = {};
      for (const [path, { type, el }] of Object.entries(controls)) {
        const input = el.input || el;
        let v;
        if (type === 'bool') v = input.checked;
        else if (type === 'list') v = input.value.split(/\n/).map(x => x.trim()).filter(Boolean);
        else if (type === 'number') v = input.value === '' ? null : Number(input.value);
        else if (type === 'secret') { if (input.value === '') continue; v = input.value; }
        else v = input.value.trim();
        setPath(config, path, v);
      }
      return { kind: source.kind, name: name.value.trim(), enabled: enabledWrap.querySelector('input').checked, config };
    };
    const save = button(t('common.save'), { kind: 'primary', 'data-test': 'sync-save', onClick: () => busy(save, async () => {
      Object.values(rows).forEach(r => setFieldError(r, null));
      const body = collect();
      try {
        if (source.id) await put(`/api/user-sync/sources/${source.id}`, body);
        else await post('/api/user-sync/sources', body);
        toast(t('usersync.saved', { name: body.name }));
        this.panel.close();
        await this.load();
      } catch (e) {
        if (!showFieldErrors(e, rows, k => k.replace(/^config\./, ''))) toast(errorText(e), 'error');
      }
    }) });
    const remove = source.id ? button(t('common.delete'), { iconName: 'trash', 'data-test': 'sync-delete', onClick: async () => {
      if (!(await confirmDialog({ title: t('usersync.deleteTitle'), message: t('usersync.deleteQuestion', { name: source.name }), confirmLabel: t('common.delete'), danger: true }))) return;
      try {
        await del(`/api/user-sync/sources/${source.id}`);
        this.panel.close();
        await this.load();
      } catch (e) {
        toast(errorText(e), 'error');
      }
    } }) : null;
    if (this.panel) this.panel.close();
    this.panel = sidePanel(this.pageEl, {
      title: source.id ? source.name : t(`usersync.kind.${source.kind}`),
      body: [rows.name, rows.enabled, ...sections],
      footer: [save, remove].filter(Boolean),
      onClose: () => { this.panel = null; },
    });
    name.focus();
  }
}

function statusCell(r) {
  if (!r.finishedAt) {
    const pct = r.total > 0 ? Math.round((100 * r.done) / r.total) : null;
    // The server names its phases in English ("Queued", "Writing"): a queued run is said in the user's language.
    const phase = r.status === 'QUEUED' || !r.phase ? t(`usersync.status.${r.status === 'RUNNING' ? 'RUNNING' : 'QUEUED'}`) : r.phase;
    const label = `${phase}${r.total > 0 ? ` ${r.done}/${r.total}` : r.done > 0 ? ` ${r.done}` : ''}`;
    return h('div', { class: 'run-progress', 'data-test': 'sync-progress' },
      h('div', null, label),
      h('progress', { max: 100, 'aria-label': label, ...(pct === null ? {} : { value: pct }) }));
  }
  const ic = { OK: 'check', WARNING: 'warning', ERROR: 'error' }[r.status] || 'info';
  return h('span', { class: `run-status run-${r.status.toLowerCase()}`, 'data-test': 'sync-status' }, icon(ic),
    h('span', null, `${t(`usersync.status.${r.status}`, { fallback: r.status })}${r.dryRun ? ` (${t('usersync.dryRun')})` : ''}`));
}

function valueAt(obj, path) {
  return path.split('.').reduce((o, k) => (o == null ? undefined : o[k]), obj);
}

function setPath(obj, path, v) {
  const keys = path.split('.');
  let o = obj;
  keys.slice(0, -1).forEach(k => { o = o[k] || (o[k] = {}); });
  o[keys[keys.length - 1]] = v;
}

function control(path, type, opts, source, servers) {
  const stored = valueAt(source.config, path);
  const initial = typeof opts.initial === 'function' ? opts.initial(source.kind) : opts.initial;
  const value = stored ?? initial ?? '';
  const id = nextId(path.replace('.', '-'));
  const test = { 'data-test': `sync-${path.replace('.', '-')}` };
  switch (type) {
    case 'bool': {
      const wrap = switchInput(id, value === true || value === 'true', test);
      const input = wrap.querySelector('input');
      return Object.assign(input, { wrap, input });
    }
    case 'list':
      return h('textarea', { class: 'input', id, rows: 3, ...test }, Array.isArray(value) ? value.join('\n') : value);
    case 'number':
      return h('input', { class: 'input', id, type: 'number', min: 0, value: value === null ? '' : String(value), ...test });
    case 'secret':
      return h('input', { class: 'input', id, type: 'password', autocomplete: 'new-password', ...test });
    case 'mode':
      return h('select', { class: 'input', id, ...test }, ...MODES.map(m => h('option', { value: m, selected: m === value }, t(`usersync.mode.${m}`))));
    case 'server': {
      const usable = servers.filter(s => opts.serverKind === 'ANY' || s.kind === opts.serverKind);
      return h('select', { class: 'input', id, ...test }, h('option', { value: '' }, '—'),
        ...usable.map(s => h('option', { value: String(s.id), selected: String(s.id) === String(value) }, s.name)));
    }
    default:
      return h('input', { class: 'input', id, value: String(value), ...test });
  }
}
