package org.vecino.server.mqtt;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import javax.net.ssl.SSLSocketFactory;
import org.eclipse.paho.client.mqttv3.MqttConnectOptions;
import org.junit.jupiter.api.Test;

class MqttConnectionSettingsTest {

  @Test
  void optionsFollowTheContract() {
    MqttConnectOptions o =
        PahoConnection.connectOptions(
            MqttConnectionSettings.of("tcp://broker:1883", "kiosk"), false);
    assertThat(o.isCleanSession()).isFalse();
    assertThat(o.isAutomaticReconnect()).isFalse(); // Vecino reconnects itself, see PahoConnection
    assertThat(o.getKeepAliveInterval()).isEqualTo(30);
    assertThat(o.getConnectionTimeout()).isEqualTo(10);
    assertThat(o.getMaxInflight()).isEqualTo(1000);
    assertThat(o.getMqttVersion()).isEqualTo(MqttConnectOptions.MQTT_VERSION_3_1_1);
    assertThat(o.getUserName()).isNull();
    assertThat(o.getPassword()).isNull();
    assertThat(o.getSocketFactory()).isNull();
  }

  @Test
  void tlsUsesTheDefaultSslSocketFactoryAndCredentialsAreSent() {
    MqttConnectOptions o =
        PahoConnection.connectOptions(
            MqttConnectionSettings.of("ssl://broker.santander.es:8883", "kiosk")
                .withCredentials("vecino", "s3cret"),
            false);
    assertThat(o.getSocketFactory()).isInstanceOf(SSLSocketFactory.class);
    assertThat(o.isHttpsHostnameVerificationEnabled()).isTrue();
    assertThat(o.getUserName()).isEqualTo("vecino");
    assertThat(o.getPassword()).containsExactly("s3cret".toCharArray());
  }

  @Test
  void neverPrintsThePassword() {
    MqttConnectionSettings s =
        MqttConnectionSettings.of("tcp://broker:1883", "kiosk").withCredentials("vecino", "s3cret");
    assertThat(s.toString()).contains("vecino").doesNotContain("s3cret");
    assertThat(MqttConnectionSettings.redact("tcp://user:pw@broker:1883"))
        .isEqualTo("tcp://broker:1883");
  }

  @Test
  void emptyCredentialsMeanNone() {
    MqttConnectionSettings s =
        MqttConnectionSettings.of("tcp://broker:1883", "kiosk").withCredentials("", "");
    assertThat(s.username()).isNull();
    assertThat(s.password()).isNull();
  }

  @Test
  void refusesWhatCannotWork() {
    assertThatThrownBy(() -> MqttConnectionSettings.of("http://broker", "kiosk"))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> MqttConnectionSettings.of("tcp://broker:1883", " "))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(
            () ->
                MqttConnectionSettings.of("tcp://broker:1883", "kiosk")
                    .withBackoff(Duration.ofSeconds(2), Duration.ofSeconds(1)))
        .isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void backoffDoublesUpToTheBoundWithJitter() {
    PahoConnection c =
        new PahoConnection(
            MqttConnectionSettings.of("tcp://127.0.0.1:1", "kiosk")
                .withBackoff(Duration.ofSeconds(1), Duration.ofSeconds(30)),
            false,
            "test");
    try {
      assertThat(c.backoff(1)).isBetween(Duration.ofMillis(800), Duration.ofMillis(1200));
      assertThat(c.backoff(3)).isBetween(Duration.ofMillis(3200), Duration.ofMillis(4800));
      assertThat(c.backoff(10)).isBetween(Duration.ofSeconds(24), Duration.ofSeconds(30));
      assertThat(c.backoff(1000)).isBetween(Duration.ofSeconds(24), Duration.ofSeconds(30));
    } finally {
      c.close();
    }
  }
}
