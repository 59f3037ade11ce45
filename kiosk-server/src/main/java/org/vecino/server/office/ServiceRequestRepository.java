package org.vecino.server.office;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Types;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.BiFunction;
import java.util.function.Function;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.vecino.core.kernel.GeoPoint;
import org.vecino.core.office.RequestStatus;
import org.vecino.core.office.ServiceRequest;
import org.vecino.server.db.Database;
import org.vecino.server.db.DbInstants;
import org.vecino.server.privacy.PurgeStep;
import org.vecino.server.privacy.RetentionRules;
import org.vecino.server.sms.outbox.OutgoingSms;
import org.vecino.server.sms.outbox.SmsOutbox;

/**
 * Service requests, their status history and the Open311 api keys (hashed). Thread-safe (the
 * database serialises writes).
 */
public final class ServiceRequestRepository {
  private static final Logger LOG = LoggerFactory.getLogger(ServiceRequestRepository.class);
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final String COLUMNS =
      "request_id, service_code, description, lat, lon, address, attributes, phone, lang, status,"
          + " status_notes, agency_responsible, requested_at, updated_at, token, media_url";

  /** What a purged request without a location keeps as its address (a request needs one). */
  public static final String REDACTED_ADDRESS = "[retirada por privacidad]";

  // The personal columns blanked by the privacy purge; the row keeps its id, service code,
  // status, location, staff notes and dates for Open311 statistics. updated_at is not touched.
  private static final String BLANK_PERSONAL =
      "UPDATE service_requests SET description = NULL, phone = NULL, email = NULL,"
          + " first_name = NULL, last_name = NULL, device_id = NULL, account_id = NULL,"
          + " media_url = NULL, attributes = '{}',"
          + " address = CASE WHEN lat IS NULL OR lon IS NULL THEN '"
          + REDACTED_ADDRESS
          + "' ELSE NULL END"
          + " WHERE status = ? AND updated_at < ?"
          + " AND (description IS NOT NULL OR phone IS NOT NULL OR email IS NOT NULL"
          + " OR first_name IS NOT NULL OR last_name IS NOT NULL OR device_id IS NOT NULL"
          + " OR account_id IS NOT NULL OR media_url IS NOT NULL OR attributes <> '{}'"
          + " OR (address IS NOT NULL AND address <> '"
          + REDACTED_ADDRESS
          + "'))";

  private final Database db;

  public ServiceRequestRepository(Database db) {
    this.db = db;
  }

  /**
   * Stores a new request, numbering it after the last one.
   *
   * @param build makes the request from its new id
   */
  public StoredRequest insert(
      Function<String, ServiceRequest> build, String token, RequestContact contact) {
    return db.inTransaction(c -> insert(c, build, token, contact));
  }

  /**
   * Stores many new requests in one transaction (an import, a load test), each with a random token.
   *
   * @return how many were stored
   */
  public int insertAll(List<Function<String, ServiceRequest>> builds, RequestContact contact) {
    return db.inTransaction(
        c -> {
          for (Function<String, ServiceRequest> build : builds) {
            insert(c, build, Secrets.hex(16), contact);
          }
          return builds.size();
        });
  }

  private static StoredRequest insert(
      Connection c, Function<String, ServiceRequest> build, String token, RequestContact contact)
      throws SQLException {
    long seq;
    try (PreparedStatement ps =
            c.prepareStatement("SELECT COALESCE(MAX(seq), 1000) + 1 FROM service_requests");
        ResultSet rs = ps.executeQuery()) {
      rs.next();
      seq = rs.getLong(1);
    }
    ServiceRequest r = build.apply(Long.toString(seq));
    try (PreparedStatement ps =
        c.prepareStatement(
            "INSERT INTO service_requests (request_id, seq, token, service_code,"
                + " description, lat, lon, address, attributes, phone, lang, status,"
                + " status_notes, agency_responsible, source, source_id, email, first_name,"
                + " last_name, device_id, account_id, media_url, requested_at, updated_at)"
                + " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?,"
                + " ?, ?)")) {
      int i = 1;
      ps.setString(i++, r.id());
      ps.setLong(i++, seq);
      ps.setString(i++, token);
      ps.setString(i++, r.serviceCode());
      ps.setString(i++, r.description());
      setDouble(ps, i++, r.location() == null ? null : r.location().lat());
      setDouble(ps, i++, r.location() == null ? null : r.location().lon());
      ps.setString(i++, r.address());
      ps.setString(i++, json(r.attributes()));
      ps.setString(i++, r.phone());
      ps.setString(i++, r.lang());
      ps.setString(i++, r.status().code());
      ps.setString(i++, r.statusNotes());
      ps.setString(i++, r.agencyResponsible());
      ps.setString(i++, contact.source());
      ps.setString(i++, contact.sourceId());
      ps.setString(i++, contact.email());
      ps.setString(i++, contact.firstName());
      ps.setString(i++, contact.lastName());
      ps.setString(i++, contact.deviceId());
      ps.setString(i++, contact.accountId());
      ps.setString(i++, contact.mediaUrl());
      ps.setString(i++, DbInstants.format(r.requestedAt()));
      ps.setString(i, DbInstants.format(r.updatedAt()));
      ps.executeUpdate();
    }
    note(c, r);
    return new StoredRequest(r, token, contact.mediaUrl());
  }

  /** A request by id. */
  public Optional<StoredRequest> find(String id) {
    return db.read(c -> find(c, "request_id", id));
  }

  /** A request by its Open311 token. */
  public Optional<StoredRequest> findByToken(String token) {
    return db.read(c -> find(c, "token", token));
  }

  private static Optional<StoredRequest> find(Connection c, String column, String value)
      throws SQLException {
    String sql =
        column.equals("token")
            ? "SELECT " + COLUMNS + " FROM service_requests WHERE token = ?"
            : "SELECT " + COLUMNS + " FROM service_requests WHERE request_id = ?";
    try (PreparedStatement ps = c.prepareStatement(sql)) {
      ps.setString(1, value);
      try (ResultSet rs = ps.executeQuery()) {
        return rs.next() ? Optional.of(read(rs)) : Optional.empty();
      }
    }
  }

  /**
   * Requests filed in [from, to], newest first, of the given service codes and statuses (empty:
   * any), at most {@code limit}. Filters, order and limit run in SQL on the index {@code
   * service_requests_window} (requested_at, seq), so the rows read stop at the limit and at most
   * {@code limit} are mapped, whatever the size of the table.
   */
  public List<StoredRequest> search(
      Instant from, Instant to, Set<String> serviceCodes, Set<RequestStatus> statuses, int limit) {
    return db.read(
        c -> {
          List<StoredRequest> out = new ArrayList<>();
          try (PreparedStatement ps =
              c.prepareStatement(searchSql(serviceCodes.size(), statuses.size()))) {
            bindSearch(ps, from, to, serviceCodes, statuses, limit);
            try (ResultSet rs = ps.executeQuery()) {
              while (rs.next()) {
                out.add(read(rs));
              }
            }
          }
          return out;
        });
  }

  /** SQLite's plan for {@link #search}, one line per step (for tests and diagnosis). */
  List<String> searchPlan(
      Instant from, Instant to, Set<String> serviceCodes, Set<RequestStatus> statuses, int limit) {
    return db.read(
        c -> {
          List<String> out = new ArrayList<>();
          try (PreparedStatement ps =
              c.prepareStatement(
                  "EXPLAIN QUERY PLAN " + searchSql(serviceCodes.size(), statuses.size()))) {
            bindSearch(ps, from, to, serviceCodes, statuses, limit);
            try (ResultSet rs = ps.executeQuery()) {
              while (rs.next()) {
                out.add(rs.getString("detail"));
              }
            }
          }
          return out;
        });
  }

  private static String searchSql(int codes, int statuses) {
    StringBuilder sql =
        new StringBuilder("SELECT ")
            .append(COLUMNS)
            .append(" FROM service_requests WHERE requested_at >= ? AND requested_at <= ?");
    if (codes > 0) {
      sql.append(" AND service_code IN (").append(placeholders(codes)).append(')');
    }
    if (statuses > 0) {
      sql.append(" AND status IN (").append(placeholders(statuses)).append(')');
    }
    return sql.append(" ORDER BY requested_at DESC, seq DESC LIMIT ?").toString();
  }

  private static String placeholders(int n) {
    return String.join(", ", java.util.Collections.nCopies(n, "?"));
  }

  private static void bindSearch(
      PreparedStatement ps,
      Instant from,
      Instant to,
      Set<String> serviceCodes,
      Set<RequestStatus> statuses,
      int limit)
      throws SQLException {
    int i = 1;
    ps.setString(i++, DbInstants.format(from));
    ps.setString(i++, DbInstants.format(to));
    for (String code : serviceCodes) {
      ps.setString(i++, code);
    }
    for (RequestStatus st : statuses) {
      ps.setString(i++, st.code());
    }
    ps.setInt(i, limit);
  }

  /**
   * Changes a request's status, notes and agency, recording the change; when {@code notice} gives
   * an SMS for the new state (a request just closed, with a phone) it is enqueued in the same
   * transaction, if it can take one event of each of its {@code limits} there (else it is dropped).
   *
   * @return the request after the change, empty when there is no such request
   */
  public Optional<StoredRequest> update(
      String id,
      Function<ServiceRequest, ServiceRequest> change,
      BiFunction<ServiceRequest, ServiceRequest, Optional<OutgoingSms>> notice,
      Function<OutgoingSms, List<OfficeRepository.Limit>> limits,
      SmsOutbox outbox) {
    return db.inTransaction(
        c -> {
          Optional<StoredRequest> found = find(c, "request_id", id);
          if (found.isEmpty()) {
            return Optional.<StoredRequest>empty();
          }
          ServiceRequest before = found.get().request();
          ServiceRequest after = change.apply(before);
          try (PreparedStatement ps =
              c.prepareStatement(
                  "UPDATE service_requests SET status = ?, status_notes = ?,"
                      + " agency_responsible = ?, updated_at = ? WHERE request_id = ?")) {
            ps.setString(1, after.status().code());
            ps.setString(2, after.statusNotes());
            ps.setString(3, after.agencyResponsible());
            ps.setString(4, DbInstants.format(after.updatedAt()));
            ps.setString(5, id);
            ps.executeUpdate();
          }
          note(c, after);
          Optional<OutgoingSms> sms = notice.apply(before, after);
          if (sms.isPresent()
              && OfficeRepository.take(c, limits.apply(sms.get()), sms.get().dueAt()).isEmpty()) {
            outbox.enqueue(c, sms.get());
          } else if (sms.isPresent()) {
            LOG.info("request {}: no SMS, the phone's SMS limit is reached", id);
          }
          return Optional.of(new StoredRequest(after, found.get().token(), found.get().mediaUrl()));
        });
  }

  private static void note(Connection c, ServiceRequest r) throws SQLException {
    try (PreparedStatement ps =
        c.prepareStatement(
            "INSERT INTO service_request_notes (note_id, request_id, at, status, status_notes,"
                + " agency_responsible) VALUES (?, ?, ?, ?, ?, ?)")) {
      ps.setString(1, java.util.UUID.randomUUID().toString());
      ps.setString(2, r.id());
      ps.setString(3, DbInstants.format(r.updatedAt()));
      ps.setString(4, r.status().code());
      ps.setString(5, r.statusNotes());
      ps.setString(6, r.agencyResponsible());
      ps.executeUpdate();
    }
  }

  /**
   * The privacy purge's steps: closed requests blanked after their closing, open ones after their
   * last update.
   */
  public Map<String, PurgeStep> purgeSteps() {
    return Map.of(
        RetentionRules.SERVICE_REQUESTS_CLOSED,
        before -> purgePersonalBefore(RequestStatus.CLOSED, before),
        RetentionRules.SERVICE_REQUESTS_OPEN,
        before -> purgePersonalBefore(RequestStatus.OPEN, before));
  }

  /**
   * Blanks the personal columns of the requests with status {@code status} last updated before
   * {@code before} (for a closed request, its closing).
   *
   * @return how many requests were blanked
   */
  public int purgePersonalBefore(RequestStatus status, Instant before) {
    return db.inTransaction(
        c -> {
          try (PreparedStatement ps = c.prepareStatement(BLANK_PERSONAL)) {
            ps.setString(1, status.code());
            ps.setString(2, DbInstants.format(before));
            return ps.executeUpdate();
          }
        });
  }

  /** How many status records a request has (its history). */
  public int historyLength(String id) {
    return db.read(
        c -> {
          try (PreparedStatement ps =
              c.prepareStatement(
                  "SELECT COUNT(*) FROM service_request_notes WHERE request_id = ?")) {
            ps.setString(1, id);
            try (ResultSet rs = ps.executeQuery()) {
              rs.next();
              return rs.getInt(1);
            }
          }
        });
  }

  // -------------------------------------------------------------------------------------------
  // Open311 api keys

  public void insertKey(String keyId, String name, byte[] hash, Instant now) {
    db.inTransaction(
        c -> {
          try (PreparedStatement ps =
              c.prepareStatement(
                  "INSERT INTO open311_api_keys (key_id, name, key_hash, created_at)"
                      + " VALUES (?, ?, ?, ?)")) {
            ps.setString(1, keyId);
            ps.setString(2, name);
            ps.setBytes(3, hash);
            ps.setString(4, DbInstants.format(now));
            ps.executeUpdate();
          }
          return null;
        });
  }

  /** The id of the key with this hash, if any. */
  public Optional<String> keyId(byte[] hash) {
    return db.read(
        c -> {
          try (PreparedStatement ps =
              c.prepareStatement("SELECT key_id FROM open311_api_keys WHERE key_hash = ?")) {
            ps.setBytes(1, hash);
            try (ResultSet rs = ps.executeQuery()) {
              return rs.next() ? Optional.of(rs.getString(1)) : Optional.<String>empty();
            }
          }
        });
  }

  // -------------------------------------------------------------------------------------------

  private static StoredRequest read(ResultSet rs) throws SQLException {
    double lat = rs.getDouble(4);
    boolean noLat = rs.wasNull();
    double lon = rs.getDouble(5);
    boolean noLon = rs.wasNull();
    ServiceRequest r =
        new ServiceRequest(
            rs.getString(1),
            rs.getString(2),
            rs.getString(3),
            noLat || noLon ? null : new GeoPoint(lat, lon),
            rs.getString(6),
            attributes(rs.getString(7)),
            rs.getString(8),
            rs.getString(9),
            RequestStatus.fromCode(rs.getString(10)).orElse(RequestStatus.OPEN),
            rs.getString(11),
            rs.getString(12),
            DbInstants.parse(rs.getString(13)),
            DbInstants.parse(rs.getString(14)));
    return new StoredRequest(r, rs.getString(15), rs.getString(16));
  }

  private static void setDouble(PreparedStatement ps, int i, Double v) throws SQLException {
    if (v == null) {
      ps.setNull(i, Types.REAL);
    } else {
      ps.setDouble(i, v);
    }
  }

  private static String json(Map<String, String> m) {
    try {
      return JSON.writeValueAsString(new LinkedHashMap<>(m));
    } catch (JsonProcessingException e) {
      throw new IllegalStateException(e);
    }
  }

  private static Map<String, String> attributes(String json) {
    try {
      return JSON.readValue(json, new TypeReference<Map<String, String>>() {});
    } catch (JsonProcessingException e) {
      return Map.of();
    }
  }
}
