package org.vecino.server.reminders;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.javalin.config.RoutesConfig;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.vecino.core.reminders.AppointmentStatus;
import org.vecino.server.config.Settings;
import org.vecino.server.db.Database;
import org.vecino.server.metrics.Metrics;
import org.vecino.server.module.ServerModule;
import org.vecino.server.module.StartedParts;
import org.vecino.server.office.OfficeReminders;
import org.vecino.server.privacy.PurgeStep;
import org.vecino.server.sms.Signatures;
import org.vecino.server.sms.SmsTexts;
import org.vecino.server.sms.outbox.SmsOutbox;

/**
 * Appointment reminders wired: the {@link ReminderService} (each reminder put in the given SMS
 * outbox in the same transaction), the scheduling system's webhook sender, the daily jobs (which
 * run the whole privacy purge, given by {@code Vecino}; with the simulator, the demo appointments),
 * the appointment and inbound-reply routes, and the {@code vecino_appointments} and {@code
 * vecino_reminders} gauges. Built once by {@code Vecino}; thread-safe.
 */
public final class RemindersModule implements ServerModule {
  private static final Logger LOG = LoggerFactory.getLogger(RemindersModule.class);

  private final Settings settings;
  private final Clock clock;
  private final ReminderService service;
  private final SchedulerWebhook webhook;
  private final AppointmentRoutes routes;
  private final StartedParts started = new StartedParts();

  private RemindersModule(
      Settings settings,
      Clock clock,
      ReminderService service,
      SchedulerWebhook webhook,
      AppointmentRoutes routes) {
    this.settings = settings;
    this.clock = clock;
    this.service = service;
    this.webhook = webhook;
    this.routes = routes;
  }

  /**
   * Builds the reminder service and its webhook sender (not started).
   *
   * @param outbox where reminders, notices and replies are enqueued
   * @param texts the SMS texts
   * @param gatewaySignatures the signatures of the gateway's inbound replies (as its receipts), or
   *     null when no gateway secret is set
   */
  public static RemindersModule create(
      Settings settings,
      Database db,
      SmsOutbox outbox,
      SmsTexts texts,
      Signatures gatewaySignatures,
      ObjectMapper mapper,
      Metrics metrics,
      Clock clock) {
    AppointmentRepository repository = new AppointmentRepository();
    SchedulerWebhook webhook =
        new SchedulerWebhook(
            settings.reminders().webhookUrl(),
            settings.reminders().webhookSecret(),
            db,
            repository,
            mapper,
            clock,
            settings.timezone());
    ReminderService service =
        new ReminderService(
            db,
            repository,
            outbox,
            texts,
            settings.reminders().policy(settings.timezone()),
            webhook,
            settings.reminders().retention(),
            clock);
    for (AppointmentStatus status : AppointmentStatus.values()) {
      metrics.gauge(
          "vecino_appointments",
          "Appointments kept, by status.",
          () -> service.counts().getOrDefault("appointment." + status.code(), 0L),
          "status",
          status.code());
    }
    for (String state : List.of("planned", "skipped")) {
      metrics.gauge(
          "vecino_reminders",
          "Reminders of the kept appointments: planned (in the SMS outbox) or skipped.",
          () -> service.counts().getOrDefault("reminder." + state, 0L),
          "state",
          state);
    }
    return new RemindersModule(
        settings,
        clock,
        service,
        webhook,
        new AppointmentRoutes(service, gatewaySignatures, clock));
  }

  /** The reminder service. */
  public ReminderService service() {
    return service;
  }

  /** The reminder service as the office's port: its bookings reminded like any appointment. */
  public OfficeReminders officeReminders() {
    return new OfficeRemindersAdapter(service);
  }

  /** The privacy purge's steps for appointments, handled replies and webhook events. */
  public Map<String, PurgeStep> purgeSteps() {
    return service.purgeSteps();
  }

  /**
   * Starts the daily jobs: {@code daily} (the privacy purge of every part) at once, then every day.
   * Called by {@code Vecino} once every part's steps exist; stopped with this module.
   */
  public void startDailyJobs(Runnable daily) {
    ReminderJobs jobs = new ReminderJobs(daily);
    jobs.start();
    started.add(jobs);
  }

  /** Registers {@code /api/v1/appointments/{externalId}} and the signed inbound replies. */
  @Override
  public void register(RoutesConfig config) {
    routes.register(config);
  }

  /**
   * Starts the webhook sender; with the simulator, books the demo appointments. The daily jobs
   * start later ({@link #startDailyJobs}).
   */
  @Override
  public void start() {
    webhook.start();
    started.add(webhook);
    if (settings.simulator()) {
      ReminderJobs.bookDemoAppointments(service, clock, settings.timezone());
    }
    LOG.info("Reminders: {}", settings.reminders());
  }

  /** Stops the daily jobs, then the webhook sender. */
  @Override
  public void close() {
    started.closeAll();
  }
}
