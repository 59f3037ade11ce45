package org.vecino.core.transit.realtime;

import java.time.Instant;
import java.util.Collection;
import java.util.List;
import java.util.Objects;
import org.vecino.core.kernel.LocalizedText;
import org.vecino.core.kernel.MessageTimes;

/**
 * A service alert (a detour, a closed stop). Immutable.
 *
 * @param id the alert id of its topic
 * @param timestamp when it was issued or last changed
 * @param receivedAt when Vecino received it
 * @param severity how serious
 * @param lines line labels it concerns; empty with empty {@code stops} means the whole network
 * @param stops stop ids it concerns
 * @param activeFrom start of its active period, null for "already"
 * @param activeUntil end of its active period (exclusive), null for "until removed"
 * @param header short text, at least one language
 * @param description longer text, may be null
 */
public record ServiceAlert(
    String id,
    Instant timestamp,
    Instant receivedAt,
    Severity severity,
    List<String> lines,
    List<String> stops,
    Instant activeFrom,
    Instant activeUntil,
    LocalizedText header,
    LocalizedText description) {
  public ServiceAlert {
    Objects.requireNonNull(id, "id");
    Objects.requireNonNull(timestamp, "timestamp");
    Objects.requireNonNull(receivedAt, "receivedAt");
    Objects.requireNonNull(severity, "severity");
    Objects.requireNonNull(header, "header");
    lines = lines == null ? List.of() : List.copyOf(lines);
    stops = stops == null ? List.of() : List.copyOf(stops);
    if (activeFrom != null && activeUntil != null && !activeUntil.isAfter(activeFrom)) {
      throw new IllegalArgumentException("activeUntil must be after activeFrom");
    }
  }

  public Instant orderingTime() {
    return MessageTimes.orderingTime(timestamp, receivedAt);
  }

  /** Whether the alert is in its active period at {@code now}. */
  public boolean isActive(Instant now) {
    return (activeFrom == null || !now.isBefore(activeFrom))
        && (activeUntil == null || now.isBefore(activeUntil));
  }

  /**
   * Whether the alert concerns a stop: it names the stop, or one of the lines calling there, or it
   * names neither stops nor lines (network-wide).
   */
  public boolean concerns(String stopId, Collection<String> linesAtStop) {
    if (lines.isEmpty() && stops.isEmpty()) {
      return true;
    }
    if (stops.contains(stopId)) {
      return true;
    }
    for (String line : lines) {
      if (linesAtStop.contains(line)) {
        return true;
      }
    }
    return false;
  }
}
