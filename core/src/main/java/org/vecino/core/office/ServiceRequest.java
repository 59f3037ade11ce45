package org.vecino.core.office;

import java.time.Instant;
import java.util.Map;
import java.util.Objects;
import org.vecino.core.kernel.GeoPoint;

/**
 * A citizen's service request (Open311 GeoReport v2 request). Immutable.
 *
 * @param id the {@code service_request_id}
 * @param serviceCode its service
 * @param description what the citizen wrote, may be null
 * @param location where, may be null when an address is given
 * @param address the address, may be null when a location is given
 * @param attributes answers to the service's attributes
 * @param phone the citizen's E.164 phone for a notice when it is closed, may be null
 * @param lang the citizen's language code ({@code es}/{@code en}) for that notice
 * @param status open or closed
 * @param statusNotes what the city says about it, may be null
 * @param agencyResponsible who handles it, may be null
 * @param requestedAt when it was filed
 * @param updatedAt when it last changed
 */
public record ServiceRequest(
    String id,
    String serviceCode,
    String description,
    GeoPoint location,
    String address,
    Map<String, String> attributes,
    String phone,
    String lang,
    RequestStatus status,
    String statusNotes,
    String agencyResponsible,
    Instant requestedAt,
    Instant updatedAt) {
  public ServiceRequest {
    Objects.requireNonNull(id, "id");
    Objects.requireNonNull(serviceCode, "serviceCode");
    if (location == null && (address == null || address.isBlank())) {
      throw new IllegalArgumentException("a request needs a location or an address");
    }
    attributes = Map.copyOf(attributes);
    Objects.requireNonNull(lang, "lang");
    Objects.requireNonNull(status, "status");
    Objects.requireNonNull(requestedAt, "requestedAt");
    Objects.requireNonNull(updatedAt, "updatedAt");
  }
}
