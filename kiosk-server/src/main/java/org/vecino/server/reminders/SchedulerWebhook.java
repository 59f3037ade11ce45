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
import java.util.concurrent.ThreadLocalRandom;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.vecino.server.db.Database;
import org.vecino.server.sms.Signatures;
import org.vecino.server.time.CityTime;

/**
 * Tells the scheduling system of citizens' confirmations and cancellations (http.md): the events
 * stored by {@link ReminderService} are posted, signed with {@link Signatures}, by one background
 * thread that sleeps until the next is due. 2xx: done. 408, 429 (honouring a {@code Retry-After} of
 * seconds), 5xx, a timeout or a refused connection: retried with exponential backoff and jitter, up
 * to {@link #MAX_ATTEMPTS}; any other answer: failed at once. Disabled (records nothing) when no
 * URL is set. Thread-safe.
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

  /** The longest the thread sleeps before looking again (the clock may be moved in tests). */
  private static final long MAX_SLEEP_MILLIS = 1_000;

  private static final Duration TIMEOUT = Duration.ofSeconds(10);

  private final URI url;
  private final Signatures signatures;
  private final Database db;
  private final AppointmentRepository repo;
  private final ObjectMapper mapper;
  private final Clock clock;
  private final ZoneId zone;
  private final HttpClient client;
  private final Object lock = new Object();
  private Thread thread;
  private boolean woken;
  private volatile boolean running;

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

  /** Starts the sender thread (nothing when disabled). */
  public synchronized void start() {
    if (!enabled() || running) {
      return;
    }
    running = true;
    thread = new Thread(this::loop, "vecino-scheduler-webhook");
    thread.setDaemon(true);
    thread.start();
  }

  /** Tells the sender that events were committed. */
  public void wake() {
    synchronized (lock) {
      woken = true;
      lock.notifyAll();
    }
  }

  private void loop() {
    while (running) {
      try {
        Optional<SchedulerEvent> next = db.read(repo::nextPendingEvent);
        long sleep = MAX_SLEEP_MILLIS;
        if (next.isPresent()) {
          long wait = Duration.between(clock.instant(), next.get().nextAttemptAt()).toMillis();
          if (wait <= 0) {
            deliver(next.get());
            continue;
          }
          sleep = Math.min(sleep, wait);
        }
        synchronized (lock) {
          if (!woken && running) {
            lock.wait(sleep);
          }
          woken = false;
        }
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        return;
      } catch (RuntimeException e) {
        LOG.warn("scheduler webhook: {}", e.toString());
        sleepQuietly();
      }
    }
  }

  private void sleepQuietly() {
    try {
      Thread.sleep(MAX_SLEEP_MILLIS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      running = false;
    }
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
      retryAfter = status == 429 ? retryAfter(r.headers().firstValue("Retry-After")) : null;
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
        wait = retryAfter.compareTo(MAX_DELAY) > 0 ? MAX_DELAY : retryAfter;
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

  /** A {@code Retry-After} of seconds (a date is ignored: the backoff applies). */
  static Duration retryAfter(Optional<String> header) {
    if (header.isEmpty()) {
      return null;
    }
    try {
      long seconds = Long.parseLong(header.get().trim());
      return seconds > 0 ? Duration.ofSeconds(seconds) : null;
    } catch (NumberFormatException e) {
      return null;
    }
  }

  /** The wait after the {@code attempts}-th failure: doubled each time, capped, ±20 % jitter. */
  static Duration delay(int attempts) {
    long base = FIRST_DELAY.toMillis() << Math.min(attempts - 1, 20);
    long capped = Math.min(base, MAX_DELAY.toMillis());
    double jitter = 0.8 + ThreadLocalRandom.current().nextDouble() * 0.4;
    return Duration.ofMillis((long) (capped * jitter));
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
    Thread t;
    synchronized (this) {
      running = false;
      t = thread;
      thread = null;
    }
    wake();
    if (t != null) {
      t.join(2_000);
      if (t.isAlive()) {
        t.interrupt();
        t.join(3_000);
      }
    }
  }

  @Override
  public String toString() {
    return "SchedulerWebhook["
        + (url == null ? "off" : url.getScheme() + "://" + url.getHost())
        + "]";
  }
}
