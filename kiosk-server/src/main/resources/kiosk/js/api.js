/*
 * The kiosk's calls to the public API: X-Kiosk-Id and lang on every call, the device token as
 * Authorization: Bearer on the calls that pass it, and the "no connection" banner while the
 * server cannot be reached.
 */
import { KIOSK, RETRY_MS, TOKEN_KEY } from './config.js';
import { state } from './state.js';
import { t } from './i18n.js';

/** False while the server cannot be reached. */
export var online = true;
/** The Date header of the server's last answer. */
export var lastServerDate = null;
var retryTimer = null;
var reconnected = function () {};

/** Sets what to do when the server answers again after being unreachable (render the screen). */
export function onReconnect(fn) { reconnected = fn; }

function withLang(path) {
  if (/[?&]lang=/.test(path)) return path;
  return path + (path.indexOf('?') >= 0 ? '&' : '?') + 'lang=' + state.lang;
}
/** Resolves {status, data, headers}; rejects only when the server cannot be reached. */
export function api(path, opts) {
  opts = opts || {};
  var headers = { 'X-Kiosk-Id': KIOSK, 'Accept': 'application/json' };
  if (opts.token) headers['Authorization'] = 'Bearer ' + opts.token;
  if (opts.body !== undefined) headers['Content-Type'] = 'application/json';
  pending(1);
  return fetch(withLang(path), {
    method: opts.method || 'GET', headers: headers, cache: 'no-store',
    body: opts.body === undefined ? undefined : JSON.stringify(opts.body)
  }).then(function (r) {
    pending(-1);
    setOnline(true);
    var d = r.headers.get('Date');
    if (d) lastServerDate = new Date(d);
    var ct = r.headers.get('Content-Type') || '';
    var done = function (data) { return { status: r.status, data: data, headers: r.headers }; };
    if (r.status === 204 || r.status === 304 || ct.indexOf('json') < 0) return done(null);
    return r.json().then(done, function () { return done(null); });
  }, function (err) {
    pending(-1);
    setOnline(false);
    throw err;
  });
}
/** Calls in flight, on <body data-pending> (tests wait for 0). */
var inFlight = 0;
function pending(d) {
  inFlight += d;
  document.body.setAttribute('data-pending', String(inFlight));
}

function setOnline(ok) {
  if (ok === online) return;
  online = ok;
  var b = document.getElementById('offline-banner');
  if (!ok) {
    b.textContent = t('offline');
    b.hidden = false;
    scheduleRetry();
  } else {
    b.hidden = true;
    b.textContent = '';
    reconnected();
  }
}
function scheduleRetry() {
  if (retryTimer) return;
  retryTimer = setInterval(function () {
    fetch('/health/live', { cache: 'no-store', headers: { 'X-Kiosk-Id': KIOSK } }).then(function (r) {
      if (r.ok) { clearInterval(retryTimer); retryTimer = null; setOnline(true); }
    }, function () { /* still offline */ });
  }, RETRY_MS);
}

/**
 * Keeps the device token given as #token= at start (the fragment is cleared), for deviceToken().
 */
export function keepToken() {
  var m = /^#token=([^&]+)/.exec(location.hash);
  if (m) {
    try { localStorage.setItem(TOKEN_KEY, decodeURIComponent(m[1])); } catch (e) { /* storage off */ }
    history.replaceState(null, '', location.pathname + location.search + '#/');
  }
}
/**
 * The kiosk's device token (kept from #token= at start), or null. It proves the calls that are
 * rate-limited per kiosk (codes, service requests) and the heartbeat; without it the server
 * counts this page as one anonymous client.
 */
export function deviceToken() {
  try { return localStorage.getItem(TOKEN_KEY); } catch (e) { return null; }
}
