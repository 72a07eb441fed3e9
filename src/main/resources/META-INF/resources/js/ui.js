// Small building blocks: elements, buttons, menus, dialogs, toasts, spinners.
import { icon } from './icons.js';
import { t } from './i18n.js';
import { download } from './api.js';

/** Creates an element; strings become text nodes (never HTML). */
export function h(tag, attrs, ...children) {
  const el = document.createElement(tag);
  if (attrs) {
    for (const [k, v] of Object.entries(attrs)) {
      if (v === undefined || v === null || v === false) continue;
      if (k === 'class') el.className = v;
      else if (k === 'text') el.textContent = v;
      else if (k === 'dataset') Object.assign(el.dataset, v);
      else if (k === 'style' && typeof v === 'object') Object.assign(el.style, v);
      else if (k.startsWith('on') && typeof v === 'function') el.addEventListener(k.slice(2).toLowerCase(), v);
      else if (k === 'value') el.value = v;
      else if (k === 'checked') el.checked = !!v;
      else if (v === true) el.setAttribute(k, '');
      else el.setAttribute(k, v);
    }
  }
  append(el, children);
  return el;
}

function append(el, children) {
  for (const c of children) {
    if (c === null || c === undefined || c === false) continue;
    if (Array.isArray(c)) append(el, c);
    else el.appendChild(c instanceof Node ? c : document.createTextNode(String(c)));
  }
}

export function clear(el) {
  while (el.firstChild) el.removeChild(el.firstChild);
  return el;
}

let uid = 0;
export function nextId(prefix = 'id') {
  uid += 1;
  return `${prefix}-${uid}`;
}

/** A button; pass iconName for a leading icon, iconOnly to hide the text (it stays the accessible name). */
export function button(label, opts = {}) {
  const { iconName, kind = 'secondary', iconOnly = false, onClick, type = 'button', ...rest } = opts;
  const b = h('button', { type, class: `btn btn-${kind}${iconOnly ? ' btn-icon' : ''}`, ...rest });
  if (iconName) b.appendChild(icon(iconName));
  if (iconOnly) {
    b.setAttribute('aria-label', label);
    b.title = label;
  } else {
    b.appendChild(h('span', { class: 'btn-label' }, label));
  }
  if (onClick) b.addEventListener('click', onClick);
  return b;
}

/** Puts a button in its "working" state (spinner, disabled) while a promise runs. */
export async function busy(btn, promiseOrFn) {
  btn.disabled = true;
  btn.classList.add('is-busy');
  btn.setAttribute('aria-busy', 'true');
  const sp = spinner('small');
  btn.prepend(sp);
  try {
    return await (typeof promiseOrFn === 'function' ? promiseOrFn() : promiseOrFn);
  } finally {
    sp.remove();
    btn.disabled = false;
    btn.classList.remove('is-busy');
    btn.removeAttribute('aria-busy');
  }
}

export function spinner(size = '') {
  return h('span', { class: `spinner ${size}`.trim(), 'aria-hidden': 'true' });
}

export function loading(text = t('common.loading')) {
  return h('div', { class: 'loading', role: 'status' }, spinner(), h('span', null, text));
}

/** A message block: kind = info | success | warning | error. */
export function notice(kind, ...content) {
  const names = { info: 'info', success: 'check', warning: 'warning', error: 'error' };
  return h('div', { class: `notice notice-${kind}`, role: kind === 'error' ? 'alert' : 'status' },
    icon(names[kind] || 'info'), h('div', { class: 'notice-body' }, ...content));
}

/** The message of an error from the API, in the user's language where we know it. */
export function errorText(e) {
  if (!e) return t('error.unknown');
  if (e.status === 0) return t('error.network');
  if (e.status === 403 && /X-Requested-With/.test(e.message)) return t('error.csrf');
  if (e.status === 403) return t('error.forbidden');
  if (e.status === 404 && !e.body.error) return t('error.notFound');
  if (e.status === 503) return `${t('error.database')} ${e.message}`;
  return e.message || t('error.unknown');
}

// ---- Toasts ---------------------------------------------------------------------------

export function toast(message, kind = 'success', timeout = 4500) {
  const host = document.getElementById('toasts');
  const names = { info: 'info', success: 'check', warning: 'warning', error: 'error' };
  const el = h('div', { class: `toast toast-${kind}`, role: kind === 'error' ? 'alert' : 'status' },
    icon(names[kind] || 'info'), h('span', null, message));
  const close = button(t('common.close'), { iconName: 'close', iconOnly: true, kind: 'ghost', onClick: () => el.remove() });
  el.appendChild(close);
  host.appendChild(el);
  if (timeout) setTimeout(() => el.remove(), kind === 'error' ? timeout * 2 : timeout);
  return el;
}

// ---- Menus (button + role=menu list, keyboard friendly) ------------------------------------

let openMenu = null;

function closeOpenMenu(returnFocus) {
  if (!openMenu) return;
  const { list, trigger } = openMenu;
  list.hidden = true;
  trigger.setAttribute('aria-expanded', 'false');
  openMenu = null;
  if (returnFocus) trigger.focus();
}

document.addEventListener('click', (e) => {
  if (openMenu && !openMenu.wrap.contains(e.target)) closeOpenMenu(false);
});

/**
 * A drop-down menu. items: [{label, icon, onSelect, checked, disabled, danger, id}] or
 * {separator: true} or {heading: 'text'}. Returns the wrapper (trigger button + list).
 */
export function menu(trigger, items, { align = 'left', className = '' } = {}) {
  const listId = nextId('menu');
  const wrap = h('div', { class: `menu-wrap ${className}`.trim() });
  const list = h('div', { class: `menu menu-${align}`, role: 'menu', id: listId, hidden: true, tabindex: '-1' });
  trigger.setAttribute('aria-haspopup', 'menu');
  trigger.setAttribute('aria-expanded', 'false');
  trigger.setAttribute('aria-controls', listId);
  wrap.append(trigger, list);

  const render = () => {
    clear(list);
    const resolved = typeof items === 'function' ? items() : items;
    for (const it of resolved) {
      if (it.separator) { list.appendChild(h('div', { class: 'menu-sep', role: 'separator' })); continue; }
      if (it.heading) { list.appendChild(h('div', { class: 'menu-heading', role: 'presentation' }, it.heading)); continue; }
      const role = it.checked === undefined ? 'menuitem' : 'menuitemradio';
      const b = h('button', {
        type: 'button', role, class: `menu-item${it.danger ? ' danger' : ''}`, tabindex: '-1', disabled: it.disabled,
        'aria-checked': it.checked === undefined ? null : String(!!it.checked), dataset: it.id ? { item: it.id } : undefined,
      });
      if (it.checked !== undefined) b.appendChild(icon(it.checked ? 'check' : 'circle', it.checked ? 'mark on' : 'mark'));
      else if (it.icon) b.appendChild(icon(it.icon));
      b.appendChild(h('span', null, it.label));
      if (it.hint) b.appendChild(h('span', { class: 'menu-hint' }, it.hint));
      b.addEventListener('click', () => { closeOpenMenu(true); it.onSelect && it.onSelect(); });
      list.appendChild(b);
    }
  };

  const items_ = () => [...list.querySelectorAll('.menu-item:not([disabled])')];
  const open = (focusLast = false) => {
    if (openMenu && openMenu.list !== list) closeOpenMenu(false);
    render();
    list.hidden = false;
    trigger.setAttribute('aria-expanded', 'true');
    openMenu = { list, trigger, wrap };
    const all = items_();
    const checked = all.find(b => b.getAttribute('aria-checked') === 'true');
    (checked || (focusLast ? all[all.length - 1] : all[0]) || list).focus();
  };

  trigger.addEventListener('click', (e) => {
    e.stopPropagation();
    if (!list.hidden) closeOpenMenu(false); else open();
  });
  trigger.addEventListener('keydown', (e) => {
    if (e.key === 'ArrowDown') { e.preventDefault(); open(); }
    if (e.key === 'ArrowUp') { e.preventDefault(); open(true); }
  });
  list.addEventListener('keydown', (e) => {
    const all = items_();
    const i = all.indexOf(document.activeElement);
    if (e.key === 'ArrowDown') { e.preventDefault(); (all[i + 1] || all[0]).focus(); }
    else if (e.key === 'ArrowUp') { e.preventDefault(); (all[i - 1] || all[all.length - 1]).focus(); }
    else if (e.key === 'Home') { e.preventDefault(); all[0].focus(); }
    else if (e.key === 'End') { e.preventDefault(); all[all.length - 1].focus(); }
    else if (e.key === 'Escape') { e.preventDefault(); closeOpenMenu(true); }
    else if (e.key === 'Tab') closeOpenMenu(false);
  });
  return wrap;
}

// ---- Dialogs (native <dialog>: focus trap, Esc, backdrop) --------------------------------

/**
 * Opens a modal dialog. body: nodes; actions: [{label, kind, onClick(dialogApi) -> close?}].
 * Returns {el, close, setError}. The first field (or the first action) gets the focus.
 */
export function dialog({ title, body = [], actions = [], className = '', onClose, wide = false }) {
  const titleId = nextId('dlg-title');
  const errorBox = h('div', { class: 'dialog-error', hidden: true });
  const form = h('form', { method: 'dialog', class: 'dialog-form', novalidate: true });
  const footer = h('div', { class: 'dialog-actions' });
  const el = h('dialog', { class: `dialog ${wide ? 'dialog-wide' : ''} ${className}`.trim(), 'aria-labelledby': titleId },
    form);
  const closeBtn = button(t('common.close'), { iconName: 'close', iconOnly: true, kind: 'ghost', class: 'btn btn-ghost btn-icon dialog-close' });
  form.append(
    h('header', { class: 'dialog-header' }, h('h2', { id: titleId }, title), closeBtn),
    h('div', { class: 'dialog-body' }, errorBox, ...body),
    footer);
  const api = {
    el,
    close() { if (el.open) el.close(); },
    setError(message) {
      clear(errorBox);
      if (message) { errorBox.appendChild(notice('error', message)); errorBox.hidden = false; } else errorBox.hidden = true;
    },
  };
  closeBtn.addEventListener('click', () => api.close());
  let primary = null;
  for (const a of actions) {
    const b = button(a.label, { kind: a.kind || 'secondary', iconName: a.icon, type: a.primary ? 'submit' : 'button', dataset: a.id ? { action: a.id } : undefined });
    if (a.primary) primary = { b, a };
    else b.addEventListener('click', async () => { if (a.onClick) { if ((await a.onClick(api)) !== false) api.close(); } else api.close(); });
    footer.appendChild(b);
  }
  form.addEventListener('submit', async (e) => {
    e.preventDefault();
    if (!primary) return;
    api.setError(null);
    const result = await busy(primary.b, () => Promise.resolve(primary.a.onClick ? primary.a.onClick(api) : true));
    if (result !== false) api.close();
  });
  el.addEventListener('close', () => { el.remove(); if (onClose) onClose(); });
  document.body.appendChild(el);
  el.showModal();
  const first = el.querySelector('.dialog-body input:not([type=hidden]), .dialog-body select, .dialog-body textarea');
  if (first) first.focus();
  return api;
}

/** A yes/no question; resolves true when confirmed. */
export function confirmDialog({ title, message, confirmLabel, danger = false }) {
  return new Promise((resolve) => {
    let answer = false;
    dialog({
      title,
      body: [h('p', null, message)],
      actions: [
        { label: t('common.cancel') },
        { label: confirmLabel || t('common.ok'), kind: danger ? 'danger' : 'primary', primary: true, onClick: () => { answer = true; return true; } },
      ],
      onClose: () => resolve(answer),
    });
  });
}

// ---- Form fields -------------------------------------------------------------------------

/** A labelled field row with its hint and error slot. control must have an id. */
export function fieldRow({ label, control, hint, required = false, id, error }) {
  const cid = control.id || (control.id = id || nextId('f'));
  const hintId = hint ? `${cid}-hint` : null;
  const errId = `${cid}-error`;
  const describedBy = [hintId, errId].filter(Boolean).join(' ');
  const target = control.matches('input,select,textarea') ? control : control.querySelector('input,select,textarea');
  if (target) target.setAttribute('aria-describedby', describedBy);
  if (required && target) target.setAttribute('aria-required', 'true');
  const labelEl = h('label', { for: target ? target.id : cid, class: 'field-label' },
    label, required ? h('span', { class: 'req', 'aria-hidden': 'true' }, ' *') : null);
  const row = h('div', { class: 'field', dataset: { field: id || cid } },
    labelEl,
    h('div', { class: 'field-control' },
      control,
      hint ? h('p', { class: 'field-hint', id: hintId }, hint) : null,
      h('p', { class: 'field-error', id: errId, role: 'alert', hidden: !error }, error || '')));
  return row;
}

/**
 * Shows the field errors of an ApiError next to their rows ({key: fieldRow}); keyOf maps the
 * server's field name to a row key. Returns whether any error found a row here.
 */
export function showFieldErrors(e, rows, keyOf = (k) => k) {
  let shown = false;
  for (const [key, msg] of Object.entries((e && e.fields) || {})) {
    const row = rows[keyOf(key)];
    if (row) { setFieldError(row, fieldErrorText(msg)); shown = true; }
  }
  return shown;
}

export function setFieldError(row, message) {
  const err = row.querySelector('.field-error');
  const input = row.querySelector('input,select,textarea');
  if (message) {
    err.textContent = message;
    err.hidden = false;
    row.classList.add('has-error');
    if (input) input.setAttribute('aria-invalid', 'true');
  } else {
    err.textContent = '';
    err.hidden = true;
    row.classList.remove('has-error');
    if (input) input.removeAttribute('aria-invalid');
  }
}

/** An on/off switch (a checkbox styled as a switch; the state is read as .checked). */
export function switchInput(id, checked, attrs = {}) {
  const input = h('input', { type: 'checkbox', id, role: 'switch', checked, ...attrs });
  return h('span', { class: 'switch' }, input, h('span', { class: 'switch-track', 'aria-hidden': 'true' }, h('span', { class: 'switch-thumb' })));
}

/** A page header: title, optional subtitle and a toolbar on the right. */
export function pageHeader(title, { subtitle, tools = [], crumbs = [] } = {}) {
  return h('div', { class: 'page-header' },
    h('div', { class: 'page-titles' },
      crumbs.length ? h('nav', { class: 'crumbs', 'aria-label': t('nav.breadcrumb') },
        ...crumbs.map((c, i) => [i ? h('span', { class: 'crumb-sep', 'aria-hidden': 'true' }, '/') : null,
          c.href ? h('a', { href: c.href }, c.label) : h('span', null, c.label)])) : null,
      h('h1', { tabindex: '-1', class: 'page-title' }, title),
      subtitle ? h('p', { class: 'page-subtitle' }, subtitle) : null),
    tools.length ? h('div', { class: 'toolbar', role: 'toolbar', 'aria-label': t('common.toolbar') }, ...tools) : null);
}

/** A side panel (details, edit) that slides in on the right of a page. */
export function sidePanel(host, { title, body, onClose, footer }) {
  const titleId = nextId('panel');
  const closeBtn = button(t('common.close'), { iconName: 'close', iconOnly: true, kind: 'ghost' });
  const panel = h('aside', { class: 'side-panel', 'aria-labelledby': titleId, tabindex: '-1' },
    h('header', { class: 'side-panel-header' }, h('h2', { id: titleId }, title), closeBtn),
    h('div', { class: 'side-panel-body' }, ...[].concat(body)),
    footer ? h('footer', { class: 'side-panel-footer' }, ...[].concat(footer)) : null);
  const close = () => {
    panel.remove();
    host.classList.remove('with-panel');
    if (onClose) onClose();
  };
  closeBtn.addEventListener('click', close);
  panel.addEventListener('keydown', (e) => { if (e.key === 'Escape') { e.stopPropagation(); close(); } });
  host.querySelectorAll(':scope > .side-panel').forEach(p => p.remove());
  host.appendChild(panel);
  host.classList.add('with-panel');
  return { panel, close };
}

// The server names field errors in English fragments ("must be between 0 and 5"): known ones
// are shown in the user's language, others as they come, with a capital letter.
const FIELD_ERRORS = [
  [/^is required$/, () => t('validation.required')],
  [/^must be between (-?\d+) and (-?\d+)$/, m => t('validation.between', { min: m[1], max: m[2] })],
  [/^'(.*)' is not a whole number$/, m => t('validation.integer', { value: m[1] })],
  [/^'(.*)' is not an email address$/, m => t('validation.email', { value: m[1] })],
  [/^'(.*)' is not a time zone/, m => t('validation.timeZone', { value: m[1] })],
  [/^'(.*)' is not a three-letter currency code/, m => t('validation.currency', { value: m[1] })],
  [/^'(.*)' is not an http\(s\) link$/, m => t('validation.url', { value: m[1] })],
  [/^'(.*)' is not one of (.*)$/, m => t('validation.choice', { value: m[1], options: m[2] })],
  [/^must have at least (\d+) characters$/, m => t('validation.minLength', { min: m[1] })],
  [/^is not your current password$/, () => t('password.wrongCurrent')],
  [/^must not be the default password$/, () => t('password.notDefault')],
  [/^is not your password/, () => t('validation.wrongPassword')],
];

export function fieldErrorText(message) {
  const msg = String(message || '').trim();
  for (const [re, fn] of FIELD_ERRORS) {
    const m = re.exec(msg);
    if (m) return fn(m);
  }
  return msg.charAt(0).toUpperCase() + msg.slice(1);
}

/**
 * A row's details in a side panel: opens at once with a spinner, then shows what
 * load() returns (merged over the row) as a definition list plus an optional block of text.
 * fields(full) -> [[label, value node or text, {wrap}]...]; extra(full) -> node or ''.
 * Returns the panel handle ({panel, close}); onClose runs when it closes.
 */
export function detailsPanel(host, { title, row, load, fields, extra, onClose }) {
  const body = h('div', { class: 'details' }, loading());
  const handle = sidePanel(host, { title, body, onClose });
  handle.panel.focus();
  (async () => {
    let full = row;
    if (load) {
      try {
        full = { ...row, ...(await load(row)) };
      } catch (e) {
        body.replaceChildren(notice('error', errorText(e)));
        return;
      }
    }
    clear(body).append(
      h('dl', { class: 'details-list' }, ...fields(full).flatMap(([label, value, opts]) =>
        [h('dt', null, label), h('dd', opts && opts.wrap ? { class: 'wrap' } : null, value === undefined || value === null || value === '' ? '–' : value)])),
      extra ? extra(full) || '' : '');
  })();
  return handle;
}

/** Text shown as preformatted, scrollable and focusable, under a heading (log attachments, audit changes). */
export function preBlock(title, text) {
  return text ? h('div', null, h('h3', null, title), h('pre', { class: 'details-pre', tabindex: '0' }, text)) : '';
}

/**
 * Downloads an export with a lasting "export running" toast, then "done" or the error
 * (404: not available yet). Resolves true when the file was downloaded.
 */
export async function exportFile(path, fallbackName) {
  const note = toast(t('export.running'), 'info', 0);
  note.prepend(spinner('small'));
  try {
    await download(path, fallbackName);
    note.remove();
    toast(t('export.done'));
    return true;
  } catch (e) {
    note.remove();
    toast(e.status === 404 ? t('error.notAvailableYet') : errorText(e), 'error');
    return false;
  }
}
