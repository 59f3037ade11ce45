package org.vecino.server.reminders;

import java.time.Instant;
import org.vecino.core.reminders.AppointmentKind;
import org.vecino.core.reminders.AppointmentStatus;

/** A citizen's coming appointment, for the office kiosk. Immutable. */
public record UpcomingAppointment(
    String externalId,
    Instant startsAt,
    String place,
    AppointmentKind kind,
    AppointmentStatus status) {}
