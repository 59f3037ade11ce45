package org.vecino.server.ingest;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.vecino.core.testing.FakeTimetable;
import org.vecino.server.transit.TransitDecoder;

class RoutingDecoderTest {
  private static final Instant NOW = Instant.parse("2026-11-28T10:12:31Z");
  private final RoutingDecoder router =
      new RoutingDecoder(
          "city",
          Map.of(TransitDecoder.DOMAIN, new TransitDecoder("city", FakeTimetable.santander())));

  @Test
  void routesByTheSegmentAfterThePrefix() {
    Decoded d =
        router.decode(
            "city/transit/stops/47/arrivals",
            "{\"timestamp\":\"2026-11-28T10:12:30Z\",\"arrivals\":[]}"
                .getBytes(StandardCharsets.UTF_8),
            NOW);
    assertThat(d).isInstanceOf(Decoded.Update.class);
    assertThat(router.topicKind("city/transit/alerts/x")).isEqualTo("transit.alerts");
  }

  @Test
  void unregisteredDomainsAndForeignTopicsAreUnknown() {
    for (String topic :
        new String[] {"city/parking/spots/1", "city/", "city", "other/transit/alerts/x", ""}) {
      Decoded d = router.decode(topic, "{}".getBytes(StandardCharsets.UTF_8), NOW);
      assertThat(((Decoded.Rejected) d).reason())
          .as(topic)
          .isEqualTo(RejectionReason.UNKNOWN_TOPIC);
      assertThat(router.topicKind(topic)).isEqualTo("unknown");
    }
  }

  @Test
  void sizeIsCheckedFirst() {
    Decoded d = router.decode("city/parking/spots/1", new byte[16385], NOW);
    assertThat(((Decoded.Rejected) d).reason()).isEqualTo(RejectionReason.TOO_LARGE);
  }

  @Test
  void subscribesToEverythingUnderThePrefix() {
    assertThat(router.topicFilters()).containsExactly("city/#");
  }
}
