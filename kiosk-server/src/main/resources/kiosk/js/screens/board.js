/* One stop's arrivals board (#/buses/{stopId}), refreshed every 30 s, and the arrivals table
 * and alert list the buses screen shares. */
import { t } from '../i18n.js';
import { h, append, notice } from '../dom.js';
import { hhmm } from '../dates.js';
import { api, online } from '../api.js';
import { failure, backBar, loading } from '../widgets.js';
import { setTitle, refreshEvery } from '../router.js';

export function arrivalsTable(board, id) {
  if (!board.arrivals || board.arrivals.length === 0) return h('p', { id: id + '-empty' }, t('noArrivals'));
  return h('table', { id: id, 'data-testid': 'arrivals' },
    h('caption', null, board.stop.name),
    h('thead', null, h('tr', null, h('th', { scope: 'col' }, t('line')), h('th', { scope: 'col' }, t('destination')),
      h('th', { scope: 'col', className: 'num' }, t('arrives')), h('th', { scope: 'col' }, t('type')))),
    h('tbody', null, board.arrivals.map(function (a) {
      return h('tr', { 'data-vehicle': a.vehicle || null },
        h('td', null, h('span', { className: 'line-badge' }, a.line)),
        h('td', null, a.destination),
        h('td', { className: 'num' }, a.minutes === 0 ? t('arriving') : a.minutes + ' ' + t('min')),
        h('td', null, a.realtime ? t('live') : t('scheduled')));
    })));
}
export function alertList(alerts, id) {
  if (!alerts || !alerts.length) return null;
  return h('ul', { className: 'list', id: id }, alerts.map(function (a) {
    return h('li', { className: 'notice ' + (a.severity === 'severe' ? 'severe' : '') },
      h('strong', null, t('sev_' + a.severity) + ': '), a.header,
      a.description ? h('p', null, a.description) : null);
  }));
}

export function stopScreen(ctx, stopId) {
  setTitle(t('tBuses'));
  append(ctx.box, backBar('#/buses'));
  var area = h('div', { id: 'stop-board', 'data-stop': stopId });
  append(ctx.box, area);
  var done = loading(area);
  var load = function () {
    api('/api/v1/stops/' + encodeURIComponent(stopId) + '/arrivals?limit=10').then(function (r) {
      if (!ctx.alive()) return;
      done();
      area.textContent = '';
      if (r.status === 404) { append(area, notice(t('unknownStop'), '', 'unknown-stop')); return; }
      if (r.status !== 200) { failure(r, area); return; }
      setTitle(r.data.stop.name);
      append(area,
        h('p', { className: 'muted', id: 'stop-updated' }, t('updated') + ' ' + hhmm(r.data.generatedAt)),
        arrivalsTable(r.data, 'stop-arrivals'));
      if (r.data.alerts && r.data.alerts.length) {
        append(area, h('h2', null, t('alertsHere')), alertList(r.data.alerts, 'stop-alerts'));
      }
    }, function () { done(); });
  };
  load();
  refreshEvery(30000, function () { if (online) load(); });
}
