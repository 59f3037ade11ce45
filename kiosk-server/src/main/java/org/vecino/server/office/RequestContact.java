package org.vecino.server.office;

/**
 * Who filed a service request besides its phone: where it came from ({@code kiosk} or {@code
 * open311} and the kiosk or api key) and the optional Open311 contact fields. Immutable; build one
 * with {@link #kiosk(String)} or {@link #open311(String)}.
 */
public record RequestContact(
    String source,
    String sourceId,
    String email,
    String firstName,
    String lastName,
    String deviceId,
    String accountId,
    String mediaUrl) {

  /** A request filed on a kiosk page: the kiosk is its source and its device, or null. */
  public static RequestContact kiosk(String kioskId) {
    return new RequestContact("kiosk", kioskId, null, null, null, kioskId, null, null);
  }

  /** A builder of a request filed through Open311 with the api key {@code keyId}. */
  public static Builder open311(String keyId) {
    return new Builder(keyId);
  }

  /** The optional contact fields of an Open311 request. Not thread-safe. */
  public static final class Builder {
    private final String keyId;
    private String email;
    private String firstName;
    private String lastName;
    private String deviceId;
    private String accountId;
    private String mediaUrl;

    private Builder(String keyId) {
      this.keyId = keyId;
    }

    public Builder email(String v) {
      this.email = v;
      return this;
    }

    public Builder name(String first, String last) {
      this.firstName = first;
      this.lastName = last;
      return this;
    }

    public Builder deviceId(String v) {
      this.deviceId = v;
      return this;
    }

    public Builder accountId(String v) {
      this.accountId = v;
      return this;
    }

    public Builder mediaUrl(String v) {
      this.mediaUrl = v;
      return this;
    }

    public RequestContact build() {
      return new RequestContact(
          "open311", keyId, email, firstName, lastName, deviceId, accountId, mediaUrl);
    }
  }
}
