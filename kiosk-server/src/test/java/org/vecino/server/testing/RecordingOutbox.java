package org.vecino.server.testing;

import java.sql.Connection;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;
import org.vecino.server.sms.outbox.OutgoingSms;
import org.vecino.server.sms.outbox.SmsOutbox;
import org.vecino.server.sms.outbox.SmsStatus;

/**
 * An {@link SmsOutbox} for tests that keeps every message in memory; a test plays the dispatcher
 * with {@link #markSent}. Honours the interface (idempotent enqueue, cancel only while pending,
 * last sent reference). Not transactional. Thread-safe.
 */
public final class RecordingOutbox implements SmsOutbox {
  private final Map<String, OutgoingSms> messages = new LinkedHashMap<>();
  private final Map<String, SmsStatus> statuses = new LinkedHashMap<>();
  private final List<String> sentOrder = new ArrayList<>();
  private final AtomicInteger wakes = new AtomicInteger();

  @Override
  public synchronized boolean enqueue(Connection tx, OutgoingSms sms) {
    if (messages.containsKey(sms.id())) {
      return false;
    }
    messages.put(sms.id(), sms);
    statuses.put(sms.id(), SmsStatus.SCHEDULED);
    return true;
  }

  @Override
  public synchronized boolean cancel(Connection tx, String id) {
    if (statuses.get(id) == SmsStatus.SCHEDULED) {
      statuses.put(id, SmsStatus.CANCELLED);
      return true;
    }
    return false;
  }

  @Override
  public synchronized int cancelPendingTo(Connection tx, String phone, Set<String> purposes) {
    int n = 0;
    for (OutgoingSms m : messages.values()) {
      if (m.to().equals(phone) && purposes.contains(m.purpose()) && cancel(tx, m.id())) {
        n++;
      }
    }
    return n;
  }

  @Override
  public synchronized Map<String, SmsStatus> statuses(Connection c, Collection<String> ids) {
    Map<String, SmsStatus> out = new LinkedHashMap<>();
    for (String id : ids) {
      if (statuses.containsKey(id)) {
        out.put(id, statuses.get(id));
      }
    }
    return out;
  }

  @Override
  public synchronized Optional<String> lastSentRef(Connection c, String phone, String purpose) {
    for (int i = sentOrder.size() - 1; i >= 0; i--) {
      OutgoingSms m = messages.get(sentOrder.get(i));
      if (m.to().equals(phone) && m.purpose().equals(purpose)) {
        return Optional.ofNullable(m.refId());
      }
    }
    return Optional.empty();
  }

  @Override
  public void wake() {
    wakes.incrementAndGet();
  }

  /** Plays the dispatcher: the message was handed to the gateway. */
  public synchronized void markSent(String id) {
    if (statuses.get(id) != SmsStatus.SCHEDULED) {
      throw new IllegalStateException(id + " is " + statuses.get(id));
    }
    statuses.put(id, SmsStatus.SENT);
    sentOrder.add(id);
  }

  /** Every message stored, in order. */
  public synchronized List<OutgoingSms> all() {
    return List.copyOf(messages.values());
  }

  /** The messages of {@code purpose} to {@code phone}, in order. */
  public synchronized List<OutgoingSms> to(String phone, String purpose) {
    return messages.values().stream()
        .filter(m -> m.to().equals(phone) && m.purpose().equals(purpose))
        .toList();
  }

  public synchronized SmsStatus status(String id) {
    return statuses.get(id);
  }

  /** How often {@link #wake()} was called. */
  public int wakes() {
    return wakes.get();
  }

  /** Every message, oldest first (as {@link #all()}). */
  public List<OutgoingSms> messages() {
    return all();
  }

  /** The six-digit code of the last one-time code sent to {@code phone}. */
  public String lastCode(String phone) {
    List<OutgoingSms> codes = to(phone, "otp");
    if (codes.isEmpty()) {
      throw new AssertionError("no code was sent to " + phone);
    }
    java.util.regex.Matcher m =
        java.util.regex.Pattern.compile("\\b(\\d{6})\\b")
            .matcher(codes.get(codes.size() - 1).text());
    if (!m.find()) {
      throw new AssertionError("no code in " + codes.get(codes.size() - 1).text());
    }
    return m.group(1);
  }
}
