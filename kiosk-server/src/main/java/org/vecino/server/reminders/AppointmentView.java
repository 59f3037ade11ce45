package org.vecino.server.reminders;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.util.List;

/**
 * An appointment as the scheduling system sees it in answers: the phone masked, times in the city's
 * offset, each shown reminder with its status. Immutable.
 */
public record AppointmentView(
    String externalId,
    String phone,
    String startsAt,
    String place,
    String kind,
    String language,
    String status,
    List<ReminderView> reminders,
    String createdAt,
    String updatedAt) {
  public AppointmentView {
    reminders = List.copyOf(reminders);
  }

  /**
   * One reminder: when it goes (or would have gone) out and its status ({@code scheduled}, {@code
   * sent}, {@code delivered}, {@code failed}, {@code skipped}, {@code cancelled}); for a reminder
   * skipped when planned, why ({@code past}, {@code quietHours}, {@code landline}, {@code
   * optedOut}, {@code duplicate}).
   */
  @JsonInclude(JsonInclude.Include.NON_NULL)
  public record ReminderView(String dueAt, String status, String skipReason) {}
}
