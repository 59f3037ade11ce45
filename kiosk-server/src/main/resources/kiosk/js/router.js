/* Screens are hash routes (#/buses/13): the router renders the current one into #screen. */
import { t } from './i18n.js';
import { h, append, notice } from './dom.js';
import { stopSpeaking } from './speech.js';
import { applyChrome } from './chrome.js';

var SCREENS = {};
var renderSeq = 0;
var refreshTimer = null;

/** Sets the screens by route name: start(ctx, args), buses(ctx, args), ... */
export function registerScreens(screens) { SCREENS = screens; }
/** Sets the timer that refreshes the current screen; the next render stops it. */
export function refreshEvery(ms, fn) { refreshTimer = setInterval(fn, ms); }

export function route() {
  var hash = location.hash.replace(/^#\/?/, '');
  var parts = hash ? hash.split('/').map(decodeURIComponent) : [];
  return parts;
}
export function go(path) {
  if (location.hash === '#/' + path) render(true); else location.hash = '#/' + path;
}

export function setTitle(text) {
  var h1 = document.getElementById('screen-title');
  h1.textContent = text;
  document.title = text + ' · ' + t('brand');
}

/** Renders the current screen; moves focus to its heading when the screen changed. */
export function render(focus) {
  var seq = ++renderSeq;
  if (refreshTimer) { clearInterval(refreshTimer); refreshTimer = null; }
  stopSpeaking();
  applyChrome();
  var parts = route();
  var screen = document.getElementById('screen');
  var box = h('div', { 'data-screen': parts[0] || 'start' });
  var ctx = {
    box: box,
    alive: function () { return seq === renderSeq; }
  };
  var name = parts[0] || 'start';
  var handler = SCREENS[name] || SCREENS.start;
  screen.textContent = '';
  screen.appendChild(box);
  document.body.setAttribute('data-screen', name);
  try {
    handler(ctx, parts.slice(1));
  } catch (e) {
    append(box, notice(t('failed'), 'severe', 'failed'));
  }
  if (focus) {
    var h1 = document.getElementById('screen-title');
    h1.focus({ preventScroll: false });
    window.scrollTo(0, 0);
  }
}
