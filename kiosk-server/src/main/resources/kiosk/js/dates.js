/* Dates and times as the server gives them (its clock, never the kiosk's). */
import { t } from './i18n.js';
import { lastServerDate } from './api.js';

export function pad(n) { return (n < 10 ? '0' : '') + n; }
export function hhmm(iso) { return iso ? iso.substring(11, 16) : ''; }
export function dateOf(iso) { return iso ? iso.substring(0, 10) : ''; }
export function addDays(ymd, n) {
  var p = ymd.split('-');
  var d = new Date(Date.UTC(+p[0], +p[1] - 1, +p[2] + n));
  return d.getUTCFullYear() + '-' + pad(d.getUTCMonth() + 1) + '-' + pad(d.getUTCDate());
}
export function dayText(ymd) {
  var p = ymd.split('-');
  var d = new Date(Date.UTC(+p[0], +p[1] - 1, +p[2]));
  return t('dateText')(t('days')[d.getUTCDay()], d.getUTCDate(), t('months')[d.getUTCMonth()]);
}
export function whenText(iso) { return dayText(dateOf(iso)) + ', ' + hhmm(iso); }
export function serverToday() {
  if (lastServerDate) {
    // The Date header is GMT; the city (Europe/Madrid) is at most 2 h ahead.
    try {
      return new Intl.DateTimeFormat('en-CA', { timeZone: 'Europe/Madrid', year: 'numeric', month: '2-digit', day: '2-digit' }).format(lastServerDate);
    } catch (e) { /* fall through */ }
  }
  return null;
}
