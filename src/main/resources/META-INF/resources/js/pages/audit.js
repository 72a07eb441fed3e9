// The audit log (manual 5.6): who changed what and when; filters period, user, event type;
// double-click (or Enter) opens the details; Tools > Export.
import { get, query } from '../api.js';
import { t, fmtDate, fmtDateTime } from '../i18n.js';
import { h, clear, button, busy, menu, notice, loading, toast, pageHeader, errorText, detailsPanel, preBlock, exportFile } from '../ui.js';
import { DataTable } from '../table.js';
import { PERIOD_TOKENS } from './log.js';

const PERIODS = ['today', 'yesterday', 'thisWeek', 'lastWeek', 'last7d', 'thisMonth', 'lastMonth', 'last30d', 'all'];

export async function render(main, { params }) {
  const page = new AuditPage(main, params);
  await page.start();
  return () => page.dispose();
}

/** SCHEDULE_CREATED -> "Schedule created" where no translation exists. */
function eventLabel(type) {
  const plain = String(type).toLowerCase().replace(/_/g, ' ');
  return t(`event.${type}`, { fallback: plain.charAt(0).toUpperCase() + plain.slice(1) });
}

function dayLabel(iso) {
  const d = new Date(iso);
  const today = new Date();
  const y = new Date();
  y.setDate(today.getDate() - 1);
  if (d.toDateString() === today.toDateString()) return t('period.today');
  if (d.toDateString() === y.toDateString()) return t('period.yesterday');
  return fmtDate(d);
}

class AuditPage {
  constructor(main, params) {
    this.main = main;
    this.filters = { period: params.get('period') || 'last30d', user: params.get('user') || '', eventType: params.get('eventType') || '' };
  }

  dispose() {
    if (this.panel) this.panel.close();
  }

  async start() {
    const tools = menu(button(t('common.tools'), { iconName: 'tools', 'data-test': 'audit-tools' }), [
      { label: t('audit.exportXlsx'), icon: 'download', id: 'export-xlsx', onSelect: () => this.export('xlsx') },
      { label: t('audit.exportCsv'), icon: 'download', id: 'export-csv', onSelect: () => this.export('csv') },
    ], { align: 'right' });
    const refresh = button(t('log.refresh'), { iconName: 'refresh', onClick: () => busy(refresh, () => this.load()) });
    this.table = new DataTable([
      { key: 'at', label: t('audit.col.time'), className: 'col-time', render: r => h('time', { datetime: r.at }, fmtDateTime(r.at)) },
      { key: 'description', label: t('audit.col.description'), className: 'col-text' },
      { key: 'context', label: t('audit.col.context') },
      { key: 'user', label: t('audit.col.user'), render: r => r.user || r.userName || '' },
      { key: 'subsystem', label: t('audit.col.subsystem') },
    ], {
      caption: t('nav.audit'),
      className: 'audit-table',
      empty: t('audit.empty'),
      groupBy: r => dayLabel(r.at),
      onOpen: r => this.details(r),
    });
    this.message = h('div', { class: 'page-message' });
    this.entries = [];
    this.more = button(t('log.loadOlder'), { iconName: 'chevronDown', kind: 'ghost', onClick: () => busy(this.more, () => this.loadOlder()) });
    this.more.hidden = true;
    this.pageEl = h('div', { class: 'page page-audit' },
      pageHeader(t('nav.audit'), { subtitle: t('audit.subtitle'), tools: [refresh, tools] }),
      this.filtersEl(),
      this.message,
      h('div', { class: 'table-card' }, this.table.el, h('div', { class: 'table-foot' }, this.more, h('span', { class: 'muted hint-keys' }, t('audit.keysHint')))));
    this.main.appendChild(this.pageEl);
    this.loadEventTypes();
    await this.load();
  }

  filtersEl() {
    const period = h('select', { id: 'audit-period' }, ...PERIODS.map(p => h('option', { value: p, selected: p === this.filters.period }, t(`period.${p}`))));
    const user = h('input', { type: 'search', id: 'audit-user', value: this.filters.user, placeholder: t('audit.userPlaceholder') });
    this.eventType = h('select', { id: 'audit-event-type' }, h('option', { value: '' }, t('audit.allEvents')));
    const form = h('form', { class: 'filter-bar', 'aria-label': t('log.filters'), novalidate: true },
      h('div', { class: 'field stacked' }, h('label', { for: 'audit-period', class: 'field-label' }, t('log.period')), period),
      h('div', { class: 'field stacked' }, h('label', { for: 'audit-user', class: 'field-label' }, t('audit.user')), user),
      h('div', { class: 'field stacked' }, h('label', { for: 'audit-event-type', class: 'field-label' }, t('audit.eventType')), this.eventType),
      button(t('log.search'), { kind: 'primary', iconName: 'filter', type: 'submit', 'data-test': 'audit-search' }));
    form.addEventListener('submit', (e) => {
      e.preventDefault();
      this.filters = { period: period.value, user: user.value.trim(), eventType: this.eventType.value };
      this.load();
    });
    period.addEventListener('change', () => { this.filters.period = period.value; this.load(); });
    this.eventType.addEventListener('change', () => { this.filters.eventType = this.eventType.value; this.load(); });
    return form;
  }

  async loadEventTypes() {
    try {
      const data = await get('/api/audit/event-types');
      const list = Array.isArray(data) ? data : (data && (data.eventTypes || data.types)) || [];
      for (const ev of list) {
        const value = typeof ev === 'string' ? ev : ev.id || ev.key || ev.name;
        const label = typeof ev === 'string' ? eventLabel(ev) : ev.label || value;
        this.eventType.appendChild(h('option', { value, selected: value === this.filters.eventType }, label));
      }
    } catch (e) {
      /* the filter stays at "all events" */
    }
  }

  params() {
    return { period: PERIOD_TOKENS[this.filters.period], user: this.filters.user, eventType: this.filters.eventType };
  }

  async load() {
    this.table.el.classList.add('is-loading');
    try {
      const data = await get(`/api/audit${query(this.params())}`);
      clear(this.message);
      this.entries = Array.isArray(data) ? data : data.entries || [];
      this.nextBeforeId = data.nextBeforeId;
      this.table.setRows(this.entries);
      this.more.hidden = !data.hasMore;
    } catch (e) {
      if (e.status === 401) return;
      clear(this.message).appendChild(notice('error', e.status === 404 ? t('error.notAvailableYet') : errorText(e)));
      this.table.setRows([]);
    } finally {
      this.table.el.classList.remove('is-loading');
    }
  }

  async loadOlder() {
    if (!this.nextBeforeId) return;
    try {
      const data = await get(`/api/audit${query({ ...this.params(), beforeId: this.nextBeforeId })}`);
      const known = new Set(this.entries.map(e => e.id));
      this.entries = this.entries.concat((data.entries || []).filter(e => !known.has(e.id)));
      this.nextBeforeId = data.nextBeforeId;
      this.table.setRows(this.entries);
      this.more.hidden = !data.hasMore;
    } catch (e) {
      toast(errorText(e), 'error');
    }
  }

  async export(format) {
    await exportFile(`/api/audit/export${query({ ...this.params(), format })}`, `audit.${format}`);
  }

  details(row) {
    this.panel = detailsPanel(this.pageEl, {
      title: t('audit.details'),
      row,
      load: r => get(`/api/audit/${r.id}`),
      fields: full => [
        [t('audit.col.time'), fmtDateTime(full.at)],
        [t('audit.col.description'), full.description || '', { wrap: true }],
        [t('audit.col.context'), full.context],
        [t('audit.col.user'), full.user || full.userName],
        [t('audit.col.subsystem'), full.subsystem],
        [t('audit.eventType'), full.eventType ? eventLabel(full.eventType) : ''],
      ],
      extra: full => preBlock(t('audit.changes'), full.details),
      onClose: () => { this.panel = null; const r = this.table.selectedRowEl(); if (r) r.focus(); },
    });
  }

}
