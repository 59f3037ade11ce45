/* Next buses (#/buses): the kiosk's nearby stops and a search for a stop by name. */
import { state } from '../state.js';
import { t } from '../i18n.js';
import { h, append, link, notice, field } from '../dom.js';
import { api } from '../api.js';
import { failure, backBar } from '../widgets.js';
import { setTitle } from '../router.js';
import { withKiosk } from '../kiosk-info.js';
import { arrivalsTable, stopScreen } from './board.js';

export function buses(ctx, args) {
  if (args[0]) return stopScreen(ctx, args[0]);
  setTitle(t('tBuses'));
  var box = ctx.box;
  append(box, backBar('#/'));
  var nearby = h('section', { 'aria-labelledby': 'nearby-title', id: 'nearby' }, h('h2', { id: 'nearby-title' }, t('nearbyStops')));
  append(box, nearby);
  var input = h('input', { type: 'search', autocomplete: 'off', value: state.stopQuery, 'data-testid': 'stop-search' });
  input.value = state.stopQuery;
  input.addEventListener('input', function () { state.stopQuery = input.value; });
  var results = h('div', { id: 'stop-results', 'aria-live': 'polite' });
  var form = h('form', { id: 'stop-search-form', role: 'search', 'aria-labelledby': 'search-title', onsubmit: function (e) {
    e.preventDefault();
    state.stopQuery = input.value.trim();
    searchStops(ctx, results);
  } },
  field('stop-search', t('searchStop'), input, t('searchHint')),
  h('button', { type: 'submit', className: 'button primary', id: 'stop-search-button', 'data-testid': 'stop-search-button' }, t('search')));
  append(box, h('section', { 'aria-labelledby': 'search-title' }, h('h2', { id: 'search-title' }, t('searchStop')), form, results));
  if (state.stopResults) showStopResults(results);
  withKiosk(function (info) {
    if (!ctx.alive()) return;
    var stops = info && info.stops ? info.stops : [];
    if (!info) { append(nearby, notice(t('notAvailable'), '', 'nearby-unavailable')); return; }
    if (!stops.length) { append(nearby, h('p', null, t('noStops'))); return; }
    stops.slice(0, 4).forEach(function (id) {
      var card = h('div', { className: 'card', 'data-stop': id });
      append(nearby, card);
      api('/api/v1/stops/' + encodeURIComponent(id) + '/arrivals?limit=3').then(function (r) {
        if (!ctx.alive()) return;
        if (r.status !== 200) { failure(r, card); return; }
        append(card, h('h3', null, r.data.stop.name),
          arrivalsTable(r.data, 'arrivals-' + id),
          link(t('seeStop') + ': ' + r.data.stop.name, '#/buses/' + encodeURIComponent(id), { id: 'stop-link-' + id }));
      }, function () {});
    });
  });
}
function searchStops(ctx, results) {
  if (!state.stopQuery) return;
  api('/api/v1/stops?q=' + encodeURIComponent(state.stopQuery) + '&limit=8').then(function (r) {
    if (!ctx.alive()) return;
    if (r.status !== 200) { results.textContent = ''; failure(r, results); return; }
    state.stopResults = r.data.stops;
    showStopResults(results);
  }, function () {});
}
function showStopResults(results) {
  results.textContent = '';
  var stops = state.stopResults || [];
  append(results, h('h3', { id: 'results-title' }, t('results')));
  if (!stops.length) { append(results, h('p', { id: 'no-stops' }, t('noStops'))); return; }
  append(results, h('ul', { className: 'list', 'aria-labelledby': 'results-title' }, stops.map(function (s) {
    return h('li', null, link(s.name, '#/buses/' + encodeURIComponent(s.id), { id: 'stop-result-' + s.id, 'data-testid': 'stop-result' }));
  })));
}
