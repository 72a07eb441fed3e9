// External reports (manual 6.10): the read-only database account for BI tools. Turning it on
// takes a new password (twice); while it is on, a new password changes it; turning it off drops
// the account. The server changes the database first and says plainly when the database refuses.
import { get, put } from '../api.js';
import { t } from '../i18n.js';
import { h, clear, button, busy, notice, loading, toast, fieldRow, setFieldError, showFieldErrors, switchInput, pageHeader, errorText } from '../ui.js';

export async function render(main, { route }) {
  const page = h('div', { class: 'page page-external-reports' });
  main.appendChild(page);
  page.appendChild(pageHeader(t(route.title), {
    crumbs: [{ label: t('nav.settings'), href: '#/settings' }, { label: t(route.title) }],
    subtitle: t('externalReports.intro'),
  }));
  const body = h('div', { class: 'settings-body' }, loading());
  page.appendChild(body);
  const view = new ExternalReportsForm(body);
  await view.load();
  return () => { view.disposed = true; };
}

class ExternalReportsForm {
  constructor(host) {
    this.host = host;
    this.disposed = false;
  }

  async load(message) {
    let status;
    try {
      status = await get('/api/external-reports');
    } catch (e) {
      clear(this.host).appendChild(notice('error', errorText(e)));
      return;
    }
    if (this.disposed) return;
    this.draw(status, message);
  }

  draw(status, message) {
    clear(this.host);
    this.summary = h('div', { class: 'form-summary', 'aria-live': 'polite' });
    if (message) this.summary.appendChild(notice('success', message));
    const enabled = switchInput('ext-enabled', status.enabled, { 'data-test': 'external-reports-enabled', disabled: !status.available && !status.enabled });
    this.enabled = enabled.querySelector('input');
    this.password = h('input', { type: 'password', id: 'ext-password', autocomplete: 'new-password', 'data-test': 'external-reports-password' });
    this.confirm = h('input', { type: 'password', id: 'ext-confirm', autocomplete: 'new-password', 'data-test': 'external-reports-confirm' });
    this.rows = {
      enabled: fieldRow({ label: t('externalReports.enabled'), control: enabled, id: 'enabled' }),
      account: fieldRow({ label: t('externalReports.account'), control: h('input', { type: 'text', id: 'ext-account', value: status.account, readonly: true, 'data-test': 'external-reports-account' }), hint: t('externalReports.accountHint'), id: 'account' }),
      password: fieldRow({ label: t('externalReports.password'), control: this.password, hint: status.enabled ? t('externalReports.passwordKeep') : t('externalReports.passwordNew'), id: 'password' }),
      confirmPassword: fieldRow({ label: t('externalReports.confirmPassword'), control: this.confirm, id: 'confirmPassword' }),
    };
    const passwordRows = [this.rows.password, this.rows.confirmPassword];
    const showPasswords = () => passwordRows.forEach(r => { r.hidden = !this.enabled.checked; });
    this.enabled.addEventListener('change', showPasswords);
    showPasswords();

    const save = button(t('common.save'), { kind: 'primary', iconName: 'check', type: 'submit', 'data-test': 'external-reports-save', disabled: !status.available && !status.enabled });
    const form = h('form', { class: 'settings-form', novalidate: true },
      this.summary,
      status.available ? null : notice('warning', h('p', { 'data-test': 'external-reports-unavailable' }, status.unavailableReason)),
      h('section', { class: 'card form-card' },
        h('h2', { class: 'card-title' }, t('externalReports.account.title')),
        h('p', { class: 'card-intro' }, t('externalReports.account.intro')),
        h('p', { class: `status-line ${status.enabled ? 'ok' : ''}`, 'data-test': 'external-reports-state' },
          status.enabled ? t('externalReports.on', { account: status.account }) : t('externalReports.off')),
        this.rows.enabled, this.rows.account, ...passwordRows),
      h('div', { class: 'form-actions' }, save),
      h('section', { class: 'card form-card' },
        h('h2', { class: 'card-title' }, t('externalReports.views.title')),
        h('p', { class: 'card-intro' }, t('externalReports.views.intro', { database: status.database })),
        h('p', { class: 'muted' }, t('externalReports.connection'), ' ', h('code', { 'data-test': 'external-reports-url' }, status.url)),
        h('ul', { class: 'plain-list', 'data-test': 'external-reports-views' }, ...status.views.map(v => h('li', null, h('code', null, v))))));
    form.addEventListener('submit', (e) => { e.preventDefault(); busy(save, () => this.save()); });
    this.host.appendChild(form);
  }

  async save() {
    clear(this.summary);
    Object.values(this.rows).forEach(r => setFieldError(r, null));
    const body = { enabled: this.enabled.checked };
    if (this.enabled.checked) {
      body.password = this.password.value;
      body.confirmPassword = this.confirm.value;
    }
    let result;
    try {
      result = await put('/api/external-reports', body);
    } catch (e) {
      if (!showFieldErrors(e, this.rows)) this.summary.appendChild(notice('error', errorText(e)));
      else this.summary.appendChild(notice('error', t('form.errors', { count: Object.keys(e.fields).length })));
      return;
    }
    toast(result.changed ? t('form.saved') : t('form.noChanges'), result.changed ? 'success' : 'info');
    if (!this.disposed) this.draw(result.status, result.message);
  }
}
