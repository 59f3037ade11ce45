/* DOM helpers: elements are built with DOM APIs and text nodes, never as HTML. */
export function h(tag, attrs) {
  var el = document.createElement(tag);
  if (attrs) {
    Object.keys(attrs).forEach(function (k) {
      var v = attrs[k];
      if (v === null || v === undefined || v === false) return;
      if (k === 'text') el.textContent = v;
      else if (k === 'onclick') el.addEventListener('click', v);
      else if (k === 'oninput') el.addEventListener('input', v);
      else if (k === 'onsubmit') el.addEventListener('submit', v);
      else if (k === 'className') el.className = v;
      else el.setAttribute(k, v === true ? '' : v);
    });
  }
  for (var i = 2; i < arguments.length; i++) append(el, arguments[i]);
  return el;
}
/** Appends each child after the first argument: nodes, texts, arrays; null and false skipped. */
export function append(el) {
  for (var i = 1; i < arguments.length; i++) {
    var c = arguments[i];
    if (c === null || c === undefined || c === false) continue;
    if (Array.isArray(c)) { c.forEach(function (x) { append(el, x); }); continue; }
    el.appendChild(typeof c === 'string' || typeof c === 'number' ? document.createTextNode(String(c)) : c);
  }
}
export function button(label, onclick, extra) {
  var a = Object.assign({ type: 'button', className: 'button', onclick: onclick }, extra || {});
  return h('button', a, label);
}
export function link(label, href, extra) {
  return h('a', Object.assign({ href: href, className: 'button' }, extra || {}), label);
}
export function notice(text, cls, id) {
  return h('p', { className: 'notice ' + (cls || ''), id: id || null, 'data-testid': id || null }, text);
}
export function field(id, label, input, hint, error) {
  var describedBy = [];
  var hintEl = null, errEl = null;
  if (hint) { hintEl = h('span', { className: 'hint', id: id + '-hint' }, hint); describedBy.push(id + '-hint'); }
  if (error) { errEl = h('span', { className: 'error', id: id + '-error' }, error); describedBy.push(id + '-error'); }
  input.id = id;
  if (describedBy.length) input.setAttribute('aria-describedby', describedBy.join(' '));
  if (error) input.setAttribute('aria-invalid', 'true');
  return h('div', { className: 'field' }, h('label', { for: id }, label), hintEl, errEl, input);
}
export function announce(text) {
  var s = document.getElementById('status');
  s.textContent = '';
  setTimeout(function () { s.textContent = text; }, 50);
}

export function focusId(id) { setTimeout(function () { var el = document.getElementById(id); if (el) el.focus(); }, 0); }
export function focusInvalid() { setTimeout(function () { var el = document.querySelector('[aria-invalid="true"]'); if (el) el.focus(); }, 0); }
