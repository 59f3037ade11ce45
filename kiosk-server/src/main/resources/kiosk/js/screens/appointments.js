/* My appointments (#/appointments): after a one-time code, the citizen's next appointments. */
import { state } from '../state.js';
import { T, t } from '../i18n.js';
import { h, append, button, announce, focusId } from '../dom.js';
import { whenText } from '../dates.js';
import { api } from '../api.js';
import { failure, backBar, loading } from '../widgets.js';
import { go, setTitle, render } from '../router.js';
import { otpForm, endSession } from '../otp.js';

export function appointments(ctx) {
  setTitle(t('tAppointments'));
  append(ctx.box, backBar('#/'));
  if (!state.session) { otpForm(ctx, ctx.box, function () { render(false); focusId('appointments-title'); }); return; }
  var area = h('section', { 'aria-labelledby': 'appointments-title' }, h('h2', { id: 'appointments-title', tabindex: '-1' }, t('myList')));
  append(ctx.box, area);
  if (state.message) { append(area, h('p', { className: 'ok', id: 'appointments-message' }, state.message)); state.message = null; }
  var done = loading(area);
  api('/api/v1/office/my/appointments', { token: state.session.sessionToken }).then(function (r) {
    if (!ctx.alive()) return;
    done();
    if (r.status === 401) { state.session = null; render(false); return; }
    if (r.status !== 200) { failure(r, area); return; }
    if (!r.data.length) append(area, h('p', { id: 'no-appointments' }, t('noAppointments')));
    append(area, h('ul', { className: 'list', id: 'appointments-list', 'data-testid': 'appointments-list' }, r.data.map(function (a) {
      var hid = 'ap-' + a.id;
      return h('li', { className: 'card', 'data-appointment': a.id },
        h('h3', { id: hid }, a.title || t('k_' + a.kind)),
        h('dl', { className: 'facts' },
          h('dt', null, t('when')), h('dd', null, whenText(a.startsAt)),
          a.place ? [h('dt', null, t('where')), h('dd', null, a.place)] : null,
          h('dt', null, t('kind')), h('dd', null, t('k_' + a.kind) + ' · ' + (T[state.lang]['s_' + a.status] || a.status))),
        a.cancellable && a.kind === 'office' ? button(t('cancel'), function () {
          api('/api/v1/office/bookings/' + encodeURIComponent(a.id), { method: 'DELETE', token: state.session.sessionToken }).then(function (cr) {
            if (cr.status === 204) { state.message = t('cancelled'); announce(t('cancelled')); }
            else if (cr.status === 401) state.session = null;
            render(false);
            focusId('appointments-title');
          }, function () {});
        }, { id: 'cancel-' + a.id, 'aria-describedby': hid, 'data-testid': 'cancel-appointment' }) : null);
    })));
  }, function () { done(); });
  append(ctx.box, h('div', { className: 'actions' }, button(t('endSession'), function () {
    endSession().then(function () { go(''); });
  }, { id: 'session-end', 'data-testid': 'session-end' })));
}
