package org.vecino.core.reminders.text;

/** What a citizen's SMS reply asks for. */
public enum ReplyCommand {
  /** {@code SI}, {@code YES}, {@code 1}: confirm the appointment. */
  CONFIRM,
  /** {@code ANULAR}, {@code NO}, {@code 2}: cancel it (never "CANCEL", a carrier opt-out word). */
  CANCEL,
  /** {@code BAJA}, {@code STOP}: stop reminders and notices to this phone. */
  STOP,
  /** {@code ALTA}, {@code START}: resume them. */
  START,
  /** {@code AYUDA}, {@code HELP}. */
  HELP,
  /** Anything else; answered with the help text. */
  UNKNOWN
}
