package org.vecino.bench;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class ServerProbeTest {
  @Test
  void sumsTheArrivalsCountersWhateverTheLabelOrder() {
    String scrape =
        """
        # HELP vecino_mqtt_messages_total MQTT messages handled.
        # TYPE vecino_mqtt_messages_total counter
        vecino_mqtt_messages_total{result="applied",topic_kind="transit.arrivals"} 1200
        vecino_mqtt_messages_total{topic_kind="transit.arrivals",result="outOfOrder"} 3
        vecino_mqtt_messages_total{result="applied",topic_kind="parking.spots"} 50
        vecino_mqtt_messages_total_created{result="applied",topic_kind="transit.arrivals"} 9
        vecino_http_requests_total{route="/health/live"} 7
        """;

    assertThat(ServerProbe.parse(scrape)).isEqualTo(new ServerProbe.Counts(1200, 1203));
  }

  @Test
  void readsFloatingPointValues() {
    assertThat(
            ServerProbe.parse(
                "vecino_mqtt_messages_total{result=\"applied\",topic_kind=\"transit.arrivals\"}"
                    + " 1.5E7\n"))
        .isEqualTo(new ServerProbe.Counts(15_000_000, 15_000_000));
  }
}
