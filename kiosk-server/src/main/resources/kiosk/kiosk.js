/* Vecino kiosk: one page, screens as hash routes, no build step, no external resources.
 * Server data is always written with textContent (never as HTML). */
(function () {
  'use strict';

  var params = new URLSearchParams(location.search);
  var KIOSK = params.get('kiosk') || 'k-cazona';
  var IDLE_S = posInt(params.get('idle'), 90);
  var COUNTDOWN_S = posInt(params.get('countdown'), 20);
  var HEARTBEAT_S = posInt(params.get('heartbeat'), 60);
  var RETRY_MS = 3000;
  var VERSION = 'kiosk-1';
  var TOKEN_KEY = 'vecino.kioskToken.' + KIOSK;

  function posInt(v, d) { var n = parseInt(v, 10); return n > 0 ? n : d; }

  var T = {
    es: {
      brand: 'Oficina del Vecino', toolsLabel: 'Opciones de pantalla', home: 'Inicio',
      largeText: 'Letra grande', highContrast: 'Alto contraste', readAloud: 'Leer en voz alta',
      stopReading: 'Parar lectura', loading: 'Cargando…', otherLang: 'English', otherLangCode: 'en',
      startTitle: '¿Qué quiere hacer?', startLead: 'Toque una opción. Puede cambiar el idioma y el tamaño de la letra arriba.',
      tBuses: 'Próximos autobuses', tBusesSub: 'Cuándo llega su autobús',
      tParking: 'Aparcamiento', tParkingSub: 'Plazas libres ahora',
      tAppointments: 'Mis citas', tAppointmentsSub: 'Ver o anular sus citas',
      tProcedures: 'Trámites y cita previa', tProceduresSub: 'Qué necesita y pedir cita',
      tReport: 'Avisar de un problema', tReportSub: 'Farolas, baches, basura…',
      tAlerts: 'Avisos del servicio', tAlertsSub: 'Cambios en los autobuses',
      back: 'Volver', backStart: 'Volver al inicio',
      offline: 'Sin conexión. Lo intentamos de nuevo solo. No hace falta hacer nada.',
      notAvailable: 'Este servicio todavía no está disponible en este punto. Disculpe las molestias.',
      failed: 'No hemos podido hacerlo ahora. Inténtelo de nuevo en un momento.',
      nearbyStops: 'Paradas cercanas', searchStop: 'Buscar una parada por su nombre',
      searchHint: 'Por ejemplo: Ayuntamiento', search: 'Buscar', noStops: 'No hay paradas con ese nombre.',
      results: 'Resultados', seeStop: 'Ver parada', line: 'Línea', destination: 'Destino',
      arrives: 'Llega en', arriving: 'Llegando', min: 'min', live: 'en directo', scheduled: 'horario',
      type: 'Tipo', noArrivals: 'No hay autobuses en las próximas horas.', unknownStop: 'No conocemos esa parada.',
      updated: 'Actualizado a las', alertsHere: 'Avisos en esta parada',
      parkingLead: 'Plazas libres en los aparcamientos. Toque uno para ver el día de hoy.',
      free: 'libres', of: 'de', seeDay: 'Ver el día', noParking: 'No hay aparcamientos.',
      st_open: 'Abierto', st_almostFull: 'Casi lleno', st_full: 'Lleno', st_closed: 'Cerrado', st_unknown: 'Sin datos',
      tr_filling: 'Se está llenando', tr_emptying: 'Se está vaciando', tr_steady: 'Estable',
      freeNow: 'Plazas libres ahora', expected30: 'Plazas libres en media hora (estimación)',
      chartTitle: 'Plazas libres por hora: hoy y un día normal', today: 'Hoy', typical: 'Un día normal',
      hour: 'Hora', noData: 'sin datos', chartTable: 'Ver los datos en una tabla',
      chartDesc: function (a, b) { return 'Ahora hay ' + a + ' plazas libres. Un día normal a esta hora hay ' + b + '.'; },
      phoneLabel: 'Su número de móvil', phoneHint: 'Le enviaremos un código por SMS. 9 cifras, por ejemplo 600111222.',
      sendCode: 'Enviar código', codeSent: function (p) { return 'Le hemos enviado un código de 6 cifras al ' + p + '.'; },
      codeLabel: 'Código recibido por SMS', codeHint: '6 cifras', checkCode: 'Comprobar código',
      otpWhy: 'Para ver sus citas necesitamos comprobar que el teléfono es suyo.',
      badPhone: 'Ese número no es válido. Escriba 9 cifras.', badCode: 'El código no es correcto o ha caducado.',
      tooMany: function (m) { return 'Demasiados intentos. Espere ' + m + ' minutos, por favor.'; },
      otherPhone: 'Usar otro número', endSession: 'Terminar y borrar mis datos',
      myList: 'Sus próximas citas', noAppointments: 'No tiene citas próximas.', cancel: 'Anular esta cita',
      cancelled: 'Cita anulada.', when: 'Cuándo', where: 'Dónde',
      k_office: 'Oficina', k_medical: 'Médica', k_municipal: 'Municipal',
      s_booked: 'Reservada', s_confirmed: 'Confirmada', s_cancelled: 'Anulada',
      proceduresLead: 'Toque un trámite para ver qué necesita.', who: 'Quién puede pedirlo',
      documents: 'Qué debe traer', fee: 'Precio', howTo: 'Dónde se hace',
      ch_kiosk: 'Puede hacerlo aquí mismo, en este punto.', ch_appointment: 'Necesita cita previa en la oficina.',
      ch_townHall: 'Debe hacerlo en el Ayuntamiento.', book: 'Pedir cita', moreInfo: 'Ver detalles',
      chooseDay: 'Elija el día', chooseTime: 'Elija la hora', noSlots: 'No quedan horas libres ese día. Elija otro día.',
      freeSlots: function (n) { return n === 1 ? '1 hueco' : n + ' huecos'; },
      confirmTitle: 'Confirme su cita', confirm: 'Confirmar la cita', changeTime: 'Cambiar la hora',
      office: 'Oficina', procedure: 'Trámite', booked: 'Cita reservada. Le enviaremos un SMS para recordársela.',
      taken: 'Esa hora se acaba de ocupar. Elija otra, por favor.', bookFirst: 'Para reservar, compruebe su teléfono.',
      chooseOffice: 'Elija la oficina',
      reportLead: 'Elija qué quiere avisar.', describe: 'Describa el problema',
      describeHint: 'Qué pasa y dónde, con sus palabras.', address: 'Dirección o lugar',
      phoneOptional: 'Su móvil (si quiere que le avisemos)', reportPhoneHint: '9 cifras. Le enviaremos un SMS cuando esté resuelto.', kind: 'Tipo', send: 'Enviar aviso', required: 'Este dato es obligatorio.',
      reportSent: function (id) { return 'Aviso enviado. Su número de aviso es ' + id + '. Apúntelo para consultarlo.'; },
      seeStatus: 'Ver cómo va', checkRequest: 'Consultar un aviso', requestNumber: 'Número de aviso',
      requestStatus: 'Estado del aviso', rs_open: 'Abierto: lo estamos tratando', rs_closed: 'Cerrado: resuelto',
      notes: 'Notas', unknownRequest: 'No encontramos ese aviso.',
      alertsLead: 'Cambios y avisos del servicio de autobuses.', noAlerts: 'No hay avisos ahora. El servicio es normal.',
      sev_info: 'Información', sev_warning: 'Aviso', sev_severe: 'Importante', lines: 'Líneas',
      idleTitle: '¿Sigue ahí?', idleText: 'Si no toca la pantalla, borraremos todo y volveremos al inicio.',
      idleContinue: 'Continuar', seconds: 'segundos',
      days: ['domingo', 'lunes', 'martes', 'miércoles', 'jueves', 'viernes', 'sábado'],
      months: ['enero', 'febrero', 'marzo', 'abril', 'mayo', 'junio', 'julio', 'agosto', 'septiembre', 'octubre', 'noviembre', 'diciembre'],
      dateText: function (d, dd, m) { return d + ' ' + dd + ' de ' + m; }
    },
    en: {
      brand: 'Neighbour Office', toolsLabel: 'Screen options', home: 'Home',
      largeText: 'Large text', highContrast: 'High contrast', readAloud: 'Read aloud',
      stopReading: 'Stop reading', loading: 'Loading…', otherLang: 'Español', otherLangCode: 'es',
      startTitle: 'What would you like to do?', startLead: 'Touch an option. You can change the language and the text size at the top.',
      tBuses: 'Next buses', tBusesSub: 'When your bus comes',
      tParking: 'Parking', tParkingSub: 'Free spaces now',
      tAppointments: 'My appointments', tAppointmentsSub: 'See or cancel your appointments',
      tProcedures: 'Procedures and appointments', tProceduresSub: 'What you need, and booking',
      tReport: 'Report a problem', tReportSub: 'Street lights, potholes, rubbish…',
      tAlerts: 'Service alerts', tAlertsSub: 'Changes to bus services',
      back: 'Back', backStart: 'Back to the start',
      offline: 'No connection. We keep trying by ourselves. You do not need to do anything.',
      notAvailable: 'This service is not available at this point yet. Sorry.',
      failed: 'We could not do that now. Please try again in a moment.',
      nearbyStops: 'Stops nearby', searchStop: 'Find a stop by its name',
      searchHint: 'For example: Ayuntamiento', search: 'Search', noStops: 'No stops with that name.',
      results: 'Results', seeStop: 'See stop', line: 'Line', destination: 'To',
      arrives: 'Arrives in', arriving: 'Arriving', min: 'min', live: 'live', scheduled: 'timetable',
      type: 'Source', noArrivals: 'No buses in the next few hours.', unknownStop: 'We do not know that stop.',
      updated: 'Updated at', alertsHere: 'Alerts at this stop',
      parkingLead: 'Free spaces in the car parks. Touch one to see today.',
      free: 'free', of: 'of', seeDay: 'See the day', noParking: 'No car parks.',
      st_open: 'Open', st_almostFull: 'Almost full', st_full: 'Full', st_closed: 'Closed', st_unknown: 'No data',
      tr_filling: 'Filling up', tr_emptying: 'Emptying', tr_steady: 'Steady',
      freeNow: 'Free spaces now', expected30: 'Free spaces in half an hour (estimate)',
      chartTitle: 'Free spaces by hour: today and a normal day', today: 'Today', typical: 'A normal day',
      hour: 'Hour', noData: 'no data', chartTable: 'See the data as a table',
      chartDesc: function (a, b) { return 'There are ' + a + ' free spaces now. On a normal day at this hour there are ' + b + '.'; },
      phoneLabel: 'Your mobile number', phoneHint: 'We will send you a code by text message. 9 digits, for example 600111222.',
      sendCode: 'Send code', codeSent: function (p) { return 'We have sent a 6-digit code to ' + p + '.'; },
      codeLabel: 'Code from the text message', codeHint: '6 digits', checkCode: 'Check code',
      otpWhy: 'To show your appointments we need to check that the phone is yours.',
      badPhone: 'That number is not valid. Type 9 digits.', badCode: 'The code is wrong or has expired.',
      tooMany: function (m) { return 'Too many tries. Please wait ' + m + ' minutes.'; },
      otherPhone: 'Use another number', endSession: 'Finish and clear my data',
      myList: 'Your next appointments', noAppointments: 'You have no upcoming appointments.', cancel: 'Cancel this appointment',
      cancelled: 'Appointment cancelled.', when: 'When', where: 'Where',
      k_office: 'Office', k_medical: 'Medical', k_municipal: 'Council',
      s_booked: 'Booked', s_confirmed: 'Confirmed', s_cancelled: 'Cancelled',
      proceduresLead: 'Touch a procedure to see what you need.', who: 'Who can ask',
      documents: 'What to bring', fee: 'Fee', howTo: 'Where it is done',
      ch_kiosk: 'You can do it right here, at this point.', ch_appointment: 'You need an appointment at the office.',
      ch_townHall: 'You must do it at the Town Hall.', book: 'Book an appointment', moreInfo: 'See details',
      chooseDay: 'Choose the day', chooseTime: 'Choose the time', noSlots: 'No free times left that day. Choose another day.',
      freeSlots: function (n) { return n === 1 ? '1 place' : n + ' places'; },
      confirmTitle: 'Confirm your appointment', confirm: 'Confirm the appointment', changeTime: 'Change the time',
      office: 'Office', procedure: 'Procedure', booked: 'Appointment booked. We will send you a text message to remind you.',
      taken: 'That time has just been taken. Please choose another.', bookFirst: 'To book, please check your phone.',
      chooseOffice: 'Choose the office',
      reportLead: 'Choose what you want to report.', describe: 'Describe the problem',
      describeHint: 'What is wrong and where, in your own words.', address: 'Address or place',
      phoneOptional: 'Your mobile (if you want us to tell you)', reportPhoneHint: '9 digits. We will send you a text message when it is fixed.', kind: 'Type', send: 'Send report', required: 'This is required.',
      reportSent: function (id) { return 'Report sent. Your report number is ' + id + '. Note it down to check it later.'; },
      seeStatus: 'See how it is going', checkRequest: 'Check a report', requestNumber: 'Report number',
      requestStatus: 'Report status', rs_open: 'Open: we are working on it', rs_closed: 'Closed: solved',
      notes: 'Notes', unknownRequest: 'We cannot find that report.',
      alertsLead: 'Changes and alerts for the bus service.', noAlerts: 'No alerts now. The service is normal.',
      sev_info: 'Information', sev_warning: 'Warning', sev_severe: 'Important', lines: 'Lines',
      idleTitle: 'Are you still there?', idleText: 'If you do not touch the screen, we will clear everything and go back to the start.',
      idleContinue: 'Continue', seconds: 'seconds',
      days: ['Sunday', 'Monday', 'Tuesday', 'Wednesday', 'Thursday', 'Friday', 'Saturday'],
      months: ['January', 'February', 'March', 'April', 'May', 'June', 'July', 'August', 'September', 'October', 'November', 'December'],
      dateText: function (d, dd, m) { return d + ' ' + dd + ' ' + m; }
    }
  };

  var state;
  function freshState() {
    return {
      lang: 'es', large: false, contrast: false,
      session: null, otp: { phone: '', code: '', sent: null, error: '' },
      stopQuery: '', stopResults: null,
      booking: null, report: { service: null, description: '', address: '', phone: '', attributes: {}, sent: null, errors: {} },
      requestId: '', message: null
    };
  }
  state = freshState();
  var kioskInfo = null;
  var online = true;
  var renderSeq = 0;
  var refreshTimer = null;
  var retryTimer = null;
  var lastServerDate = null;

  function t(key) { var v = T[state.lang][key]; return v === undefined ? key : v; }

  // ---------- DOM helpers ----------
  function h(tag, attrs) {
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
  function append(el) {
    for (var i = 1; i < arguments.length; i++) {
      var c = arguments[i];
      if (c === null || c === undefined || c === false) continue;
      if (Array.isArray(c)) { c.forEach(function (x) { append(el, x); }); continue; }
      el.appendChild(typeof c === 'string' || typeof c === 'number' ? document.createTextNode(String(c)) : c);
    }
  }
  function button(label, onclick, extra) {
    var a = Object.assign({ type: 'button', className: 'button', onclick: onclick }, extra || {});
    return h('button', a, label);
  }
  function link(label, href, extra) {
    return h('a', Object.assign({ href: href, className: 'button' }, extra || {}), label);
  }
  function notice(text, cls, id) {
    return h('p', { className: 'notice ' + (cls || ''), id: id || null, 'data-testid': id || null }, text);
  }
  function field(id, label, input, hint, error) {
    var describedBy = [];
    var hintEl = null, errEl = null;
    if (hint) { hintEl = h('span', { className: 'hint', id: id + '-hint' }, hint); describedBy.push(id + '-hint'); }
    if (error) { errEl = h('span', { className: 'error', id: id + '-error' }, error); describedBy.push(id + '-error'); }
    input.id = id;
    if (describedBy.length) input.setAttribute('aria-describedby', describedBy.join(' '));
    if (error) input.setAttribute('aria-invalid', 'true');
    return h('div', { className: 'field' }, h('label', { for: id }, label), hintEl, errEl, input);
  }
  function announce(text) {
    var s = document.getElementById('status');
    s.textContent = '';
    setTimeout(function () { s.textContent = text; }, 50);
  }

  // ---------- server time and dates (the server's clock, never the kiosk's) ----------
  function pad(n) { return (n < 10 ? '0' : '') + n; }
  function hhmm(iso) { return iso ? iso.substring(11, 16) : ''; }
  function dateOf(iso) { return iso ? iso.substring(0, 10) : ''; }
  function addDays(ymd, n) {
    var p = ymd.split('-');
    var d = new Date(Date.UTC(+p[0], +p[1] - 1, +p[2] + n));
    return d.getUTCFullYear() + '-' + pad(d.getUTCMonth() + 1) + '-' + pad(d.getUTCDate());
  }
  function dayText(ymd) {
    var p = ymd.split('-');
    var d = new Date(Date.UTC(+p[0], +p[1] - 1, +p[2]));
    return t('dateText')(t('days')[d.getUTCDay()], d.getUTCDate(), t('months')[d.getUTCMonth()]);
  }
  function whenText(iso) { return dayText(dateOf(iso)) + ', ' + hhmm(iso); }
  function serverToday() {
    if (lastServerDate) {
      // The Date header is GMT; the city (Europe/Madrid) is at most 2 h ahead.
      try {
        return new Intl.DateTimeFormat('en-CA', { timeZone: 'Europe/Madrid', year: 'numeric', month: '2-digit', day: '2-digit' }).format(lastServerDate);
      } catch (e) { /* fall through */ }
    }
    return null;
  }

  // ---------- HTTP ----------
  function withLang(path) {
    if (/[?&]lang=/.test(path)) return path;
    return path + (path.indexOf('?') >= 0 ? '&' : '?') + 'lang=' + state.lang;
  }
  /** Resolves {status, data, headers}; rejects only when the server cannot be reached. */
  function api(path, opts) {
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
      render(false);
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

  /** Shows a polite message for a call that did not work; true when it handled the answer. */
  function failure(res, container) {
    if (res.status === 404) { append(container, notice(t('notAvailable'), '', 'not-available')); return true; }
    append(container, notice(t('failed'), 'severe', 'failed'));
    return true;
  }

  // ---------- chrome: language, modes, read aloud, title ----------
  function applyChrome() {
    document.documentElement.lang = state.lang;
    document.documentElement.classList.toggle('large', state.large);
    document.body.classList.toggle('hc', state.contrast);
    document.querySelectorAll('[data-i18n]').forEach(function (el) { el.textContent = t(el.getAttribute('data-i18n')); });
    document.querySelectorAll('[data-i18n-label]').forEach(function (el) { el.setAttribute('aria-label', t(el.getAttribute('data-i18n-label'))); });
    var lt = document.getElementById('lang-toggle');
    lt.textContent = '';
    lt.appendChild(h('span', { lang: t('otherLangCode') }, t('otherLang')));
    document.getElementById('text-size').setAttribute('aria-pressed', String(state.large));
    document.getElementById('contrast').setAttribute('aria-pressed', String(state.contrast));
    document.getElementById('kiosk-name').textContent = kioskInfo && kioskInfo.name ? '· ' + kioskInfo.name : '';
    if (!online) document.getElementById('offline-banner').textContent = t('offline');
    document.getElementById('idle-text').textContent = t('idleText');
  }

  function stopSpeaking() {
    if ('speechSynthesis' in window) window.speechSynthesis.cancel();
    var b = document.getElementById('read-aloud');
    b.textContent = t('readAloud');
    b.setAttribute('data-i18n', 'readAloud');
  }
  function readAloud() {
    if (!('speechSynthesis' in window)) return;
    if (window.speechSynthesis.speaking) { stopSpeaking(); return; }
    var text = document.getElementById('main').innerText;
    var u = new SpeechSynthesisUtterance(text);
    u.lang = state.lang === 'es' ? 'es-ES' : 'en-GB';
    var voices = window.speechSynthesis.getVoices() || [];
    for (var i = 0; i < voices.length; i++) {
      if (voices[i].lang && voices[i].lang.toLowerCase().indexOf(state.lang) === 0) { u.voice = voices[i]; break; }
    }
    var b = document.getElementById('read-aloud');
    u.onend = function () { b.textContent = t('readAloud'); b.setAttribute('data-i18n', 'readAloud'); };
    b.textContent = t('stopReading');
    b.setAttribute('data-i18n', 'stopReading');
    window.speechSynthesis.speak(u);
  }

  // ---------- router ----------
  function route() {
    var hash = location.hash.replace(/^#\/?/, '');
    var parts = hash ? hash.split('/').map(decodeURIComponent) : [];
    return parts;
  }
  function go(path) {
    if (location.hash === '#/' + path) render(true); else location.hash = '#/' + path;
  }

  function setTitle(text) {
    var h1 = document.getElementById('screen-title');
    h1.textContent = text;
    document.title = text + ' · ' + t('brand');
  }

  /** Renders the current screen; moves focus to its heading when the screen changed. */
  function render(focus) {
    var seq = ++renderSeq;
    if (refreshTimer) { clearInterval(refreshTimer); refreshTimer = null; }
    stopSpeaking();
    applyChrome();
    var parts = route();
    var screen = document.getElementById('screen');
    var box = h('div', { 'data-screen': parts[0] || 'start' });
    var ctx = {
      box: box,
      alive: function () { return seq === renderSeq; }
    };
    var name = parts[0] || 'start';
    var handler = SCREENS[name] || SCREENS.start;
    screen.textContent = '';
    screen.appendChild(box);
    document.body.setAttribute('data-screen', name);
    try {
      handler(ctx, parts.slice(1));
    } catch (e) {
      append(box, notice(t('failed'), 'severe', 'failed'));
    }
    if (focus) {
      var h1 = document.getElementById('screen-title');
      h1.focus({ preventScroll: false });
      window.scrollTo(0, 0);
    }
  }

  function backBar(href) {
    return h('div', { className: 'actions' }, link(t('back'), href || '#/', { id: 'back-button', 'data-testid': 'back' }));
  }

  function loading(box) {
    var p = h('p', { className: 'loading', 'aria-busy': 'true' }, t('loading'));
    append(box, p);
    return function () { if (p.parentNode) p.parentNode.removeChild(p); };
  }

  var ICONS = {
    buses: 'M6 3h12a3 3 0 0 1 3 3v11a2 2 0 0 1-1 1.7V21h-3v-2H7v2H4v-2.3A2 2 0 0 1 3 17V6a3 3 0 0 1 3-3zm0 3v5h12V6zm1 8a1.5 1.5 0 1 0 0 3 1.5 1.5 0 0 0 0-3zm10 0a1.5 1.5 0 1 0 0 3 1.5 1.5 0 0 0 0-3z',
    parking: 'M5 3h8a6 6 0 0 1 0 12H9v6H5zm4 4v4h4a2 2 0 0 0 0-4z',
    appointments: 'M7 2h2v2h6V2h2v2h3v17H4V4h3zm-1 7v10h12V9zm2 2h3v3H8z',
    procedures: 'M6 2h9l5 5v15H6zm8 1.5V8h4.5zM8 12v2h10v-2zm0 4v2h10v-2z',
    report: 'M12 2 1 21h22zm-1 7h2v6h-2zm0 8h2v2h-2z',
    alerts: 'M12 2a7 7 0 0 1 7 7v5l2 3v1H3v-1l2-3V9a7 7 0 0 1 7-7zm-2 18h4a2 2 0 0 1-4 0z'
  };
  function icon(name) {
    var ns = 'http://www.w3.org/2000/svg';
    var svg = document.createElementNS(ns, 'svg');
    svg.setAttribute('viewBox', '0 0 24 24');
    svg.setAttribute('aria-hidden', 'true');
    svg.setAttribute('focusable', 'false');
    var p = document.createElementNS(ns, 'path');
    p.setAttribute('d', ICONS[name]);
    svg.appendChild(p);
    return svg;
  }

  // ---------- screens ----------
  var SCREENS = {};

  SCREENS.start = function (ctx) {
    setTitle(t('startTitle'));
    var tiles = [
      ['buses', 'tBuses', 'tBusesSub'], ['parking', 'tParking', 'tParkingSub'],
      ['appointments', 'tAppointments', 'tAppointmentsSub'], ['procedures', 'tProcedures', 'tProceduresSub'],
      ['report', 'tReport', 'tReportSub'], ['alerts', 'tAlerts', 'tAlertsSub']
    ];
    append(ctx.box, h('p', { className: 'lead' }, t('startLead')));
    append(ctx.box, h('ul', { className: 'tiles' }, tiles.map(function (x) {
      return h('li', null, h('a', { className: 'tile', href: '#/' + x[0], id: 'tile-' + x[0], 'data-testid': 'tile-' + x[0] },
        icon(x[0]), h('span', null, t(x[1])), h('span', { className: 'tile-sub' }, t(x[2]))));
    })));
  };

  // --- buses ---
  function arrivalsTable(board, id) {
    if (!board.arrivals || board.arrivals.length === 0) return h('p', { id: id + '-empty' }, t('noArrivals'));
    return h('table', { id: id, 'data-testid': 'arrivals' },
      h('caption', null, board.stop.name),
      h('thead', null, h('tr', null, h('th', { scope: 'col' }, t('line')), h('th', { scope: 'col' }, t('destination')),
        h('th', { scope: 'col', className: 'num' }, t('arrives')), h('th', { scope: 'col' }, t('type')))),
      h('tbody', null, board.arrivals.map(function (a) {
        return h('tr', { 'data-vehicle': a.vehicle || null },
          h('td', null, h('span', { className: 'line-badge' }, a.line)),
          h('td', null, a.destination),
          h('td', { className: 'num' }, a.minutes === 0 ? t('arriving') : a.minutes + ' ' + t('min')),
          h('td', null, a.realtime ? t('live') : t('scheduled')));
      })));
  }
  function alertList(alerts, id) {
    if (!alerts || !alerts.length) return null;
    return h('ul', { className: 'list', id: id }, alerts.map(function (a) {
      return h('li', { className: 'notice ' + (a.severity === 'severe' ? 'severe' : '') },
        h('strong', null, t('sev_' + a.severity) + ': '), a.header,
        a.description ? h('p', null, a.description) : null);
    }));
  }

  SCREENS.buses = function (ctx, args) {
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
  };
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
  function stopScreen(ctx, stopId) {
    setTitle(t('tBuses'));
    append(ctx.box, backBar('#/buses'));
    var area = h('div', { id: 'stop-board', 'data-stop': stopId });
    append(ctx.box, area);
    var done = loading(area);
    var load = function () {
      api('/api/v1/stops/' + encodeURIComponent(stopId) + '/arrivals?limit=10').then(function (r) {
        if (!ctx.alive()) return;
        done();
        area.textContent = '';
        if (r.status === 404) { append(area, notice(t('unknownStop'), '', 'unknown-stop')); return; }
        if (r.status !== 200) { failure(r, area); return; }
        setTitle(r.data.stop.name);
        append(area,
          h('p', { className: 'muted', id: 'stop-updated' }, t('updated') + ' ' + hhmm(r.data.generatedAt)),
          arrivalsTable(r.data, 'stop-arrivals'));
        if (r.data.alerts && r.data.alerts.length) {
          append(area, h('h2', null, t('alertsHere')), alertList(r.data.alerts, 'stop-alerts'));
        }
      }, function () { done(); });
    };
    load();
    refreshTimer = setInterval(function () { if (online) load(); }, 30000);
  }

  function withKiosk(cb) {
    if (kioskInfo) { cb(kioskInfo); return; }
    api('/api/v1/kiosks/' + encodeURIComponent(KIOSK)).then(function (r) {
      if (r.status === 200 && r.data) { kioskInfo = r.data; applyChrome(); cb(kioskInfo); } else cb(null);
    }, function () { cb(null); });
  }

  // --- parking ---
  SCREENS.parking = function (ctx, args) {
    if (args[0]) return parkingScreen(ctx, args[0]);
    setTitle(t('tParking'));
    append(ctx.box, backBar('#/'), h('p', { className: 'lead' }, t('parkingLead')));
    var list = h('ul', { className: 'list', id: 'parking-list' });
    append(ctx.box, list);
    var done = loading(ctx.box);
    withKiosk(function (info) {
      api('/api/v1/parking').then(function (r) {
        if (!ctx.alive()) return;
        done();
        if (r.status !== 200) { failure(r, ctx.box); return; }
        var mine = info && info.parking ? info.parking : [];
        var fs = r.data.facilities.slice().sort(function (a, b) {
          return (mine.indexOf(a.id) < 0 ? 1 : 0) - (mine.indexOf(b.id) < 0 ? 1 : 0);
        });
        if (!fs.length) append(ctx.box, h('p', null, t('noParking')));
        fs.forEach(function (f) {
          var hid = 'pk-' + f.id;
          append(list, h('li', { className: 'card', 'data-facility': f.id },
            h('h2', { id: hid }, f.name),
            h('p', { className: 'big-number' }, f.available === null || f.available === undefined ? '—' : String(f.available),
              h('span', { className: 'lead' }, ' ' + t('free') + ' ' + t('of') + ' ' + f.total)),
            h('p', null, t('st_' + f.status) + ' · ' + t('tr_' + f.trend)),
            link(t('seeDay'), '#/parking/' + encodeURIComponent(f.id), { id: 'parking-link-' + f.id, 'aria-describedby': hid })));
        });
      }, function () { done(); });
    });
  };
  function parkingScreen(ctx, id) {
    setTitle(t('tParking'));
    append(ctx.box, backBar('#/parking'));
    var done = loading(ctx.box);
    api('/api/v1/parking/' + encodeURIComponent(id)).then(function (r) {
      if (!ctx.alive()) return;
      if (r.status !== 200) { done(); failure(r, ctx.box); return; }
      var f = r.data;
      setTitle(f.name);
      api('/api/v1/parking/' + encodeURIComponent(id) + '/history?bucket=1h').then(function (hr) {
        if (!ctx.alive()) return;
        done();
        append(ctx.box,
          h('p', null, t('freeNow')),
          h('p', { className: 'big-number', id: 'parking-available' }, f.available === null || f.available === undefined ? '—' : String(f.available),
            h('span', { className: 'lead' }, ' ' + t('of') + ' ' + f.total)),
          h('p', null, t('st_' + f.status) + ' · ' + t('tr_' + f.trend)));
        if (hr.status !== 200) { failure(hr, ctx.box); return; }
        if (hr.data.expectedAvailableIn30Minutes !== null && hr.data.expectedAvailableIn30Minutes !== undefined) {
          append(ctx.box, h('p', { id: 'parking-expected' }, t('expected30') + ': ' + hr.data.expectedAvailableIn30Minutes));
        }
        append(ctx.box, chart(f, hr.data));
      }, function () { done(); });
    }, function () { done(); });
  }
  /** Today's hourly free spaces against the typical day: an SVG image plus the same data as a table. */
  function chart(f, hist) {
    var today = dateOf(hist.to);
    var nowHour = parseInt(hist.to.substring(11, 13), 10);
    var todayByHour = [];
    (hist.points || []).forEach(function (p) {
      if (dateOf(p.at) === today) todayByHour[parseInt(p.at.substring(11, 13), 10)] = p.available;
    });
    var typical = hist.typical || [];
    var max = Math.max(1, f.total || 1);
    var ns = 'http://www.w3.org/2000/svg';
    var W = 960, H = 320, top = 10, base = 280, bw = W / 24;
    var svg = document.createElementNS(ns, 'svg');
    svg.setAttribute('viewBox', '0 0 ' + W + ' ' + H);
    svg.setAttribute('class', 'chart');
    svg.setAttribute('role', 'img');
    svg.setAttribute('aria-labelledby', 'chart-title chart-desc');
    svg.setAttribute('id', 'parking-chart');
    var title = document.createElementNS(ns, 'title');
    title.setAttribute('id', 'chart-title');
    title.textContent = t('chartTitle');
    var desc = document.createElementNS(ns, 'desc');
    desc.setAttribute('id', 'chart-desc');
    var typNow = typical[nowHour];
    desc.textContent = t('chartDesc')(f.available === null || f.available === undefined ? '—' : f.available,
      typNow === null || typNow === undefined ? t('noData') : Math.round(typNow));
    svg.appendChild(title);
    svg.appendChild(desc);
    function rect(x, y, w, hh, cls) {
      var r = document.createElementNS(ns, 'rect');
      r.setAttribute('x', x); r.setAttribute('y', y); r.setAttribute('width', w); r.setAttribute('height', Math.max(0, hh));
      r.setAttribute('class', cls);
      svg.appendChild(r);
    }
    for (var hr = 0; hr < 24; hr++) {
      var x = hr * bw;
      if (todayByHour[hr] !== undefined) {
        var th = (base - top) * todayByHour[hr] / max;
        rect(x + 6, base - th, bw - 12, th, 'bar-today');
      }
      if (typical[hr] !== null && typical[hr] !== undefined) {
        var yh = (base - top) * typical[hr] / max;
        rect(x + 3, base - yh, bw - 6, yh, 'bar-typical');
      }
      if (hr % 3 === 0) {
        var tx = document.createElementNS(ns, 'text');
        tx.setAttribute('x', x + 4); tx.setAttribute('y', H - 12); tx.setAttribute('class', 'axis');
        tx.textContent = pad(hr) + ':00';
        svg.appendChild(tx);
      }
    }
    var ln = document.createElementNS(ns, 'line');
    ln.setAttribute('x1', 0); ln.setAttribute('x2', W); ln.setAttribute('y1', base); ln.setAttribute('y2', base);
    ln.setAttribute('class', 'baseline');
    svg.appendChild(ln);
    var rows = [];
    for (var i = 0; i < 24; i++) {
      if (todayByHour[i] === undefined && (typical[i] === null || typical[i] === undefined)) continue;
      rows.push(h('tr', null, h('th', { scope: 'row' }, pad(i) + ':00'),
        h('td', { className: 'num' }, todayByHour[i] === undefined ? t('noData') : String(todayByHour[i])),
        h('td', { className: 'num' }, typical[i] === null || typical[i] === undefined ? t('noData') : String(Math.round(typical[i])))));
    }
    return h('section', { 'aria-labelledby': 'chart-heading' },
      h('h2', { id: 'chart-heading' }, t('chartTitle')),
      h('ul', { className: 'legend' },
        h('li', null, h('span', { className: 'sw today' }), t('today')),
        h('li', null, h('span', { className: 'sw' }), t('typical'))),
      svg,
      h('details', { id: 'chart-details' }, h('summary', { id: 'chart-table-toggle' }, t('chartTable')),
        h('table', { id: 'chart-table' }, h('caption', null, t('chartTitle')),
          h('thead', null, h('tr', null, h('th', { scope: 'col' }, t('hour')), h('th', { scope: 'col', className: 'num' }, t('today')),
            h('th', { scope: 'col', className: 'num' }, t('typical')))),
          h('tbody', null, rows))));
  }

  // --- one-time code and session ---
  function otpForm(ctx, box, onSession) {
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
  function retryMinutes(r) {
    var s = parseInt(r.headers.get('Retry-After'), 10);
    return s > 0 ? Math.max(1, Math.ceil(s / 60)) : 15;
  }
  function focusId(id) { setTimeout(function () { var el = document.getElementById(id); if (el) el.focus(); }, 0); }
  function focusInvalid() { setTimeout(function () { var el = document.querySelector('[aria-invalid="true"]'); if (el) el.focus(); }, 0); }

  function endSession() {
    var s = state.session;
    state.session = null;
    if (s && s.sessionToken) {
      return api('/api/v1/office/session', { method: 'DELETE', token: s.sessionToken }).catch(function () {});
    }
    return Promise.resolve();
  }

  SCREENS.appointments = function (ctx) {
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
  };

  // --- procedures and booking ---
  SCREENS.procedures = function (ctx, args) {
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
  };
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

  SCREENS.book = function (ctx, args) {
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
  };
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

  // --- report a problem (Open311) ---
  SCREENS.report = function (ctx, args) {
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
  };
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

  // --- service alerts ---
  SCREENS.alerts = function (ctx) {
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
  };

  // ---------- idle: warning, then everything cleared ----------
  var lastActivity = Date.now();
  var idleCountdown = null;
  function touched() {
    lastActivity = Date.now();
  }
  function somethingToClear() {
    return route().length > 0 || state.lang !== 'es' || state.large || state.contrast || state.session !== null;
  }
  function idleTick() {
    var dlg = document.getElementById('idle-dialog');
    if (idleCountdown !== null) return;
    if (Date.now() - lastActivity < IDLE_S * 1000 || !somethingToClear()) return;
    var left = COUNTDOWN_S;
    var secs = document.getElementById('idle-seconds');
    secs.textContent = String(left);
    secs.setAttribute('aria-label', left + ' ' + t('seconds'));
    applyChrome();
    if (typeof dlg.showModal === 'function') dlg.showModal(); else dlg.setAttribute('open', '');
    document.getElementById('idle-continue').focus();
    idleCountdown = setInterval(function () {
      left--;
      secs.textContent = String(Math.max(0, left));
      if (left <= 0) resetAll();
    }, 1000);
  }
  function closeIdle() {
    var dlg = document.getElementById('idle-dialog');
    if (idleCountdown !== null) { clearInterval(idleCountdown); idleCountdown = null; }
    if (dlg.open) { if (typeof dlg.close === 'function') dlg.close(); else dlg.removeAttribute('open'); }
  }
  /** Back to the start screen with nothing of the last person left: session ended, forms emptied. */
  function resetAll() {
    closeIdle();
    stopSpeaking();
    endSession();
    state = freshState();
    lastActivity = Date.now();
    if (location.hash && location.hash !== '#/') {
      history.replaceState(null, '', location.pathname + location.search + '#/');
    }
    render(true);
  }

  // ---------- device token ----------
  /**
   * The kiosk's device token (kept from #token= at start), or null. It proves the calls that are
   * rate-limited per kiosk (codes, service requests) and the heartbeat; without it the server
   * counts this page as one anonymous client.
   */
  function deviceToken() {
    try { return localStorage.getItem(TOKEN_KEY); } catch (e) { return null; }
  }

  // ---------- heartbeat ----------
  function heartbeat() {
    var token = deviceToken();
    if (!token) return;
    api('/api/v1/kiosks/' + encodeURIComponent(KIOSK) + '/heartbeat', {
      method: 'POST', token: token, body: { version: VERSION, screen: route()[0] || 'start' }
    }).catch(function () {});
  }

  // ---------- start ----------
  function init() {
    var m = /^#token=([^&]+)/.exec(location.hash);
    if (m) {
      try { localStorage.setItem(TOKEN_KEY, decodeURIComponent(m[1])); } catch (e) { /* storage off */ }
      history.replaceState(null, '', location.pathname + location.search + '#/');
    }
    if ('speechSynthesis' in window && typeof window.SpeechSynthesisUtterance === 'function') {
      document.getElementById('read-aloud').hidden = false;
    }
    document.getElementById('read-aloud').addEventListener('click', readAloud);
    document.getElementById('lang-toggle').addEventListener('click', function () {
      state.lang = state.lang === 'es' ? 'en' : 'es';
      render(false);
      document.getElementById('lang-toggle').focus();
    });
    document.getElementById('text-size').addEventListener('click', function () { state.large = !state.large; applyChrome(); });
    document.getElementById('contrast').addEventListener('click', function () { state.contrast = !state.contrast; applyChrome(); });
    document.getElementById('home-button').addEventListener('click', function () { go(''); });
    document.getElementById('idle-continue').addEventListener('click', function () { closeIdle(); touched(); });
    document.getElementById('idle-dialog').addEventListener('cancel', function (e) { e.preventDefault(); closeIdle(); touched(); });
    ['pointerdown', 'keydown', 'touchstart', 'input', 'wheel'].forEach(function (ev) {
      document.addEventListener(ev, touched, { capture: true, passive: true });
    });
    window.addEventListener('hashchange', function () { render(true); });
    setInterval(idleTick, 1000);
    withKiosk(function () { applyChrome(); });
    heartbeat();
    setInterval(heartbeat, HEARTBEAT_S * 1000);
    render(false);
  }
  if (document.readyState === 'loading') document.addEventListener('DOMContentLoaded', init); else init();
})();
