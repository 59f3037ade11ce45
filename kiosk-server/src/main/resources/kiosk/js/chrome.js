/* The page around the screens: language, large text, high contrast, the kiosk's name. */
import { state, kioskInfo } from './state.js';
import { t } from './i18n.js';
import { h } from './dom.js';
import { online } from './api.js';

export function applyChrome() {
  document.documentElement.lang = state.lang;
  document.documentElement.classList.toggle('large', state.large);
  document.body.classList.toggle('hc', state.contrast);
  document.querySelectorAll('[data-i18n]').forEach(function (el) { el.textContent = t(el.getAttribute('data-i18n')); });
  document.querySelectorAll('[data-i18n-label]').forEach(function (el) { el.setAttribute('aria-label', t(el.getAttribute('data-i18n-label'))); });
  var lt = document.getElementById('lang-toggle');
  lt.textContent = '';
  lt.appendChild(h('span', { lang: t('otherLangCode') }, t('otherLang')));
  document.getElementById('text-size').setAttribute('aria-pressed', String(state.large));
  document.getElementById('contrast').setAttribute('aria-pressed', String(state.contrast));
  document.getElementById('kiosk-name').textContent = kioskInfo && kioskInfo.name ? '· ' + kioskInfo.name : '';
  if (!online) document.getElementById('offline-banner').textContent = t('offline');
  document.getElementById('idle-text').textContent = t('idleText');
}
