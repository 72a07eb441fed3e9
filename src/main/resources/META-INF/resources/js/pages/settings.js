// Settings pages drawn from their definitions (GET /api/settings/{section}), saved in one PUT;
// errors come back per field and are shown next to the fields. Extras per page: job privacy
// (6.1), the logo (6.2) and the SMTP test (6.4.3).
import { get, put, post, del } from '../api.js';
import { icon } from '../icons.js';
import { has, LANGUAGE_NAMES, t } from '../i18n.js';
import { h, clear, button, busy, notice, loading, toast, dialog, fieldRow, setFieldError, switchInput, pageHeader, errorText, fieldErrorText, nextId } from '../ui.js';
import { refreshLogo } from '../shell.js';
import { state } from '../state.js';

const SECRET = '\u2022\u2022\u2022\u2022\u2022\u2022';
const LOGO_TYPES = { png: 'image/png', jpg: 'image/jpeg', jpeg: 'image/jpeg', bmp: 'image/bmp' };

export async function render(main, { route, params }) {
  const section = route.section;
  const page = h('div', { class: 'page page-settings' });
  main.appendChild(page);
  page.appendChild(pageHeader(t(route.title), {
    crumbs: [{ label: t('nav.settings'), href: '#/settings' }, { label: t(route.title) }],
    subtitle: has(`${route.title}.intro`) ? t(`${route.title}.intro`) : null,
  }));
  const body = h('div', { class: 'settings-body' }, loading());
  page.appendChild(body);

  let data;
  try {
    data = await get(`/api/settings/${section}`);
  } catch (e) {
    clear(body).appendChild(notice('error', errorText(e)));
    return undefined;
  }
  const form = new SettingsForm(section, body, data);
  form.draw();
  const focus = params && params.get('focus');
  const target = focus && body.querySelector(`[data-key="${CSS.escape(focus)}"]`);
  if (target) {
    target.scrollIntoView({ block: 'center' });
    target.focus();
  }
  return () => form.dispose();
}

class SettingsForm {
  constructor(section, host, data) {
    this.section = section;
    this.host = host;
    this.fields = data.fields;
    this.rows = new Map();
    this.controls = new Map();
    this.pendingLogo = null;
    this.disposed = false;
  }

  dispose() {
    this.disposed = true;
    if (this.previewUrl) URL.revokeObjectURL(this.previewUrl);
  }

  draw() {
    clear(this.host);
    this.rows.clear();
    this.controls.clear();
    this.summary = h('div', { class: 'form-summary', 'aria-live': 'polite' });
    const form = h('form', { class: 'settings-form', novalidate: true, 'data-section': this.section });
    form.appendChild(this.summary);
    if (this.section === 'personalization') form.appendChild(this.logoCard());

    const groups = new Map();
    for (const f of this.fields) {
      const prefix = f.key.split('.')[0];
      if (!groups.has(prefix)) groups.set(prefix, []);
      groups.get(prefix).push(f);
    }
    for (const [prefix, fields] of groups) {
      const titleId = nextId('grp');
      const card = h('section', { class: 'card form-card', 'aria-labelledby': titleId },
        h('h2', { class: 'card-title', id: titleId }, t(`group.${prefix}`, { fallback: prefix })),
        has(`group.${prefix}.intro`) ? h('p', { class: 'card-intro' }, t(`group.${prefix}.intro`)) : null);
      for (const f of fields) {
        if (f.key === 'privacy.jobPrivacy') card.appendChild(this.jobPrivacy(f));
        else card.appendChild(this.row(f));
      }
      form.appendChild(card);
    }

    const save = button(t('common.save'), { kind: 'primary', iconName: 'check', type: 'submit', 'data-test': 'settings-save' });
    const cancel = button(t('common.cancel'), { kind: 'secondary', onClick: () => this.reload(), 'data-test': 'settings-cancel' });
    const actions = h('div', { class: 'form-actions' }, save, cancel);
    if (this.section === 'smtp') actions.appendChild(button(t('smtp.test'), { iconName: 'mail', onClick: () => this.smtpTest(), 'data-test': 'smtp-test' }));
    if (this.section === 'users') form.insertBefore(this.userActions(), this.summary.nextSibling);
    actions.appendChild(h('p', { class: 'mandatory-note' }, t('form.mandatory')));
    form.appendChild(actions);
    form.addEventListener('submit', (e) => { e.preventDefault(); busy(save, () => this.save()); });
    form.addEventListener('input', () => { this.dirty = true; });
    this.form = form;
    this.dirty = false;
    this.host.appendChild(form);
  }

  label(key) {
    return t(`setting.${key}`, { fallback: key });
  }

  row(f) {
    const id = `set-${f.key.replace(/\./g, '-')}`;
    const control = this.control(f, id);
    const unit = has(`setting.${f.key}.unit`) ? t(`setting.${f.key}.unit`) : null;
    const wrapped = unit ? h('div', { class: 'input-unit' }, control, h('span', { class: 'unit' }, unit)) : control;
    const hintKey = `setting.${f.key}.hint`;
    let hint = has(hintKey) ? t(hintKey) : null;
    if (f.type === 'INT' && f.min !== undefined && f.max !== undefined) {
      const range = t('form.range', { min: f.min, max: f.max });
      hint = hint ? `${hint} ${range}` : range;
    }
    const row = fieldRow({ label: this.label(f.key), control: wrapped, hint, required: f.required && f.type !== 'BOOL', id: f.key });
    row.classList.add(`type-${f.type.toLowerCase()}`);
    this.rows.set(f.key, row);
    return row;
  }

  control(f, id) {
    const v = f.value === null || f.value === undefined ? '' : String(f.value);
    const common = { id, name: f.key, disabled: f.readOnly, 'data-key': f.key };
    let el;
    switch (f.type) {
      case 'BOOL': {
        const sw = switchInput(id, v === 'true', { name: f.key, disabled: f.readOnly, 'data-key': f.key });
        this.controls.set(f.key, { read: () => String(sw.querySelector('input').checked), el: sw });
        return sw;
      }
      case 'MULTILINE':
        el = h('textarea', { ...common, rows: '4' });
        el.value = v;
        break;
      case 'INT':
        el = h('input', { ...common, type: 'number', inputmode: 'numeric', step: '1', min: f.min, max: f.max, value: v, class: 'input-short' });
        break;
      case 'EMAIL':
        el = h('input', { ...common, type: 'email', autocomplete: 'email', value: v, spellcheck: 'false' });
        break;
      case 'EMAILS':
        el = h('input', { ...common, type: 'text', value: v, spellcheck: 'false', placeholder: t('form.emailsPlaceholder') });
        break;
      case 'URL':
        el = h('input', { ...common, type: 'url', value: v, spellcheck: 'false', placeholder: 'https://' });
        break;
      case 'PASSWORD':
        el = h('input', { ...common, type: 'password', autocomplete: 'new-password', value: v });
        el.addEventListener('focus', () => { if (el.value === SECRET) el.select(); });
        break;
      case 'CURRENCY': {
        const listId = `${id}-list`;
        const codes = Intl.supportedValuesOf ? Intl.supportedValuesOf('currency') : [];
        el = h('input', { ...common, type: 'text', value: v, maxlength: '3', class: 'input-short upper', list: listId, autocomplete: 'off', spellcheck: 'false' });
        el.addEventListener('input', () => { el.value = el.value.toUpperCase(); });
        this.controls.set(f.key, { read: () => el.value.trim(), el });
        return h('span', { class: 'with-list' }, el, h('datalist', { id: listId }, ...codes.map(c => h('option', { value: c }))));
      }
      case 'CHOICE':
        el = h('select', common, ...(f.options || []).map(o => h('option', { value: o, selected: o === v }, t(`option.${f.key}.${o}`, { fallback: o }))));
        break;
      case 'LANGUAGE':
        el = h('select', common, ...(f.options || []).map(o => h('option', { value: o, selected: o === v }, LANGUAGE_NAMES[o] || o)));
        break;
      case 'ID_LIST': {
        // Group ids (temporary PINs for chosen groups): a multi-select filled from the group tree.
        const chosen = new Set(v.split(',').map(x => x.trim()).filter(Boolean));
        el = h('select', { ...common, multiple: true, size: '5' }, ...[...chosen].map(id => h('option', { value: id, selected: true }, id)));
        get('/api/groups').then((groups) => {
          clear(el).append(...groups.map(g => h('option', { value: String(g.id), selected: chosen.has(String(g.id)) }, String(g.path || g.name).split('|').join(' / '))));
        }).catch(() => { /* ids stay as they are */ });
        this.controls.set(f.key, { read: () => [...el.selectedOptions].map(o => o.value).join(','), el });
        return el;
      }
      case 'TIMEZONE':
        el = h('select', common, ...timeZones(v).map(z => h('option', { value: z.id, selected: z.id === v }, z.label)));
        break;
      default:
        el = h('input', { ...common, type: 'text', value: v });
    }
    this.controls.set(f.key, { read: () => el.value, el });
    return el;
  }

  /** User settings (8.8): PIN length by the number of users, regenerate all PINs, revert the mails, delete all cards. */
  userActions() {
    const info = h('p', { class: 'muted', 'data-test': 'pin-length-info' });
    get('/api/user-settings/pin-length').then((p) => {
      info.textContent = t('userSettings.pinLength', { users: p.users, required: p.requiredByUsers, generated: p.generated });
    }).catch(() => {});
    const regenerate = button(t('userSettings.regenerate'), { 'data-test': 'regenerate-pins', onClick: async () => {
      const ok = await confirmQuestion(t('userSettings.regenerate'), t('userSettings.regenerateQuestion'));
      if (!ok) return;
      try {
        const r = await post('/api/user-settings/regenerate-pins');
        toast(t('userSettings.regenerating', { users: r.users }));
      } catch (e) { toast(errorText(e), 'error'); }
    } });
    const revert = (name) => button(t(`userSettings.revert.${name}`), { 'data-test': `revert-${name}`, onClick: async () => {
      try {
        await post(`/api/user-settings/templates/${name}/revert`);
        toast(t('userSettings.reverted'));
        this.reload();
      } catch (e) { toast(errorText(e), 'error'); }
    } });
    const deleteCards = button(t('userSettings.deleteAllCards'), { kind: 'danger', 'data-test': 'delete-all-cards', onClick: async () => {
      const ok = await confirmQuestion(t('userSettings.deleteAllCards'), t('userSettings.deleteAllCardsQuestion'));
      if (!ok) return;
      try {
        const r = await post('/api/user-settings/delete-all-cards');
        toast(t('userSettings.cardsDeleted', { n: r.deleted }));
      } catch (e) { toast(errorText(e), 'error'); }
    } });
    return h('section', { class: 'card form-card' }, h('h2', { class: 'card-title' }, t('userSettings.actions')), info,
      h('div', { class: 'form-actions' }, regenerate, revert('new-pin'), revert('pin-reset'), deleteCards));
  }

  jobPrivacy(f) {
    const on = String(f.value) === 'true';
    const box = h('div', { class: 'privacy-box', 'data-test': 'job-privacy' });
    if (on) {
      box.append(h('p', { class: 'status-line ok' }, icon('shield'), t('privacy.enabled')));
    } else {
      box.append(
        h('p', null, t('privacy.explain')),
        h('p', { class: 'warning-text' }, icon('warning'), t('privacy.irreversible')),
        button(t('privacy.enable'), { kind: 'danger', iconName: 'shield', onClick: () => this.enablePrivacy(), 'data-test': 'job-privacy-enable' }));
    }
    return box;
  }

  enablePrivacy() {
    const pw = h('input', { type: 'password', id: 'privacy-password', autocomplete: 'current-password' });
    const row = fieldRow({ label: t('login.password'), control: pw, required: true, id: 'password' });
    dialog({
      title: t('privacy.enable'),
      body: [notice('warning', t('privacy.confirmText')), row],
      actions: [
        { label: t('common.cancel') },
        {
          label: t('privacy.enable'), kind: 'danger', primary: true, id: 'confirm-privacy',
          onClick: async (dlg) => {
            setFieldError(row, null);
            try {
              await post('/api/settings/general/job-privacy', { password: pw.value });
            } catch (e) {
              if (e.fields && e.fields.password) { setFieldError(row, fieldErrorText(e.fields.password)); pw.select(); } else dlg.setError(errorText(e));
              return false;
            }
            toast(t('privacy.done'));
            this.reload();
            return true;
          },
        },
      ],
    });
  }

  logoCard() {
    const titleId = nextId('grp');
    const preview = h('div', { class: 'logo-preview', 'data-test': 'logo-preview' });
    const file = h('input', { type: 'file', id: 'logo-file', accept: '.png,.jpg,.jpeg,.bmp,image/png,image/jpeg,image/bmp', class: 'visually-hidden-file' });
    const addLabel = h('label', { for: 'logo-file', class: 'btn btn-secondary', tabindex: '0', role: 'button' }, icon('upload'), h('span', null, t('logo.add')));
    addLabel.addEventListener('keydown', (e) => { if (e.key === 'Enter' || e.key === ' ') { e.preventDefault(); file.click(); } });
    const remove = button(t('logo.remove'), { iconName: 'trash', kind: 'ghost', 'data-test': 'logo-remove' });
    const row = h('div', { class: 'field', dataset: { field: 'logo' } },
      h('span', { class: 'field-label' }, t('logo.label')),
      h('div', { class: 'field-control' }, preview, h('div', { class: 'logo-actions' }, file, addLabel, remove),
        h('p', { class: 'field-hint' }, t('logo.hint')),
        h('p', { class: 'field-error', role: 'alert', hidden: true })));
    this.rows.set('logo', row);

    const show = () => {
      clear(preview);
      if (this.pendingLogo === 'remove' || (!this.pendingLogo && !state.info.customLogo)) {
        preview.append(h('span', { class: 'logo-empty' }, t('logo.none')));
        remove.disabled = true;
      } else {
        const src = this.pendingLogo ? this.previewUrl : `/api/public/logo?v=${state.logoVersion}`;
        preview.append(h('img', { src, alt: t('logo.previewAlt') }));
        remove.disabled = false;
      }
      if (this.pendingLogo) preview.append(h('span', { class: 'badge badge-warning' }, t('logo.pending')));
    };
    file.addEventListener('change', () => {
      const f = file.files && file.files[0];
      if (!f) return;
      if (this.previewUrl) URL.revokeObjectURL(this.previewUrl);
      this.previewUrl = URL.createObjectURL(f);
      this.pendingLogo = f;
      this.dirty = true;
      setFieldError(row, null);
      show();
    });
    remove.addEventListener('click', () => { this.pendingLogo = state.info.customLogo ? 'remove' : null; this.dirty = true; show(); });
    show();
    return h('section', { class: 'card form-card', 'aria-labelledby': titleId },
      h('h2', { class: 'card-title', id: titleId }, t('group.logo')),
      h('p', { class: 'card-intro' }, t('group.logo.intro')), row);
  }

  values() {
    const out = {};
    for (const f of this.fields) {
      if (f.readOnly) continue;
      const c = this.controls.get(f.key);
      if (c) out[f.key] = c.read();
    }
    return out;
  }

  clearErrors() {
    clear(this.summary);
    for (const row of this.rows.values()) setFieldError(row, null);
  }

  showErrors(e) {
    const fields = e.fields || {};
    let first = null;
    const unknown = [];
    for (const [key, msg] of Object.entries(fields)) {
      const row = this.rows.get(key);
      if (row) {
        setFieldError(row, fieldErrorText(msg));
        if (!first) first = row;
      } else unknown.push(`${this.label(key)}: ${fieldErrorText(msg)}`);
    }
    const count = Object.keys(fields).length;
    this.summary.appendChild(notice('error', count ? t('form.errors', { count }) : errorText(e), ...unknown.map(u => h('div', null, u))));
    const target = first && first.querySelector('input,select,textarea');
    if (target) target.focus();
    else this.summary.scrollIntoView({ block: 'nearest' });
  }

  async save() {
    this.clearErrors();
    let result;
    try {
      result = await put(`/api/settings/${this.section}`, this.values());
    } catch (e) {
      this.showErrors(e);
      return;
    }
    let logoChanged = false;
    if (this.pendingLogo) {
      try {
        if (this.pendingLogo === 'remove') {
          await del('/api/settings/personalization/logo');
          refreshLogo(false);
        } else {
          const ext = (this.pendingLogo.name.split('.').pop() || '').toLowerCase();
          const type = LOGO_TYPES[ext] || this.pendingLogo.type || 'application/octet-stream';
          await put('/api/settings/personalization/logo', this.pendingLogo, { contentType: type });
          refreshLogo(true);
        }
        logoChanged = true;
        this.pendingLogo = null;
      } catch (e) {
        this.showErrors(e);
        return;
      }
    }
    if (this.disposed) return;
    this.fields = result.fields;
    const changed = (result.changed || []).length + (logoChanged ? 1 : 0);
    this.draw();
    this.summary.appendChild(notice('success', changed ? t('form.saved') : t('form.noChanges')));
    toast(changed ? t('form.saved') : t('form.noChanges'), changed ? 'success' : 'info');
  }

  async reload() {
    this.pendingLogo = null;
    try {
      const data = await get(`/api/settings/${this.section}`);
      if (this.disposed) return;
      this.fields = data.fields;
      this.draw();
    } catch (e) {
      toast(errorText(e), 'error');
    }
  }

  smtpTest() {
    const input = h('input', { type: 'email', id: 'smtp-test-recipient', autocomplete: 'email', value: (this.controls.get('smtp.sender') || { read: () => '' }).read() });
    const row = fieldRow({ label: t('smtp.testRecipient'), control: input, required: true, id: 'recipient' });
    const body = [h('p', null, t('smtp.testExplain')), row];
    dialog({
      title: t('smtp.test'),
      body,
      actions: [
        { label: t('common.close') },
        {
          label: t('smtp.send'), kind: 'primary', primary: true, icon: 'mail', id: 'send-test',
          onClick: async (dlg) => {
            setFieldError(row, null);
            this.clearErrors();
            if (!input.value.trim()) { setFieldError(row, t('validation.required')); return false; }
            try {
              // The values shown are tested, saved or not (a secret left as ●●●●●● is the saved one).
              await post('/api/settings/smtp/test', { recipient: input.value.trim(), settings: this.values() });
            } catch (e) {
              const fields = { ...(e.fields || {}) };
              if (fields.recipient) { setFieldError(row, fieldErrorText(fields.recipient)); delete fields.recipient; }
              const formFields = Object.keys(fields).filter(k => this.rows.has(k));
              formFields.forEach(k => setFieldError(this.rows.get(k), fieldErrorText(fields[k])));
              if (formFields.length) dlg.setError(t('smtp.testFieldErrors'));
              else if (e.status === 404) dlg.setError(t('error.notAvailableYet'));
              else if (!e.fields || !e.fields.recipient) dlg.setError(t('smtp.testFailed', { error: errorText(e) }));
              return false;
            }
            toast(t('smtp.testOk', { recipient: input.value.trim() }));
            return true;
          },
        },
      ],
    });
  }
}

function offsetOf(zone) {
  try {
    const parts = new Intl.DateTimeFormat('en', { timeZone: zone, timeZoneName: 'longOffset' }).formatToParts(new Date());
    const p = parts.find(x => x.type === 'timeZoneName');
    return p ? p.value.replace('GMT', 'UTC') : '';
  } catch (e) {
    return '';
  }
}

function timeZones(current) {
  const ids = Intl.supportedValuesOf ? [...Intl.supportedValuesOf('timeZone')] : [];
  if (!ids.includes('UTC')) ids.push('UTC');
  if (current && !ids.includes(current)) ids.push(current);
  ids.sort();
  return ids.map(id => {
    const off = offsetOf(id);
    return { id, label: off ? `${id.replace(/_/g, ' ')} (${off === 'UTC' ? 'UTC+00:00' : off})` : id };
  });
}


function confirmQuestion(title, message) {
  return new Promise((resolve) => {
    let yes = false;
    dialog({ title, body: [h('p', null, message)], actions: [{ label: t('common.cancel') }, { label: t('common.ok'), kind: 'primary', primary: true, onClick: () => { yes = true; return true; } }], onClose: () => resolve(yes) });
  });
}
