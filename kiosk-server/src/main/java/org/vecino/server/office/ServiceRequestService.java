package org.vecino.server.office;

import java.net.URI;
import java.net.URISyntaxException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.vecino.core.kernel.FieldError;
import org.vecino.core.kernel.GeoPoint;
import org.vecino.core.kernel.Lang;
import org.vecino.core.kernel.NotFoundException;
import org.vecino.core.kernel.RateLimitedException;
import org.vecino.core.kernel.ValidationException;
import org.vecino.core.office.OfficeCatalog;
import org.vecino.core.office.Open311Service;
import org.vecino.core.office.RequestStatus;
import org.vecino.core.office.ServiceRequest;
import org.vecino.core.reminders.text.MessageTemplates;
import org.vecino.server.crypto.Hashes;
import org.vecino.server.sms.SmsTexts;
import org.vecino.server.sms.outbox.OutgoingSms;
import org.vecino.server.sms.outbox.SmsOutbox;

/**
 * Citizen service requests (Open311): filing one (from a kiosk or an Open311 client with an api
 * key), reading and searching them, and the staff closing them, which sends the citizen an SMS when
 * a phone was given. A phone must be a mobile of an allowed country ({@link CitizenSms}); the
 * closing SMS takes one event of the shared per-phone SMS limit (none is sent beyond it). Also
 * issues Open311 api keys (stored hashed). Thread-safe.
 */
public final class ServiceRequestService {
  private static final Logger LOG = LoggerFactory.getLogger(ServiceRequestService.class);

  /** Requests a kiosk may file per hour. */
  public static final int REQUESTS_PER_KIOSK = 20;

  public static final Duration KIOSK_WINDOW = Duration.ofHours(1);

  /** Requests one anonymous client (no kiosk device token) may file per {@link #KIOSK_WINDOW}. */
  public static final int REQUESTS_PER_CLIENT = 5;

  /** The longest {@code media_url}. */
  public static final int MAX_MEDIA_URL = 2000;

  private final OfficeCatalog catalog;
  private final ServiceRequestRepository repository;
  private final OfficeRepository rates;
  private final SmsOutbox outbox;
  private final SmsTexts texts;
  private final CitizenSms sms;
  private final Clock clock;

  /**
   * @param outbox the SMS outbox, or null while it is not wired (no SMS on closing)
   * @param sms which phones a request may give
   */
  public ServiceRequestService(
      OfficeCatalog catalog,
      ServiceRequestRepository repository,
      OfficeRepository rates,
      SmsOutbox outbox,
      SmsTexts texts,
      CitizenSms sms,
      Clock clock) {
    this.catalog = catalog;
    this.repository = repository;
    this.rates = rates;
    this.outbox = outbox;
    this.texts = texts;
    this.sms = sms;
    this.clock = clock;
  }

  public OfficeCatalog catalog() {
    return catalog;
  }

  /**
   * A request as filed, before validation.
   *
   * @param lat latitude, may be null
   * @param lon longitude, may be null
   * @param phone the citizen's phone as typed, may be null
   */
  public record NewRequest(
      String serviceCode,
      String description,
      Double lat,
      Double lon,
      String address,
      String phone,
      Lang lang,
      Map<String, String> attributes,
      RequestContact contact) {}

  /**
   * Files a request.
   *
   * @throws ValidationException for a missing service code, no location, a phone that is not a
   *     mobile of an allowed country, a {@code media_url} that is not an http(s) URL, an invalid
   *     attribute
   * @throws NotFoundException for an unknown service code
   */
  public StoredRequest file(NewRequest n) {
    List<FieldError> errors = new ArrayList<>();
    if (n.serviceCode() == null || n.serviceCode().isBlank()) {
      throw new ValidationException("service_code", "is required");
    }
    Open311Service service =
        catalog
            .service(n.serviceCode())
            .orElseThrow(() -> new NotFoundException("service", n.serviceCode()));
    GeoPoint location = null;
    if (n.lat() != null || n.lon() != null) {
      if (n.lat() == null || n.lon() == null) {
        errors.add(new FieldError(n.lat() == null ? "lat" : "long", "lat and long go together"));
      } else {
        try {
          location = new GeoPoint(n.lat(), n.lon());
        } catch (IllegalArgumentException e) {
          errors.add(new FieldError("lat", e.getMessage()));
        }
      }
    }
    String address = blankToNull(n.address());
    if (location == null && address == null && errors.isEmpty()) {
      errors.add(new FieldError("location", "lat and long, or address_string, are required"));
    }
    text(errors, "description", n.description(), 4000);
    text(errors, "address_string", address, 300);
    String phone = null;
    if (blankToNull(n.phone()) != null) {
      try {
        phone = sms.recipient(n.phone(), "phone").e164();
      } catch (ValidationException e) {
        errors.addAll(e.errors());
      }
    }
    mediaUrl(errors, n.contact().mediaUrl());
    Map<String, String> attributes = new LinkedHashMap<>();
    n.attributes()
        .forEach(
            (k, v) -> {
              if (v != null && !v.isBlank()) {
                attributes.put(k, v.strip());
              }
            });
    errors.addAll(service.check(attributes));
    if (!errors.isEmpty()) {
      throw new ValidationException(errors);
    }
    Instant now = clock.instant();
    GeoPoint at = location;
    String to = phone;
    StoredRequest stored =
        repository.insert(
            id ->
                new ServiceRequest(
                    id,
                    service.code(),
                    blankToNull(n.description()),
                    at,
                    address,
                    attributes,
                    to,
                    n.lang().code(),
                    RequestStatus.OPEN,
                    null,
                    null,
                    now,
                    now),
            Secrets.hex(16),
            n.contact());
    LOG.info(
        "service request {} ({}) filed via {}",
        stored.request().id(),
        service.code(),
        n.contact().source());
    return stored;
  }

  /**
   * Files a request from a kiosk page, within the rate limit of its caller: a kiosk proven by its
   * device token ({@link #REQUESTS_PER_KIOSK}) or an anonymous client ({@link
   * #REQUESTS_PER_CLIENT}).
   *
   * @throws RateLimitedException when the caller filed too many
   */
  public StoredRequest fileFromKiosk(NewRequest n, Caller caller) {
    Optional<Duration> wait =
        rates.take(
            List.of(caller.limit("request", REQUESTS_PER_KIOSK, REQUESTS_PER_CLIENT, KIOSK_WINDOW)),
            clock.instant());
    if (wait.isPresent()) {
      throw new RateLimitedException(
          caller.isKiosk()
              ? "too many requests from this kiosk; try again later"
              : "too many requests from this client; try again later",
          wait.get());
    }
    return file(n);
  }

  /** A photo URL must be an absolute http(s) URL with a host ({@code javascript:} is refused). */
  private static void mediaUrl(List<FieldError> errors, String url) {
    if (url == null) {
      return;
    }
    String problem = "must be an absolute https:// or http:// URL";
    if (url.length() > MAX_MEDIA_URL) {
      errors.add(new FieldError("media_url", "must be at most " + MAX_MEDIA_URL + " characters"));
      return;
    }
    try {
      URI uri = new URI(url);
      String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
      if (!(scheme.equals("https") || scheme.equals("http"))
          || uri.getHost() == null
          || uri.getHost().isBlank()) {
        errors.add(new FieldError("media_url", problem));
      }
    } catch (URISyntaxException e) {
      errors.add(new FieldError("media_url", problem));
    }
  }

  private static void text(List<FieldError> errors, String field, String value, int max) {
    if (value != null && value.length() > max) {
      errors.add(new FieldError(field, "must be at most " + max + " characters"));
    }
  }

  private static String blankToNull(String s) {
    return s == null || s.isBlank() ? null : s.strip();
  }

  public Optional<StoredRequest> find(String id) {
    return repository.find(id);
  }

  public Optional<StoredRequest> findByToken(String token) {
    return repository.findByToken(token);
  }

  /**
   * Requests filed in [from, to], newest first, filtered by service codes and statuses (empty sets:
   * all), at most {@code limit}: the filters and the limit run in SQL, so only the answer is read.
   */
  public List<StoredRequest> search(
      Instant from, Instant to, Set<String> serviceCodes, Set<RequestStatus> statuses, int limit) {
    return repository.search(from, to, serviceCodes, statuses, limit);
  }

  /**
   * Changes a request's status, notes or agency (null leaves a field as it is). Closing a request
   * that has a phone sends the citizen an SMS ({@code request.closed}).
   *
   * @throws NotFoundException for an unknown request
   */
  public StoredRequest update(String id, RequestStatus status, String statusNotes, String agency) {
    Instant now = clock.instant();
    Optional<StoredRequest> updated =
        repository.update(
            id,
            r ->
                new ServiceRequest(
                    r.id(),
                    r.serviceCode(),
                    r.description(),
                    r.location(),
                    r.address(),
                    r.attributes(),
                    r.phone(),
                    r.lang(),
                    status == null ? r.status() : status,
                    statusNotes == null ? r.statusNotes() : statusNotes,
                    agency == null ? r.agencyResponsible() : agency,
                    r.requestedAt(),
                    now),
            (before, after) -> closedNotice(before, after, now),
            sms -> List.of(CitizenSms.perPhone(sms.to())),
            outbox);
    StoredRequest s = updated.orElseThrow(() -> new NotFoundException("service request", id));
    if (outbox != null) {
      outbox.wake();
    }
    return s;
  }

  /**
   * The "request closed" SMS, when the request was just closed and has a phone that is still an
   * allowed mobile; the repository sends it only within the shared per-phone SMS limit.
   */
  private Optional<OutgoingSms> closedNotice(
      ServiceRequest before, ServiceRequest after, Instant now) {
    if (outbox == null
        || after.phone() == null
        || before.status() == RequestStatus.CLOSED
        || after.status() != RequestStatus.CLOSED) {
      return Optional.empty();
    }
    if (!sms.allows(after.phone())) {
      LOG.info("request {}: no closing SMS, the phone is not an allowed mobile", after.id());
      return Optional.empty();
    }
    Lang lang = Lang.fromCode(after.lang()).orElse(Lang.ES);
    String service =
        catalog
            .service(after.serviceCode())
            .map(s -> s.name().get(lang))
            .orElse(after.serviceCode());
    String text =
        texts.render(
            MessageTemplates.REQUEST_CLOSED,
            lang,
            Map.of("requestId", after.id(), "service", service));
    return Optional.of(
        new OutgoingSms(
            "req-" + after.id() + "-closed-" + now.toEpochMilli(),
            after.phone(),
            text,
            now,
            now.plus(Duration.ofDays(2)),
            "notice",
            after.id()));
  }

  /** A just-issued api key: its secret is shown once. */
  public record IssuedKey(String id, String name, String apiKey, Instant createdAt) {}

  public IssuedKey issueKey(String name) {
    if (name == null || name.isBlank() || name.length() > 100) {
      throw new ValidationException("name", "must be 1..100 characters: who the key is for");
    }
    String key = Secrets.hex(24);
    String id = "key-" + Secrets.hex(6);
    Instant now = clock.instant();
    repository.insertKey(id, name.strip(), Hashes.sha256(key), now);
    return new IssuedKey(id, name.strip(), key, now);
  }

  /** The id of a valid api key, empty for a missing or unknown one. */
  public Optional<String> keyId(String apiKey) {
    if (apiKey == null || apiKey.isBlank() || apiKey.length() > 200) {
      return Optional.empty();
    }
    return repository.keyId(Hashes.sha256(apiKey.strip()));
  }
}
