// Authentication servers (manual 6.6): LDAP, RADIUS and Azure AD servers; add, edit, rename,
// delete and Test. Secrets are write-only: the server says whether one is set, never its value.
import { get, post, put, del } from '../api.js';
import { t } from '../i18n.js';
import { h, clear, button, busy, notice, toast, pageHeader, errorText, fieldRow, setFieldError, showFieldErrors, switchInput, confirmDialog, sidePanel, nextId } from '../ui.js';
import { DataTable } from '../table.js';

const KINDS = ['LDAP', 'RADIUS', 'AZURE'];
const LDAP_TYPES = ['ACTIVE_DIRECTORY', 'NOVELL', 'OPENLDAP', 'LOTUS_DOMINO', 'GOOGLE_WORKSPACE'];
const SECURITY = ['NONE', 'STARTTLS', 'SSL'];

// The settings of each kind: [key, type, options]. Secret fields stay empty unless changed.
const FIELDS = {
  LDAP: [['domain', 'text', { required: true }], ['type', 'select', { options: LDAP_TYPES }], ['security', 'select', { options: SECURITY }],
    ['addresses', 'list', { hint: 'authServers.addressesHint' }], ['baseDn', 'text'], ['bindUser', 'text'], ['bindPassword', 'secret'],
    ['validateCertificate', 'bool', { initial: true }], ['trustedCertificate', 'pem'], ['clientCertificate', 'pem'], ['clientKey', 'secretPem'],
    ['timeoutSeconds', 'number', { initial: 5 }]],
  RADIUS: [['addresses', 'list', { required: true }], ['port', 'number', { initial: 1812 }], ['sharedSecret', 'secret', { required: true }]],
  AZURE: [['tenantId', 'text', { required: true }], ['clientId', 'text', { required: true }], ['clientSecret', 'secret', { required: true }],
    ['signInWithMicrosoft', 'bool', { initial: true }], ['authority', 'text', { hint: 'authServers.authorityHint' }]],
};

export async function render(main) {
  const page = new AuthServersPage(main);
  await page.start();
  return () => { if (page.panel) page.panel.close(); };
}

class AuthServersPage {
  constructor(main) {
    this.main = main;
  }

  async start() {
    const add = button(t('authServers.add'), { iconName: 'plus', kind: 'primary', 'data-test': 'auth-add', onClick: () => this.edit(null) });
    this.table = new DataTable([
      { key: 'name', label: t('authServers.name'), className: 'col-name' },
      { key: 'kind', label: t('authServers.kind'), render: s => t(`authServers.kind.${s.kind}`, { fallback: s.kind }) },
      { key: 'where', label: t('authServers.where'), render: s => where(s) },
      { key: 'users', label: t('authServers.users') },
    ], { caption: t('settings.authServers'), empty: t('authServers.empty'), onOpen: s => this.edit(s), onSelect: () => {} });
    this.message = h('div', { class: 'page-message' });
    this.pageEl = h('div', { class: 'page page-auth-servers' },
      pageHeader(t('settings.authServers'), {
        crumbs: [{ label: t('nav.settings'), href: '#/settings' }, { label: t('settings.authServers') }],
        subtitle: t('authServers.intro'),
        tools: [add],
      }),
      this.message,
      h('div', { class: 'table-card' }, this.table.el));
    this.main.appendChild(this.pageEl);
    await this.load();
  }

  async load() {
    try {
      this.table.setRows(await get('/api/auth-servers'));
      clear(this.message);
    } catch (e) {
      clear(this.message).appendChild(notice('error', errorText(e)));
    }
  }

  async edit(row) {
    let server = { kind: 'LDAP', name: '', config: {} };
    if (row) {
      try { server = await get(`/api/auth-servers/${row.id}`); } catch (e) { toast(errorText(e), 'error'); return; }
    }
    const rows = {};
    const kind = h('select', { class: 'input', id: nextId('kind'), disabled: !!server.id, 'data-test': 'auth-kind' },
      ...KINDS.map(k => h('option', { value: k, selected: k === server.kind }, t(`authServers.kind.${k}`, { fallback: k }))));
    const name = h('input', { class: 'input', id: nextId('name'), value: server.name || '', 'data-test': 'auth-name' });
    rows.kind = fieldRow({ label: t('authServers.kind'), control: kind, id: 'kind' });
    rows.name = fieldRow({ label: t('authServers.name'), control: name, required: true, id: 'name', hint: server.id ? t('authServers.renameHint') : null });
    const settingsBox = h('div');
    let controls = {};
    const drawSettings = () => {
      controls = {};
      clear(settingsBox).append(...FIELDS[kind.value].map(([key, type, opts = {}]) => {
        const c = control(key, type, opts, server);
        controls[key] = { type, el: c };
        rows[key] = fieldRow({ label: t(`authServers.f.${key}`, { fallback: key }), control: c.wrap || c, id: key, required: !!opts.required && !(type.startsWith('secret') && server.config[`${key}Set`]),
          hint: type.startsWith('secret') && server.config[`${key}Set`] ? t('authServers.secretKept') : (opts.hint ? t(opts.hint) : null) });
        return rows[key];
      }));
    };
    kind.addEventListener('change', drawSettings);
    drawSettings();
    const testUser = h('input', { class: 'input', id: nextId('tu'), autocomplete: 'off', 'data-test': 'auth-test-user' });
    const testPassword = h('input', { class: 'input', id: nextId('tp'), type: 'password', autocomplete: 'new-password', 'data-test': 'auth-test-password' });
    const testResult = h('div', { 'data-test': 'auth-test-result', 'aria-live': 'polite' });
    const collect = () => {
      const config = {};
      for (const [key, { type, el }] of Object.entries(controls)) {
        const input = el.input || el;
        if (type === 'bool') config[key] = input.checked;
        else if (type === 'list') config[key] = input.value.split(/[\n,;]/).map(x => x.trim()).filter(Boolean);
        else if (type === 'number') config[key] = input.value === '' ? null : Number(input.value);
        else if (type.startsWith('secret')) { if (input.value !== '') config[key] = input.value; }
        else config[key] = input.value.trim();
      }
      return { kind: kind.value, name: name.value.trim(), config };
    };
    const showErrors = (e) => {
      if (!showFieldErrors(e, rows, k => k.replace(/^config\./, ''))) toast(errorText(e), 'error');
    };
    const save = button(t('common.save'), { kind: 'primary', 'data-test': 'auth-save', onClick: () => busy(save, async () => {
      Object.values(rows).forEach(r => setFieldError(r, null));
      const body = collect();
      try {
        if (server.id) {
          if (body.name !== server.name) await post(`/api/auth-servers/${server.id}/rename`, { name: body.name });
          await put(`/api/auth-servers/${server.id}`, body);
        } else {
          await post('/api/auth-servers', body);
        }
        toast(t('authServers.saved', { name: body.name }));
        this.panel.close();
        await this.load();
      } catch (e) {
        showErrors(e);
      }
    }) });
    const test = button(t('authServers.test'), { 'data-test': 'auth-test', onClick: () => busy(test, async () => {
      clear(testResult);
      const body = { ...collect(), id: server.id || null, username: testUser.value.trim() || null, password: testPassword.value || null };
      try {
        const r = server.id ? await post(`/api/auth-servers/${server.id}/test`, body) : await post('/api/auth-servers/test', body);
        testResult.append(notice(r.ok ? 'success' : 'error', r.message || ''), ...(r.steps && r.steps.length ? [h('ul', { class: 'plain-list' }, ...r.steps.map(s => h('li', null, s)))] : []));
      } catch (e) {
        showErrors(e);
      }
    }) });
    const remove = server.id ? button(t('common.delete'), { iconName: 'trash', 'data-test': 'auth-delete', onClick: async () => {
      if (!(await confirmDialog({ title: t('authServers.deleteTitle'), message: t('authServers.deleteQuestion', { name: server.name }), confirmLabel: t('common.delete'), danger: true }))) return;
      try {
        await del(`/api/auth-servers/${server.id}`);
        this.panel.close();
        await this.load();
      } catch (e) {
        toast(errorText(e), 'error');
      }
    } }) : null;
    this.panel = sidePanel(this.pageEl, {
      title: server.id ? server.name : t('authServers.add'),
      body: [rows.kind, rows.name, settingsBox,
        h('section', { class: 'test-box' }, h('h3', null, t('authServers.testTitle')), h('p', { class: 'muted' }, t('authServers.testHint')),
          fieldRow({ label: t('login.username'), control: testUser }), fieldRow({ label: t('login.password'), control: testPassword }), test, testResult)],
      footer: [save, remove].filter(Boolean),
      onClose: () => { this.panel = null; },
    });
    name.focus();
  }
}

function control(key, type, opts, server) {
  const value = server.config[key] ?? opts.initial ?? '';
  const id = nextId(key);
  const test = { 'data-test': `auth-${key}` };
  switch (type) {
    case 'select':
      return h('select', { class: 'input', id, ...test }, ...opts.options.map(o => h('option', { value: o, selected: o === value }, t(`authServers.o.${o}`, { fallback: o }))));
    case 'bool': {
      const wrap = switchInput(id, value === true || value === 'true', test);
      const input = wrap.querySelector('input');
      return Object.assign(input, { wrap, input });
    }
    case 'list':
      return h('textarea', { class: 'input', id, rows: 2, ...test }, Array.isArray(value) ? value.join('\n') : value);
    case 'number':
      return h('input', { class: 'input', id, type: 'number', value: String(value), ...test });
    case 'pem':
      return h('textarea', { class: 'input mono', id, rows: 3, ...test }, value);
    case 'secretPem':
      return h('textarea', { class: 'input mono', id, rows: 3, autocomplete: 'off', ...test });
    case 'secret':
      return h('input', { class: 'input', id, type: 'password', autocomplete: 'new-password', ...test });
    default:
      return h('input', { class: 'input', id, value: String(value), ...test });
  }
}

function where(s) {
  const c = s.config || {};
  if (s.kind === 'AZURE') return c.tenantId || '';
  const addresses = Array.isArray(c.addresses) ? c.addresses.join(', ') : '';
  if (s.kind === 'LDAP') return addresses || t('authServers.dnsDiscovery', { domain: c.domain || '' });
  return addresses;
}
