/* Read aloud: the screen's text spoken in its language, when the browser can speak. */
import { state } from './state.js';
import { t } from './i18n.js';

export function stopSpeaking() {
  if ('speechSynthesis' in window) window.speechSynthesis.cancel();
  var b = document.getElementById('read-aloud');
  b.textContent = t('readAloud');
  b.setAttribute('data-i18n', 'readAloud');
}
/** Shows the read-aloud button when the browser can speak, and wires it. */
export function setUpSpeech() {
  if ('speechSynthesis' in window && typeof window.SpeechSynthesisUtterance === 'function') {
    document.getElementById('read-aloud').hidden = false;
  }
  document.getElementById('read-aloud').addEventListener('click', readAloud);
}
export function readAloud() {
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
