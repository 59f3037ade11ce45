/* Pieces every screen uses: the back bar, the loading line, the message for a failed call. */
import { t } from './i18n.js';
import { h, append, link, notice } from './dom.js';

/** Shows a polite message for a call that did not work; true when it handled the answer. */
export function failure(res, container) {
  if (res.status === 404) { append(container, notice(t('notAvailable'), '', 'not-available')); return true; }
  append(container, notice(t('failed'), 'severe', 'failed'));
  return true;
}

export function backBar(href) {
  return h('div', { className: 'actions' }, link(t('back'), href || '#/', { id: 'back-button', 'data-testid': 'back' }));
}

export function loading(box) {
  var p = h('p', { className: 'loading', 'aria-busy': 'true' }, t('loading'));
  append(box, p);
  return function () { if (p.parentNode) p.parentNode.removeChild(p); };
}
