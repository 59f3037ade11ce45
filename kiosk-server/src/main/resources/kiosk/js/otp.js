/* The citizen's session: a one-time code sent by SMS to their phone, checked for a session
 * token that the appointments and booking screens use; ended by the citizen or when idle. */
import { state } from './state.js';
import { t } from './i18n.js';
import { h, append, button, field, focusId, focusInvalid } from './dom.js';
import { api, deviceToken } from './api.js';
import { render } from './router.js';

/** The phone and code forms; calls onSession once the code is right (state.session set). */
export function otpForm(ctx, box, onSession) {
  var o = state.otp;
  if (!o.sent) {
    var phone = h('input', { type: 'tel', inputmode: 'numeric', autocomplete: 'off', 'data-testid': 'otp-phone' });
    phone.value = o.phone;
    phone.addEventListener('input', function () { o.phone = phone.value; });
    append(box, h('form', { id: 'otp-form', novalidate: true, onsubmit: function (e) {
      e.preventDefault();
      o.phone = phone.value.trim();
      if (!o.phone) { o.error = t('badPhone'); render(false); focusInvalid(); return; }
      api('/api/v1/office/otp', { method: 'POST', token: deviceToken(), body: { phone: o.phone } }).then(function (r) {
        if (!ctx.alive()) return;
        if (r.status === 202) { o.sent = r.data || {}; o.error = ''; render(false); focusId('otp-code'); return; }
        if (r.status === 400) o.error = t('badPhone');
        else if (r.status === 429) o.error = t('tooMany')(retryMinutes(r));
        else if (r.status === 404) o.error = t('notAvailable');
        else o.error = t('failed');
        render(false); focusInvalid();
      }, function () {});
    } },
    h('p', null, t('otpWhy')),
    field('otp-phone', t('phoneLabel'), phone, t('phoneHint'), o.error),
    h('button', { type: 'submit', className: 'button primary big', id: 'otp-send', 'data-testid': 'otp-send' }, t('sendCode'))));
    return;
  }
  var code = h('input', { type: 'text', inputmode: 'numeric', autocomplete: 'one-time-code', maxlength: '6', 'data-testid': 'otp-code' });
  code.value = o.code;
  code.addEventListener('input', function () { o.code = code.value; });
  append(box, h('form', { id: 'otp-code-form', novalidate: true, onsubmit: function (e) {
    e.preventDefault();
    o.code = code.value.trim();
    api('/api/v1/office/session', { method: 'POST', body: { phone: o.phone, code: o.code } }).then(function (r) {
      if (!ctx.alive()) return;
      if (r.status === 201 && r.data) {
        state.session = r.data;
        state.otp = { phone: '', code: '', sent: null, error: '' };
        onSession();
        return;
      }
      o.code = '';
      if (r.status === 401 || r.status === 400) o.error = t('badCode');
      else if (r.status === 429) o.error = t('tooMany')(retryMinutes(r));
      else if (r.status === 404) o.error = t('notAvailable');
      else o.error = t('failed');
      render(false); focusInvalid();
    }, function () {});
  } },
  h('p', { id: 'otp-sent', 'data-testid': 'otp-sent' }, t('codeSent')(o.sent.phone || '')),
  field('otp-code', t('codeLabel'), code, t('codeHint'), o.error),
  h('div', { className: 'actions' },
    h('button', { type: 'submit', className: 'button primary big', id: 'otp-verify', 'data-testid': 'otp-verify' }, t('checkCode')),
    button(t('otherPhone'), function () { state.otp = { phone: '', code: '', sent: null, error: '' }; render(false); focusId('otp-phone'); }, { id: 'otp-restart' }))));
}
/** Minutes to wait, from a 429's Retry-After (15 when it has none). */
export function retryMinutes(r) {
  var s = parseInt(r.headers.get('Retry-After'), 10);
  return s > 0 ? Math.max(1, Math.ceil(s / 60)) : 15;
}

/** Ends the citizen's session on the server and forgets it here. */
export function endSession() {
  var s = state.session;
  state.session = null;
  if (s && s.sessionToken) {
    return api('/api/v1/office/session', { method: 'DELETE', token: s.sessionToken }).catch(function () {});
  }
  return Promise.resolve();
}
