package org.vecino.server.sms.outbox;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.Collection;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The durable outbox every SMS Vecino sends goes through (reminders, replies, notices, one-time
 * codes). Messages are stored in the caller's transaction, so an appointment and its reminders are
 * committed together or not at all; a dispatcher sends each one at its time, at most once per
 * {@code id} from Vecino's side (the gateway deduplicates a repeated {@code id}). Implementations
 * are thread-safe.
 */
public interface SmsOutbox {

  /**
   * Stores {@code sms} within the transaction of {@code tx}. A message whose id is already stored
   * is left as it is.
   *
   * @return true when stored now, false when the id was already there
   */
  boolean enqueue(Connection tx, OutgoingSms sms) throws SQLException;

  /**
   * Cancels a message that has not been handed to the gateway yet.
   *
   * @return true when it was pending and is now {@code cancelled}
   */
  boolean cancel(Connection tx, String id) throws SQLException;

  /**
   * Cancels every pending message to {@code phone} whose purpose is in {@code purposes} (an
   * opt-out).
   *
   * @return how many were cancelled
   */
  int cancelPendingTo(Connection tx, String phone, Set<String> purposes) throws SQLException;

  /** The status of each stored id among {@code ids} (ids not stored are left out). */
  Map<String, SmsStatus> statuses(Connection c, Collection<String> ids) throws SQLException;

  /**
   * The {@code refId} of the most recent message of {@code purpose} handed to the gateway for
   * {@code phone}, if any (a reply applies to the appointment of the last reminder sent).
   */
  Optional<String> lastSentRef(Connection c, String phone, String purpose) throws SQLException;

  /**
   * Tells the dispatcher that messages were committed, so it re-reads the next due time. Call it
   * after the transaction that enqueued them has committed.
   */
  void wake();
}
