// Runs before the stylesheet paints: the remembered theme ("system" follows the OS).
(function () {
  var themes = ['system', 'blue', 'red', 'dark', 'contrast'];
  var chosen = null;
  try { chosen = localStorage.getItem('ream.theme'); } catch (e) { /* storage blocked */ }
  if (themes.indexOf(chosen) < 0) { chosen = 'red'; }
  var effective = chosen;
  if (chosen === 'system' && window.matchMedia) {
    if (window.matchMedia('(prefers-contrast: more)').matches || window.matchMedia('(forced-colors: active)').matches) {
      effective = 'contrast';
    } else {
      effective = window.matchMedia('(prefers-color-scheme: dark)').matches ? 'dark' : 'red';
    }
  }
  document.documentElement.setAttribute('data-theme', effective);
  document.documentElement.setAttribute('data-theme-choice', chosen);
  var lang = null;
  try { lang = localStorage.getItem('ream.lang'); } catch (e) { /* storage blocked */ }
  if (lang) { document.documentElement.setAttribute('lang', lang); }
}());
