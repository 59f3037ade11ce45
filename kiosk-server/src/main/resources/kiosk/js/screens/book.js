/* Booking an office appointment (#/book/{procedureId}): day, time, one-time code, confirmation. */
import { state } from '../state.js';
import { t } from '../i18n.js';
import { h, append, button, link, announce, focusId } from '../dom.js';
import { hhmm, addDays, dayText, whenText, serverToday } from '../dates.js';
import { api } from '../api.js';
import { failure, backBar, loading } from '../widgets.js';
import { setTitle, render } from '../router.js';
import { withKiosk } from '../kiosk-info.js';
import { otpForm } from '../otp.js';

export function book(ctx, args) {
  var procId = args[0];
  if (!state.booking || state.booking.procedureId !== procId) {
    state.booking = { procedureId: procId, procedure: null, officeId: null, office: null, today: null, date: null, slot: null, step: 'slots', error: '', result: null };
  }
  var b = state.booking;
  setTitle(t('book'));
  append(ctx.box, backBar('#/procedures/' + encodeURIComponent(procId)));
  var area = h('div', { id: 'booking' });
  append(ctx.box, area);
  if (b.step === 'done') {
    append(area, h('p', { className: 'ok', id: 'booking-done', 'data-testid': 'booking-done' }, t('booked')),
      bookingFacts(b, b.result.start, b.result.place),
      h('div', { className: 'actions' }, link(t('tAppointments'), '#/appointments', { className: 'button primary', id: 'booking-see' }),
        link(t('backStart'), '#/', { id: 'booking-home' })));
    return;
  }
  var done = loading(area);
  Promise.all([
    b.procedure ? Promise.resolve({ status: 200, data: b.procedure }) : api('/api/v1/office/procedures/' + encodeURIComponent(procId)),
    new Promise(function (res) { withKiosk(res); })
  ]).then(function (rs) {
    if (!ctx.alive()) return;
    if (rs[0].status !== 200) { done(); failure(rs[0], area); return; }
    b.procedure = rs[0].data;
    setTitle(t('book') + ': ' + b.procedure.name);
    var info = rs[1];
    if (!b.officeId && info && info.officeId) b.officeId = info.officeId;
    if (!b.officeId) { done(); chooseOffice(ctx, area); return; }
    if (!b.office) {
      api('/api/v1/office/offices').then(function (or) {
        if (or.status === 200) b.office = (or.data || []).filter(function (o) { return o.id === b.officeId; })[0] || { id: b.officeId, name: b.officeId };
        else b.office = { id: b.officeId, name: b.officeId };
        if (ctx.alive()) { done(); bookingStep(ctx, area); }
      }, function () { done(); });
    } else { done(); bookingStep(ctx, area); }
  }, function () { done(); });
}
function chooseOffice(ctx, area) {
  api('/api/v1/office/offices').then(function (r) {
    if (!ctx.alive()) return;
    if (r.status !== 200) { failure(r, area); return; }
    append(area, h('h2', null, t('chooseOffice')), h('ul', { className: 'list' }, r.data.map(function (o) {
      return h('li', null, button(o.name + (o.address ? ' — ' + o.address : ''), function () {
        state.booking.officeId = o.id; state.booking.office = o; render(false);
      }, { id: 'office-' + o.id }));
    })));
  }, function () {});
}
function bookingFacts(b, start, place) {
  return h('dl', { className: 'facts', id: 'booking-facts' },
    h('dt', null, t('procedure')), h('dd', null, b.procedure ? b.procedure.name : b.procedureId),
    h('dt', null, t('when')), h('dd', null, whenText(start)),
    h('dt', null, t('where')), h('dd', null, place || (b.office ? b.office.name : b.officeId)));
}
function bookingStep(ctx, area) {
  var b = state.booking;
  if (b.step === 'otp') {
    append(area, h('p', { className: 'lead' }, t('bookFirst')), bookingFacts(b, b.slot.start));
    otpForm(ctx, area, function () { b.step = 'confirm'; render(false); focusId('book-confirm'); });
    return;
  }
  if (b.step === 'confirm') {
    append(area, h('h2', { id: 'confirm-title', tabindex: '-1' }, t('confirmTitle')), bookingFacts(b, b.slot.start),
      b.error ? h('p', { className: 'error', id: 'book-error', 'data-testid': 'book-error', role: 'alert' }, b.error) : null,
      h('div', { className: 'actions' },
        button(t('confirm'), function () { confirmBooking(ctx); }, { className: 'button primary big', id: 'book-confirm', 'data-testid': 'book-confirm' }),
        button(t('changeTime'), function () { b.step = 'slots'; b.slot = null; render(false); focusId('days-title'); }, { id: 'book-change' })));
    return;
  }
  // slots: the server's today comes with the first slots answer (date omitted = the server's today).
  var q = '/api/v1/office/offices/' + encodeURIComponent(b.officeId) + '/slots?procedure=' + encodeURIComponent(b.procedureId) +
    (b.date ? '&date=' + b.date : '');
  api(q).then(function (r) {
    if (!ctx.alive()) return;
    if (r.status !== 200) { failure(r, area); return; }
    if (!b.today) b.today = r.data.date || serverToday();
    if (!b.date) b.date = r.data.date || b.today;
    if (b.error) append(area, h('p', { className: 'error', id: 'book-error', 'data-testid': 'book-error', role: 'alert' }, b.error));
    append(area, h('p', null, t('office') + ': ' + (b.office ? b.office.name : b.officeId)));
    var days = [];
    for (var i = 0; i < 14 && days.length < 10; i++) {
      var d = addDays(b.today, i);
      var wd = new Date(d + 'T12:00:00Z').getUTCDay();
      if (wd !== 0 && wd !== 6) days.push(d);
    }
    append(area, h('h2', { id: 'days-title', tabindex: '-1' }, t('chooseDay')), h('ul', { className: 'slots', id: 'days' }, days.map(function (d) {
      return h('li', null, button(dayText(d), function () { b.date = d; b.error = ''; render(false); focusId('times-title'); },
        { id: 'day-' + d, 'aria-pressed': String(d === b.date), 'data-testid': 'day' }));
    })));
    var slots = r.data.slots || [];
    append(area, h('h2', { id: 'times-title', tabindex: '-1' }, t('chooseTime') + ' · ' + dayText(b.date)));
    if (!slots.length) { append(area, h('p', { id: 'no-slots' }, t('noSlots'))); return; }
    append(area, h('ul', { className: 'slots', id: 'slots' }, slots.map(function (s) {
      var id = 'slot-' + hhmm(s.start).replace(':', '');
      return h('li', null, button(hhmm(s.start) + ' (' + t('freeSlots')(s.free) + ')', function () {
        b.slot = s; b.error = '';
        b.step = state.session ? 'confirm' : 'otp';
        render(false);
        focusId(b.step === 'confirm' ? 'confirm-title' : 'otp-phone');
      }, { id: id, 'data-start': s.start, 'data-testid': 'slot' }));
    })));
  }, function () {});
}
function confirmBooking(ctx) {
  var b = state.booking;
  if (!state.session) { b.step = 'otp'; render(false); return; }
  api('/api/v1/office/bookings', { method: 'POST', token: state.session.sessionToken,
    body: { officeId: b.officeId, procedureId: b.procedureId, start: b.slot.start } }).then(function (r) {
    if (!ctx.alive()) return;
    if (r.status === 201) { b.result = r.data; b.step = 'done'; announce(t('booked')); render(false); focusId('booking-done'); return; }
    if (r.status === 401) { state.session = null; b.step = 'otp'; render(false); return; }
    if (r.status === 409) { b.error = t('taken'); b.step = 'slots'; b.slot = null; render(false); focusId('book-error'); return; }
    b.error = r.status === 404 ? t('notAvailable') : t('failed');
    render(false);
    focusId('book-error');
  }, function () {});
}
