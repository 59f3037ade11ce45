/* Idle: after ?idle= seconds untouched a warning counts down ?countdown= seconds, then
 * everything is cleared and the start screen shown, in Spanish. */
import { IDLE_S, COUNTDOWN_S } from './config.js';
import { state, resetState } from './state.js';
import { t } from './i18n.js';
import { applyChrome } from './chrome.js';
import { stopSpeaking } from './speech.js';
import { route, render } from './router.js';
import { endSession } from './otp.js';

var lastActivity = Date.now();
var idleCountdown = null;
function touched() {
  lastActivity = Date.now();
}
function somethingToClear() {
  return route().length > 0 || state.lang !== 'es' || state.large || state.contrast || state.session !== null;
}
function idleTick() {
  var dlg = document.getElementById('idle-dialog');
  if (idleCountdown !== null) return;
  if (Date.now() - lastActivity < IDLE_S * 1000 || !somethingToClear()) return;
  var left = COUNTDOWN_S;
  var secs = document.getElementById('idle-seconds');
  secs.textContent = String(left);
  secs.setAttribute('aria-label', left + ' ' + t('seconds'));
  applyChrome();
  if (typeof dlg.showModal === 'function') dlg.showModal(); else dlg.setAttribute('open', '');
  document.getElementById('idle-continue').focus();
  idleCountdown = setInterval(function () {
    left--;
    secs.textContent = String(Math.max(0, left));
    if (left <= 0) resetAll();
  }, 1000);
}
function closeIdle() {
  var dlg = document.getElementById('idle-dialog');
  if (idleCountdown !== null) { clearInterval(idleCountdown); idleCountdown = null; }
  if (dlg.open) { if (typeof dlg.close === 'function') dlg.close(); else dlg.removeAttribute('open'); }
}
/** Back to the start screen with nothing of the last person left: session ended, forms emptied. */
function resetAll() {
  closeIdle();
  stopSpeaking();
  endSession();
  resetState();
  lastActivity = Date.now();
  if (location.hash && location.hash !== '#/') {
    history.replaceState(null, '', location.pathname + location.search + '#/');
  }
  render(true);
}

/** Watches for touches and keys, wires the warning's button, and checks every second. */
export function startIdle() {
  document.getElementById('idle-continue').addEventListener('click', function () { closeIdle(); touched(); });
  document.getElementById('idle-dialog').addEventListener('cancel', function (e) { e.preventDefault(); closeIdle(); touched(); });
  ['pointerdown', 'keydown', 'touchstart', 'input', 'wheel'].forEach(function (ev) {
    document.addEventListener(ev, touched, { capture: true, passive: true });
  });
  setInterval(idleTick, 1000);
}
