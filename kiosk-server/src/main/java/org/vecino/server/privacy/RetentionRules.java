package org.vecino.server.privacy;

import static org.vecino.server.privacy.RetentionRule.Action.BLANK_PERSONAL;
import static org.vecino.server.privacy.RetentionRule.Action.DELETE_ROW;
import static org.vecino.server.privacy.RetentionRule.Action.KEPT_WHILE_NEEDED;

import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * The one list of how long each table keeps personal data (a phone, its hash, free text a citizen
 * wrote), and of the tables judged to hold none. {@code docs/SECURITY.md} shows the same table;
 * {@code RetentionRulesTest} fails when a migration adds a table, or a personal-looking column to a
 * table, that this class does not name.
 */
public final class RetentionRules {
  public static final String SMS_OUTBOX = "sms_outbox";
  public static final String APPOINTMENTS = "appointments";
  public static final String SMS_INBOUND = "sms_inbound";
  public static final String SCHEDULER_EVENTS = "scheduler_events";
  public static final String SMS_OPT_OUTS = "sms_opt_outs";
  public static final String OFFICE_OTP_CODES = "office_otp_codes";
  public static final String CITIZEN_SESSIONS = "citizen_sessions";
  public static final String OFFICE_RATE_EVENTS = "office_rate_events";
  public static final String OFFICE_BOOKINGS = "office_bookings";
  public static final String SERVICE_REQUESTS_CLOSED = "service_requests.closed";
  public static final String SERVICE_REQUESTS_OPEN = "service_requests.open";

  /** One-time codes and citizen sessions: deleted this long after they expire or end. */
  public static final Duration AFTER_EXPIRY = Duration.ofDays(1);

  /** Rate-limit events: deleted this long after they happened (no window is longer). */
  public static final Duration RATE_EVENTS = Duration.ofDays(1);

  /** A closed service request's personal data: blanked this long after it was closed. */
  public static final Duration CLOSED_REQUEST = Duration.ofDays(90);

  /** An open service request's personal data: blanked this long after its last update. */
  public static final Duration STALE_OPEN_REQUEST = Duration.ofDays(365);

  /**
   * The tables without personal data, each with the reason. Every table of the schema is either
   * here or in a rule.
   */
  public static final Map<String, String> NOT_PERSONAL = notPersonal();

  /**
   * Columns whose names look personal ({@code RetentionRulesTest}) in tables without personal data,
   * as {@code table.column}, each with the reason.
   */
  public static final Map<String, String> NOT_PERSONAL_COLUMNS =
      Map.of("schema_version.description", "the name of an applied migration");

  private RetentionRules() {}

  /**
   * Every rule, in the order the purge applies them.
   *
   * @param reminderRetention {@code VECINO_REMINDER_RETENTION_DAYS} (30 days): the SMS outbox,
   *     appointments and their bookkeeping, and the office's bookings
   */
  public static List<RetentionRule> of(Duration reminderRetention) {
    return List.of(
        new RetentionRule(
            SMS_OUTBOX,
            "sms_outbox",
            "phone, text",
            reminderRetention,
            "the message ended (sent, failed, skipped, cancelled); a one-time code's text is"
                + " redacted as soon as it ends",
            BLANK_PERSONAL),
        new RetentionRule(
            APPOINTMENTS,
            "appointments",
            "phone, phone_hash, place (and the appointment's reminders, deleted with it)",
            reminderRetention,
            "the appointment's start",
            DELETE_ROW),
        new RetentionRule(
            SMS_INBOUND,
            "sms_inbound",
            "phone_hash, command of a citizen's reply",
            reminderRetention,
            "the reply was received",
            DELETE_ROW),
        new RetentionRule(
            SCHEDULER_EVENTS,
            "scheduler_events",
            "the appointment's id (linked to a phone by the scheduler)",
            reminderRetention,
            "the event, once sent or given up",
            DELETE_ROW),
        new RetentionRule(
            SMS_OPT_OUTS,
            "sms_opt_outs",
            "phone_hash",
            null,
            "kept on purpose while the phone is opted out (it is what stops reminders); deleted"
                + " when the citizen replies ALTA",
            KEPT_WHILE_NEEDED),
        new RetentionRule(
            OFFICE_OTP_CODES,
            "office_otp_codes",
            "phone, code_hash",
            AFTER_EXPIRY,
            "the code expired",
            DELETE_ROW),
        new RetentionRule(
            CITIZEN_SESSIONS,
            "citizen_sessions",
            "phone, token_hash",
            AFTER_EXPIRY,
            "the session expired or was ended",
            DELETE_ROW),
        new RetentionRule(
            OFFICE_RATE_EVENTS,
            "office_rate_events",
            "subject (a phone, a kiosk or a client address)",
            RATE_EVENTS,
            "the event (every limit's window is at most 1 day)",
            DELETE_ROW),
        new RetentionRule(
            OFFICE_BOOKINGS,
            "office_bookings",
            "phone",
            reminderRetention,
            "the booked slot's end (the anonymous slot counts stay in office_slot_counts)",
            DELETE_ROW),
        new RetentionRule(
            SERVICE_REQUESTS_CLOSED,
            "service_requests",
            "description, address, phone, email, names, device and account ids, media_url,"
                + " attributes",
            CLOSED_REQUEST,
            "the request was closed (its last update); id, service code, status, location and"
                + " dates stay for Open311 statistics",
            BLANK_PERSONAL),
        new RetentionRule(
            SERVICE_REQUESTS_OPEN,
            "service_requests",
            "as for closed requests",
            STALE_OPEN_REQUEST,
            "the last update of a request still open",
            BLANK_PERSONAL));
  }

  /** The tables the rules name. */
  public static Set<String> tables(List<RetentionRule> rules) {
    Set<String> tables = new TreeSet<>();
    rules.forEach(r -> tables.add(r.table()));
    return tables;
  }

  private static Map<String, String> notPersonal() {
    Map<String, String> m = new LinkedHashMap<>();
    String transit = "the bus network's live state, from the fleet system";
    m.put("transit_stop_predictions", transit);
    m.put("transit_alerts", transit);
    m.put("transit_alert_deletions", transit);
    m.put("transit_vehicle_positions", transit);
    String sensors =
        "rejected sensor messages (the last 1,000): fleet and parking sensors, no citizen";
    m.put("rejections", sensors);
    m.put("rejection_counts", sensors);
    String parking = "car parks' sensors and occupancy";
    m.put("parking_spot_readings", parking);
    m.put("parking_counter_readings", parking);
    m.put("parking_history_facilities", parking);
    m.put("parking_occupancy_5m", parking);
    m.put("parking_occupancy_1h", parking);
    m.put("schema_version", "the migrations applied");
    m.put("api_tokens", "staff and system tokens (hashed), named by an administrator");
    m.put("sms_receipts", "the gateway's message ids and delivery statuses");
    m.put(
        "reminders", "due times and statuses; deleted with their appointment (ON DELETE CASCADE)");
    m.put("office_slot_counts", "how many places of a slot are taken");
    m.put("open311_api_keys", "client applications' keys (hashed)");
    m.put("kiosk_heartbeats", "a kiosk device's last contact, version and screen");
    m.put(
        "service_request_notes",
        "the public status history of a request, written by staff for Open311");
    return Map.copyOf(m);
  }
}
