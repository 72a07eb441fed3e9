// The Settings menu (manual 5.3, chapter 6): one card per settings page the user may open.
import { icon } from '../icons.js';
import { t } from '../i18n.js';
import { h, pageHeader } from '../ui.js';
import { SETTINGS_MENU } from '../routes.js';
import { hasRight } from '../state.js';

export function render(main) {
  const cards = SETTINGS_MENU.filter(s => hasRight(s.right)).map(s =>
    h('a', { class: 'settings-card', href: `#/${s.key}`, dataset: { settings: s.key } },
      icon(s.icon, 'card-icon'),
      h('span', { class: 'card-text' }, h('strong', null, t(s.title)), h('span', null, t(`${s.title}.summary`)))));
  main.appendChild(h('div', { class: 'page' },
    pageHeader(t('nav.settings'), { subtitle: t('settings.intro') }),
    h('div', { class: 'settings-grid' }, ...cards)));
}
