package org.vecino.server.office;

import java.security.MessageDigest;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.vecino.core.kernel.Lang;
import org.vecino.core.kernel.PhoneMask;
import org.vecino.core.kernel.RateLimitedException;
import org.vecino.core.kernel.UnauthorizedException;
import org.vecino.core.kernel.UnavailableException;
import org.vecino.core.kernel.ValidationException;
import org.vecino.core.reminders.PhoneNumber;
import org.vecino.core.reminders.text.MessageTemplates;
import org.vecino.server.crypto.Hashes;
import org.vecino.server.sms.SmsTexts;
import org.vecino.server.sms.outbox.OutgoingSms;
import org.vecino.server.sms.outbox.SmsOutbox;

/**
 * One-time codes by SMS and the short citizen sessions they open. A code has six digits, lasts
 * {@link #CODE_TTL}, allows {@link #CODE_TRIES} wrong tries and is stored only as a salted SHA-256
 * hash; only the phone's newest code is valid (a new code burns the older ones, a used one burns
 * them all), and a phone gets at most {@link #WRONG_PER_PHONE} wrong guesses per {@link
 * #WRONG_WINDOW} whatever the codes. A session token is random, stored hashed and lasts {@link
 * #SESSION_TTL}. Codes go only to allowed mobile numbers ({@link CitizenSms}) and are rate-limited
 * per phone, per kiosk (proven by its device token) or per anonymous client, and by the shared
 * per-phone SMS limit. Thread-safe.
 */
public final class CitizenAuth {
  private static final Logger LOG = LoggerFactory.getLogger(CitizenAuth.class);

  public static final Duration CODE_TTL = Duration.ofMinutes(10);
  public static final Duration SESSION_TTL = Duration.ofMinutes(15);
  public static final int CODE_TRIES = 5;
  public static final int CODES_PER_PHONE = 3;
  public static final Duration PHONE_WINDOW = Duration.ofMinutes(15);
  public static final int CODES_PER_KIOSK = 30;
  public static final Duration KIOSK_WINDOW = Duration.ofHours(1);

  /** Codes one anonymous client (no device token) may ask per {@link #KIOSK_WINDOW}. */
  public static final int CODES_PER_CLIENT = 10;

  public static final int WRONG_PER_PHONE = 10;
  public static final Duration WRONG_WINDOW = Duration.ofHours(1);

  private final OfficeRepository repository;
  private final SmsOutbox outbox;
  private final SmsTexts texts;
  private final CitizenSms sms;
  private final Clock clock;

  /**
   * @param outbox the SMS outbox, or null while it is not wired (codes then answer 503)
   * @param sms who may receive a code
   */
  public CitizenAuth(
      OfficeRepository repository, SmsOutbox outbox, SmsTexts texts, CitizenSms sms, Clock clock) {
    this.repository = repository;
    this.outbox = outbox;
    this.texts = texts;
    this.sms = sms;
    this.clock = clock;
  }

  /** A code was sent. */
  public record CodeSent(Instant expiresAt, String phone) {}

  /** An open session. */
  public record Session(String token, Instant expiresAt, String phone) {}

  /** The E.164 form of a typed phone, or a validation error on {@code field}. */
  static String phone(String raw, String field) {
    return PhoneNumber.parse(raw, field).e164();
  }

  /**
   * Sends a new code to {@code rawPhone} (even if it opted out of reminders), burning its older
   * codes.
   *
   * @param caller the kiosk or anonymous client asking, for its rate limit
   * @throws ValidationException for an invalid phone, a landline or a number of another country
   * @throws RateLimitedException when a limit is reached
   * @throws UnavailableException when SMS are not wired
   */
  public CodeSent sendCode(String rawPhone, Caller caller, Lang lang) {
    String phone = sms.recipient(rawPhone, "phone").e164();
    if (outbox == null) {
      throw new UnavailableException("unavailable", "SMS sending is not configured");
    }
    Instant now = clock.instant();
    Optional<Duration> wait =
        repository.take(
            List.of(
                new OfficeRepository.Limit("otp-phone", phone, CODES_PER_PHONE, PHONE_WINDOW),
                caller.limit("otp", CODES_PER_KIOSK, CODES_PER_CLIENT, KIOSK_WINDOW),
                CitizenSms.perPhone(phone)),
            now);
    if (wait.isPresent()) {
      throw new RateLimitedException("too many codes asked; try again later", wait.get());
    }
    String code = Secrets.sixDigits();
    String otpId = "otp-" + Secrets.hex(12);
    Instant expiresAt = now.plus(CODE_TTL);
    OutgoingSms message =
        new OutgoingSms(
            otpId,
            phone,
            texts.render(MessageTemplates.OTP_CODE, lang, Map.of("code", code)),
            now,
            expiresAt,
            "otp",
            otpId,
            true);
    repository.insertCode(
        otpId, phone, codeHash(otpId, code), now, expiresAt, CODE_TRIES, outbox, message);
    outbox.wake();
    repository.purgeRateEvents(now.minus(Duration.ofDays(1)));
    LOG.info("one-time code sent to {}", PhoneMask.mask(phone));
    return new CodeSent(expiresAt, phone);
  }

  /**
   * Opens a session with the phone's newest code.
   *
   * @throws ValidationException for a malformed phone or code
   * @throws UnauthorizedException for a wrong, expired, used, burnt or superseded code
   * @throws RateLimitedException after too many wrong guesses for the phone
   */
  public Session open(String rawPhone, String code) {
    String phone = phone(rawPhone, "phone");
    if (code == null || !code.strip().matches("[0-9]{6}")) {
      throw new ValidationException("code", "must be the 6 digits received by SMS");
    }
    String presented = code.strip();
    Instant now = clock.instant();
    String token = Secrets.hex(32);
    Instant expiresAt = now.plus(SESSION_TTL);
    OfficeRepository.CodeOutcome outcome =
        repository.useCode(
            phone,
            (otpId, stored) -> MessageDigest.isEqual(stored, codeHash(otpId, presented)),
            new OfficeRepository.Limit("otp-wrong-phone", phone, WRONG_PER_PHONE, WRONG_WINDOW),
            now,
            "ses-" + Secrets.hex(12),
            Hashes.sha256(token),
            expiresAt);
    return switch (outcome) {
      case ACCEPTED -> new Session(token, expiresAt, phone);
      case WRONG -> throw new UnauthorizedException("the code is not right");
      case NO_CODE ->
          throw new UnauthorizedException(
              "there is no valid code for this phone: ask for a new one");
      case LOCKED ->
          throw new RateLimitedException(
              "too many wrong codes for this phone; try again later", WRONG_WINDOW);
    };
  }

  /** Ends a session; false when it was not live. */
  public boolean end(String token) {
    return token != null && repository.endSession(Hashes.sha256(token), clock.instant());
  }

  /** The E.164 phone of a live session. */
  public Optional<String> phoneOf(String token) {
    if (token == null || token.isBlank()) {
      return Optional.empty();
    }
    return repository.sessionPhone(Hashes.sha256(token), clock.instant());
  }

  private static byte[] codeHash(String otpId, String code) {
    return Hashes.sha256(otpId + ":" + code);
  }
}
