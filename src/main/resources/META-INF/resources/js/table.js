// A keyboard-friendly data table: one selected row (roving tabindex), arrows to move,
// Enter or double-click to open, optional key handler (the log's Shift+Space).
import { h, clear } from './ui.js';

export class DataTable {
  /**
   * columns: [{key, label, render(row) -> node|string, className}]
   * opts: {caption, rowId(row), rowClass(row), onOpen(row), onSelect(row), onKey(event, row), groupBy(row) -> label, empty}
   */
  constructor(columns, opts = {}) {
    this.columns = columns;
    this.opts = opts;
    this.rows = [];
    this.selectedId = null;
    this.tbody = h('tbody');
    this.table = h('table', { class: `data-table ${opts.className || ''}`.trim(), 'aria-rowcount': '-1' },
      opts.caption ? h('caption', { class: 'sr-only' }, opts.caption) : null,
      h('thead', null, h('tr', null, ...columns.map(c => h('th', { scope: 'col', class: c.className || null }, c.label)))),
      this.tbody);
    this.el = h('div', { class: 'table-scroll' }, this.table);
    this.tbody.addEventListener('click', (e) => {
      const tr = e.target.closest('tr[data-id]');
      if (tr) this.select(tr.dataset.id, false);
    });
    this.tbody.addEventListener('dblclick', (e) => {
      const tr = e.target.closest('tr[data-id]');
      if (tr && opts.onOpen) opts.onOpen(this.byId(tr.dataset.id));
    });
    this.tbody.addEventListener('keydown', (e) => this.keydown(e));
  }

  id(row) {
    return String(this.opts.rowId ? this.opts.rowId(row) : row.id);
  }

  byId(id) {
    return this.rows.find(r => this.id(r) === String(id));
  }

  setRows(rows) {
    this.rows = rows;
    this.draw();
  }

  draw() {
    const hadFocus = this.tbody.contains(document.activeElement);
    clear(this.tbody);
    if (this.rows.length === 0) {
      this.tbody.appendChild(h('tr', { class: 'empty-row' }, h('td', { colspan: String(this.columns.length) }, this.opts.empty || '')));
      return;
    }
    if (!this.byId(this.selectedId)) this.selectedId = null;
    let group = null;
    const frag = document.createDocumentFragment();
    this.rows.forEach((row, i) => {
      if (this.opts.groupBy) {
        const g = this.opts.groupBy(row);
        if (g !== group) {
          group = g;
          frag.appendChild(h('tr', { class: 'group-row' }, h('th', { colspan: String(this.columns.length), scope: 'colgroup' }, g)));
        }
      }
      frag.appendChild(this.rowEl(row, i));
    });
    this.tbody.appendChild(frag);
    const sel = this.selectedRowEl();
    if (sel && hadFocus) sel.focus({ preventScroll: true });
  }

  rowEl(row, index) {
    const id = this.id(row);
    const selected = id === this.selectedId;
    const first = this.selectedId === null && index === 0;
    const extra = this.opts.rowClass ? this.opts.rowClass(row) : '';
    return h('tr', { dataset: { id }, tabindex: selected || first ? '0' : '-1', 'aria-selected': String(selected), class: `${selected ? 'selected ' : ''}${extra}`.trim() },
      ...this.columns.map(c => h('td', { class: c.className || null }, c.render ? c.render(row) : (row[c.key] ?? ''))));
  }

  /** Redraws one row in place (a highlight toggled, a status changed). */
  updateRow(row) {
    const i = this.rows.findIndex(r => this.id(r) === this.id(row));
    if (i < 0) return;
    this.rows[i] = row;
    const old = this.tbody.querySelector(`tr[data-id="${CSS.escape(this.id(row))}"]`);
    if (old) {
      const focused = old === document.activeElement;
      const el = this.rowEl(row, i);
      old.replaceWith(el);
      if (focused) el.focus({ preventScroll: true });
    }
  }

  selectedRowEl() {
    return this.selectedId === null ? null : this.tbody.querySelector(`tr[data-id="${CSS.escape(this.selectedId)}"]`);
  }

  selected() {
    return this.byId(this.selectedId);
  }

  select(id, focus = true) {
    const prev = this.selectedRowEl();
    if (prev) { prev.classList.remove('selected'); prev.setAttribute('aria-selected', 'false'); prev.tabIndex = -1; }
    this.tbody.querySelectorAll('tr[tabindex="0"]').forEach(r => { r.tabIndex = -1; });
    this.selectedId = id === null ? null : String(id);
    const el = this.selectedRowEl();
    if (el) {
      el.classList.add('selected');
      el.setAttribute('aria-selected', 'true');
      el.tabIndex = 0;
      if (focus) el.focus();
      else el.focus({ preventScroll: true });
      el.scrollIntoView({ block: 'nearest' });
    }
    if (this.opts.onSelect) this.opts.onSelect(this.selected());
  }

  keydown(e) {
    const tr = e.target.closest('tr[data-id]');
    if (!tr) return;
    const rows = [...this.tbody.querySelectorAll('tr[data-id]')];
    const i = rows.indexOf(tr);
    const go = (j) => { e.preventDefault(); const r = rows[Math.max(0, Math.min(rows.length - 1, j))]; if (r) this.select(r.dataset.id); };
    if (this.opts.onKey && this.opts.onKey(e, this.byId(tr.dataset.id)) === true) { e.preventDefault(); return; }
    switch (e.key) {
      case 'ArrowDown': go(i + 1); break;
      case 'ArrowUp': go(i - 1); break;
      case 'Home': go(0); break;
      case 'End': go(rows.length - 1); break;
      case 'PageDown': go(i + 10); break;
      case 'PageUp': go(i - 10); break;
      case 'Enter':
        e.preventDefault();
        if (this.opts.onOpen) this.opts.onOpen(this.byId(tr.dataset.id));
        break;
      case ' ':
        if (!e.shiftKey) { e.preventDefault(); this.select(tr.dataset.id); }
        break;
      default:
    }
  }
}
