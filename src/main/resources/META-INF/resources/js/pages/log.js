// The log (manual 5.5): live view with Pause/Watch live and Refresh, filters (period, types,
// subsystems, context), export to Excel/CSV, highlighting with Shift+Space, details panel.
import { get, put, del, query } from '../api.js';
import { icon } from '../icons.js';
import { t, fmtDateTime } from '../i18n.js';
import { h, clear, button, busy, menu, notice, loading, toast, pageHeader, errorText, detailsPanel, preBlock, exportFile } from '../ui.js';
import { DataTable } from '../table.js';

export const TYPES = ['CRITICAL', 'ERROR', 'WARNING', 'INFO', 'NOTICE', 'DEBUG', 'TRACE'];
export const PERIODS = ['live', 'lastHour', 'last24h', 'today', 'yesterday', 'thisWeek', 'lastWeek', 'last7d', 'thisMonth', 'lastMonth', 'last30d'];
// The period tokens the server understands (logging.Period); 'live' is the latest entries, polled.
export const PERIOD_TOKENS = {
  lastHour: 'lastHours:1', last24h: 'lastHours:24', today: 'today', yesterday: 'yesterday', thisWeek: 'thisWeek',
  lastWeek: 'lastWeek', last7d: 'lastDays:7', thisMonth: 'thisMonth', lastMonth: 'lastMonth', last30d: 'lastDays:30', all: 'all',
};
const PAGE = 200;
const LIVE_MAX = 1000;
const POLL_MS = 3000;

export function typeBadge(type) {
  const tp = String(type || '').toUpperCase();
  const ic = { CRITICAL: 'error', ERROR: 'error', WARNING: 'warning', INFO: 'info', NOTICE: 'info', DEBUG: 'circle', TRACE: 'circle' }[tp] || 'info';
  return h('span', { class: `type-badge type-${tp.toLowerCase()}` }, icon(ic), h('span', null, t(`logType.${tp}`, { fallback: tp })));
}

export async function render(main, { params }) {
  const page = new LogPage(main, params);
  await page.start();
  return () => page.dispose();
}

class LogPage {
  constructor(main, params) {
    this.main = main;
    const types = params.get('types');
    const period = params.get('period');
    this.filters = {
      period: period && PERIODS.includes(period) ? period : 'live',
      types: new Set(types ? types.split(',').map(s => s.toUpperCase()).filter(x => TYPES.includes(x)) : TYPES),
      subsystems: new Set((params.get('subsystems') || '').split(',').filter(Boolean)),
      context: params.get('context') || '',
    };
    this.live = this.filters.period === 'live';
    this.entries = [];
    this.timer = null;
    this.disposed = false;
    this.hasMore = false;
  }

  dispose() {
    this.disposed = true;
    this.stopPolling();
    if (this.panel) this.panel.close();
  }

  async start() {
    this.liveBtn = button(t('log.pause'), { iconName: 'pause', 'data-test': 'log-live', onClick: () => this.toggleLive() });
    this.refreshBtn = button(t('log.refresh'), { iconName: 'refresh', 'data-test': 'log-refresh', onClick: () => busy(this.refreshBtn, () => this.load()) });
    const tools = menu(button(t('common.tools'), { iconName: 'tools', 'data-test': 'log-tools' }), [
      { label: t('log.exportXlsx'), icon: 'download', id: 'export-xlsx', onSelect: () => this.export('xlsx') },
      { label: t('log.exportCsv'), icon: 'download', id: 'export-csv', onSelect: () => this.export('csv') },
      { separator: true },
      { label: t('log.removeHighlighting'), icon: 'highlight', id: 'remove-highlights', onSelect: () => this.removeHighlights() },
    ], { align: 'right' });
    this.status = h('span', { class: 'live-status', 'aria-live': 'polite' });

    this.table = new DataTable([
      { key: 'at', label: t('log.col.time'), className: 'col-time', render: r => h('time', { datetime: r.at }, fmtDateTime(r.at)) },
      { key: 'type', label: t('log.col.type'), className: 'col-type', render: r => typeBadge(r.type) },
      { key: 'subsystem', label: t('log.col.subsystem'), className: 'col-subsystem' },
      { key: 'context', label: t('log.col.context'), className: 'col-context' },
      { key: 'text', label: t('log.col.text'), className: 'col-text', render: r => [r.highlighted ? h('span', { class: 'sr-only' }, `${t('log.highlighted')}: `) : null, r.text, r.hasDetails ? icon('info', 'has-details') : null] },
    ], {
      caption: t('nav.log'),
      className: 'log-table',
      empty: t('log.empty'),
      rowClass: r => `sev-${String(r.type).toLowerCase()}${r.highlighted ? ' highlighted' : ''}`,
      onOpen: r => this.details(r),
      onKey: (e, r) => {
        if (e.key === ' ' && e.shiftKey) { this.toggleHighlight(r); return true; }
        return false;
      },
    });
    this.more = button(t('log.loadOlder'), { iconName: 'chevronDown', kind: 'ghost', 'data-test': 'log-older', onClick: () => busy(this.more, () => this.loadOlder()) });
    this.more.hidden = true;
    this.tableBox = h('div', { class: 'table-card' }, this.table.el, h('div', { class: 'table-foot' }, this.more,
      h('span', { class: 'muted hint-keys' }, t('log.keysHint'))));
    this.filterPanel = this.filtersEl();
    this.message = h('div', { class: 'page-message' });
    const layout = h('div', { class: 'split' }, h('div', { class: 'split-main' }, this.message, this.tableBox), this.filterPanel);
    this.pageEl = h('div', { class: 'page page-log' },
      pageHeader(t('nav.log'), { tools: [this.status, this.liveBtn, this.refreshBtn, tools] }), layout);
    this.main.appendChild(this.pageEl);
    this.updateLiveButton();
    this.loadSubsystems();
    await this.load();
  }

  filtersEl() {
    const period = h('select', { id: 'log-period', 'data-test': 'log-period' },
      ...PERIODS.map(p => h('option', { value: p, selected: p === this.filters.period }, t(`period.${p}`))));
    period.addEventListener('change', () => {
      this.filters.period = period.value;
      this.live = period.value === 'live';
      this.updateLiveButton();
      this.load();
    });
    this.periodSelect = period;
    const types = h('fieldset', { class: 'checks' }, h('legend', null, t('log.types')),
      ...TYPES.map(tp => h('label', { class: 'check' },
        h('input', { type: 'checkbox', value: tp, checked: this.filters.types.has(tp), 'data-type': tp }), typeBadge(tp))));
    types.addEventListener('change', (e) => {
      const cb = e.target;
      if (cb.checked) this.filters.types.add(cb.value); else this.filters.types.delete(cb.value);
      this.load();
    });
    this.subsystemBox = h('div', { class: 'checks scroll' }, loading());
    const context = h('input', { type: 'search', id: 'log-context', value: this.filters.context, placeholder: t('log.contextPlaceholder') });
    const search = button(t('log.search'), { kind: 'primary', iconName: 'filter', type: 'submit', 'data-test': 'log-search' });
    const form = h('form', { class: 'filters', 'aria-label': t('log.filters'), novalidate: true },
      h('h2', { class: 'filters-title' }, icon('filter'), t('log.filters')),
      h('div', { class: 'field stacked' }, h('label', { for: 'log-period', class: 'field-label' }, t('log.period')), period),
      types,
      h('fieldset', { class: 'checks' }, h('legend', null, t('log.subsystems')), this.subsystemBox),
      h('div', { class: 'field stacked' }, h('label', { for: 'log-context', class: 'field-label' }, t('log.context')), context),
      h('div', { class: 'filter-actions' }, search,
        button(t('log.resetFilters'), { kind: 'ghost', onClick: () => this.resetFilters() })));
    form.addEventListener('submit', (e) => {
      e.preventDefault();
      this.filters.context = context.value.trim();
      this.load();
    });
    this.contextInput = context;
    return h('aside', { class: 'split-side' }, form);
  }

  async loadSubsystems() {
    try {
      const data = await get('/api/log/subsystems');
      const list = Array.isArray(data) ? data : (data && data.subsystems) || [];
      clear(this.subsystemBox);
      if (list.length === 0) this.subsystemBox.appendChild(h('p', { class: 'muted' }, t('log.noSubsystems')));
      for (const s of list) {
        const cb = h('input', { type: 'checkbox', value: s, checked: this.filters.subsystems.has(s) });
        cb.addEventListener('change', () => {
          if (cb.checked) this.filters.subsystems.add(s); else this.filters.subsystems.delete(s);
          this.load();
        });
        this.subsystemBox.appendChild(h('label', { class: 'check' }, cb, h('span', null, s)));
      }
    } catch (e) {
      clear(this.subsystemBox).appendChild(h('p', { class: 'muted' }, errorText(e)));
    }
  }

  resetFilters() {
    this.filters = { period: 'live', types: new Set(TYPES), subsystems: new Set(), context: '' };
    this.live = true;
    const old = this.filterPanel;
    this.filterPanel = this.filtersEl();
    old.replaceWith(this.filterPanel);
    this.loadSubsystems();
    this.updateLiveButton();
    this.load();
  }

  params(extra = {}) {
    const types = this.filters.types.size === TYPES.length ? undefined : [...this.filters.types];
    return {
      period: this.live ? undefined : PERIOD_TOKENS[this.filters.period],
      types: this.filters.types.size === 0 ? 'NONE' : types,
      subsystems: [...this.filters.subsystems],
      context: this.filters.context,
      ...extra,
    };
  }

  async load() {
    this.stopPolling();
    if (this.filters.types.size === 0) {
      this.entries = [];
      this.table.setRows([]);
      this.more.hidden = true;
      this.startPolling();
      return;
    }
    if (this.entries.length === 0) this.table.el.classList.add('is-loading');
    try {
      const data = await get(`/api/log${query(this.params({ limit: PAGE }))}`);
      if (this.disposed) return;
      clear(this.message);
      this.entries = sortDesc(data.entries || []);
      this.nextAfterId = data.nextAfterId;
      this.nextBeforeId = data.nextBeforeId;
      this.table.setRows(this.entries);
      this.more.hidden = !data.hasMore;
    } catch (e) {
      if (this.disposed || e.status === 401) return;
      clear(this.message).appendChild(notice('error', e.status === 404 ? t('error.notAvailableYet') : errorText(e)));
      this.table.setRows([]);
    } finally {
      this.table.el.classList.remove('is-loading');
    }
    this.startPolling();
  }

  async loadOlder() {
    if (!this.nextBeforeId) return;
    const before = this.nextBeforeId;
    try {
      const data = await get(`/api/log${query(this.params({ beforeId: before, limit: PAGE }))}`);
      const known = new Set(this.entries.map(e => e.id));
      this.entries = this.entries.concat(sortDesc(data.entries || []).filter(e => !known.has(e.id)));
      this.nextBeforeId = data.nextBeforeId;
      this.table.setRows(this.entries);
      this.more.hidden = !data.hasMore;
    } catch (e) {
      toast(errorText(e), 'error');
    }
  }

  async poll() {
    if (!this.live || this.disposed || document.visibilityState !== 'visible' || this.filters.types.size === 0) return;
    try {
      const data = await get(`/api/log${query(this.params({ afterId: this.nextAfterId, limit: PAGE }))}`);
      if (this.disposed || !this.live) return;
      clear(this.message);
      if (data.nextAfterId !== undefined) this.nextAfterId = data.nextAfterId;
      const known = new Set(this.entries.map(e => e.id));
      const fresh = sortDesc(data.entries || []).filter(e => !known.has(e.id));
      if (fresh.length) {
        this.entries = fresh.concat(this.entries).slice(0, LIVE_MAX);
        this.table.setRows(this.entries);
      }
    } catch (e) {
      if (e.status === 401) { this.stopPolling(); return; }
      clear(this.message).appendChild(notice('warning', t('log.pollFailed'), ' ', errorText(e)));
    }
  }

  startPolling() {
    this.stopPolling();
    if (this.live && !this.disposed) {
      this.timer = setInterval(() => this.poll(), POLL_MS);
      this.status.replaceChildren(h('span', { class: 'live-dot', 'aria-hidden': 'true' }), t('log.liveOn'));
    } else {
      this.status.replaceChildren(t('log.paused'));
    }
  }

  stopPolling() {
    if (this.timer) clearInterval(this.timer);
    this.timer = null;
  }

  toggleLive() {
    this.live = !this.live;
    if (this.live) {
      this.filters.period = 'live';
      this.periodSelect.value = 'live';
      this.updateLiveButton();
      this.load();
    } else {
      this.updateLiveButton();
      this.stopPolling();
      this.startPolling();
    }
  }

  updateLiveButton() {
    const label = this.live ? t('log.pause') : t('log.watchLive');
    this.liveBtn.replaceChildren(icon(this.live ? 'pause' : 'play'), h('span', { class: 'btn-label' }, label));
    this.liveBtn.setAttribute('aria-pressed', String(this.live));
  }

  async toggleHighlight(row) {
    const on = !row.highlighted;
    try {
      if (on) await put(`/api/log/${row.id}/highlight`, {});
      else await del(`/api/log/${row.id}/highlight`);
      const updated = { ...row, highlighted: on };
      this.entries = this.entries.map(e => (e.id === row.id ? updated : e));
      this.table.updateRow(updated);
      toast(on ? t('log.highlightOn') : t('log.highlightOff'), 'info', 2000);
    } catch (e) {
      toast(errorText(e), 'error');
    }
  }

  async removeHighlights() {
    try {
      await del('/api/log/highlights');
      this.entries = this.entries.map(e => ({ ...e, highlighted: false }));
      this.table.setRows(this.entries);
      toast(t('log.highlightsRemoved'), 'info');
    } catch (e) {
      toast(errorText(e), 'error');
    }
  }

  async export(format) {
    if (this.filters.types.size === 0) { toast(t('log.noTypes'), 'warning'); return; }
    await exportFile(`/api/log/export${query({ ...this.params(), format })}`, `log.${format}`);
  }

  details(row) {
    this.panel = detailsPanel(this.pageEl, {
      title: t('log.details'),
      row,
      load: row.hasDetails !== false ? r => get(`/api/log/${r.id}`) : null,
      fields: full => [
        [t('log.col.time'), fmtDateTime(full.at)],
        [t('log.col.type'), typeBadge(full.type)],
        [t('log.col.subsystem'), full.subsystem],
        [t('log.col.context'), full.context],
        [t('log.col.text'), full.text || '', { wrap: true }],
      ],
      extra: full => preBlock(t('log.attachment'), full.details),
      onClose: () => { this.panel = null; const r = this.table.selectedRowEl(); if (r) r.focus(); },
    });
  }

}

function sortDesc(list) {
  return [...list].sort((a, b) => (b.id > a.id ? 1 : b.id < a.id ? -1 : 0));
}
