/* Full-screen arrival board of one stop: refreshes every 15 s with If-None-Match. */
(function () {
  'use strict';
  var params = new URLSearchParams(location.search);
  var lang = params.get('lang') === 'en' ? 'en' : 'es';
  var REFRESH_MS = (parseInt(params.get('refresh'), 10) > 0 ? parseInt(params.get('refresh'), 10) : 15) * 1000;
  var stopId = decodeURIComponent(location.pathname.replace(/^\/sign\//, '').replace(/\/$/, ''));
  var T = {
    es: { line: 'Línea', dest: 'Destino', min: 'Minutos', arriving: 'Llegando', sched: 'horario', updated: 'Actualizado',
      none: 'No hay autobuses en las próximas horas.', unknown: 'Parada desconocida', offline: 'Sin conexión: datos de las',
      alerts: 'Avisos', title: 'Próximos autobuses', caption: 'Próximos autobuses en' },
    en: { line: 'Line', dest: 'To', min: 'Minutes', arriving: 'Arriving', sched: 'timetable', updated: 'Updated',
      none: 'No buses in the next few hours.', unknown: 'Unknown stop', offline: 'No connection: data from',
      alerts: 'Alerts', title: 'Next buses', caption: 'Next buses at' }
  }[lang];
  var etag = null;
  var lastTime = '';

  function el(id) { return document.getElementById(id); }
  function h(tag, cls, text) { var e = document.createElement(tag); if (cls) e.className = cls; if (text !== undefined) e.textContent = text; return e; }

  function show(board) {
    el('sign-stop').textContent = board.stop.name;
    document.title = board.stop.name + ' · ' + T.title;
    el('sign-caption').textContent = T.caption + ' ' + board.stop.name;
    lastTime = board.generatedAt ? board.generatedAt.substring(11, 16) : '';
    el('sign-updated').textContent = T.updated + ' ' + lastTime;
    var rows = el('sign-rows');
    rows.textContent = '';
    board.arrivals.forEach(function (a) {
      var tr = h('tr', a.minutes === 0 ? 'now' : '');
      if (a.vehicle) tr.setAttribute('data-vehicle', a.vehicle);
      var line = h('td', 'line'); line.appendChild(h('span', null, a.line));
      tr.appendChild(line);
      tr.appendChild(h('td', 'dest', a.destination));
      var min = h('td', 'min', a.minutes === 0 ? T.arriving : String(a.minutes));
      if (!a.realtime) min.appendChild(h('span', 'sched', T.sched));
      tr.appendChild(min);
      rows.appendChild(tr);
    });
    el('sign-empty').hidden = board.arrivals.length > 0;
    el('sign-table').hidden = board.arrivals.length === 0;
    var ul = el('sign-alerts');
    ul.textContent = '';
    (board.alerts || []).forEach(function (a) {
      var li = h('li', a.severity === 'severe' ? 'severe' : '', a.header);
      li.setAttribute('data-alert', a.id);
      ul.appendChild(li);
    });
    ul.hidden = !(board.alerts && board.alerts.length);
  }

  function offline(on) {
    var o = el('sign-offline');
    o.hidden = !on;
    o.textContent = on ? T.offline + ' ' + lastTime : '';
  }

  function poll() {
    var headers = { 'Accept': 'application/json' };
    if (etag) headers['If-None-Match'] = etag;
    fetch('/api/v1/stops/' + encodeURIComponent(stopId) + '/arrivals?limit=6&lang=' + lang, { headers: headers, cache: 'no-store' })
      .then(function (r) {
        offline(false);
        if (r.status === 304) return null;
        if (r.status === 404) { el('sign-stop').textContent = T.unknown; el('sign-table').hidden = true; return null; }
        if (!r.ok) return null;
        etag = r.headers.get('ETag');
        return r.json().then(show);
      })
      .catch(function () { offline(true); });
  }

  function init() {
    document.documentElement.lang = lang;
    document.title = T.title;
    el('col-line').textContent = T.line;
    el('col-dest').textContent = T.dest;
    el('col-min').textContent = T.min;
    el('sign-empty').textContent = T.none;
    el('sign-alerts').setAttribute('aria-label', T.alerts);
    el('sign-alerts').hidden = true;
    poll();
    setInterval(poll, REFRESH_MS);
  }
  if (document.readyState === 'loading') document.addEventListener('DOMContentLoaded', init); else init();
})();
