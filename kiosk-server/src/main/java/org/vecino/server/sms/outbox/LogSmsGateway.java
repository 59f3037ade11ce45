package org.vecino.server.sms.outbox;

import java.time.Duration;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.vecino.core.kernel.PhoneMask;

/**
 * The gateway of a default run ({@code VECINO_SMS_GATEWAY_URL} unset): logs that a message would go
 * out (masked phone, never the text) and accepts it as {@code log-<id>}; the texts stay visible in
 * the admin outbox view. Stateless and thread-safe.
 */
public final class LogSmsGateway implements SmsGateway {
  private static final Logger LOG = LoggerFactory.getLogger(LogSmsGateway.class);

  @Override
  public GatewayOutcome send(GatewayRequest request) {
    LOG.info(
        "SMS {} to {} ({} segment(s))",
        request.id(),
        PhoneMask.mask(request.to()),
        request.segments());
    return new GatewayOutcome.Accepted("log-" + request.id());
  }

  @Override
  public Duration callTimeout() {
    return Duration.ofSeconds(1);
  }

  @Override
  public boolean reachesPhones() {
    return false;
  }

  @Override
  public String mode() {
    return "log";
  }
}
