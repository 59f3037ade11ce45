package org.vecino.server.office;

import io.javalin.config.RoutesConfig;
import io.javalin.http.Context;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.vecino.core.kernel.FieldError;
import org.vecino.core.kernel.ValidationException;
import org.vecino.core.office.RequestStatus;
import org.vecino.core.office.ServiceRequest;
import org.vecino.server.auth.Role;
import org.vecino.server.http.Bodies;
import org.vecino.server.time.CityTime;

/**
 * Back-office endpoints of the Neighbor's Office: issue Open311 api keys (admin) and change a
 * service request's status (admin or staff; closing one with a phone sends the citizen an SMS).
 */
public final class OfficeAdminRoutes {
  private final ServiceRequestService requests;
  private final ZoneId zone;

  public OfficeAdminRoutes(ServiceRequestService requests, ZoneId zone) {
    this.requests = requests;
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

  record KeyRequest(String name) {
    KeyRequest {
      if (name != null && name.length() > 100) {
        throw new ValidationException("name", "must be a text of at most 100 characters");
      }
    }
  }

  /** A change of a request: at least one of its fields. */
  record StatusChange(String status, String statusNotes, String agencyResponsible) {
    StatusChange {
      List<FieldError> errors = new ArrayList<>();
      if (status != null && (status.length() > 10 || RequestStatus.fromCode(status).isEmpty())) {
        errors.add(new FieldError("status", "must be open or closed"));
      }
      if (statusNotes != null && statusNotes.length() > 2000) {
        errors.add(new FieldError("statusNotes", "must be a text of at most 2000 characters"));
      }
      if (agencyResponsible != null && agencyResponsible.length() > 200) {
        errors.add(new FieldError("agencyResponsible", "must be a text of at most 200 characters"));
      }
      if (errors.isEmpty() && status == null && statusNotes == null && agencyResponsible == null) {
        errors.add(
            new FieldError(
                "body", "must change at least one of status, statusNotes, agencyResponsible"));
      }
      if (!errors.isEmpty()) {
        throw new ValidationException(errors);
      }
    }

    RequestStatus requestStatus() {
      return status == null ? null : RequestStatus.fromCode(status).orElseThrow();
    }
  }

  private void issueKey(Context ctx) {
    KeyRequest body = Bodies.read(ctx, KeyRequest.class);
    ServiceRequestService.IssuedKey k = requests.issueKey(body.name());
    ctx.status(201)
        .json(new KeyDto(k.id(), k.name(), k.apiKey(), CityTime.format(k.createdAt(), zone)));
  }

  private void update(Context ctx) {
    StatusChange body = Bodies.read(ctx, StatusChange.class);
    ServiceRequest r =
        requests
            .update(
                ctx.pathParam("requestId"),
                body.requestStatus(),
                body.statusNotes(),
                body.agencyResponsible())
            .request();
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
