// The pages of the Main menu and of the Settings menu (manual 5.3), with the right each needs.
const later = () => import('./pages/later.js');
const settingsForm = () => import('./pages/settings.js');

export const MAIN_MENU = [
  { key: 'home', title: 'nav.home', icon: 'home', load: () => import('./pages/home.js') },
  { key: 'users', title: 'nav.users', icon: 'users', right: 'MANAGE_USERS', load: () => import('./pages/users.js') },
  { key: 'sites', title: 'nav.sites', icon: 'sites', right: 'MANAGE_SETTINGS', load: () => import('./pages/sites.js') },
  { key: 'reports', title: 'nav.reports', icon: 'reports', right: 'MANAGE_REPORTS', load: later },
  { key: 'log', title: 'nav.log', icon: 'log', right: 'VIEW_LOG', load: () => import('./pages/log.js') },
  { key: 'audit', title: 'nav.audit', icon: 'audit', right: 'ADMINISTRATOR', load: () => import('./pages/audit.js') },
  { key: 'settings', title: 'nav.settings', icon: 'settings', right: 'MANAGE_SETTINGS', load: () => import('./pages/settings-menu.js') },
];

export const SETTINGS_MENU = [
  { key: 'settings/general', section: 'general', title: 'settings.general', icon: 'sliders', right: 'MANAGE_SETTINGS', load: settingsForm },
  { key: 'settings/personalization', section: 'personalization', title: 'settings.personalization', icon: 'palette', right: 'MANAGE_SETTINGS', load: settingsForm },
  { key: 'settings/scheduler', title: 'settings.scheduler', icon: 'calendar', right: 'MANAGE_SETTINGS', load: () => import('./pages/scheduler.js') },
  { key: 'settings/smtp', section: 'smtp', title: 'settings.smtp', icon: 'mail', right: 'MANAGE_SETTINGS', load: settingsForm },
  { key: 'settings/log', section: 'log', title: 'settings.log', icon: 'log', right: 'MANAGE_SETTINGS', load: settingsForm },
  { key: 'settings/system', section: 'system', title: 'settings.system', icon: 'server', right: 'MANAGE_SETTINGS', load: settingsForm },
  { key: 'settings/users', section: 'users', title: 'settings.users', icon: 'users', right: 'MANAGE_SETTINGS', load: settingsForm },
  { key: 'settings/replication', section: 'replication', title: 'settings.replication', icon: 'sites', right: 'MANAGE_SETTINGS', load: settingsForm },
  { key: 'settings/external-reports', title: 'settings.externalReports', icon: 'reports', right: 'ADMINISTRATOR', load: () => import('./pages/external-reports.js') },
  { key: 'settings/usersync', title: 'settings.usersync', icon: 'refresh', right: 'MANAGE_SETTINGS', load: () => import('./pages/usersync.js') },
  { key: 'settings/auth-servers', title: 'settings.authServers', icon: 'key', right: 'MANAGE_SETTINGS', load: () => import('./pages/auth-servers.js') },
  { key: 'settings/rights', title: 'settings.rights', icon: 'shield', right: 'ADMINISTRATOR', load: () => import('./pages/rights.js') },
];

// Reached from dashboard links, not from the menus, until their features exist.
const HIDDEN = [
  { key: 'profile', title: 'profile.title', icon: 'user', load: () => import('./pages/profile.js') },
  { key: 'users/groups', title: 'groups.title', icon: 'tree', right: 'MANAGE_USERS', load: () => import('./pages/groups.js'), parent: 'users' },
  { key: 'printers', title: 'nav.printers', icon: 'printer', right: 'VIEW_PRINTERS', load: later },
  { key: 'settings/licence', title: 'settings.licence', icon: 'licence', right: 'MANAGE_LICENCES', load: later, parent: 'settings' },
];

export const ROUTES = [...MAIN_MENU, ...SETTINGS_MENU, ...HIDDEN];

export function resolveRoute(path) {
  return ROUTES.find(r => r.key === path) || null;
}
