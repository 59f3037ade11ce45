/* Car parks (#/parking) and one car park's day (#/parking/{id}): free spaces now and by hour. */
import { t } from '../i18n.js';
import { h, append, link } from '../dom.js';
import { pad, dateOf } from '../dates.js';
import { api } from '../api.js';
import { failure, backBar, loading } from '../widgets.js';
import { setTitle } from '../router.js';
import { withKiosk } from '../kiosk-info.js';

export function parking(ctx, args) {
  if (args[0]) return parkingScreen(ctx, args[0]);
  setTitle(t('tParking'));
  append(ctx.box, backBar('#/'), h('p', { className: 'lead' }, t('parkingLead')));
  var list = h('ul', { className: 'list', id: 'parking-list' });
  append(ctx.box, list);
  var done = loading(ctx.box);
  withKiosk(function (info) {
    api('/api/v1/parking').then(function (r) {
      if (!ctx.alive()) return;
      done();
      if (r.status !== 200) { failure(r, ctx.box); return; }
      var mine = info && info.parking ? info.parking : [];
      var fs = r.data.facilities.slice().sort(function (a, b) {
        return (mine.indexOf(a.id) < 0 ? 1 : 0) - (mine.indexOf(b.id) < 0 ? 1 : 0);
      });
      if (!fs.length) append(ctx.box, h('p', null, t('noParking')));
      fs.forEach(function (f) {
        var hid = 'pk-' + f.id;
        append(list, h('li', { className: 'card', 'data-facility': f.id },
          h('h2', { id: hid }, f.name),
          h('p', { className: 'big-number' }, f.available === null || f.available === undefined ? '—' : String(f.available),
            h('span', { className: 'lead' }, ' ' + t('free') + ' ' + t('of') + ' ' + f.total)),
          h('p', null, t('st_' + f.status) + ' · ' + t('tr_' + f.trend)),
          link(t('seeDay'), '#/parking/' + encodeURIComponent(f.id), { id: 'parking-link-' + f.id, 'aria-describedby': hid })));
      });
    }, function () { done(); });
  });
}
function parkingScreen(ctx, id) {
  setTitle(t('tParking'));
  append(ctx.box, backBar('#/parking'));
  var done = loading(ctx.box);
  api('/api/v1/parking/' + encodeURIComponent(id)).then(function (r) {
    if (!ctx.alive()) return;
    if (r.status !== 200) { done(); failure(r, ctx.box); return; }
    var f = r.data;
    setTitle(f.name);
    api('/api/v1/parking/' + encodeURIComponent(id) + '/history?bucket=1h').then(function (hr) {
      if (!ctx.alive()) return;
      done();
      append(ctx.box,
        h('p', null, t('freeNow')),
        h('p', { className: 'big-number', id: 'parking-available' }, f.available === null || f.available === undefined ? '—' : String(f.available),
          h('span', { className: 'lead' }, ' ' + t('of') + ' ' + f.total)),
        h('p', null, t('st_' + f.status) + ' · ' + t('tr_' + f.trend)));
      if (hr.status !== 200) { failure(hr, ctx.box); return; }
      if (hr.data.expectedAvailableIn30Minutes !== null && hr.data.expectedAvailableIn30Minutes !== undefined) {
        append(ctx.box, h('p', { id: 'parking-expected' }, t('expected30') + ': ' + hr.data.expectedAvailableIn30Minutes));
      }
      append(ctx.box, chart(f, hr.data));
    }, function () { done(); });
  }, function () { done(); });
}
/** Today's hourly free spaces against the typical day: an SVG image plus the same data as a table. */
function chart(f, hist) {
  var today = dateOf(hist.to);
  var nowHour = parseInt(hist.to.substring(11, 13), 10);
  var todayByHour = [];
  (hist.points || []).forEach(function (p) {
    if (dateOf(p.at) === today) todayByHour[parseInt(p.at.substring(11, 13), 10)] = p.available;
  });
  var typical = hist.typical || [];
  var max = Math.max(1, f.total || 1);
  var ns = 'http://www.w3.org/2000/svg';
  var W = 960, H = 320, top = 10, base = 280, bw = W / 24;
  var svg = document.createElementNS(ns, 'svg');
  svg.setAttribute('viewBox', '0 0 ' + W + ' ' + H);
  svg.setAttribute('class', 'chart');
  svg.setAttribute('role', 'img');
  svg.setAttribute('aria-labelledby', 'chart-title chart-desc');
  svg.setAttribute('id', 'parking-chart');
  var title = document.createElementNS(ns, 'title');
  title.setAttribute('id', 'chart-title');
  title.textContent = t('chartTitle');
  var desc = document.createElementNS(ns, 'desc');
  desc.setAttribute('id', 'chart-desc');
  var typNow = typical[nowHour];
  desc.textContent = t('chartDesc')(f.available === null || f.available === undefined ? '—' : f.available,
    typNow === null || typNow === undefined ? t('noData') : Math.round(typNow));
  svg.appendChild(title);
  svg.appendChild(desc);
  function rect(x, y, w, hh, cls) {
    var r = document.createElementNS(ns, 'rect');
    r.setAttribute('x', x); r.setAttribute('y', y); r.setAttribute('width', w); r.setAttribute('height', Math.max(0, hh));
    r.setAttribute('class', cls);
    svg.appendChild(r);
  }
  for (var hr = 0; hr < 24; hr++) {
    var x = hr * bw;
    if (todayByHour[hr] !== undefined) {
      var th = (base - top) * todayByHour[hr] / max;
      rect(x + 6, base - th, bw - 12, th, 'bar-today');
    }
    if (typical[hr] !== null && typical[hr] !== undefined) {
      var yh = (base - top) * typical[hr] / max;
      rect(x + 3, base - yh, bw - 6, yh, 'bar-typical');
    }
    if (hr % 3 === 0) {
      var tx = document.createElementNS(ns, 'text');
      tx.setAttribute('x', x + 4); tx.setAttribute('y', H - 12); tx.setAttribute('class', 'axis');
      tx.textContent = pad(hr) + ':00';
      svg.appendChild(tx);
    }
  }
  var ln = document.createElementNS(ns, 'line');
  ln.setAttribute('x1', 0); ln.setAttribute('x2', W); ln.setAttribute('y1', base); ln.setAttribute('y2', base);
  ln.setAttribute('class', 'baseline');
  svg.appendChild(ln);
  var rows = [];
  for (var i = 0; i < 24; i++) {
    if (todayByHour[i] === undefined && (typical[i] === null || typical[i] === undefined)) continue;
    rows.push(h('tr', null, h('th', { scope: 'row' }, pad(i) + ':00'),
      h('td', { className: 'num' }, todayByHour[i] === undefined ? t('noData') : String(todayByHour[i])),
      h('td', { className: 'num' }, typical[i] === null || typical[i] === undefined ? t('noData') : String(Math.round(typical[i])))));
  }
  return h('section', { 'aria-labelledby': 'chart-heading' },
    h('h2', { id: 'chart-heading' }, t('chartTitle')),
    h('ul', { className: 'legend' },
      h('li', null, h('span', { className: 'sw today' }), t('today')),
      h('li', null, h('span', { className: 'sw' }), t('typical'))),
    svg,
    h('details', { id: 'chart-details' }, h('summary', { id: 'chart-table-toggle' }, t('chartTable')),
      h('table', { id: 'chart-table' }, h('caption', null, t('chartTitle')),
        h('thead', null, h('tr', null, h('th', { scope: 'col' }, t('hour')), h('th', { scope: 'col', className: 'num' }, t('today')),
          h('th', { scope: 'col', className: 'num' }, t('typical')))),
        h('tbody', null, rows))));
}
