// Pages of the menus whose features are not built yet: said plainly, never with made-up data.
import { icon } from '../icons.js';
import { t } from '../i18n.js';
import { h, pageHeader } from '../ui.js';

export function render(main, { route }) {
  main.appendChild(h('div', { class: 'page' },
    pageHeader(t(route.title)),
    h('section', { class: 'empty-state later', 'data-test': 'coming-later' },
      icon('construction', 'empty-icon'),
      h('h2', null, t('later.title')),
      h('p', null, t('later.text', { page: t(route.title) })),
      h('p', null, h('a', { href: '#/home', class: 'btn btn-secondary' }, t('later.back'))))));
}
