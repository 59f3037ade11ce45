package org.vecino.server.parking;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import org.vecino.core.parking.CounterReading;
import org.vecino.core.parking.Facility;
import org.vecino.core.parking.FacilityType;
import org.vecino.core.parking.ParkingCatalog;
import org.vecino.core.parking.SpotReading;
import org.vecino.server.ingest.Decoded;
import org.vecino.server.ingest.JsonPayload;
import org.vecino.server.ingest.MessageDecoder;
import org.vecino.server.ingest.RejectionReason;
import org.vecino.server.ingest.Topics;

/**
 * Decodes the parking topics of the MQTT contract ({@code mqtt.md}):
 *
 * <ul>
 *   <li>{@code {p}/parking/spots/{spotId}}: {@code timestamp}, {@code occupied} (boolean), optional
 *       {@code batteryPercent} (0..100, rounded to a whole percent); the spot must be in the
 *       catalog.
 *   <li>{@code {p}/parking/facilities/{facilityId}}: {@code timestamp}, {@code available} (integer
 *       &gt;= 0, required unless {@code status} is {@code closed}), optional {@code status} ({@code
 *       open} or {@code closed}) and {@code total} (&gt;= 1); the id must be a counted car park of
 *       the catalog (a street zone reports through its spots).
 * </ul>
 *
 * <p>Checks run cheapest first, as in {@code TransitDecoder}: size, topic, catalog id, payload
 * (every invalid field named). A counter above capacity is not rejected here: the state clamps it
 * and reports the counter as faulty. Immutable and thread-safe.
 */
public final class ParkingDecoder implements MessageDecoder {
  /** The domain segment after the prefix. */
  public static final String DOMAIN = "parking";

  static final String SPOTS_KIND = "parking.spots";
  static final String FACILITIES_KIND = "parking.facilities";

  private final String prefix;
  private final ParkingCatalog catalog;

  private record ParkingTopic(String kind, String id) {}

  public ParkingDecoder(String prefix, ParkingCatalog catalog) {
    this.prefix = Topics.checkPrefix(prefix);
    this.catalog = Objects.requireNonNull(catalog, "catalog");
  }

  @Override
  public String topicKind(String topic) {
    ParkingTopic t = parseTopic(topic);
    return t == null ? UNKNOWN_KIND : t.kind();
  }

  private ParkingTopic parseTopic(String topic) {
    List<String> s = Topics.segmentsAfterPrefix(prefix, topic);
    if (s == null || s.size() != 3 || !DOMAIN.equals(s.get(0)) || s.get(2).isBlank()) {
      return null;
    }
    if ("spots".equals(s.get(1))) {
      return new ParkingTopic(SPOTS_KIND, s.get(2));
    }
    if ("facilities".equals(s.get(1))) {
      return new ParkingTopic(FACILITIES_KIND, s.get(2));
    }
    return null;
  }

  @Override
  public Decoded decode(String topic, byte[] payload, Instant receivedAt) {
    Optional<Decoded> early = Topics.precheck(topic, payload, receivedAt);
    if (early.isPresent()) {
      return early.get();
    }
    ParkingTopic t = parseTopic(topic);
    if (t == null) {
      return Topics.unknownTopic();
    }
    try {
      if (t.kind().equals(SPOTS_KIND)) {
        if (catalog.spot(t.id()).isEmpty()) {
          return new Decoded.Rejected(
              RejectionReason.UNKNOWN_ID, "spotId: '" + t.id() + "' is not in the parking catalog");
        }
        return spot(t.id(), payload, receivedAt);
      }
      Facility f = catalog.facility(t.id()).orElse(null);
      if (f == null) {
        return new Decoded.Rejected(
            RejectionReason.UNKNOWN_ID,
            "facilityId: '" + t.id() + "' is not in the parking catalog");
      }
      if (f.type() != FacilityType.OFF_STREET) {
        return new Decoded.Rejected(
            RejectionReason.UNKNOWN_ID,
            "facilityId: '"
                + t.id()
                + "' is a street zone, not a counted car park; its spots report on"
                + " parking/spots/{spotId}");
      }
      return counter(t.id(), payload, receivedAt);
    } catch (IllegalArgumentException e) {
      return invalid("payload: " + e.getMessage());
    }
  }

  private static Decoded spot(String spotId, byte[] payload, Instant receivedAt) {
    JsonPayload p = new JsonPayload();
    ObjectNode root = p.parseObject(payload);
    if (root == null) {
      return invalid(p.detail());
    }
    Instant timestamp = p.instant(root, "", "timestamp", true);
    Boolean occupied = p.bool(root, "", "occupied", true);
    Double battery = p.number(root, "", "batteryPercent", 0, 100, false);
    if (p.hasErrors()) {
      return invalid(p.detail());
    }
    Integer percent = battery == null ? null : (int) Math.round(battery);
    return new Decoded.Update(
        new ParkingUpdate.Spot(new SpotReading(spotId, timestamp, receivedAt, occupied, percent)));
  }

  private static Decoded counter(String facilityId, byte[] payload, Instant receivedAt) {
    JsonPayload p = new JsonPayload();
    ObjectNode root = p.parseObject(payload);
    if (root == null) {
      return invalid(p.detail());
    }
    Instant timestamp = p.instant(root, "", "timestamp", true);
    String status = p.string(root, "", "status", false);
    boolean closed = "closed".equals(status);
    if (status != null && !closed && !"open".equals(status)) {
      p.error("status", "must be open or closed");
    }
    Integer available = p.integer(root, "", "available", 0, Integer.MAX_VALUE, !closed);
    Integer total = p.integer(root, "", "total", 1, Integer.MAX_VALUE, false);
    if (p.hasErrors()) {
      return invalid(p.detail());
    }
    return new Decoded.Update(
        new ParkingUpdate.Counter(
            new CounterReading(facilityId, timestamp, receivedAt, available, closed, total)));
  }

  private static Decoded invalid(String detail) {
    return new Decoded.Rejected(RejectionReason.INVALID_PAYLOAD, detail);
  }
}
