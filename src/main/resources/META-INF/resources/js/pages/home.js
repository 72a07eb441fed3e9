// Home dashboard (manual 5.4): widgets the user adds, removes and moves; the layout is kept
// per user on the server (GET/PUT/DELETE /api/dashboard/layout).
import { get, put, del } from '../api.js';
import { icon } from '../icons.js';
import { t, fmtDate, fmtDateTime, fmtNumber, language } from '../i18n.js';
import { h, clear, button, menu, notice, loading, toast, dialog, pageHeader, errorText, nextId } from '../ui.js';
import { loadChartJs } from '../chart-loader.js';
import { cssVar } from '../theme.js';
import { hasRight } from '../state.js';

const WIDGETS = {
  quickSetup: { icon: 'check', draw: drawQuickSetup },
  systemStatus: { icon: 'server', draw: drawSystemStatus, refresh: 60000 },
  totalPages: { icon: 'pages', draw: drawTotalPages, wide: true },
  environment: { icon: 'tree', draw: drawEnvironment },
  licence: { icon: 'licence', draw: drawLicence },
  quickLinks: { icon: 'link', draw: drawQuickLinks },
  dashboardMessage: { icon: 'message', draw: drawMessage },
  customHelp: { icon: 'help', draw: drawCustomHelp },
};

export async function render(main) {
  const board = new Dashboard(main);
  await board.start();
  return () => board.dispose();
}

class Dashboard {
  constructor(main) {
    this.main = main;
    this.layout = [];
    this.cleanups = new Map();
    this.messagePromise = null;
  }

  async start() {
    const tools = menu(button(t('common.tools'), { iconName: 'tools', 'data-test': 'dashboard-tools' }), () => [
      { label: t('dashboard.addWidget'), icon: 'plus', id: 'add-widget', onSelect: () => this.addWidgetDialog(), disabled: this.available().length === 0 },
      { label: t('dashboard.defaultLayout'), icon: 'layout', id: 'default-layout', onSelect: () => this.resetLayout() },
    ], { align: 'right' });
    this.grid = h('div', { class: 'widget-grid', 'data-test': 'widget-grid' }, loading());
    this.live = h('div', { class: 'sr-only', 'aria-live': 'polite' });
    this.main.appendChild(h('div', { class: 'page page-home' },
      pageHeader(t('nav.home'), { subtitle: t('dashboard.subtitle'), tools: [tools] }), this.live, this.grid));
    try {
      this.layout = (await get('/api/dashboard/layout')).widgets.filter(w => WIDGETS[w]);
    } catch (e) {
      clear(this.grid).appendChild(notice('error', errorText(e)));
      return;
    }
    this.drawAll();
    this.themeListener = () => this.redrawCharts();
    window.addEventListener('ream:themechange', this.themeListener);
  }

  dispose() {
    for (const c of this.cleanups.values()) c();
    this.cleanups.clear();
    window.removeEventListener('ream:themechange', this.themeListener);
  }

  available() {
    return Object.keys(WIDGETS).filter(w => !this.layout.includes(w));
  }

  message() {
    if (!this.messagePromise) this.messagePromise = get('/api/dashboard/message');
    return this.messagePromise;
  }

  drawAll() {
    for (const c of this.cleanups.values()) c();
    this.cleanups.clear();
    clear(this.grid);
    if (this.layout.length === 0) {
      this.grid.appendChild(h('div', { class: 'empty-state' }, icon('layout', 'empty-icon'), h('p', null, t('dashboard.empty'))));
    }
    for (const id of this.layout) this.grid.appendChild(this.widget(id));
  }

  widget(id) {
    const def = WIDGETS[id];
    const titleId = nextId('w');
    const body = h('div', { class: 'widget-body' }, loading());
    const moreBtn = button(t('dashboard.widgetMenu', { widget: t(`widget.${id}`) }), { iconName: 'more', iconOnly: true, kind: 'ghost', 'data-test': 'widget-menu' });
    const more = menu(moreBtn, () => {
      const i = this.layout.indexOf(id);
      return [
        { label: t('dashboard.moveEarlier'), icon: 'chevronRight', disabled: i <= 0, onSelect: () => this.move(id, i - 1) },
        { label: t('dashboard.moveLater'), icon: 'chevronDown', disabled: i >= this.layout.length - 1, onSelect: () => this.move(id, i + 1) },
        { separator: true },
        { label: t('dashboard.remove'), icon: 'trash', danger: true, id: 'remove', onSelect: () => this.remove(id) },
      ];
    }, { align: 'right' });
    const header = h('header', { class: 'widget-header', draggable: 'true', title: t('dashboard.dragHint') },
      h('span', { class: 'drag-handle', 'aria-hidden': 'true' }, icon('grip')),
      icon(def.icon, 'widget-icon'),
      h('h2', { id: titleId }, t(`widget.${id}`)), more);
    const el = h('section', { class: `widget${def.wide ? ' wide' : ''}`, 'aria-labelledby': titleId, dataset: { widget: id } }, header, body);
    this.dragAndDrop(el, header, id);
    const ctx = { body, board: this, id };
    const run = async () => {
      try {
        const cleanup = await def.draw(ctx);
        if (typeof cleanup === 'function') this.cleanups.set(id, cleanup);
      } catch (e) {
        if (e && e.status === 401) return;
        clear(body).appendChild(notice('error', errorText(e)));
      }
    };
    run();
    if (def.refresh) {
      const timer = setInterval(() => { if (document.visibilityState === 'visible') def.draw(ctx, true).catch(() => {}); }, def.refresh);
      const previous = this.cleanups.get(`${id}:timer`);
      if (previous) previous();
      this.cleanups.set(`${id}:timer`, () => clearInterval(timer));
    }
    return el;
  }

  dragAndDrop(el, header, id) {
    header.addEventListener('dragstart', (e) => {
      e.dataTransfer.effectAllowed = 'move';
      e.dataTransfer.setData('text/plain', id);
      const r = el.getBoundingClientRect();
      e.dataTransfer.setDragImage(el, e.clientX - r.left, e.clientY - r.top);
      this.dragging = id;
      requestAnimationFrame(() => el.classList.add('dragging'));
    });
    header.addEventListener('dragend', () => {
      el.classList.remove('dragging');
      this.grid.querySelectorAll('.drop-before,.drop-after').forEach(w => w.classList.remove('drop-before', 'drop-after'));
      this.dragging = null;
    });
    el.addEventListener('dragover', (e) => {
      if (!this.dragging || this.dragging === id) return;
      e.preventDefault();
      e.dataTransfer.dropEffect = 'move';
      const after = this.isAfter(el, e);
      el.classList.toggle('drop-after', after);
      el.classList.toggle('drop-before', !after);
    });
    el.addEventListener('dragleave', () => el.classList.remove('drop-before', 'drop-after'));
    el.addEventListener('drop', (e) => {
      e.preventDefault();
      const moving = this.dragging || e.dataTransfer.getData('text/plain');
      el.classList.remove('drop-before', 'drop-after');
      if (!moving || moving === id) return;
      const order = this.layout.filter(w => w !== moving);
      let target = order.indexOf(id);
      if (this.isAfter(el, e)) target += 1;
      order.splice(target, 0, moving);
      this.applyOrder(order);
    });
  }

  isAfter(el, e) {
    const r = el.getBoundingClientRect();
    return e.clientX > r.left + r.width / 2 || e.clientY > r.top + r.height * 0.75;
  }

  /** Moves the widgets' nodes (no redraw: charts and data stay) and saves the order. */
  applyOrder(order) {
    const before = this.layout;
    this.layout = order;
    for (const w of order) {
      const node = this.grid.querySelector(`[data-widget="${w}"]`);
      if (node) this.grid.appendChild(node);
    }
    this.save(before);
  }

  move(id, index) {
    const order = this.layout.filter(w => w !== id);
    order.splice(Math.max(0, Math.min(index, order.length)), 0, id);
    this.applyOrder(order);
    this.live.textContent = t('dashboard.moved', { widget: t(`widget.${id}`), position: order.indexOf(id) + 1 });
    const btn = this.grid.querySelector(`[data-widget="${id}"] [data-test="widget-menu"]`);
    if (btn) btn.focus();
  }

  async save(previous) {
    try {
      const saved = await put('/api/dashboard/layout', { widgets: this.layout });
      this.layout = saved.widgets;
    } catch (e) {
      toast(errorText(e), 'error');
      if (previous) { this.layout = previous; this.drawAll(); }
    }
  }

  async remove(id) {
    const previous = this.layout;
    this.layout = this.layout.filter(w => w !== id);
    const node = this.grid.querySelector(`[data-widget="${id}"]`);
    const next = node && (node.nextElementSibling || node.previousElementSibling);
    if (node) node.remove();
    const c = this.cleanups.get(id);
    if (c) { c(); this.cleanups.delete(id); }
    const timer = this.cleanups.get(`${id}:timer`);
    if (timer) { timer(); this.cleanups.delete(`${id}:timer`); }
    if (this.layout.length === 0) this.drawAll();
    await this.save(previous);
    toast(t('dashboard.removed', { widget: t(`widget.${id}`) }), 'info');
    const focus = next && next.querySelector('[data-test="widget-menu"]');
    (focus || this.main.querySelector('[data-test="dashboard-tools"]')).focus();
  }

  addWidgetDialog() {
    const choices = this.available();
    const name = nextId('add');
    const list = h('div', { class: 'choice-list', role: 'radiogroup', 'aria-label': t('dashboard.addWidget') },
      ...choices.map((w, i) => h('label', { class: 'choice' },
        h('input', { type: 'radio', name, value: w, checked: i === 0 }),
        icon(WIDGETS[w].icon),
        h('span', { class: 'choice-text' }, h('strong', null, t(`widget.${w}`)), h('span', null, t(`widget.${w}.description`))))));
    dialog({
      title: t('dashboard.addWidget'),
      body: [list],
      actions: [
        { label: t('common.cancel') },
        {
          label: t('common.ok'), kind: 'primary', primary: true, id: 'add-widget-ok',
          onClick: async () => {
            const picked = list.querySelector('input:checked');
            if (!picked) return false;
            const previous = this.layout;
            this.layout = [...this.layout, picked.value];
            if (previous.length === 0) clear(this.grid);
            const node = this.widget(picked.value);
            this.grid.appendChild(node);
            await this.save(previous);
            node.scrollIntoView({ block: 'nearest' });
            return true;
          },
        },
      ],
    });
  }

  async resetLayout() {
    try {
      this.layout = (await del('/api/dashboard/layout')).widgets.filter(w => WIDGETS[w]);
      this.messagePromise = null;
      this.drawAll();
      toast(t('dashboard.layoutReset'), 'info');
    } catch (e) {
      toast(errorText(e), 'error');
    }
  }

  redrawCharts() {
    const node = this.grid.querySelector('[data-widget="totalPages"]');
    if (!node) return;
    const c = this.cleanups.get('totalPages');
    if (c) c();
    const body = node.querySelector('.widget-body');
    drawTotalPages({ body, board: this, id: 'totalPages' }).then(cleanup => { if (cleanup) this.cleanups.set('totalPages', cleanup); });
  }
}

// ---- Widgets ---------------------------------------------------------------------------

const SETUP_STEPS = [
  { key: 'licence', href: '#/settings/licence', right: 'MANAGE_LICENCES' },
  { key: 'adminEmail', href: '#/settings/general?focus=general.adminEmail', right: 'MANAGE_SETTINGS' },
  { key: 'communicationPassword', href: '#/settings/general?focus=security.communicationPassword', right: 'MANAGE_SETTINGS' },
  { key: 'smtp', href: '#/settings/smtp', right: 'MANAGE_SETTINGS' },
  { key: 'users', href: '#/users', right: 'MANAGE_USERS', extra: { href: '#/settings/usersync', label: 'setup.users.import' } },
];

async function drawQuickSetup({ body }) {
  const data = await get('/api/dashboard/quick-setup');
  const done = SETUP_STEPS.filter(s => data[s.key]).length;
  const list = h('ol', { class: 'setup-list' });
  for (const s of SETUP_STEPS) {
    const ok = !!data[s.key];
    const link = hasRight(s.right) ? h('a', { href: s.href, class: 'setup-action' }, t(`setup.${s.key}.action`)) : null;
    list.appendChild(h('li', { class: `setup-step${ok ? ' done' : ''}`, dataset: { step: s.key } },
      h('span', { class: 'step-mark' }, icon(ok ? 'check' : 'circle'), h('span', { class: 'sr-only' }, ok ? t('setup.done') : t('setup.todo'))),
      h('span', { class: 'step-text' }, h('strong', null, t(`setup.${s.key}`)),
        h('span', { class: 'step-links' }, ok ? h('span', { class: 'muted' }, t('setup.doneShort')) : link,
          !ok && s.extra && hasRight(s.right) ? h('a', { href: s.extra.href, class: 'setup-action' }, t(s.extra.label)) : null))));
  }
  clear(body).append(
    h('div', { class: 'progress-line' },
      h('div', { class: 'progress', role: 'progressbar', 'aria-valuemin': '0', 'aria-valuemax': String(SETUP_STEPS.length), 'aria-valuenow': String(done), 'aria-label': t('setup.progress', { done, total: SETUP_STEPS.length }) },
        h('span', { style: { width: `${(done / SETUP_STEPS.length) * 100}%` } })),
      h('span', { class: 'muted' }, t('setup.progress', { done, total: SETUP_STEPS.length }))),
    list);
}

async function drawSystemStatus({ body }) {
  const s = await get('/api/dashboard/status');
  const stat = (key, value, href, cls = '') => {
    const content = [h('span', { class: 'stat-value' }, value), h('span', { class: 'stat-label' }, t(`status.${key}`))];
    return href ? h('a', { class: `stat ${cls}`.trim(), href, dataset: { stat: key } }, ...content) : h('div', { class: `stat ${cls}`.trim(), dataset: { stat: key } }, ...content);
  };
  const warn = s.recentWarnings || 0;
  const err = s.recentErrors || 0;
  const logLink = hasRight('VIEW_LOG');
  const grid = h('div', { class: 'stat-grid' },
    stat('users', fmtNumber(s.users), hasRight('MANAGE_USERS') ? '#/users' : null),
    stat('printers', fmtNumber(s.printers), '#/printers'),
    stat('sites', fmtNumber(s.sites), hasRight('MANAGE_SETTINGS') ? '#/sites' : null));
  const alerts = h('div', { class: 'stat-grid alerts' },
    stat('recentWarnings', fmtNumber(warn), logLink ? '#/log?types=WARNING&period=last24h' : null, warn ? 'is-warning' : 'is-ok'),
    stat('recentErrors', fmtNumber(err), logLink ? '#/log?types=CRITICAL,ERROR&period=last24h' : null, err ? 'is-error' : 'is-ok'));
  const facts = h('dl', { class: 'facts' },
    h('div', null, h('dt', null, t('status.lastReplicated')), h('dd', null, s.lastReplicated ? fmtDateTime(s.lastReplicated) : t('status.never'))),
    h('div', null, h('dt', null, t('status.uptime')), h('dd', null, t('status.hours', { hours: fmtNumber(s.uptimeHours, 1) }))));
  clear(body).append(grid, alerts, facts);
}

async function drawTotalPages({ body }) {
  const days = await get('/api/dashboard/pages');
  const sum = (k) => days.reduce((a, d) => a + (d[k] || 0), 0);
  const totals = h('div', { class: 'chart-totals' },
    ...['printed', 'copied', 'scanned'].map((k, i) => h('span', { class: `total total-${i + 1}`, dataset: { total: k } },
      h('span', { class: 'swatch', 'aria-hidden': 'true' }), t(`pages.${k}`), ' ', h('strong', null, fmtNumber(sum(k))))));
  const canvas = h('canvas', { role: 'img', 'aria-label': t('pages.chartLabel', { printed: sum('printed'), copied: sum('copied'), scanned: sum('scanned') }) });
  const box = h('div', { class: 'chart-box' }, canvas);
  // The numbers as a table for screen readers and when the chart library is missing.
  const table = h('table', { class: 'sr-only' }, h('caption', null, t('widget.totalPages')),
    h('thead', null, h('tr', null, h('th', null, t('pages.day')), h('th', null, t('pages.printed')), h('th', null, t('pages.copied')), h('th', null, t('pages.scanned')))),
    h('tbody', null, ...days.map(d => h('tr', null, h('td', null, d.day), h('td', null, d.printed), h('td', null, d.copied), h('td', null, d.scanned)))));
  clear(body).append(totals, box, table);
  let Chart;
  try {
    Chart = await loadChartJs();
  } catch (e) {
    box.replaceWith(notice('warning', t('pages.noChart')));
    table.classList.remove('sr-only');
    table.classList.add('data-table', 'compact');
    return undefined;
  }
  const fmt = new Intl.DateTimeFormat(language(), { day: 'numeric', month: 'numeric' });
  const labels = days.map(d => fmt.format(new Date(`${d.day}T12:00:00`)));
  const colors = [cssVar('--chart-1'), cssVar('--chart-2'), cssVar('--chart-3')];
  const text = cssVar('--text-muted');
  const grid = cssVar('--border');
  const chart = new Chart(canvas, {
    type: 'bar',
    data: {
      labels,
      datasets: ['printed', 'copied', 'scanned'].map((k, i) => ({
        label: t(`pages.${k}`), data: days.map(d => d[k] || 0), backgroundColor: colors[i], borderRadius: 2, maxBarThickness: 22,
      })),
    },
    options: {
      responsive: true,
      maintainAspectRatio: false,
      animation: window.matchMedia('(prefers-reduced-motion: reduce)').matches ? false : { duration: 300 },
      interaction: { mode: 'index', intersect: false },
      plugins: { legend: { display: false }, tooltip: { callbacks: { title: items => fmtDate(`${days[items[0].dataIndex].day}T12:00:00`) } } },
      scales: {
        x: { stacked: true, grid: { display: false }, ticks: { color: text, maxRotation: 0, autoSkipPadding: 8 } },
        y: { stacked: true, beginAtZero: true, grid: { color: grid }, border: { display: false }, ticks: { color: text, precision: 0 } },
      },
    },
  });
  return () => chart.destroy();
}

async function drawEnvironment({ body }) {
  const e = await get('/api/dashboard/environment');
  const item = (key, ic, value, unit) => h('div', { class: `eco eco-${key}`, dataset: { eco: key } }, icon(ic, 'eco-icon'),
    h('span', { class: 'eco-value' }, value, unit ? h('small', null, ` ${unit}`) : null), h('span', { class: 'eco-label' }, t(`environment.${key}`)));
  clear(body).append(
    h('div', { class: 'eco-grid' },
      item('sheets', 'pages', fmtNumber(e.sheets)),
      item('trees', 'tree', fmtNumber(e.trees, 2)),
      item('co2', 'cloud', fmtNumber(e.co2Kg, 1), 'kg'),
      item('energy', 'bolt', fmtNumber(e.energyKWh, 1), 'kWh')),
    h('p', { class: 'footnote' }, t('environment.period', { days: e.periodDays || 30 }), ' · ', t('environment.rates')));
}

async function drawLicence({ body }) {
  const l = await get('/api/dashboard/licence');
  clear(body).append(
    h('div', { class: `licence-state ${l.installed ? 'ok' : 'missing'}` },
      icon(l.installed ? 'check' : 'warning'),
      h('div', null, h('strong', null, l.installed ? t('licence.installed') : t('licence.missing')), h('p', null, l.message || ''))),
    hasRight('MANAGE_LICENCES') ? h('p', null, h('a', { href: '#/settings/licence', class: 'btn btn-secondary' }, t('licence.open'))) : '');
}

function drawQuickLinks({ body }) {
  const links = [
    { href: '#/log', label: 'nav.log', icon: 'log', right: 'VIEW_LOG' },
    { href: '#/audit', label: 'nav.audit', icon: 'audit', right: 'ADMINISTRATOR' },
    { href: '#/settings/scheduler', label: 'settings.scheduler', icon: 'calendar', right: 'MANAGE_SETTINGS' },
    { href: '#/settings/general', label: 'settings.general', icon: 'sliders', right: 'MANAGE_SETTINGS' },
    { href: '#/users', label: 'nav.users', icon: 'users', right: 'MANAGE_USERS' },
    { href: '#/reports', label: 'nav.reports', icon: 'reports', right: 'MANAGE_REPORTS' },
  ].filter(l => hasRight(l.right));
  clear(body).append(h('ul', { class: 'link-list' }, ...links.map(l => h('li', null, h('a', { href: l.href }, icon(l.icon), h('span', null, t(l.label)))))));
  return Promise.resolve();
}

async function drawMessage({ body, board }) {
  const m = await board.message();
  const text = (m.message || '').trim();
  clear(body).append(text
    ? h('p', { class: 'dashboard-message' }, text)
    : h('p', { class: 'muted' }, t('message.none'), ' ', hasRight('MANAGE_SETTINGS') ? h('a', { href: '#/settings/personalization' }, t('message.set')) : null));
}

async function drawCustomHelp({ body, board }) {
  const m = await board.message();
  const url = (m.helpUrl || '').trim();
  clear(body).append(url
    ? h('p', null, h('a', { href: url, target: '_blank', rel: 'noopener noreferrer', class: 'help-link' }, icon('help'), h('span', null, (m.helpTitle || '').trim() || url)))
    : h('p', { class: 'muted' }, t('help.none'), ' ', hasRight('MANAGE_SETTINGS') ? h('a', { href: '#/settings/personalization' }, t('message.set')) : null));
}
