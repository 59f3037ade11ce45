/* The heartbeat: with a device token, the kiosk tells the server every ?heartbeat= seconds that
 * it is on and which screen it shows. */
import { KIOSK, HEARTBEAT_S, VERSION } from './config.js';
import { api, deviceToken } from './api.js';
import { route } from './router.js';

function heartbeat() {
  var token = deviceToken();
  if (!token) return;
  api('/api/v1/kiosks/' + encodeURIComponent(KIOSK) + '/heartbeat', {
    method: 'POST', token: token, body: { version: VERSION, screen: route()[0] || 'start' }
  }).catch(function () {});
}

/** Beats now and then every HEARTBEAT_S seconds. */
export function startHeartbeat() {
  heartbeat();
  setInterval(heartbeat, HEARTBEAT_S * 1000);
}
