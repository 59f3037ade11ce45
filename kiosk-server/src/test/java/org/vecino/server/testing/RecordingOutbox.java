package org.vecino.server.testing;

import java.sql.Connection;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import org.vecino.server.sms.outbox.OutgoingSms;
import org.vecino.server.sms.outbox.SmsOutbox;

/** A test outbox that keeps enqueued messages in memory (the transaction is ignored). */
public final class RecordingOutbox implements SmsOutbox {
  private final List<OutgoingSms> messages = new CopyOnWriteArrayList<>();
  private final AtomicInteger wakes = new AtomicInteger();

  @Override
  public boolean enqueue(Connection tx, OutgoingSms sms) {
    if (messages.stream().anyMatch(m -> m.id().equals(sms.id()))) {
      return false;
    }
    messages.add(sms);
    return true;
  }

  @Override
  public boolean cancel(Connection tx, String id) {
    return false;
  }

  @Override
  public int cancelPendingTo(Connection tx, String phone, Set<String> purposes) {
    return 0;
  }

  @Override
  public Map<String, org.vecino.server.sms.outbox.SmsStatus> statuses(
      Connection c, Collection<String> ids) {
    return Map.of();
  }

  @Override
  public Optional<String> lastSentRef(Connection c, String phone, String purpose) {
    return Optional.empty();
  }

  @Override
  public void wake() {
    wakes.incrementAndGet();
  }

  public List<OutgoingSms> messages() {
    return List.copyOf(messages);
  }

  /** Messages to {@code phone} of {@code purpose}, oldest first. */
  public List<OutgoingSms> to(String phone, String purpose) {
    return messages.stream()
        .filter(m -> m.to().equals(phone) && m.purpose().equals(purpose))
        .toList();
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

  public int wakes() {
    return wakes.get();
  }
}
