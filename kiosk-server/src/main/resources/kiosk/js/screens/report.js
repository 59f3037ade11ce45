/* Report a problem (#/report, Open311) and a report's status (#/report/status/{id}). */
import { state, kioskInfo } from '../state.js';
import { T, t } from '../i18n.js';
import { h, append, button, link, notice, field, announce, focusId, focusInvalid } from '../dom.js';
import { api, deviceToken } from '../api.js';
import { failure, backBar, loading } from '../widgets.js';
import { go, setTitle, render } from '../router.js';
import { withKiosk } from '../kiosk-info.js';
import { retryMinutes } from '../otp.js';

export function report(ctx, args) {
  if (args[0] === 'status') return requestStatusScreen(ctx, args[1]);
  var rp = state.report;
  setTitle(t('tReport'));
  append(ctx.box, backBar(rp.service && !rp.sent ? null : '#/'));
  if (rp.sent) {
    append(ctx.box, h('p', { className: 'ok', id: 'report-sent', 'data-testid': 'report-sent', 'data-request-id': rp.sent.serviceRequestId },
      t('reportSent')(rp.sent.serviceRequestId)),
    h('div', { className: 'actions' }, link(t('seeStatus'), '#/report/status/' + encodeURIComponent(rp.sent.serviceRequestId),
      { className: 'button primary big', id: 'report-status-link', 'data-testid': 'report-status-link' })));
    return;
  }
  if (!rp.service) {
    append(ctx.box, h('p', { className: 'lead' }, t('reportLead')));
    var done = loading(ctx.box);
    api('/open311/v2/services.json').then(function (r) {
      if (!ctx.alive()) return;
      done();
      if (r.status !== 200 || !Array.isArray(r.data)) { failure(r, ctx.box); }
      else {
        append(ctx.box, h('ul', { className: 'list', id: 'services-list' }, r.data.map(function (s) {
          return h('li', null, button(s.service_name, function () {
            rp.service = s; rp.attributes = {}; rp.errors = {}; rp.definition = null; render(false);
          }, { id: 'service-' + s.service_code, 'data-testid': 'service', 'aria-describedby': s.description ? 'sd-' + s.service_code : null }),
          s.description ? h('p', { className: 'muted', id: 'sd-' + s.service_code }, s.description) : null);
        })));
      }
      checkRequestForm(ctx);
    }, function () { done(); });
    return;
  }
  reportForm(ctx);
}
function checkRequestForm(ctx) {
  var input = h('input', { type: 'text', autocomplete: 'off', 'data-testid': 'request-id' });
  input.value = state.requestId;
  input.addEventListener('input', function () { state.requestId = input.value; });
  append(ctx.box, h('section', { 'aria-labelledby': 'check-title' }, h('h2', { id: 'check-title' }, t('checkRequest')),
    h('form', { id: 'request-check-form', onsubmit: function (e) {
      e.preventDefault();
      state.requestId = input.value.trim();
      if (state.requestId) go('report/status/' + encodeURIComponent(state.requestId));
    } }, field('request-id', t('requestNumber'), input),
    h('button', { type: 'submit', className: 'button', id: 'request-check', 'data-testid': 'request-check' }, t('seeStatus')))));
}
function reportForm(ctx) {
  var rp = state.report;
  var s = rp.service;
  setTitle(t('tReport') + ': ' + s.service_name);
  var backBtn = ctx.box.querySelector('#back-button');
  if (backBtn) backBtn.addEventListener('click', function (e) { e.preventDefault(); rp.service = null; render(true); });
  var load = s.metadata && !rp.definition
    ? api('/open311/v2/services/' + encodeURIComponent(s.service_code) + '.json').then(function (r) {
      rp.definition = r.status === 200 && r.data ? r.data : { attributes: [] };
    })
    : Promise.resolve();
  load.then(function () {
    if (!ctx.alive()) return;
    var desc = h('textarea', { 'data-testid': 'report-description', required: true });
    desc.value = rp.description;
    desc.addEventListener('input', function () { rp.description = desc.value; });
    var addr = h('input', { type: 'text', autocomplete: 'off', 'data-testid': 'report-address' });
    addr.value = rp.address;
    addr.addEventListener('input', function () { rp.address = addr.value; });
    var phone = h('input', { type: 'tel', inputmode: 'numeric', autocomplete: 'off', 'data-testid': 'report-phone' });
    phone.value = rp.phone;
    phone.addEventListener('input', function () { rp.phone = phone.value; });
    var attrs = ((rp.definition && rp.definition.attributes) || []).filter(function (a) { return a.variable !== false; });
    var form = h('form', { id: 'report-form', novalidate: true, onsubmit: function (e) { e.preventDefault(); sendReport(ctx, attrs); } },
      rp.errors._ ? h('p', { className: 'error', id: 'report-error', role: 'alert' }, rp.errors._) : null,
      field('report-description', t('describe'), desc, t('describeHint'), rp.errors.description),
      attrs.map(function (a) { return attributeField(a, rp); }),
      field('report-address', t('address'), addr, null, rp.errors.address),
      field('report-phone', t('phoneOptional'), phone, t('reportPhoneHint'), rp.errors.phone),
      h('button', { type: 'submit', className: 'button primary big', id: 'report-send', 'data-testid': 'report-send' }, t('send')));
    append(ctx.box, form);
  }, function () {});
}
function attributeField(a, rp) {
  var id = 'attr-' + a.code;
  var err = rp.errors['attributes.' + a.code] || rp.errors[a.code];
  var label = a.description + (a.required ? ' *' : '');
  var values = a.values || [];
  if (a.datatype === 'singlevaluelist' || a.datatype === 'multivaluelist') {
    var multi = a.datatype === 'multivaluelist';
    var errId = err ? id + '-error' : null;
    return h('fieldset', { className: 'field', id: id, 'aria-describedby': errId },
      h('legend', { className: 'label' }, label),
      err ? h('span', { className: 'error', id: errId }, err) : null,
      values.map(function (v) {
        var cid = id + '-' + v.key;
        var inp = h('input', { type: multi ? 'checkbox' : 'radio', name: id, value: v.key, id: cid });
        var cur = rp.attributes[a.code];
        inp.checked = multi ? (cur || []).indexOf(v.key) >= 0 : cur === v.key;
        inp.addEventListener('change', function () {
          if (multi) {
            var arr = (rp.attributes[a.code] || []).filter(function (k) { return k !== v.key; });
            if (inp.checked) arr.push(v.key);
            rp.attributes[a.code] = arr;
          } else rp.attributes[a.code] = v.key;
        });
        return h('label', { className: 'check', for: cid }, inp, v.name);
      }));
  }
  var input = a.datatype === 'text' ? h('textarea') : h('input', { type: a.datatype === 'number' ? 'number' : 'text' });
  input.value = rp.attributes[a.code] || '';
  input.addEventListener('input', function () { rp.attributes[a.code] = input.value; });
  return field(id, label, input, null, err);
}
function sendReport(ctx, attrs) {
  var rp = state.report;
  rp.errors = {};
  if (!rp.description.trim()) rp.errors.description = t('required');
  attrs.forEach(function (a) {
    var v = rp.attributes[a.code];
    if (a.required && (v === undefined || v === '' || (Array.isArray(v) && !v.length))) rp.errors['attributes.' + a.code] = t('required');
  });
  if (Object.keys(rp.errors).length) { render(false); focusInvalid(); return; }
  var body = { serviceCode: rp.service.service_code, description: rp.description.trim() };
  if (kioskInfo && kioskInfo.location) { body.lat = kioskInfo.location.lat; body.lon = kioskInfo.location.lon; }
  if (rp.address.trim()) body.address = rp.address.trim();
  if (rp.phone.trim()) body.phone = rp.phone.trim();
  var attributes = {};
  Object.keys(rp.attributes).forEach(function (k) {
    var v = rp.attributes[k];
    attributes[k] = Array.isArray(v) ? v.join(',') : v;
  });
  if (Object.keys(attributes).length) body.attributes = attributes;
  withKiosk(function (info) {
    if (info && info.location && body.lat === undefined) { body.lat = info.location.lat; body.lon = info.location.lon; }
    api('/api/v1/office/requests', { method: 'POST', token: deviceToken(), body: body }).then(function (r) {
      if (!ctx.alive()) return;
      if (r.status === 201 && r.data) {
        rp.sent = r.data; rp.description = ''; rp.address = ''; rp.phone = ''; rp.attributes = {};
        announce(t('reportSent')(r.data.serviceRequestId)); render(false); focusId('report-sent'); return;
      }
      if (r.status === 400 && r.data && r.data.errors) {
        r.data.errors.forEach(function (fe) {
          var f = fe.field || '_';
          rp.errors[f === 'phone' || f === 'description' || f === 'address' || f.indexOf('attributes.') === 0 ? f : '_'] = fe.message || t('failed');
        });
      } else if (r.status === 429) rp.errors._ = t('tooMany')(retryMinutes(r));
      else rp.errors._ = r.status === 404 ? t('notAvailable') : t('failed');
      render(false);
      focusInvalid();
    }, function () {});
  });
}
function requestStatusScreen(ctx, id) {
  setTitle(t('requestStatus'));
  append(ctx.box, backBar('#/report'));
  var done = loading(ctx.box);
  api('/open311/v2/requests/' + encodeURIComponent(id) + '.json').then(function (r) {
    if (!ctx.alive()) return;
    done();
    if (r.status === 404 && r.data && Array.isArray(r.data)) { append(ctx.box, notice(t('unknownRequest'), '', 'unknown-request')); return; }
    if (r.status !== 200 || !Array.isArray(r.data) || !r.data.length) { failure(r, ctx.box); return; }
    var q = r.data[0];
    append(ctx.box, h('dl', { className: 'facts', id: 'request-status', 'data-testid': 'request-status', 'data-status': q.status },
      h('dt', null, t('requestNumber')), h('dd', null, q.service_request_id || id),
      q.service_name ? [h('dt', null, t('tReport')), h('dd', null, q.service_name)] : null,
      h('dt', null, t('requestStatus')), h('dd', { id: 'request-status-text' }, T[state.lang]['rs_' + q.status] || q.status),
      q.status_notes ? [h('dt', null, t('notes')), h('dd', null, q.status_notes)] : null));
  }, function () { done(); });
}
