/* Vecino kiosk: one page, screens as hash routes, ES modules loaded by the browser, no build step,
 * no external resources. Server data is always written with textContent (never as HTML). */
import { state } from './state.js';
import { keepToken, onReconnect } from './api.js';
import { applyChrome } from './chrome.js';
import { setUpSpeech } from './speech.js';
import { registerScreens, render, go } from './router.js';
import { withKiosk } from './kiosk-info.js';
import { startIdle } from './idle.js';
import { startHeartbeat } from './heartbeat.js';
import { start } from './screens/home.js';
import { buses } from './screens/buses.js';
import { parking } from './screens/parking.js';
import { appointments } from './screens/appointments.js';
import { procedures } from './screens/procedures.js';
import { book } from './screens/book.js';
import { report } from './screens/report.js';
import { alerts } from './screens/alerts.js';

registerScreens({
  start: start, buses: buses, parking: parking, appointments: appointments,
  procedures: procedures, book: book, report: report, alerts: alerts
});
onReconnect(function () { render(false); });

function init() {
  keepToken();
  setUpSpeech();
  document.getElementById('lang-toggle').addEventListener('click', function () {
    state.lang = state.lang === 'es' ? 'en' : 'es';
    render(false);
    document.getElementById('lang-toggle').focus();
  });
  document.getElementById('text-size').addEventListener('click', function () { state.large = !state.large; applyChrome(); });
  document.getElementById('contrast').addEventListener('click', function () { state.contrast = !state.contrast; applyChrome(); });
  document.getElementById('home-button').addEventListener('click', function () { go(''); });
  startIdle();
  window.addEventListener('hashchange', function () { render(true); });
  withKiosk(function () { applyChrome(); });
  startHeartbeat();
  render(false);
}
if (document.readyState === 'loading') document.addEventListener('DOMContentLoaded', init); else init();
