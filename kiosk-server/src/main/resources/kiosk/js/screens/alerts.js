/* Service alerts (#/alerts). */
import { t } from '../i18n.js';
import { h, append } from '../dom.js';
import { api } from '../api.js';
import { failure, backBar, loading } from '../widgets.js';
import { setTitle } from '../router.js';

export function alerts(ctx) {
  setTitle(t('tAlerts'));
  append(ctx.box, backBar('#/'), h('p', { className: 'lead' }, t('alertsLead')));
  var done = loading(ctx.box);
  api('/api/v1/alerts').then(function (r) {
    if (!ctx.alive()) return;
    done();
    if (r.status !== 200) { failure(r, ctx.box); return; }
    if (!r.data.alerts.length) { append(ctx.box, h('p', { id: 'no-alerts' }, t('noAlerts'))); return; }
    append(ctx.box, h('ul', { className: 'list', id: 'alerts-list', 'data-testid': 'alerts-list' }, r.data.alerts.map(function (a) {
      return h('li', { className: 'notice ' + (a.severity === 'severe' ? 'severe' : ''), 'data-alert': a.id },
        h('h2', null, t('sev_' + a.severity) + ': ' + a.header),
        a.description ? h('p', null, a.description) : null,
        a.lines && a.lines.length ? h('p', null, t('lines') + ': ' + a.lines.join(', ')) : null);
    })));
  }, function () { done(); });
}
