package org.vecino.core.reminders.text;

import java.time.ZonedDateTime;
import java.util.Objects;
import org.vecino.core.kernel.Lang;

/**
 * An appointment's date and time written as people read them, in the time's own zone (callers pass
 * it in the city's zone): {@code "martes 1 de diciembre a las 9:30"}, {@code "a la 1:15"} for the
 * one o'clock hour, {@code "Tuesday 1 December at 9:30"}. 24-hour clock, minutes always two digits,
 * no leading zero on the hour. Names are spelled here, not taken from the JVM's locale data, so the
 * text is the same on every machine. Stateless and thread-safe.
 */
public final class AppointmentDateFormat {
  private static final String[] ES_DAYS = {
    "lunes", "martes", "miércoles", "jueves", "viernes", "sábado", "domingo"
  };
  private static final String[] ES_MONTHS = {
    "enero",
    "febrero",
    "marzo",
    "abril",
    "mayo",
    "junio",
    "julio",
    "agosto",
    "septiembre",
    "octubre",
    "noviembre",
    "diciembre"
  };
  private static final String[] EN_DAYS = {
    "Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday"
  };
  private static final String[] EN_MONTHS = {
    "January",
    "February",
    "March",
    "April",
    "May",
    "June",
    "July",
    "August",
    "September",
    "October",
    "November",
    "December"
  };

  private AppointmentDateFormat() {}

  /** The date and time of {@code t} in {@code lang}. */
  public static String format(ZonedDateTime t, Lang lang) {
    Objects.requireNonNull(t, "t");
    Objects.requireNonNull(lang, "lang");
    int day = t.getDayOfMonth();
    int dow = t.getDayOfWeek().getValue() - 1;
    int month = t.getMonthValue() - 1;
    String clock = t.getHour() + ":" + (t.getMinute() < 10 ? "0" : "") + t.getMinute();
    switch (lang) {
      case EN:
        return EN_DAYS[dow] + " " + day + " " + EN_MONTHS[month] + " at " + clock;
      case ES:
      default:
        String article = t.getHour() == 1 ? "a la " : "a las ";
        return ES_DAYS[dow] + " " + day + " de " + ES_MONTHS[month] + " " + article + clock;
    }
  }
}
