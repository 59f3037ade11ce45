package org.vecino.server.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code VECINO_SMS_GATEWAY_*} and {@code VECINO_SMS_MAX_ATTEMPTS} in {@link SettingsLoader}. */
class SmsGatewaySettingsTest {
  private static final String TOKEN = "gateway-token-NEVER-shown";
  private static final String SECRET = "gateway-secret-NEVER-shown";
  @TempDir Path dir;

  @BeforeEach
  void sampleGtfsFolder() throws IOException {
    Files.createDirectories(dir.resolve("config/gtfs"));
  }

  private SmsGatewaySettings load(Map<String, String> env) {
    return SettingsLoader.load(null, env, dir).smsGateway();
  }

  @Test
  void byDefaultSmsAreOnlyLogged() {
    SmsGatewaySettings s = load(Map.of());
    assertThat(s).isEqualTo(SmsGatewaySettings.logOnly());
    assertThat(s.url()).isNull();
    assertThat(s.secret()).isNull();
    assertThat(s.maxAttempts()).isEqualTo(8);
  }

  @Test
  void aGatewayWithTokenSecretAndAttempts() {
    SmsGatewaySettings s =
        load(
            Map.of(
                "VECINO_SMS_GATEWAY_URL",
                "https://sms.example.org/api/v1/messages",
                "VECINO_SMS_GATEWAY_TOKEN",
                TOKEN,
                "VECINO_SMS_GATEWAY_SECRET",
                SECRET,
                "VECINO_SMS_MAX_ATTEMPTS",
                "3"));
    assertThat(s.url()).isEqualTo(URI.create("https://sms.example.org/api/v1/messages"));
    assertThat(s.token()).isEqualTo(TOKEN);
    assertThat(s.secret()).isEqualTo(SECRET);
    assertThat(s.maxAttempts()).isEqualTo(3);
    assertThat(s.toString()).doesNotContain(TOKEN).doesNotContain(SECRET);
  }

  @Test
  void credentialsInTheUrlAreNeverShown() {
    SmsGatewaySettings s =
        load(
            Map.of(
                "VECINO_SMS_GATEWAY_URL",
                "https://user:pw-" + SECRET + "@sms.example.org:8443/api?key=" + SECRET,
                "VECINO_SMS_GATEWAY_TOKEN",
                TOKEN));
    assertThat(s.toString())
        .contains("https://sms.example.org:8443/api")
        .doesNotContain(SECRET)
        .doesNotContain("user");
  }

  @Test
  void aSecretAloneAcceptsReceiptsWhileSmsAreLogged() {
    SmsGatewaySettings s = load(Map.of("VECINO_SMS_GATEWAY_SECRET", SECRET));
    assertThat(s.url()).isNull();
    assertThat(s.secret()).isEqualTo(SECRET);
  }

  @Test
  void mistakesAreNamedWithoutShowingSecrets() {
    assertThatThrownBy(() -> load(Map.of("VECINO_SMS_GATEWAY_URL", "https://sms.example.org")))
        .isInstanceOf(ConfigException.class)
        .hasMessage(
            "VECINO_SMS_GATEWAY_URL: needs VECINO_SMS_GATEWAY_TOKEN, the bearer token for the"
                + " gateway, got \"https://sms.example.org\" (from the environment)");
    assertThatThrownBy(
            () ->
                load(
                    Map.of(
                        "VECINO_SMS_GATEWAY_URL",
                        "ftp://sms.example.org",
                        "VECINO_SMS_GATEWAY_TOKEN",
                        TOKEN)))
        .hasMessageStartingWith("VECINO_SMS_GATEWAY_URL: must be an http:// or https:// URL");
    assertThatThrownBy(() -> load(Map.of("VECINO_SMS_GATEWAY_TOKEN", TOKEN)))
        .hasMessage(
            "VECINO_SMS_GATEWAY_TOKEN: is set but VECINO_SMS_GATEWAY_URL is not (from the"
                + " environment)");
    assertThatThrownBy(
            () ->
                load(
                    Map.of(
                        "VECINO_SMS_GATEWAY_URL", "http://127.0.0.1:9000/sms",
                        "VECINO_SMS_GATEWAY_TOKEN", "short-token")))
        .hasMessage(
            "VECINO_SMS_GATEWAY_TOKEN: must be at least 16 characters long (it has 11) (from the"
                + " environment)");
    assertThatThrownBy(() -> load(Map.of("VECINO_SMS_GATEWAY_SECRET", SECRET + " x")))
        .hasMessageStartingWith("VECINO_SMS_GATEWAY_SECRET: must not contain spaces")
        .satisfies(e -> assertThat(e.getMessage()).doesNotContain(SECRET));
    for (String bad : new String[] {"0", "101", "many"}) {
      assertThatThrownBy(() -> load(Map.of("VECINO_SMS_MAX_ATTEMPTS", bad)))
          .as(bad)
          .hasMessage(
              "VECINO_SMS_MAX_ATTEMPTS: must be a number 1..100, got \""
                  + bad
                  + "\" (from the environment)");
    }
  }
}
