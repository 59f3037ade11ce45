package org.vecino.server.testing;

import static org.awaitility.Awaitility.await;

import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Supplier;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.vecino.server.sms.outbox.OutboxEntry;
import org.vecino.server.sms.outbox.SmsStatus;
import org.vecino.server.sms.outbox.SqlSmsOutbox;

/**
 * What the durable SMS outbox ({@link SqlSmsOutbox}) of a test holds, read from its table: each
 * message's id, phone, text, purpose and status, in the order they were stored. Not thread-safe
 * (each call reads afresh).
 */
public final class OutboxReader {
  private static final String IDS_IN_ORDER = "SELECT id FROM sms_outbox ORDER BY rowid";
  private static final Pattern CODE = Pattern.compile("\\b(\\d{6})\\b");

  private final Supplier<SqlSmsOutbox> outbox;

  /** Reads the outbox of the server's current run (a restart reads the new one). */
  public OutboxReader(TestServer server) {
    this.outbox = server::smsOutbox;
  }

  /** Reads {@code outbox}. */
  public OutboxReader(SqlSmsOutbox outbox) {
    this.outbox = () -> outbox;
  }

  /** Every message stored, oldest first. */
  public List<OutboxEntry> all() {
    SqlSmsOutbox o = outbox.get();
    List<String> ids =
        o.database()
            .read(
                c -> {
                  List<String> out = new ArrayList<>();
                  try (PreparedStatement ps = c.prepareStatement(IDS_IN_ORDER);
                      ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                      out.add(rs.getString(1));
                    }
                  }
                  return out;
                });
    return ids.stream().map(id -> o.find(id).orElseThrow()).toList();
  }

  /** The messages of {@code purpose} to {@code phone}, oldest first. */
  public List<OutboxEntry> to(String phone, String purpose) {
    return all().stream()
        .filter(m -> phone.equals(m.phone()) && m.purpose().equals(purpose))
        .toList();
  }

  /** The status of message {@code id}. */
  public SmsStatus status(String id) {
    return outbox.get().find(id).orElseThrow(() -> new AssertionError("no SMS " + id)).status();
  }

  /**
   * Plays the gateway accepting message {@code id} (as the dispatcher records it), for a test of
   * what follows a sent reminder without moving the clock to its time.
   */
  public void markSent(String id) {
    outbox.get().markSent(id, "test-gateway-" + id);
  }

  /**
   * Waits (at most 10 s) until message {@code id} has {@code status}, e.g. sent by the dispatcher.
   */
  public void awaitStatus(String id, SmsStatus status) {
    await().atMost(Duration.ofSeconds(10)).until(() -> status(id) == status);
  }

  /** The six-digit code of the last one-time code stored for {@code phone}. */
  public String lastCode(String phone) {
    List<OutboxEntry> codes = to(phone, "otp");
    if (codes.isEmpty()) {
      throw new AssertionError("no code was sent to " + phone);
    }
    String text = codes.get(codes.size() - 1).text();
    Matcher m = CODE.matcher(text);
    if (!m.find()) {
      throw new AssertionError("no code in " + text);
    }
    return m.group(1);
  }
}
