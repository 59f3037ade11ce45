/* This kiosk as the server describes it (name, place, nearby stops, car parks, office). */
import { KIOSK } from './config.js';
import { kioskInfo, setKioskInfo } from './state.js';
import { api } from './api.js';
import { applyChrome } from './chrome.js';

/** Calls cb with this kiosk's description, fetched once, or with null when there is none. */
export function withKiosk(cb) {
  if (kioskInfo) { cb(kioskInfo); return; }
  api('/api/v1/kiosks/' + encodeURIComponent(KIOSK)).then(function (r) {
    if (r.status === 200 && r.data) { setKioskInfo(r.data); applyChrome(); cb(kioskInfo); } else cb(null);
  }, function () { cb(null); });
}
