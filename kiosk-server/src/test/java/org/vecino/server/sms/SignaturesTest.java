package org.vecino.server.sms;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class SignaturesTest {
  private final Signatures signatures = new Signatures("0123456789abcdef-secret");
  private final byte[] body = "{\"messageId\":\"m1\"}".getBytes(StandardCharsets.UTF_8);
  private final Instant now = Instant.ofEpochSecond(1_800_000_000L);

  @Test
  void knownVector() {
    // echo -n '1800000000.{"messageId":"m1"}' | openssl dgst -sha256 -hmac 0123456789abcdef-secret
    assertThat(signatures.sign(1_800_000_000L, body))
        .isEqualTo("sha256=d1397fd48dc32ab2376545cfcacd41edd3aed65637fd29053fc821e7842cad8f");
  }

  @Test
  void acceptsItsOwnSignatureWithinFiveMinutes() {
    String sig = signatures.sign(now.getEpochSecond() - 299, body);
    assertThat(signatures.verify(String.valueOf(now.getEpochSecond() - 299), sig, body, now))
        .isTrue();
  }

  @Test
  void refusesOldTimestampsWrongSecretsChangedBodiesAndGarbage() {
    long ts = now.getEpochSecond();
    String sig = signatures.sign(ts, body);
    assertThat(
            signatures.verify(String.valueOf(ts - 301), signatures.sign(ts - 301, body), body, now))
        .isFalse();
    assertThat(new Signatures("another-secret-0123456").verify(String.valueOf(ts), sig, body, now))
        .isFalse();
    assertThat(
            signatures.verify(String.valueOf(ts), sig, "{}".getBytes(StandardCharsets.UTF_8), now))
        .isFalse();
    assertThat(signatures.verify(null, sig, body, now)).isFalse();
    assertThat(signatures.verify(String.valueOf(ts), null, body, now)).isFalse();
    assertThat(signatures.verify("soon", sig, body, now)).isFalse();
    assertThat(signatures.verify(String.valueOf(ts), "sha256=zz", body, now)).isFalse();
    assertThat(signatures.verify(String.valueOf(ts), sig.substring(7), body, now)).isFalse();
  }
}
