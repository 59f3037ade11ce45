/* The start screen: six tiles, one per thing the kiosk does. */
import { t } from '../i18n.js';
import { h, append } from '../dom.js';
import { setTitle } from '../router.js';

var ICONS = {
  buses: 'M6 3h12a3 3 0 0 1 3 3v11a2 2 0 0 1-1 1.7V21h-3v-2H7v2H4v-2.3A2 2 0 0 1 3 17V6a3 3 0 0 1 3-3zm0 3v5h12V6zm1 8a1.5 1.5 0 1 0 0 3 1.5 1.5 0 0 0 0-3zm10 0a1.5 1.5 0 1 0 0 3 1.5 1.5 0 0 0 0-3z',
  parking: 'M5 3h8a6 6 0 0 1 0 12H9v6H5zm4 4v4h4a2 2 0 0 0 0-4z',
  appointments: 'M7 2h2v2h6V2h2v2h3v17H4V4h3zm-1 7v10h12V9zm2 2h3v3H8z',
  procedures: 'M6 2h9l5 5v15H6zm8 1.5V8h4.5zM8 12v2h10v-2zm0 4v2h10v-2z',
  report: 'M12 2 1 21h22zm-1 7h2v6h-2zm0 8h2v2h-2z',
  alerts: 'M12 2a7 7 0 0 1 7 7v5l2 3v1H3v-1l2-3V9a7 7 0 0 1 7-7zm-2 18h4a2 2 0 0 1-4 0z'
};
function icon(name) {
  var ns = 'http://www.w3.org/2000/svg';
  var svg = document.createElementNS(ns, 'svg');
  svg.setAttribute('viewBox', '0 0 24 24');
  svg.setAttribute('aria-hidden', 'true');
  svg.setAttribute('focusable', 'false');
  var p = document.createElementNS(ns, 'path');
  p.setAttribute('d', ICONS[name]);
  svg.appendChild(p);
  return svg;
}

export function start(ctx) {
  setTitle(t('startTitle'));
  var tiles = [
    ['buses', 'tBuses', 'tBusesSub'], ['parking', 'tParking', 'tParkingSub'],
    ['appointments', 'tAppointments', 'tAppointmentsSub'], ['procedures', 'tProcedures', 'tProceduresSub'],
    ['report', 'tReport', 'tReportSub'], ['alerts', 'tAlerts', 'tAlertsSub']
  ];
  append(ctx.box, h('p', { className: 'lead' }, t('startLead')));
  append(ctx.box, h('ul', { className: 'tiles' }, tiles.map(function (x) {
    return h('li', null, h('a', { className: 'tile', href: '#/' + x[0], id: 'tile-' + x[0], 'data-testid': 'tile-' + x[0] },
      icon(x[0]), h('span', null, t(x[1])), h('span', { className: 'tile-sub' }, t(x[2]))));
  })));
}
