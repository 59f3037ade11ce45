package org.vecino.server.reminders;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.vecino.core.kernel.Lang;
import org.vecino.core.reminders.Appointment;
import org.vecino.core.reminders.AppointmentKind;
import org.vecino.core.reminders.AppointmentStatus;
import org.vecino.core.reminders.PhoneNumber;

/**
 * The daily background work: the privacy purge of every part ({@code privacy.PrivacyPurge}, given
 * as a {@link Runnable}), run at start and then every day; and, with the simulator on, a few demo
 * appointments booked at start so the default run shows reminders flowing. Thread-safe.
 */
public final class ReminderJobs implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(ReminderJobs.class);
  private static final Duration PURGE_EVERY = Duration.ofDays(1);

  private final Runnable daily;
  private final ScheduledExecutorService scheduler;

  /** The jobs, not started; {@code daily} is the privacy purge. */
  public ReminderJobs(Runnable daily) {
    this.daily = daily;
    this.scheduler =
        Executors.newSingleThreadScheduledExecutor(
            r -> {
              Thread t = new Thread(r, "vecino-daily-jobs");
              t.setDaemon(true);
              return t;
            });
  }

  /** Schedules the daily purge, the first one at once. */
  public void start() {
    scheduler.scheduleAtFixedRate(
        () -> {
          try {
            daily.run();
          } catch (RuntimeException e) {
            LOG.warn("privacy purge failed: {}", e.toString());
          }
        },
        0,
        PURGE_EVERY.toMillis(),
        TimeUnit.MILLISECONDS);
  }

  /**
   * Books the demo appointments {@code demo-1..3} (fake numbers {@code +3460000000x}) unless they
   * exist: in 3 hours, tomorrow and the day after, so reminders of each kind are planned.
   */
  public static void bookDemoAppointments(ReminderService service, Clock clock, ZoneId zone) {
    Instant base = clock.instant().truncatedTo(ChronoUnit.HOURS);
    List<Appointment> demo =
        List.of(
            demo(
                "demo-1",
                "+34600000001",
                base.plus(Duration.ofHours(3)),
                "Centro de Salud Cazoña",
                AppointmentKind.MEDICAL,
                Lang.ES),
            demo(
                "demo-2",
                "+34600000002",
                base.plus(Duration.ofHours(27)),
                "Ayuntamiento, Plaza del Ayuntamiento",
                AppointmentKind.MUNICIPAL,
                Lang.ES),
            demo(
                "demo-3",
                "+34600000003",
                base.plus(Duration.ofHours(50)),
                "Centro de Salud Vargas",
                AppointmentKind.MEDICAL,
                Lang.EN));
    int booked = 0;
    for (Appointment a : demo) {
      if (!service.exists(a.externalId())) {
        service.put(a);
        booked++;
      }
    }
    LOG.info(
        "simulator: {} demo appointments booked ({} already there)", booked, demo.size() - booked);
  }

  private static Appointment demo(
      String id, String phone, Instant at, String place, AppointmentKind kind, Lang lang) {
    return new Appointment(
        id, PhoneNumber.parse(phone), at, place, kind, lang, AppointmentStatus.BOOKED);
  }

  @Override
  public void close() throws InterruptedException {
    scheduler.shutdownNow();
    scheduler.awaitTermination(2, TimeUnit.SECONDS);
  }
}
