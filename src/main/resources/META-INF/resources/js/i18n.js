// Every visible string goes through t(): the language's file, then English, then the key itself.
export const LANGUAGE_NAMES = { en: 'English', fr: 'Français', de: 'Deutsch', cs: 'Čeština', es: 'Español' };

const KEY = 'ream.lang';
let current = 'en';
let strings = {};
let fallback = {};

async function load(lang) {
  const r = await fetch(`i18n/${lang}.json`, { credentials: 'same-origin' });
  if (!r.ok) throw new Error(`No translation file for ${lang}`);
  return r.json();
}

export function storedLanguage() {
  try { return localStorage.getItem(KEY); } catch (e) { return null; }
}

/** Picks the language: the one remembered, else the server's default, else the browser's, else English. */
export function pickLanguage(available, serverDefault) {
  const candidates = [storedLanguage(), serverDefault, ...(navigator.languages || []).map(l => l.slice(0, 2)), 'en'];
  return candidates.find(l => l && available.includes(l)) || 'en';
}

export async function setLanguage(lang, remember = false) {
  if (Object.keys(fallback).length === 0) fallback = await load('en');
  strings = lang === 'en' ? fallback : await load(lang).catch(() => ({}));
  current = lang;
  document.documentElement.setAttribute('lang', lang);
  if (remember) {
    try { localStorage.setItem(KEY, lang); } catch (e) { /* storage blocked */ }
  }
}

export function language() {
  return current;
}

export function t(key, params) {
  let s = strings[key];
  if (s === undefined) s = fallback[key];
  if (s === undefined) return params && params.fallback !== undefined ? params.fallback : key;
  if (params) s = s.replace(/\{(\w+)\}/g, (m, name) => (params[name] !== undefined ? String(params[name]) : m));
  return s;
}

/** True when a translation exists (in the language or in English). */
export function has(key) {
  return strings[key] !== undefined || fallback[key] !== undefined;
}

const dateTime = () => new Intl.DateTimeFormat(current, { dateStyle: 'short', timeStyle: 'medium' });
const dateOnly = () => new Intl.DateTimeFormat(current, { dateStyle: 'medium' });

export function fmtDateTime(value) {
  if (!value) return '';
  const d = value instanceof Date ? value : new Date(value);
  return Number.isNaN(d.getTime()) ? String(value) : dateTime().format(d);
}

export function fmtDate(value) {
  if (!value) return '';
  const d = value instanceof Date ? value : new Date(value);
  return Number.isNaN(d.getTime()) ? String(value) : dateOnly().format(d);
}

export function fmtNumber(n, digits) {
  if (n === null || n === undefined || n === '') return '–';
  const opts = digits === undefined ? {} : { minimumFractionDigits: 0, maximumFractionDigits: digits };
  return new Intl.NumberFormat(current, opts).format(n);
}
