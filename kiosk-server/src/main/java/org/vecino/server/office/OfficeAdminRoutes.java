package org.vecino.server.office;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.javalin.config.RoutesConfig;
import io.javalin.http.Context;
import java.time.ZoneId;
import java.util.Map;
import org.vecino.core.kernel.ValidationException;
import org.vecino.core.office.RequestStatus;
import org.vecino.core.office.ServiceRequest;
import org.vecino.server.auth.Role;

/**
 * Back-office endpoints of the Neighbor's Office: issue Open311 api keys (admin) and change a
 * service request's status (admin or staff; closing one with a phone sends the citizen an SMS).
 */
public final class OfficeAdminRoutes {
  private final ServiceRequestService requests;
  private final ObjectMapper mapper;
  private final ZoneId zone;

  public OfficeAdminRoutes(ServiceRequestService requests, ObjectMapper mapper, ZoneId zone) {
    this.requests = requests;
    this.mapper = mapper;
    this.zone = zone;
  }

  public void register(RoutesConfig routes) {
    routes.post("/api/v1/admin/open311/keys", this::issueKey, Role.ADMIN);
    routes.patch(
        "/api/v1/admin/service-requests/{requestId}", this::update, Role.ADMIN, Role.STAFF);
  }

  record KeyDto(String id, String name, String apiKey, String createdAt) {}

  record RequestDto(
      String id,
      String serviceCode,
      String status,
      String statusNotes,
      String agencyResponsible,
      String description,
      String address,
      Double lat,
      Double lon,
      Map<String, String> attributes,
      boolean hasPhone,
      String requestedAt,
      String updatedAt) {}

  private JsonNode body(Context ctx, String shape) {
    try {
      JsonNode body = mapper.readTree(ctx.body());
      if (body != null && body.isObject()) {
        return body;
      }
    } catch (Exception e) {
      // reported below
    }
    throw new ValidationException("body", "must be a JSON object " + shape);
  }

  private static String text(JsonNode body, String field, int max) {
    JsonNode n = body.get(field);
    if (n == null || n.isNull()) {
      return null;
    }
    if (!n.isTextual() || n.asText().length() > max) {
      throw new ValidationException(field, "must be a text of at most " + max + " characters");
    }
    return n.asText();
  }

  private void issueKey(Context ctx) {
    JsonNode body = body(ctx, "{\"name\": \"...\"}");
    ServiceRequestService.IssuedKey k = requests.issueKey(text(body, "name", 100));
    ctx.status(201)
        .json(new KeyDto(k.id(), k.name(), k.apiKey(), CityTime.format(k.createdAt(), zone)));
  }

  private void update(Context ctx) {
    JsonNode body =
        body(ctx, "{\"status\": \"closed\", \"statusNotes\": \"...\", \"agencyResponsible\": ...}");
    String rawStatus = text(body, "status", 10);
    RequestStatus status = null;
    if (rawStatus != null) {
      status =
          RequestStatus.fromCode(rawStatus)
              .orElseThrow(() -> new ValidationException("status", "must be open or closed"));
    }
    String notes = text(body, "statusNotes", 2000);
    String agency = text(body, "agencyResponsible", 200);
    if (status == null && notes == null && agency == null) {
      throw new ValidationException(
          "body", "must change at least one of status, statusNotes, agencyResponsible");
    }
    ServiceRequest r = requests.update(ctx.pathParam("requestId"), status, notes, agency).request();
    ctx.json(
        new RequestDto(
            r.id(),
            r.serviceCode(),
            r.status().code(),
            r.statusNotes(),
            r.agencyResponsible(),
            r.description(),
            r.address(),
            r.location() == null ? null : r.location().lat(),
            r.location() == null ? null : r.location().lon(),
            r.attributes(),
            r.phone() != null,
            CityTime.format(r.requestedAt(), zone),
            CityTime.format(r.updatedAt(), zone)));
  }
}
