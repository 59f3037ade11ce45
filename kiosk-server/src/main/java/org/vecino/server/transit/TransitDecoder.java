package org.vecino.server.transit;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import org.vecino.core.kernel.GeoPoint;
import org.vecino.core.kernel.LocalizedText;
import org.vecino.core.transit.Timetable;
import org.vecino.core.transit.realtime.AlertDeletion;
import org.vecino.core.transit.realtime.Prediction;
import org.vecino.core.transit.realtime.ServiceAlert;
import org.vecino.core.transit.realtime.Severity;
import org.vecino.core.transit.realtime.StopPredictions;
import org.vecino.core.transit.realtime.VehiclePosition;
import org.vecino.server.ingest.Decoded;
import org.vecino.server.ingest.JsonPayload;
import org.vecino.server.ingest.MessageDecoder;
import org.vecino.server.ingest.RejectionReason;
import org.vecino.server.ingest.Topics;

/**
 * Decodes the transit topics of the MQTT contract ({@code mqtt.md}):
 *
 * <ul>
 *   <li>{@code {p}/transit/stops/{stopId}/arrivals}: a prediction snapshot; the stop must be in the
 *       timetable ({@code unknownId} otherwise); an {@code etaSeconds} is resolved against the
 *       message's {@code timestamp}.
 *   <li>{@code {p}/transit/vehicles/{vehicleId}/position}: a vehicle position (any id).
 *   <li>{@code {p}/transit/alerts/{alertId}}: a service alert (any id); an empty payload deletes
 *       it, as of the time it was received.
 * </ul>
 *
 * <p>Checks run cheapest first: size ({@code tooLarge}, not parsed), topic ({@code unknownTopic}),
 * catalog id ({@code unknownId}), then the payload ({@code invalidPayload}, listing every invalid
 * field). {@code distanceMeters} may have decimals; it is rounded to whole metres. Ordering and
 * future timestamps are not decided here.
 *
 * <p>Immutable and thread-safe (given a thread-safe {@link Timetable}, as the interface requires).
 */
public final class TransitDecoder implements MessageDecoder {
  /** The domain segment after the prefix. */
  public static final String DOMAIN = "transit";

  /** Largest {@code etaSeconds} the contract allows (2 hours). */
  public static final int MAX_ETA_SECONDS = 7200;

  private final String prefix;
  private final Timetable timetable;

  /** What a transit topic names. */
  private enum Kind {
    ARRIVALS("transit.arrivals"),
    VEHICLES("transit.vehicles"),
    ALERTS("transit.alerts");

    final String metric;

    Kind(String metric) {
      this.metric = metric;
    }
  }

  private record TransitTopic(Kind kind, String id) {}

  /**
   * @param prefix the topic prefix, e.g. {@code city}
   * @param timetable the static network stop ids are checked against
   */
  public TransitDecoder(String prefix, Timetable timetable) {
    this.prefix = Topics.checkPrefix(prefix);
    this.timetable = Objects.requireNonNull(timetable, "timetable");
  }

  @Override
  public String topicKind(String topic) {
    TransitTopic t = parseTopic(topic);
    return t == null ? UNKNOWN_KIND : t.kind().metric;
  }

  @Override
  public Decoded decode(String topic, byte[] payload, Instant receivedAt) {
    Optional<Decoded> early = Topics.precheck(topic, payload, receivedAt);
    if (early.isPresent()) {
      return early.get();
    }
    TransitTopic t = parseTopic(topic);
    if (t == null) {
      return Topics.unknownTopic();
    }
    try {
      switch (t.kind()) {
        case ARRIVALS:
          if (timetable.stop(t.id()).isEmpty()) {
            return new Decoded.Rejected(
                RejectionReason.UNKNOWN_ID, "stopId: '" + t.id() + "' is not in the timetable");
          }
          return arrivals(t.id(), payload, receivedAt);
        case VEHICLES:
          return vehicle(t.id(), payload, receivedAt);
        case ALERTS:
          return alert(t.id(), payload, receivedAt);
        default:
          throw new IllegalStateException(t.kind().name());
      }
    } catch (IllegalArgumentException e) {
      // A domain invariant the field checks did not anticipate: still a bad payload, never a crash.
      return invalid("payload: " + e.getMessage());
    }
  }

  private TransitTopic parseTopic(String topic) {
    List<String> s = Topics.segmentsAfterPrefix(prefix, topic);
    if (s == null || s.size() < 3 || !DOMAIN.equals(s.get(0))) {
      return null;
    }
    String id = s.get(2);
    if (id.isBlank()) {
      return null;
    }
    if (s.size() == 4 && "stops".equals(s.get(1)) && "arrivals".equals(s.get(3))) {
      return new TransitTopic(Kind.ARRIVALS, id);
    }
    if (s.size() == 4 && "vehicles".equals(s.get(1)) && "position".equals(s.get(3))) {
      return new TransitTopic(Kind.VEHICLES, id);
    }
    if (s.size() == 3 && "alerts".equals(s.get(1))) {
      return new TransitTopic(Kind.ALERTS, id);
    }
    return null;
  }

  private Decoded arrivals(String stopId, byte[] payload, Instant receivedAt) {
    JsonPayload p = new JsonPayload();
    ObjectNode root = p.parseObject(payload);
    if (root == null) {
      return invalid(p.detail());
    }
    Instant timestamp = p.instant(root, "", "timestamp", true);
    JsonNode list = p.array(root, "", "arrivals", true);
    List<Prediction> predictions = new ArrayList<>();
    if (list != null) {
      for (int i = 0; i < list.size(); i++) {
        Prediction prediction = prediction(p, list.get(i), "arrivals[" + i + "]", timestamp);
        if (prediction != null) {
          predictions.add(prediction);
        }
      }
    }
    if (p.hasErrors()) {
      return invalid(p.detail());
    }
    return new Decoded.Update(
        new TransitUpdate.StopArrivals(
            new StopPredictions(stopId, timestamp, receivedAt, predictions)));
  }

  /** One prediction, or null with its errors recorded (or when the timestamp is invalid). */
  private static Prediction prediction(
      JsonPayload p, JsonNode node, String path, Instant timestamp) {
    if (!node.isObject()) {
      p.error(path, "must be an object");
      return null;
    }
    int errorsBefore = p.errorCount();
    String line = p.string(node, path, "line", true);
    String destination = p.string(node, path, "destination", false);
    String vehicle = p.string(node, path, "vehicle", false);
    String trip = p.string(node, path, "trip", false);
    Double distance = p.number(node, path, "distanceMeters", 0, Double.MAX_VALUE, false);
    if (distance != null && distance > Integer.MAX_VALUE) {
      p.error(JsonPayload.path(path, "distanceMeters"), "must be a number 0.." + Integer.MAX_VALUE);
    }
    boolean hasEta = JsonPayload.present(node, "etaSeconds");
    boolean hasTime = JsonPayload.present(node, "arrivalTime");
    if (hasEta == hasTime) {
      p.error(path, "exactly one of etaSeconds or arrivalTime is required");
    }
    Integer eta = p.integer(node, path, "etaSeconds", 0, MAX_ETA_SECONDS, false);
    Instant time = p.instant(node, path, "arrivalTime", false);
    if (p.errorCount() > errorsBefore || timestamp == null) {
      return null;
    }
    Instant arrival = eta != null ? timestamp.plusSeconds(eta) : time;
    Integer meters = distance == null ? null : (int) Math.round(distance);
    return new Prediction(line, destination, arrival, vehicle, meters, trip);
  }

  private static Decoded vehicle(String vehicleId, byte[] payload, Instant receivedAt) {
    JsonPayload p = new JsonPayload();
    ObjectNode root = p.parseObject(payload);
    if (root == null) {
      return invalid(p.detail());
    }
    Instant timestamp = p.instant(root, "", "timestamp", true);
    Double lat = p.number(root, "", "lat", -90, 90, true);
    Double lon = p.number(root, "", "lon", -180, 180, true);
    String line = p.string(root, "", "line", false);
    Double speed = p.number(root, "", "speedKmh", 0, Double.MAX_VALUE, false);
    Integer bearing = p.integer(root, "", "bearing", 0, 359, false);
    if (p.hasErrors()) {
      return invalid(p.detail());
    }
    return new Decoded.Update(
        new TransitUpdate.Vehicle(
            new VehiclePosition(
                vehicleId, timestamp, receivedAt, line, new GeoPoint(lat, lon), speed, bearing)));
  }

  private static Decoded alert(String alertId, byte[] payload, Instant receivedAt) {
    if (payload.length == 0) {
      return new Decoded.Update(
          new TransitUpdate.AlertRemoved(new AlertDeletion(alertId, receivedAt)));
    }
    JsonPayload p = new JsonPayload();
    ObjectNode root = p.parseObject(payload);
    if (root == null) {
      return invalid(p.detail());
    }
    Instant timestamp = p.instant(root, "", "timestamp", true);
    Severity severity = null;
    String code = p.string(root, "", "severity", true);
    if (code != null) {
      severity = Severity.fromCode(code).orElse(null);
      if (severity == null) {
        p.error("severity", "must be one of info, warning, severe");
      }
    }
    List<String> lines = p.stringList(root, "", "lines");
    List<String> stops = p.stringList(root, "", "stops");
    Instant from = p.instant(root, "", "activeFrom", false);
    Instant until = p.instant(root, "", "activeUntil", false);
    if (from != null && until != null && !until.isAfter(from)) {
      p.error("activeUntil", "must be after activeFrom");
    }
    LocalizedText header = p.localizedText(root, "", "header", true);
    LocalizedText description = p.localizedText(root, "", "description", false);
    if (p.hasErrors()) {
      return invalid(p.detail());
    }
    return new Decoded.Update(
        new TransitUpdate.Alert(
            new ServiceAlert(
                alertId,
                timestamp,
                receivedAt,
                severity,
                lines,
                stops,
                from,
                until,
                header,
                description)));
  }

  private static Decoded invalid(String detail) {
    return new Decoded.Rejected(RejectionReason.INVALID_PAYLOAD, detail);
  }
}
