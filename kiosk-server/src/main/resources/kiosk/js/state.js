/* What the current visitor chose and typed: cleared by resetState() when the kiosk goes idle. */

/** The current visitor's state; replaced as a whole by resetState(). */
export var state = freshState();
/** This kiosk as the server describes it (kept across visitors), or null until known. */
export var kioskInfo = null;

function freshState() {
  return {
    lang: 'es', large: false, contrast: false,
    session: null, otp: { phone: '', code: '', sent: null, error: '' },
    stopQuery: '', stopResults: null,
    booking: null, report: { service: null, description: '', address: '', phone: '', attributes: {}, sent: null, errors: {} },
    requestId: '', message: null
  };
}

/** Starts afresh: nothing of the last visitor is left. */
export function resetState() { state = freshState(); }

export function setKioskInfo(info) { kioskInfo = info; }
