package org.vecino.server.reminders;

import java.sql.Connection;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Collectors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.vecino.core.kernel.Lang;
import org.vecino.core.kernel.NotFoundException;
import org.vecino.core.kernel.ValidationException;
import org.vecino.core.reminders.Appointment;
import org.vecino.core.reminders.AppointmentKind;
import org.vecino.core.reminders.AppointmentStatus;
import org.vecino.core.reminders.PhoneNumber;
import org.vecino.core.reminders.PlannedReminder;
import org.vecino.core.reminders.QuietHours;
import org.vecino.core.reminders.ReminderPolicy;
import org.vecino.core.reminders.text.AppointmentDateFormat;
import org.vecino.core.reminders.text.MessageTemplates;
import org.vecino.core.reminders.text.ReplyCommand;
import org.vecino.core.reminders.text.ReplyParser;
import org.vecino.server.db.Database;
import org.vecino.server.privacy.PurgeStep;
import org.vecino.server.privacy.RetentionRules;
import org.vecino.server.sms.SmsTexts;
import org.vecino.server.sms.outbox.OutgoingSms;
import org.vecino.server.sms.outbox.SmsOutbox;
import org.vecino.server.sms.outbox.SmsStatus;
import org.vecino.server.time.CityTime;

/**
 * Appointment reminders (http.md): books, moves and cancels appointments, plans their reminders
 * with the {@link ReminderPolicy} and puts each in the {@link SmsOutbox} in the same transaction,
 * acts on citizens' replies, records the scheduling system's webhook events and deletes personal
 * data after the retention period. Phones appear masked in its logs; texts never. Thread-safe
 * (every change is one database transaction).
 */
public final class ReminderService {
  private static final Logger LOG = LoggerFactory.getLogger(ReminderService.class);

  /** Purposes of the outbox messages. */
  public static final String PURPOSE_REMINDER = "reminder";

  public static final String PURPOSE_NOTICE = "notice";
  public static final String PURPOSE_REPLY = "reply";

  /** At most this many answers to one phone per {@link #ANSWER_WINDOW}. */
  public static final int MAX_ANSWERS = 5;

  public static final Duration ANSWER_WINDOW = Duration.ofHours(1);

  /** A reply not sent within this time is dropped. */
  private static final Duration REPLY_USEFUL_FOR = Duration.ofHours(6);

  private static final Set<SmsStatus> REACHED = Set.of(SmsStatus.SENT, SmsStatus.DELIVERED);

  private final Database db;
  private final AppointmentRepository repo;
  private final SmsOutbox outbox;
  private final SmsTexts texts;
  private final ReminderPolicy policy;
  private final SchedulerWebhook webhook;
  private final Duration retention;
  private final Clock clock;
  private final ZoneId zone;

  public ReminderService(
      Database db,
      AppointmentRepository repo,
      SmsOutbox outbox,
      SmsTexts texts,
      ReminderPolicy policy,
      SchedulerWebhook webhook,
      Duration retention,
      Clock clock) {
    this.db = Objects.requireNonNull(db, "db");
    this.repo = Objects.requireNonNull(repo, "repo");
    this.outbox = Objects.requireNonNull(outbox, "outbox");
    this.texts = Objects.requireNonNull(texts, "texts");
    this.policy = Objects.requireNonNull(policy, "policy");
    this.webhook = Objects.requireNonNull(webhook, "webhook");
    this.retention = Objects.requireNonNull(retention, "retention");
    this.clock = Objects.requireNonNull(clock, "clock");
    this.zone = policy.zone();
  }

  /** The owner of the office's own bookings; never reachable through the appointments API. */
  public static final String OWNER_OFFICE = "office";

  /**
   * The owner of appointments booked before owners were recorded (V11) and of the simulator's demo
   * ones: every API caller reaches them.
   */
  public static final String OWNER_SHARED = "legacy";

  /** External ids the office uses for its bookings ({@code office-bk-...}); no API caller's. */
  private static final String OFFICE_PREFIX = "office-";

  /** The answer to a PUT: whether it created the appointment, and the appointment now. */
  public record PutResult(boolean created, AppointmentView appointment) {}

  // ---------------------------------------------------------------------------------------------
  // The scheduling system

  /**
   * Books {@code a} or replaces the appointment of the same external id. A PUT that changes nothing
   * keeps the state; a new time or place recomputes the reminders not yet sent, clears a
   * confirmation and, when a reminder was already sent, tells the citizen; another change (phone,
   * kind, language) recomputes the pending reminders only.
   *
   * @throws ValidationException when {@code startsAt} is not in the future, unless the PUT repeats
   *     the stored appointment exactly (a retry after it began is still harmless)
   */
  public PutResult put(Appointment a) {
    return put(OWNER_SHARED, a);
  }

  /**
   * {@link #put(Appointment)} for {@code owner}: an appointment is created as {@code owner}'s, and
   * one of another owner is as if absent (another API caller's, or the office's).
   *
   * @param owner the API token id of the caller, or {@link #OWNER_OFFICE}
   * @throws NotFoundException when the external id is another owner's, or is the office's kind of
   *     id ({@code office-...}) and the caller is not the office
   */
  public PutResult put(String owner, Appointment a) {
    Objects.requireNonNull(owner, "owner");
    Instant now = clock.instant();
    PutResult result =
        db.inTransaction(
            tx -> {
              Optional<String> rowOwner = repo.ownerOf(tx, a.externalId());
              if (rowOwner.isPresent()
                  ? !reachable(rowOwner.get(), owner)
                  : !owner.equals(OWNER_OFFICE) && a.externalId().startsWith(OFFICE_PREFIX)) {
                throw new NotFoundException("appointment", a.externalId());
              }
              Optional<AppointmentRepository.Stored> existing = repo.find(tx, a.externalId());
              boolean repeat =
                  existing.isPresent()
                      && existing.get().appointment().status()
                          != AppointmentStatus.CANCELLED_BY_SYSTEM
                      && a.sameBookingAs(existing.get().appointment());
              if (!repeat && !a.startsAt().isAfter(now)) {
                throw new ValidationException("startsAt", "must be in the future");
              }
              if (existing.isEmpty()) {
                Appointment booked = a.withStatus(AppointmentStatus.BOOKED);
                repo.insert(tx, booked, owner, now);
                replan(tx, booked, now);
                LOG.info(
                    "appointment {} booked for {} at {}",
                    a.externalId(),
                    a.phone().masked(),
                    a.startsAt());
                return new PutResult(true, view(tx, a.externalId()));
              }
              Appointment old = existing.get().appointment();
              if (repeat) {
                return new PutResult(false, view(tx, a.externalId()));
              }
              boolean moved =
                  old.status() == AppointmentStatus.CANCELLED_BY_SYSTEM || a.movedFrom(old);
              AppointmentStatus status = moved ? AppointmentStatus.BOOKED : old.status();
              Appointment updated = a.withStatus(status);
              repo.update(tx, updated, now);
              boolean reached = anyReached(tx, a.externalId());
              replan(tx, updated, now);
              if (moved && reached && old.status() != AppointmentStatus.CANCELLED_BY_SYSTEM) {
                notice(tx, updated, MessageTemplates.NOTICE_MOVED, now);
              }
              LOG.info(
                  "appointment {} for {} {}",
                  a.externalId(),
                  a.phone().masked(),
                  moved ? "moved to " + a.startsAt() : "changed");
              return new PutResult(false, view(tx, a.externalId()));
            });
    outbox.wake();
    return result;
  }

  /**
   * The appointment of {@code externalId}.
   *
   * @throws NotFoundException when there is none
   */
  public AppointmentView get(String externalId) {
    return db.read(tx -> view(tx, externalId));
  }

  /**
   * The appointment of {@code externalId} if {@code owner} reaches it.
   *
   * @throws NotFoundException when there is none, or it is another owner's
   */
  public AppointmentView get(String owner, String externalId) {
    return db.read(
        tx -> {
          requireReachable(tx, owner, externalId);
          return view(tx, externalId);
        });
  }

  /**
   * {@link #cancel(String)} if {@code owner} reaches the appointment.
   *
   * @throws NotFoundException when there is none, or it is another owner's
   */
  public AppointmentView cancel(String owner, String externalId) {
    return cancel(Objects.requireNonNull(owner, "owner"), externalId, true);
  }

  private void requireReachable(Connection tx, String owner, String externalId)
      throws SQLException {
    Optional<String> rowOwner = repo.ownerOf(tx, externalId);
    if (rowOwner.isEmpty() || !reachable(rowOwner.get(), owner)) {
      throw new NotFoundException("appointment", externalId);
    }
  }

  /** Whether {@code caller} reaches an appointment of {@code rowOwner}. */
  private static boolean reachable(String rowOwner, String caller) {
    return rowOwner.equals(caller)
        || (rowOwner.equals(OWNER_SHARED) && !caller.equals(OWNER_OFFICE));
  }

  /**
   * Cancels the appointment for the scheduling system (DELETE): its pending reminders are withdrawn
   * and, if a reminder already reached the citizen, they are told.
   *
   * @throws NotFoundException when there is none
   */
  public AppointmentView cancel(String externalId) {
    return cancel(null, externalId, false);
  }

  private AppointmentView cancel(String owner, String externalId, boolean checkOwner) {
    Instant now = clock.instant();
    AppointmentView v =
        db.inTransaction(
            tx -> {
              if (checkOwner) {
                requireReachable(tx, owner, externalId);
              }
              Appointment a = require(tx, externalId);
              if (a.status() == AppointmentStatus.CANCELLED_BY_SYSTEM) {
                return view(tx, externalId);
              }
              Appointment cancelled = a.withStatus(AppointmentStatus.CANCELLED_BY_SYSTEM);
              repo.update(tx, cancelled, now);
              cancelPending(tx, externalId);
              if (a.status().active() && anyReached(tx, externalId)) {
                notice(tx, cancelled, MessageTemplates.NOTICE_CANCELLED_BY_SYSTEM, now);
              }
              LOG.info("appointment {} for {} cancelled", externalId, a.phone().masked());
              return view(tx, externalId);
            });
    outbox.wake();
    return v;
  }

  /** The coming appointments of {@code phone}, earliest first (for the office kiosk). */
  public List<UpcomingAppointment> upcomingFor(PhoneNumber phone) {
    Instant now = clock.instant();
    return db.read(
        tx ->
            repo.upcoming(tx, phone, now).stream()
                .sorted(java.util.Comparator.comparing(Appointment::startsAt))
                .map(
                    a ->
                        new UpcomingAppointment(
                            a.externalId(), a.startsAt(), a.place(), a.kind(), a.status()))
                .collect(Collectors.toList()));
  }

  /**
   * Counts for metrics: {@code appointment.<status>} and {@code
   * reminder.planned|skipped|withdrawn}.
   */
  public Map<String, Long> counts() {
    return db.read(repo::counts);
  }

  /** Whether an appointment of that id exists. */
  public boolean exists(String externalId) {
    return db.read(tx -> repo.find(tx, externalId).isPresent());
  }

  // ---------------------------------------------------------------------------------------------
  // Citizens' replies

  /**
   * Acts on a citizen's reply (an authentic call of the gateway): the first word decides ({@link
   * ReplyParser}); it applies to the appointment of the last reminder sent to that phone, else to
   * its next one. Every reply is answered in the appointment's language, at most {@link
   * #MAX_ANSWERS} per phone per hour. A repeated {@code messageId} changes nothing.
   */
  public InboundOutcome inbound(String messageId, PhoneNumber from, String text) {
    Instant now = clock.instant();
    InboundOutcome outcome =
        db.inTransaction(
            tx -> {
              if (repo.inboundSeen(tx, messageId)) {
                return new InboundOutcome.Duplicate();
              }
              ReplyCommand command = ReplyParser.parse(text);
              Optional<Appointment> target = target(tx, from, now);
              String key = act(tx, command, from, target, now);
              boolean answered =
                  repo.answersSince(tx, from, now.minus(ANSWER_WINDOW)) < MAX_ANSWERS;
              Lang lang = target.map(Appointment::language).orElse(Lang.ES);
              if (answered) {
                Map<String, String> values =
                    target.map(this::values).orElseGet(java.util.HashMap::new);
                String body = texts.render(key, lang, values);
                outbox.enqueue(
                    tx,
                    new OutgoingSms(
                        "rep-" + UUID.randomUUID(),
                        from.e164(),
                        body,
                        now,
                        now.plus(REPLY_USEFUL_FOR),
                        PURPOSE_REPLY,
                        target.map(Appointment::externalId).orElse(null)));
              }
              repo.insertInbound(tx, messageId, from, command.name(), answered, now);
              LOG.info(
                  "reply {} from {} ({}{})",
                  command,
                  from.masked(),
                  target.map(a -> "appointment " + a.externalId()).orElse("no appointment"),
                  answered ? "" : ", not answered: answer limit reached");
              return new InboundOutcome.Handled(
                  command, target.map(Appointment::externalId).orElse(null), answered);
            });
    outbox.wake();
    webhook.wake();
    return outcome;
  }

  private Optional<Appointment> target(Connection tx, PhoneNumber phone, Instant now)
      throws SQLException {
    Optional<String> ref = outbox.lastSentRef(tx, phone.e164(), PURPOSE_REMINDER);
    if (ref.isPresent()) {
      Optional<StoredReminder> r = repo.reminder(tx, ref.get());
      if (r.isPresent()) {
        Optional<AppointmentRepository.Stored> a = repo.find(tx, r.get().externalId());
        if (a.isPresent()
            && a.get().appointment().startsAt().isAfter(now)
            && a.get().appointment().status() != AppointmentStatus.CANCELLED_BY_SYSTEM
            && a.get().appointment().phone().e164().equals(phone.e164())) {
          return Optional.of(a.get().appointment());
        }
      }
    }
    return repo.upcoming(tx, phone, now).stream().findFirst();
  }

  /** Does what {@code command} asks; returns the key of the answer's text. */
  private String act(
      Connection tx,
      ReplyCommand command,
      PhoneNumber from,
      Optional<Appointment> target,
      Instant now)
      throws SQLException {
    switch (command) {
      case CONFIRM:
        {
          if (target.isEmpty()) {
            return MessageTemplates.REPLY_NO_APPOINTMENT;
          }
          Appointment a = target.get();
          if (a.status() != AppointmentStatus.CONFIRMED) {
            Appointment confirmed = a.withStatus(AppointmentStatus.CONFIRMED);
            repo.update(tx, confirmed, now);
            if (a.status() == AppointmentStatus.CANCELLED_BY_CITIZEN) {
              replan(tx, confirmed, now);
            }
            event(tx, SchedulerEvent.CONFIRMED, a.externalId(), now);
          }
          return MessageTemplates.REPLY_CONFIRMED;
        }
      case CANCEL:
        {
          if (target.isEmpty()) {
            return MessageTemplates.REPLY_NO_APPOINTMENT;
          }
          Appointment a = target.get();
          if (a.status().active()) {
            repo.update(tx, a.withStatus(AppointmentStatus.CANCELLED_BY_CITIZEN), now);
            cancelPending(tx, a.externalId());
            event(tx, SchedulerEvent.CANCELLED, a.externalId(), now);
          }
          return MessageTemplates.REPLY_CANCELLED;
        }
      case STOP:
        repo.optOut(tx, from, now);
        outbox.cancelPendingTo(tx, from.e164(), Set.of(PURPOSE_REMINDER, PURPOSE_NOTICE));
        return MessageTemplates.REPLY_STOPPED;
      case START:
        {
          boolean wasOut = repo.optedOut(tx, from);
          repo.optIn(tx, from);
          if (wasOut) {
            for (Appointment a : repo.upcoming(tx, from, now)) {
              if (a.status().active()) {
                replan(tx, a, now);
              }
            }
          }
          return MessageTemplates.REPLY_STARTED;
        }
      case HELP:
      case UNKNOWN:
      default:
        return MessageTemplates.REPLY_HELP;
    }
  }

  private void event(Connection tx, String type, String externalId, Instant now)
      throws SQLException {
    if (webhook.enabled()) {
      repo.insertEvent(
          tx,
          new SchedulerEvent(
              "evt-" + UUID.randomUUID(), type, externalId, now, SchedulerEvent.PENDING, 0, now));
    }
  }

  // ---------------------------------------------------------------------------------------------
  // Privacy

  /**
   * Deletes the appointments (with their reminders) that began more than the retention period ago,
   * and the bookkeeping of replies and webhook events as old.
   *
   * @return how many appointments were deleted
   */
  public int purge() {
    Instant before = clock.instant().minus(retention);
    int[] n = new int[2];
    db.inTransaction(
        tx -> {
          n[0] = repo.deleteStartedBefore(tx, before);
          n[1] = repo.deleteBookkeepingBefore(tx, before);
          return null;
        });
    if (n[0] + n[1] > 0) {
      LOG.info(
          "privacy purge: {} appointments and {} replies or events older than {} deleted",
          n[0],
          n[1],
          before);
    }
    return n[0];
  }

  /**
   * The privacy purge's steps for this service's tables ({@code privacy.RetentionRules}): the
   * appointments (with their reminders), the handled replies and the finished webhook events, each
   * deleted in its own transaction.
   */
  public Map<String, PurgeStep> purgeSteps() {
    return Map.of(
        RetentionRules.APPOINTMENTS,
        before -> db.inTransaction(tx -> repo.deleteStartedBefore(tx, before)),
        RetentionRules.SMS_INBOUND,
        before -> db.inTransaction(tx -> repo.deleteRepliesBefore(tx, before)),
        RetentionRules.SCHEDULER_EVENTS,
        before -> db.inTransaction(tx -> repo.deleteFinishedEventsBefore(tx, before)));
  }

  // ---------------------------------------------------------------------------------------------
  // Planning

  /**
   * Withdraws the reminders not yet sent (cancelling them in the outbox) and plans anew: past ones
   * skipped, the late-booking reminder only when none reached the citizen already; for a landline
   * or an opted-out phone every reminder is skipped.
   */
  private void replan(Connection tx, Appointment a, Instant now) throws SQLException {
    List<StoredReminder> current = repo.reminders(tx, a.externalId());
    Map<String, SmsStatus> statuses = statuses(tx, current);
    boolean kept = false;
    for (StoredReminder r : current) {
      if (!r.planned()) {
        repo.withdrawReminder(tx, r.id());
        continue;
      }
      SmsStatus s = statuses.get(r.smsId());
      if (s == null || s.pending()) {
        outbox.cancel(tx, r.smsId());
        repo.withdrawReminder(tx, r.id());
      } else if (s == SmsStatus.CANCELLED) {
        repo.withdrawReminder(tx, r.id());
      } else {
        kept = true;
      }
    }
    if (!a.status().active() || !a.startsAt().isAfter(now)) {
      return;
    }
    boolean optedOut = repo.optedOut(tx, a.phone());
    for (PlannedReminder p : policy.plan(a.kind(), a.startsAt(), now, !kept)) {
      String id = "rem-" + UUID.randomUUID();
      if (p instanceof PlannedReminder.Skipped s) {
        repo.insertReminder(
            tx,
            new StoredReminder(
                id, a.externalId(), s.dueAt(), StoredReminder.SKIPPED, s.reason().code(), null),
            now);
      } else if (!a.phone().isMobile() || optedOut) {
        PlannedReminder.SkipReason reason =
            !a.phone().isMobile()
                ? PlannedReminder.SkipReason.LANDLINE
                : PlannedReminder.SkipReason.OPTED_OUT;
        repo.insertReminder(
            tx,
            new StoredReminder(
                id, a.externalId(), p.dueAt(), StoredReminder.SKIPPED, reason.code(), null),
            now);
      } else {
        repo.insertReminder(
            tx,
            new StoredReminder(id, a.externalId(), p.dueAt(), StoredReminder.PLANNED, null, id),
            now);
        String key =
            a.kind() == AppointmentKind.MEDICAL
                ? MessageTemplates.REMINDER_MEDICAL
                : MessageTemplates.REMINDER_MUNICIPAL;
        outbox.enqueue(
            tx,
            new OutgoingSms(
                id,
                a.phone().e164(),
                texts.render(key, a.language(), values(a)),
                p.dueAt(),
                a.startsAt(),
                PURPOSE_REMINDER,
                id));
      }
    }
  }

  /** Cancels the pending reminders of an appointment in the outbox (they show as cancelled). */
  private void cancelPending(Connection tx, String externalId) throws SQLException {
    List<StoredReminder> current = repo.reminders(tx, externalId);
    Map<String, SmsStatus> statuses = statuses(tx, current);
    for (StoredReminder r : current) {
      if (r.planned()) {
        SmsStatus s = statuses.get(r.smsId());
        if (s == null || s.pending()) {
          outbox.cancel(tx, r.smsId());
        }
      }
    }
  }

  private boolean anyReached(Connection tx, String externalId) throws SQLException {
    List<StoredReminder> current = repo.reminders(tx, externalId);
    return statuses(tx, current).values().stream().anyMatch(REACHED::contains);
  }

  /** A notice (moved, cancelled) now, or when quiet hours end if still before the appointment. */
  private void notice(Connection tx, Appointment a, String key, Instant now) throws SQLException {
    if (!a.phone().isMobile() || repo.optedOut(tx, a.phone()) || !a.startsAt().isAfter(now)) {
      return;
    }
    Instant due = now;
    Optional<QuietHours> quiet = policy.quietHours();
    if (quiet.isPresent() && quiet.get().contains(now, zone)) {
      Instant end = quiet.get().endOfSpan(now, zone);
      if (end.isBefore(a.startsAt())) {
        due = end;
      }
    }
    outbox.enqueue(
        tx,
        new OutgoingSms(
            "not-" + UUID.randomUUID(),
            a.phone().e164(),
            texts.render(key, a.language(), values(a)),
            due,
            a.startsAt(),
            PURPOSE_NOTICE,
            a.externalId()));
  }

  private Map<String, String> values(Appointment a) {
    return Map.of(
        "when",
        AppointmentDateFormat.format(a.startsAt().atZone(zone), a.language()),
        "place",
        a.place());
  }

  private Map<String, SmsStatus> statuses(Connection tx, List<StoredReminder> reminders)
      throws SQLException {
    List<String> ids = new ArrayList<>();
    for (StoredReminder r : reminders) {
      if (r.smsId() != null) {
        ids.add(r.smsId());
      }
    }
    return ids.isEmpty() ? Map.of() : outbox.statuses(tx, ids);
  }

  private Appointment require(Connection tx, String externalId) throws SQLException {
    return repo.find(tx, externalId)
        .orElseThrow(() -> new NotFoundException("appointment", externalId))
        .appointment();
  }

  // ---------------------------------------------------------------------------------------------
  // Answers

  private AppointmentView view(Connection tx, String externalId) throws SQLException {
    AppointmentRepository.Stored s =
        repo.find(tx, externalId)
            .orElseThrow(() -> new NotFoundException("appointment", externalId));
    Appointment a = s.appointment();
    List<StoredReminder> reminders = repo.reminders(tx, externalId);
    Map<String, SmsStatus> statuses = statuses(tx, reminders);
    List<AppointmentView.ReminderView> shown = new ArrayList<>();
    for (StoredReminder r : reminders) {
      if (r.planned()) {
        SmsStatus st = statuses.getOrDefault(r.smsId(), SmsStatus.SCHEDULED);
        shown.add(new AppointmentView.ReminderView(time(r.dueAt()), st.code(), null));
      } else {
        shown.add(
            new AppointmentView.ReminderView(
                time(r.dueAt()), SmsStatus.SKIPPED.code(), r.skipReason()));
      }
    }
    return new AppointmentView(
        a.externalId(),
        a.phone().masked(),
        time(a.startsAt()),
        a.place(),
        a.kind().code(),
        a.language().code(),
        a.status().code(),
        shown,
        time(s.createdAt()),
        time(s.updatedAt()));
  }

  private String time(Instant t) {
    return CityTime.format(t, zone);
  }
}
