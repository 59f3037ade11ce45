package org.vecino.server.ingest;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.vecino.core.kernel.ApplyOutcome;
import org.vecino.server.db.Database;
import org.vecino.server.db.SqlWork;
import org.vecino.server.metrics.Metrics;
import org.vecino.server.mqtt.InboundMessage;
import org.vecino.server.mqtt.MessageHandler;
import org.vecino.server.retry.Backoff;

/**
 * The path from an MQTT message to the state: the subscriber's callback only decodes and queues
 * ({@link #onMessage}); one writer thread drains the queue in batches, applies each update to the
 * in-memory state of its domain under the ordering rules, stores the batch (what each domain keeps
 * of its applied updates, and the rejections) in one transaction, and only then acknowledges the
 * messages to the broker. A crash before the commit loses nothing: the broker redelivers what was
 * not acknowledged.
 *
 * <p>The pipeline knows no domain: each registers a {@link DomainIngest} (its topics' decoder, how
 * to apply its updates and what to store for them).
 *
 * <p>Thread-safety: {@link #onMessage} may be called from any thread; everything else runs on the
 * single writer thread.
 */
public final class IngestPipeline implements MessageHandler, AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(IngestPipeline.class);
  private static final int QUEUE_CAPACITY = 50_000;
  private static final int MAX_BATCH = 2_000;
  static final Duration MAX_STORE_BACKOFF = Duration.ofSeconds(5);
  private static final Backoff STORE_BACKOFF =
      Backoff.of(Duration.ofMillis(250), MAX_STORE_BACKOFF, Backoff.Jitter.NONE);
  static final String MESSAGES_METRIC = "vecino_mqtt_messages_total";
  private static final String MESSAGES_HELP = "MQTT messages by topic kind and result.";

  private record Pending(InboundMessage message, String kind, Decoded decoded) {}

  private final RoutingDecoder decoder;
  private final List<Lane<?>> lanes;
  private final Database db;
  private final RejectionRepository rejectionRepository;
  private final Metrics metrics;
  private final Clock clock;
  private final int rejectionsKept;
  private final BlockingQueue<Pending> queue = new ArrayBlockingQueue<>(QUEUE_CAPACITY);
  private final Map<String, Instant> lastAppliedByKind = new ConcurrentHashMap<>();
  private final AtomicLong appliedTotal = new AtomicLong();
  private final Thread writer;
  private volatile boolean running;
  private int rejectionsSinceTrim;
  private volatile StoreFailure storeFailure;

  /**
   * @param prefix the topic prefix, e.g. {@code city}
   * @param domains the domains, in the order their writes run in a batch's transaction
   * @throws IllegalArgumentException when two domains share a topic segment
   */
  public IngestPipeline(
      String prefix,
      List<? extends DomainIngest<?>> domains,
      Database db,
      RejectionRepository rejectionRepository,
      Metrics metrics,
      Clock clock,
      int rejectionsKept) {
    Map<String, MessageDecoder> byDomain = new LinkedHashMap<>();
    List<Lane<?>> lanes = new ArrayList<>(domains.size());
    for (DomainIngest<?> domain : domains) {
      if (byDomain.put(domain.domain(), Objects.requireNonNull(domain.decoder())) != null) {
        throw new IllegalArgumentException("two ingest handlers for domain " + domain.domain());
      }
      lanes.add(new Lane<>(domain));
    }
    this.decoder = new RoutingDecoder(prefix, byDomain);
    this.lanes = List.copyOf(lanes);
    this.db = Objects.requireNonNull(db);
    this.rejectionRepository = Objects.requireNonNull(rejectionRepository);
    this.metrics = Objects.requireNonNull(metrics);
    this.clock = Objects.requireNonNull(clock);
    this.rejectionsKept = rejectionsKept;
    this.writer = new Thread(this::run, "vecino-ingest-writer");
    metrics.gauge("vecino_ingest_queue_depth", "Messages waiting for the writer.", queue::size);
  }

  /** The MQTT subscription that receives every message under the prefix, known or not. */
  public List<String> topicFilters() {
    return decoder.topicFilters();
  }

  public void start() {
    running = true;
    writer.start();
  }

  /**
   * Decodes and queues one message. Blocks when the queue is full, which slows the subscriber and
   * lets the broker hold the rest: nothing is dropped.
   */
  @Override
  public void onMessage(InboundMessage message) {
    Decoded decoded = decoder.decode(message.topic(), message.payload(), message.receivedAt());
    String kind = decoder.topicKind(message.topic());
    try {
      queue.put(new Pending(message, kind, decoded));
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      // Not acknowledged: the broker redelivers it.
    }
  }

  /** Messages applied since start. */
  public long appliedTotal() {
    return appliedTotal.get();
  }

  /** When the last message of each topic kind was applied (for health). */
  public Map<String, Instant> lastAppliedByKind() {
    return Map.copyOf(lastAppliedByKind);
  }

  public int queueDepth() {
    return queue.size();
  }

  private void run() {
    List<Pending> batch = new ArrayList<>(MAX_BATCH);
    while (running || !queue.isEmpty()) {
      try {
        Pending first = queue.poll(100, TimeUnit.MILLISECONDS);
        if (first == null) {
          continue;
        }
        batch.add(first);
        queue.drainTo(batch, MAX_BATCH - 1);
        process(batch);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        return;
      } catch (RuntimeException e) {
        // Never let the writer die: the messages stay unacknowledged and are redelivered.
        LOG.error("ingest batch of {} messages failed; they will be redelivered", batch.size(), e);
        metrics.increment("vecino_ingest_failures_total", "Ingest batches that failed to store.");
      } finally {
        batch.clear();
      }
    }
  }

  /**
   * Stores a batch, retrying with backoff (up to {@link #MAX_STORE_BACKOFF} between tries) while
   * the database refuses the write (a full disk, a lock held by another process): the batch is kept
   * and its messages stay unacknowledged, so the broker neither drops nor redelivers them, and
   * ingest resumes by itself within seconds of the database accepting writes again. Meanwhile
   * {@link #storeFailure()} tells the health check.
   *
   * @return true once stored; false when Vecino stops first (the broker then redelivers the batch
   *     at the next start)
   */
  private boolean storeWithRetry(SqlWork<Void> work) throws InterruptedException {
    for (int attempt = 1; ; attempt++) {
      try {
        db.inTransaction(work);
        if (storeFailure != null) {
          LOG.info("ingest: the database accepts writes again after {} tries", attempt);
          storeFailure = null;
        }
        return true;
      } catch (RuntimeException e) {
        if (storeFailure == null) {
          storeFailure = new StoreFailure(clock.instant(), String.valueOf(e.getMessage()));
        }
        metrics.increment("vecino_ingest_failures_total", "Ingest batches that failed to store.");
        if (attempt == 1 || attempt % 20 == 0) {
          LOG.error(
              "ingest: cannot store a batch (try {}): {}; keeping it and retrying",
              attempt,
              e.getMessage());
        }
        if (!running) {
          LOG.warn("ingest: stopping with a batch not stored; the broker will redeliver it");
          return false;
        }
        Thread.sleep(STORE_BACKOFF.delay(attempt).toMillis());
      }
    }
  }

  /**
   * Since when, and why, the writer cannot store what it applied; empty while storing works.
   *
   * @return the first failure of the current run of failures
   */
  public Optional<StoreFailure> storeFailure() {
    return Optional.ofNullable(storeFailure);
  }

  /**
   * The first of a run of failed stores.
   *
   * @param since when the first try failed
   * @param message the database's message
   */
  public record StoreFailure(Instant since, String message) {}

  private void process(List<Pending> batch) throws InterruptedException {
    for (Lane<?> lane : lanes) {
      lane.applied.clear(); // what a failed batch applied is redelivered, not stored now
    }
    List<Rejection> rejections = new ArrayList<>();
    String[] results = new String[batch.size()];
    for (int i = 0; i < batch.size(); i++) {
      Pending p = batch.get(i);
      InboundMessage m = p.message();
      if (p.decoded() instanceof Decoded.Rejected r) {
        rejections.add(
            Rejection.of(m.topic(), r.reason(), r.detail(), m.receivedAt(), m.payload()));
        results[i] = r.reason().code();
      } else if (p.decoded() instanceof Decoded.Update u) {
        ApplyOutcome outcome = laneOf(u.update()).apply(u.update());
        switch (outcome) {
          case APPLIED -> results[i] = "applied";
          case OUT_OF_ORDER -> {
            rejections.add(
                Rejection.of(
                    m.topic(),
                    RejectionReason.OUT_OF_ORDER,
                    "timestamp: older than the state it would replace",
                    m.receivedAt(),
                    m.payload()));
            results[i] = RejectionReason.OUT_OF_ORDER.code();
          }
          case FUTURE_TIMESTAMP -> {
            rejections.add(
                Rejection.of(
                    m.topic(),
                    RejectionReason.FUTURE_TIMESTAMP,
                    "timestamp: too far in the future",
                    m.receivedAt(),
                    m.payload()));
            results[i] = RejectionReason.FUTURE_TIMESTAMP.code();
          }
        }
      }
    }
    Instant appliedAt = clock.instant();
    List<SqlWork<Void>> domainWrites = new ArrayList<>(lanes.size());
    int applied = 0;
    for (Lane<?> lane : lanes) {
      applied += lane.applied.size();
      lane.prepareStore(appliedAt).ifPresent(domainWrites::add);
    }
    boolean trim = rejectionsSinceTrim + rejections.size() >= Math.max(1, rejectionsKept / 10);
    boolean stored =
        storeWithRetry(
            tx -> {
              for (SqlWork<Void> write : domainWrites) {
                write.run(tx);
              }
              if (!rejections.isEmpty()) {
                rejectionRepository.add(tx, rejections);
                if (trim) {
                  rejectionRepository.trim(tx, rejectionsKept);
                }
              }
              return null;
            });
    if (!stored) {
      return;
    }
    rejectionsSinceTrim = trim ? 0 : rejectionsSinceTrim + rejections.size();
    Instant now = clock.instant();
    for (int i = 0; i < batch.size(); i++) {
      Pending p = batch.get(i);
      metrics.increment(
          MESSAGES_METRIC, MESSAGES_HELP, "result", results[i], "topic_kind", p.kind());
      if ("applied".equals(results[i])) {
        lastAppliedByKind.put(p.kind(), now);
      }
      p.message().ack();
    }
    appliedTotal.addAndGet(applied);
  }

  private Lane<?> laneOf(SensorUpdate update) {
    for (Lane<?> lane : lanes) {
      if (lane.domain.updateType().isInstance(update)) {
        return lane;
      }
    }
    throw new IllegalStateException("no ingest handler for " + update.getClass().getSimpleName());
  }

  /**
   * A registered domain and the updates of the current batch it applied; used by the writer thread
   * only.
   */
  private static final class Lane<U extends SensorUpdate> {
    final DomainIngest<U> domain;
    final List<U> applied = new ArrayList<>();

    Lane(DomainIngest<U> domain) {
      this.domain = Objects.requireNonNull(domain);
      Objects.requireNonNull(domain.updateType());
    }

    ApplyOutcome apply(SensorUpdate update) {
      U typed = domain.updateType().cast(update);
      ApplyOutcome outcome = domain.apply(typed);
      if (outcome == ApplyOutcome.APPLIED) {
        applied.add(typed);
      }
      return outcome;
    }

    /** The domain's writes for the batch (none when it applied nothing); starts the next batch. */
    Optional<SqlWork<Void>> prepareStore(Instant now) {
      if (applied.isEmpty()) {
        return Optional.empty();
      }
      List<U> batch = List.copyOf(applied);
      applied.clear();
      return Optional.of(domain.prepareStore(batch, now));
    }
  }

  /**
   * Stops the writer after it has applied, stored and acknowledged everything already queued. The
   * subscriber must be closed first, so nothing more arrives.
   */
  @Override
  public void close() {
    running = false;
    try {
      writer.join(8_000);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
