/* The kiosk's settings, from the page's query string: ?kiosk=, ?idle=, ?countdown=, ?heartbeat=. */
var params = new URLSearchParams(location.search);

export var KIOSK = params.get('kiosk') || 'k-cazona';
export var IDLE_S = posInt(params.get('idle'), 90);
export var COUNTDOWN_S = posInt(params.get('countdown'), 20);
export var HEARTBEAT_S = posInt(params.get('heartbeat'), 60);
export var RETRY_MS = 3000;
export var VERSION = 'kiosk-1';
export var TOKEN_KEY = 'vecino.kioskToken.' + KIOSK;

/** A positive whole number from the query string, or the default. */
function posInt(v, d) { var n = parseInt(v, 10); return n > 0 ? n : d; }
