/* Procedures (#/procedures) and one procedure's details (#/procedures/{id}). */
import { t } from '../i18n.js';
import { h, append, link } from '../dom.js';
import { api } from '../api.js';
import { failure, backBar, loading } from '../widgets.js';
import { setTitle } from '../router.js';

export function procedures(ctx, args) {
  if (args[0]) return procedureScreen(ctx, args[0]);
  setTitle(t('tProcedures'));
  append(ctx.box, backBar('#/'), h('p', { className: 'lead' }, t('proceduresLead')));
  var done = loading(ctx.box);
  api('/api/v1/office/procedures').then(function (r) {
    if (!ctx.alive()) return;
    done();
    if (r.status !== 200) { failure(r, ctx.box); return; }
    append(ctx.box, h('ul', { className: 'list', id: 'procedures-list' }, r.data.map(function (p) {
      var hid = 'pr-' + p.id;
      return h('li', { className: 'card', 'data-procedure': p.id }, h('h2', { id: hid }, p.name), h('p', null, p.summary),
        link(t('moreInfo'), '#/procedures/' + encodeURIComponent(p.id), { id: 'procedure-' + p.id, 'aria-describedby': hid, 'data-testid': 'procedure-link' }));
    })));
  }, function () { done(); });
}
function procedureScreen(ctx, id) {
  setTitle(t('tProcedures'));
  append(ctx.box, backBar('#/procedures'));
  var done = loading(ctx.box);
  api('/api/v1/office/procedures/' + encodeURIComponent(id)).then(function (r) {
    if (!ctx.alive()) return;
    done();
    if (r.status !== 200) { failure(r, ctx.box); return; }
    var p = r.data;
    setTitle(p.name);
    append(ctx.box, h('p', { className: 'lead' }, p.summary),
      h('h2', null, t('who')), h('p', null, p.who),
      h('h2', null, t('documents')), h('ul', null, (p.documents || []).map(function (d) { return h('li', null, d); })),
      h('h2', null, t('fee')), h('p', null, p.fee),
      h('h2', null, t('howTo')), h('p', { id: 'procedure-channel' }, t('ch_' + p.channel)));
    if (p.channel === 'appointment') {
      append(ctx.box, h('div', { className: 'actions' }, link(t('book'), '#/book/' + encodeURIComponent(p.id),
        { className: 'button primary big', id: 'book-start', 'data-testid': 'book-start' })));
    }
  }, function () { done(); });
}
