package org.vecino.server.reminders;

import java.sql.Connection;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.vecino.server.sms.outbox.OutgoingSms;
import org.vecino.server.sms.outbox.SmsOutbox;
import org.vecino.server.sms.outbox.SmsStatus;

/**
 * A stand-in {@link SmsOutbox} used until the durable SQL outbox and its dispatcher are wired into
 * {@code Vecino}: it keeps messages in memory and sends nothing (every message stays {@code
 * scheduled}). Not durable, not transactional. Thread-safe.
 */
public final class InterimSmsOutbox implements SmsOutbox {
  private final Map<String, OutgoingSms> messages = new LinkedHashMap<>();
  private final Map<String, SmsStatus> statuses = new LinkedHashMap<>();

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
      SmsStatus s = statuses.get(id);
      if (s != null) {
        out.put(id, s);
      }
    }
    return out;
  }

  @Override
  public Optional<String> lastSentRef(Connection c, String phone, String purpose) {
    return Optional.empty();
  }

  @Override
  public void wake() {
    // Nothing is sent.
  }
}
