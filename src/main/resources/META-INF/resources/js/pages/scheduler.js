// Task scheduler (manual 6.3): the schedules, Run now (with its progress), the edit panel
// (general, schedule, notification) and the run history.
import { get, put, post, del } from '../api.js';
import { icon } from '../icons.js';
import { t, fmtDateTime } from '../i18n.js';
import { h, clear, button, busy, menu, notice, loading, toast, pageHeader, sidePanel, errorText, fieldErrorText, fieldRow, setFieldError, switchInput, confirmDialog, spinner, nextId } from '../ui.js';
import { DataTable } from '../table.js';

const REPETITIONS = ['MINUTE', 'HOURLY', 'DAILY', 'WEEKLY', 'MONTHLY', 'EVERY_NTH_DAY'];
const WEEKDAYS = ['MONDAY', 'TUESDAY', 'WEDNESDAY', 'THURSDAY', 'FRIDAY', 'SATURDAY', 'SUNDAY'];
const USES_INTERVAL = new Set(['MINUTE', 'HOURLY', 'EVERY_NTH_DAY']);
const USES_HOURS = new Set(['DAILY', 'WEEKLY', 'MONTHLY', 'EVERY_NTH_DAY']);
const RUNNING = new Set(['RUNNING', 'QUEUED']);

// The server's field names, read defensively (a list row may carry fewer fields than the detail).
const hoursText = (s) => (Array.isArray(s.hours) ? s.hours.join(', ') : s.hours || '');
const recipients = (s) => (Array.isArray(s.notifyTo) ? s.notifyTo.join(', ') : s.notifyTo || '');
const isRunning = (s) => !!s.running || !!(s.currentRun && RUNNING.has(String(s.currentRun.status).toUpperCase()));
const splitList = (text) => text.split(/[,;\n]/).map(x => x.trim()).filter(Boolean);

export async function render(main) {
  const page = new SchedulerPage(main);
  await page.start();
  return () => page.dispose();
}

class SchedulerPage {
  constructor(main) {
    this.main = main;
    this.watch = new Map();
    this.tasks = [];
  }

  dispose() {
    this.disposed = true;
    for (const timer of this.watch.values()) clearTimeout(timer);
    if (this.panel) this.panel.close();
  }

  async start() {
    this.runBtn = button(t('scheduler.runNow'), { iconName: 'play', kind: 'primary', 'data-test': 'schedule-run', onClick: () => this.runSelected() });
    this.editBtn = button(t('common.edit'), { iconName: 'sliders', 'data-test': 'schedule-edit', onClick: () => { const s = this.table.selected(); if (s) this.edit(s); } });
    const refresh = button(t('log.refresh'), { iconName: 'refresh', onClick: () => busy(refresh, () => this.load()) });
    this.addWrap = h('span', { class: 'add-slot' });
    this.table = new DataTable([
      { key: 'status', label: t('scheduler.col.status'), className: 'col-status', render: s => statusCell(s) },
      { key: 'task', label: t('scheduler.col.action'), render: s => s.taskLabel || s.action || t(`task.${s.task}`, { fallback: s.task || '' }) },
      { key: 'name', label: t('scheduler.col.name'), className: 'col-name' },
      { key: 'repetition', label: t('scheduler.col.period'), render: s => periodText(s) },
      { key: 'lastRunAt', label: t('scheduler.col.lastRun'), className: 'col-time', render: s => (s.lastRunAt ? fmtDateTime(s.lastRunAt) : t('scheduler.never')) },
      { key: 'nextRunAt', label: t('scheduler.col.nextRun'), className: 'col-time', render: s => (s.enabled && s.nextRunAt ? fmtDateTime(s.nextRunAt) : '–') },
    ], {
      caption: t('settings.scheduler'),
      className: 'schedule-table',
      empty: t('scheduler.empty'),
      rowClass: s => (s.enabled ? '' : 'is-disabled'),
      onOpen: s => this.edit(s),
      onSelect: () => this.updateButtons(),
    });
    this.message = h('div', { class: 'page-message' });
    this.pageEl = h('div', { class: 'page page-scheduler' },
      pageHeader(t('settings.scheduler'), {
        crumbs: [{ label: t('nav.settings'), href: '#/settings' }, { label: t('settings.scheduler') }],
        subtitle: t('settings.scheduler.intro'),
        tools: [this.runBtn, this.editBtn, this.addWrap, refresh],
      }),
      this.message,
      h('div', { class: 'table-card' }, this.table.el, h('div', { class: 'table-foot' }, h('span', { class: 'muted hint-keys' }, t('scheduler.keysHint')))));
    this.main.appendChild(this.pageEl);
    this.updateButtons();
    this.loadTasks();
    await this.load();
  }

  updateButtons() {
    const s = this.table.selected();
    this.runBtn.disabled = !s || isRunning(s);
    this.editBtn.disabled = !s;
  }

  async loadTasks() {
    try {
      const data = await get('/api/schedules/tasks');
      this.tasks = (Array.isArray(data) ? data : data.tasks || []).filter(x => x.addable && x.available !== false);
    } catch (e) {
      this.tasks = [];
    }
    clear(this.addWrap);
    if (this.tasks.length) {
      this.addWrap.appendChild(menu(button(t('common.add'), { iconName: 'plus', 'data-test': 'schedule-add' }),
        this.tasks.map(k => ({ label: k.label || t(`task.${k.key}`, { fallback: k.key }), onSelect: () => this.edit({ task: k.key, taskLabel: k.label, name: k.label, enabled: true, repetition: 'DAILY', interval: 1, hours: '03:00', isNew: true }) }))));
    }
  }

  async load() {
    this.table.el.classList.add('is-loading');
    try {
      const data = await get('/api/schedules');
      clear(this.message);
      const list = Array.isArray(data) ? data : data.schedules || [];
      this.table.setRows(list);
      list.filter(isRunning).forEach(s => this.follow(s.id));
    } catch (e) {
      if (e.status === 401) return;
      clear(this.message).appendChild(notice('error', e.status === 404 ? t('error.notAvailableYet') : errorText(e)));
      this.table.setRows([]);
    } finally {
      this.table.el.classList.remove('is-loading');
      this.updateButtons();
    }
  }

  async runSelected() {
    const s = this.table.selected();
    if (!s) return;
    this.runBtn.disabled = true;
    try {
      const started = await post(`/api/schedules/${s.id}/run`);
      this.table.updateRow({ ...s, currentRun: { id: started.runId, status: started.status } });
      toast(t(started.alreadyQueued ? 'scheduler.alreadyRunning' : 'scheduler.started', { name: s.name }), 'info');
      this.follow(s.id);
    } catch (e) {
      toast(errorText(e), 'error');
    }
    this.updateButtons();
  }

  /** Polls a schedule while it runs; the row shows a spinner until the run ends. */
  follow(id) {
    if (this.watch.has(id)) return;
    const started = Date.now();
    const tick = async () => {
      if (this.disposed) return;
      let s;
      try {
        s = await get(`/api/schedules/${id}`);
      } catch (e) {
        this.watch.delete(id);
        return;
      }
      if (!isRunning(s) || Date.now() - started > 30 * 60 * 1000) {
        this.watch.delete(id);
        this.table.updateRow(s);
        this.updateButtons();
        const status = String(s.lastStatus || 'OK').toUpperCase();
        toast(t('scheduler.finished', { name: s.name, status: t(`runStatus.${status}`, { fallback: status }) }), status === 'OK' ? 'success' : status === 'WARNING' ? 'warning' : 'error');
        if (this.panelId === id) this.loadRuns(id);
        return;
      }
      this.table.updateRow(s);
      this.watch.set(id, setTimeout(tick, 1500));
    };
    this.watch.set(id, setTimeout(tick, 800));
  }

  async edit(row) {
    let s = row;
    const body = h('div', { class: 'schedule-edit' }, loading());
    const save = button(t('common.save'), { kind: 'primary', iconName: 'check', 'data-test': 'schedule-save' });
    const cancel = button(t('common.cancel'), { kind: 'secondary' });
    const footer = [save, cancel];
    this.panelId = row.id;
    this.panel = sidePanel(this.pageEl, {
      title: row.isNew ? t('scheduler.new', { task: row.taskLabel || row.task }) : row.name,
      body,
      footer,
      onClose: () => { this.panel = null; this.panelId = null; const r = this.table.selectedRowEl(); if (r) r.focus(); },
    });
    cancel.addEventListener('click', () => this.panel && this.panel.close());
    if (!row.isNew) {
      try {
        s = { ...row, ...(await get(`/api/schedules/${row.id}`)) };
      } catch (e) {
        body.replaceChildren(notice('error', errorText(e)));
        save.disabled = true;
        return;
      }
    }
    const form = new ScheduleForm(s);
    this.runsBox = h('div', { class: 'runs' });
    const sections = [form.el];
    if (!s.isNew) {
      sections.push(h('section', { class: 'panel-section' }, h('h3', null, icon('clock'), t('scheduler.history')), this.runsBox));
      if (!s.builtin) {
        sections.push(h('div', { class: 'panel-danger' }, button(t('scheduler.delete'), { kind: 'danger', iconName: 'trash', onClick: () => this.remove(s) })));
      }
    }
    body.replaceChildren(...sections);
    const first = body.querySelector('input,select,textarea');
    if (first) first.focus();
    if (!s.isNew) this.loadRuns(s.id);

    save.addEventListener('click', () => busy(save, async () => {
      form.clearErrors();
      const payload = form.value();
      try {
        const saved = s.isNew ? await post('/api/schedules', payload) : await put(`/api/schedules/${s.id}`, payload);
        toast(t('scheduler.saved', { name: payload.name }));
        this.panel.close();
        await this.load();
        if (saved && saved.id) this.table.select(saved.id);
      } catch (e) {
        form.showErrors(e);
      }
    }));
  }

  async loadRuns(id) {
    if (!this.runsBox) return;
    this.runsBox.replaceChildren(loading());
    try {
      const data = await get(`/api/schedules/${id}/runs`);
      const runs = Array.isArray(data) ? data : data.runs || [];
      if (runs.length === 0) {
        this.runsBox.replaceChildren(h('p', { class: 'muted' }, t('scheduler.noRuns')));
        return;
      }
      this.runsBox.replaceChildren(h('table', { class: 'data-table compact runs-table' },
        h('thead', null, h('tr', null, h('th', { scope: 'col' }, t('scheduler.run.started')), h('th', { scope: 'col' }, t('scheduler.run.status')), h('th', { scope: 'col' }, t('scheduler.run.message')))),
        h('tbody', null, ...runs.map(r => h('tr', null,
          h('td', { class: 'col-time' }, fmtDateTime(r.startedAt), r.finishedAt ? h('div', { class: 'muted small' }, duration(r.startedAt, r.finishedAt)) : null),
          h('td', null, runStatus(r.status)),
          h('td', { class: 'wrap' }, r.message || r.runMessage || '', r.triggeredBy ? h('div', { class: 'muted small' }, t('scheduler.run.by', { who: r.triggeredBy })) : null))))));
    } catch (e) {
      this.runsBox.replaceChildren(notice('error', errorText(e)));
    }
  }

  async remove(s) {
    const ok = await confirmDialog({ title: t('scheduler.delete'), message: t('scheduler.deleteConfirm', { name: s.name }), confirmLabel: t('scheduler.delete'), danger: true });
    if (!ok) return;
    try {
      await del(`/api/schedules/${s.id}`);
      if (this.panel) this.panel.close();
      toast(t('scheduler.deleted', { name: s.name }), 'info');
      await this.load();
    } catch (e) {
      toast(errorText(e), 'error');
    }
  }
}

function statusCell(s) {
  const last = String(s.lastStatus || '').toUpperCase();
  return h('span', { class: 'status-cell' },
    h('span', { class: `dot ${s.enabled ? 'on' : 'off'}`, title: s.enabled ? t('scheduler.enabled') : t('scheduler.disabled') },
      h('span', { class: 'sr-only' }, s.enabled ? t('scheduler.enabled') : t('scheduler.disabled'))),
    isRunning(s) ? h('span', { class: 'running', role: 'status' }, spinner('small'), h('span', null, t('scheduler.running'))) : (last ? runStatus(last, true) : null));
}

function runStatus(status, compact = false) {
  const st = String(status || '').toUpperCase();
  const ic = { OK: 'check', WARNING: 'warning', ERROR: 'error', RUNNING: 'clock' }[st] || 'info';
  const label = t(`runStatus.${st}`, { fallback: st });
  return h('span', { class: `run-status run-${st.toLowerCase()}`, title: label }, icon(ic), compact ? h('span', { class: 'sr-only' }, label) : h('span', null, label));
}

/** The manual's Period column: the repetition; the full timing as the server words it in a tooltip. */
function periodText(s) {
  const rep = String(s.repetition || '').toUpperCase();
  return h('span', { title: s.schedule || null }, t(`repetition.${rep}`, { fallback: s.repetitionLabel || rep }));
}

function upcoming(s) {
  const next = (s.upcoming || []).filter(Boolean);
  if (!s.enabled || next.length === 0) return null;
  return h('div', { class: 'upcoming' }, h('span', { class: 'field-label' }, t('scheduler.upcoming')),
    h('ul', null, ...next.map(u => h('li', null, fmtDateTime(u)))));
}

function duration(a, b) {
  const ms = new Date(b) - new Date(a);
  if (!(ms >= 0)) return '';
  if (ms < 1000) return `${ms} ms`;
  if (ms < 60000) return `${(ms / 1000).toFixed(1)} s`;
  return `${Math.round(ms / 60000)} min`;
}

class ScheduleForm {
  constructor(s) {
    this.s = s;
    this.rows = {};
    const id = nextId('sch');
    const enabled = switchInput(`${id}-enabled`, s.enabled !== false);
    const name = h('input', { type: 'text', id: `${id}-name`, value: s.name || '', maxlength: '255' });
    const description = h('textarea', { id: `${id}-description`, rows: '2', maxlength: '1000' });
    description.value = s.description || '';
    const repetition = h('select', { id: `${id}-repetition` },
      ...REPETITIONS.map(r => h('option', { value: r, selected: r === String(s.repetition || 'DAILY').toUpperCase() }, t(`repetition.${r}`))));
    const interval = h('input', { type: 'number', id: `${id}-interval`, min: '1', step: '1', value: String(s.interval || 1), class: 'input-short' });
    const dayOfMonth = h('input', { type: 'number', id: `${id}-dom`, min: '1', max: '31', step: '1', value: String(s.dayOfMonth || 1), class: 'input-short' });
    const days = new Set((s.weekdays || []).map(d => String(d).toUpperCase()));
    const weekdays = h('div', { class: 'weekday-list', id: `${id}-weekdays`, role: 'group' },
      ...WEEKDAYS.map(d => h('label', { class: 'check' }, h('input', { type: 'checkbox', value: d, checked: days.has(d) }), h('span', null, t(`weekday.${d}`)))));
    const hours = h('input', { type: 'text', id: `${id}-hours`, value: hoursText(s), placeholder: '03:00', spellcheck: 'false' });
    const anchorDate = h('input', { type: 'date', id: `${id}-anchor`, value: s.anchorDate || new Date().toISOString().slice(0, 10), class: 'input-date' });
    const notifyTo = h('input', { type: 'text', id: `${id}-notify`, value: recipients(s), placeholder: t('scheduler.notifyPlaceholder'), spellcheck: 'false' });
    const onlyProblems = switchInput(`${id}-only`, !!(s.notifyOnlyProblems ?? s.onlyOnProblems));
    this.inputs = { enabled, name, description, repetition, interval, dayOfMonth, weekdays, hours, anchorDate, notifyTo, onlyProblems };

    this.rows.enabled = fieldRow({ label: t('scheduler.field.enabled'), control: enabled, id: 'enabled' });
    this.rows.name = fieldRow({ label: t('scheduler.field.name'), control: name, required: true, id: 'name' });
    this.rows.description = fieldRow({ label: t('scheduler.field.description'), control: description, id: 'description' });
    this.rows.repetition = fieldRow({ label: t('scheduler.field.repetition'), control: repetition, required: true, id: 'repetition' });
    this.rows.interval = fieldRow({ label: t('scheduler.field.interval'), control: interval, required: true, id: 'interval' });
    this.rows.weekdays = fieldRow({ label: t('scheduler.field.weekdays'), control: weekdays, required: true, id: 'weekdays' });
    this.rows.dayOfMonth = fieldRow({ label: t('scheduler.field.dayOfMonth'), control: dayOfMonth, required: true, id: 'dayOfMonth' });
    this.rows.anchorDate = fieldRow({ label: t('scheduler.field.anchorDate'), control: anchorDate, required: true, hint: t('scheduler.anchorHint'), id: 'anchorDate' });
    this.rows.hours = fieldRow({ label: t('scheduler.field.hours'), control: hours, required: true, hint: t('scheduler.hoursHint'), id: 'hours' });
    this.rows.notifyTo = fieldRow({ label: t('scheduler.field.notify'), control: notifyTo, hint: t('scheduler.notifyHint'), id: 'notifyTo' });
    this.rows.onlyProblems = fieldRow({ label: t('scheduler.field.onlyProblems'), control: onlyProblems, id: 'notifyOnlyProblems' });

    const sync = () => {
      const rep = repetition.value;
      this.rows.interval.hidden = !USES_INTERVAL.has(rep);
      this.rows.interval.querySelector('.field-label').firstChild.textContent = t(`scheduler.field.interval.${rep}`, { fallback: t('scheduler.field.interval') });
      this.rows.weekdays.hidden = rep !== 'WEEKLY';
      this.rows.dayOfMonth.hidden = rep !== 'MONTHLY';
      this.rows.hours.hidden = !USES_HOURS.has(rep);
      this.rows.anchorDate.hidden = rep !== 'EVERY_NTH_DAY';
    };
    repetition.addEventListener('change', sync);
    sync();

    this.summary = h('div', { class: 'form-summary', 'aria-live': 'polite' });
    this.el = h('div', { class: 'schedule-form' },
      this.summary,
      h('section', { class: 'panel-section' }, h('h3', null, t('scheduler.general')), this.rows.enabled, this.rows.name, this.rows.description),
      h('section', { class: 'panel-section' }, h('h3', null, icon('calendar'), t('scheduler.schedule')),
        this.rows.repetition, this.rows.interval, this.rows.anchorDate, this.rows.weekdays, this.rows.dayOfMonth, this.rows.hours,
        upcoming(s)),
      h('section', { class: 'panel-section' }, h('h3', null, icon('mail'), t('scheduler.notification')), this.rows.notifyTo, this.rows.onlyProblems));
  }

  value() {
    const i = this.inputs;
    const rep = i.repetition.value;
    // The timing is sent as one unit: only the fields this repetition uses (ScheduleInput).
    const out = {
      task: this.s.task,
      enabled: i.enabled.querySelector('input').checked,
      name: i.name.value.trim(),
      description: i.description.value.trim(),
      repetition: rep,
      notifyTo: splitList(i.notifyTo.value),
      notifyOnlyProblems: i.onlyProblems.querySelector('input').checked,
    };
    if (USES_INTERVAL.has(rep)) out.interval = i.interval.value === '' ? null : Number(i.interval.value);
    if (rep === 'WEEKLY') out.weekdays = [...i.weekdays.querySelectorAll('input:checked')].map(c => c.value);
    if (rep === 'MONTHLY') out.dayOfMonth = i.dayOfMonth.value === '' ? null : Number(i.dayOfMonth.value);
    if (USES_HOURS.has(rep)) out.hours = i.hours.value.trim();
    if (rep === 'EVERY_NTH_DAY') out.anchorDate = i.anchorDate.value;
    return out;
  }

  clearErrors() {
    clear(this.summary);
    Object.values(this.rows).forEach(r => setFieldError(r, null));
  }

  showErrors(e) {
    const alias = { hoursOfRun: 'hours', notifyOnlyProblems: 'onlyProblems', timing: 'repetition' };
    let first = null;
    const other = [];
    for (const [k, msg] of Object.entries(e.fields || {})) {
      const row = this.rows[k] || this.rows[alias[k]];
      if (row) { setFieldError(row, fieldErrorText(msg)); if (!first) first = row; } else other.push(`${k}: ${msg}`);
    }
    this.summary.appendChild(notice('error', errorText(e), ...other.map(o => h('div', null, o))));
    const target = first && first.querySelector('input,select,textarea');
    if (target) target.focus();
  }
}
