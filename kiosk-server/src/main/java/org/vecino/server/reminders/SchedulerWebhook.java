package org.vecino.server.reminders;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.vecino.server.db.Database;
import org.vecino.server.retry.Backoff;
import org.vecino.server.retry.DueWorkLoop;
import org.vecino.server.retry.RetryAfter;
import org.vecino.server.sms.Signatures;
import org.vecino.server.time.CityTime;

/**
 * Tells the scheduling system of citizens' confirmations and cancellations (http.md): the events
 * stored by {@link ReminderService} are posted, signed with {@link Signatures}, by one background
 * thread (a {@link DueWorkLoop}) that sleeps until the next is due, and is woken by {@link #wake()}
 * when events are committed. 2xx: done. 408, 429 (honouring a {@code Retry-After} of seconds or an
 * HTTP date), 5xx, a timeout or a refused connection: retried with exponential backoff and ±20 %
 * jitter, up to {@link #MAX_ATTEMPTS}; any other answer: failed at once. Disabled (records nothing)
 * when no URL is set. Thread-safe.
 */
public final class SchedulerWebhook implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(SchedulerWebhook.class);

  /** Attempts before an event is given up. */
  public static final int MAX_ATTEMPTS = 12;

  /**
   * The first retry waits about this long; each later one twice as long, at most {@link
   * #MAX_DELAY}.
   */
  public static final Duration FIRST_DELAY = Duration.ofSeconds(10);

  public static final Duration MAX_DELAY = Duration.ofHours(1);

  /** The wait after the {@code n}-th failure: doubled each time, ±20 % jitter, at most an hour. */
  private static final Backoff BACKOFF =
      Backoff.of(FIRST_DELAY, MAX_DELAY, Backoff.Jitter.plusMinus(0.2));

  /** The longest the thread sleeps without reading the events (it is woken for new ones). */
  private static final Duration MAX_IDLE = Duration.ofMinutes(1);

  private static final Duration TIMEOUT = Duration.ofSeconds(10);

  private final URI url;
  private final Signatures signatures;
  private final Database db;
  private final AppointmentRepository repo;
  private final ObjectMapper mapper;
  private final Clock clock;
  private final ZoneId zone;
  private final HttpClient client;
  private DueWorkLoop loop;

  /**
   * @param url the receiver, or null for none (then {@link #enabled()} is false)
   * @param secret the signing secret (required with a URL)
   */
  public SchedulerWebhook(
      URI url,
      String secret,
      Database db,
      AppointmentRepository repo,
      ObjectMapper mapper,
      Clock clock,
      ZoneId zone) {
    this.url = url;
    this.signatures = url == null ? null : new Signatures(secret);
    this.db = db;
    this.repo = repo;
    this.mapper = mapper;
    this.clock = clock;
    this.zone = zone;
    this.client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
  }

  /** Whether events are recorded and sent. */
  public boolean enabled() {
    return url != null;
  }

  /** Starts the sender thread (nothing when disabled or already started). */
  public synchronized void start() {
    if (!enabled() || loop != null) {
      return;
    }
    loop =
        new DueWorkLoop(
                "vecino-scheduler-webhook",
                clock,
                MAX_IDLE,
                DueWorkLoop.ERROR_BACKOFF,
                this::runDue)
            .start();
  }

  /** Tells the sender that events were committed. */
  public void wake() {
    DueWorkLoop l;
    synchronized (this) {
      l = loop;
    }
    if (l != null) {
      l.wake();
    }
  }

  /** Sends the next event when it is due; says when the next one is due. */
  private Optional<Instant> runDue(Instant now) throws InterruptedException {
    Optional<SchedulerEvent> next = db.read(repo::nextPendingEvent);
    if (next.isEmpty()) {
      return Optional.empty();
    }
    if (next.get().nextAttemptAt().isAfter(now)) {
      return Optional.of(next.get().nextAttemptAt());
    }
    deliver(next.get());
    return Optional.of(now);
  }

  /** Posts one event and records the outcome. */
  void deliver(SchedulerEvent e) throws InterruptedException {
    byte[] body = body(e);
    Instant now = clock.instant();
    long ts = now.getEpochSecond();
    int attempts = e.attempts() + 1;
    String error;
    boolean retry;
    Duration retryAfter = null;
    try {
      HttpResponse<Void> r =
          client.send(
              HttpRequest.newBuilder(url)
                  .timeout(TIMEOUT)
                  .header("Content-Type", "application/json")
                  .header(Signatures.TIMESTAMP_HEADER, Long.toString(ts))
                  .header(Signatures.SIGNATURE_HEADER, signatures.sign(ts, body))
                  .POST(HttpRequest.BodyPublishers.ofByteArray(body))
                  .build(),
              HttpResponse.BodyHandlers.discarding());
      int status = r.statusCode();
      if (status >= 200 && status < 300) {
        record(e.id(), SchedulerEvent.SENT, attempts, now, null);
        LOG.info("scheduler webhook: {} {} delivered", e.type(), e.externalId());
        return;
      }
      error = "HTTP " + status;
      retry = status == 408 || status == 429 || status >= 500;
      retryAfter =
          status == 429
              ? RetryAfter.parse(r.headers().firstValue("Retry-After").orElse(null), now, MAX_DELAY)
              : null;
    } catch (HttpTimeoutException ex) {
      error = "timeout";
      retry = true;
    } catch (IOException ex) {
      error = "connection failed: " + ex.getClass().getSimpleName();
      retry = true;
    }
    if (retry && attempts < MAX_ATTEMPTS) {
      Duration wait = delay(attempts);
      if (retryAfter != null && retryAfter.compareTo(wait) > 0) {
        wait = retryAfter;
      }
      Instant next = now.plus(wait);
      record(e.id(), SchedulerEvent.PENDING, attempts, next, error);
      LOG.warn(
          "scheduler webhook: {} {} not delivered ({}), attempt {} of {}, next at {}",
          e.type(),
          e.externalId(),
          error,
          attempts,
          MAX_ATTEMPTS,
          next);
    } else {
      record(e.id(), SchedulerEvent.FAILED, attempts, now, error);
      LOG.warn("scheduler webhook: {} {} failed ({})", e.type(), e.externalId(), error);
    }
  }

  /** The wait after the {@code attempts}-th failure: doubled each time, ±20 % jitter, capped. */
  static Duration delay(int attempts) {
    return BACKOFF.delay(attempts);
  }

  private void record(String id, String status, int attempts, Instant next, String error) {
    db.inTransaction(
        tx -> {
          repo.updateEvent(tx, id, status, attempts, next, error);
          return null;
        });
  }

  private byte[] body(SchedulerEvent e) {
    Map<String, String> m = new LinkedHashMap<>();
    m.put("id", e.id());
    m.put("type", e.type());
    m.put("externalId", e.externalId());
    m.put("at", CityTime.format(e.at(), zone));
    try {
      return mapper.writeValueAsBytes(m);
    } catch (JsonProcessingException ex) {
      throw new IllegalStateException(ex);
    }
  }

  /** Stops the sender thread (events left pending are sent after the next start). */
  @Override
  public void close() throws InterruptedException {
    DueWorkLoop l;
    synchronized (this) {
      l = loop;
      loop = null;
    }
    if (l != null) {
      l.close();
    }
  }

  @Override
  public String toString() {
    return "SchedulerWebhook["
        + (url == null ? "off" : url.getScheme() + "://" + url.getHost())
        + "]";
  }
}
