package org.vecino.server.parking;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.DayOfWeek;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.vecino.core.kernel.WeeklyHours;
import org.vecino.core.parking.Facility;
import org.vecino.core.parking.FacilityType;
import org.vecino.core.parking.SpaceCategory;
import org.vecino.core.parking.StatusThresholds;
import org.vecino.server.testing.Repo;

class ParkingCatalogFileTest {
  private static final ZoneId MADRID = ZoneId.of("Europe/Madrid");

  private static String withFacility(String facility) {
    return "{\"facilities\": [" + facility + "]}";
  }

  private static final String CAR_PARK =
      "{\"id\": \"pz-italia\", \"name\": \"Plaza de Italia\", \"type\": \"offStreet\","
          + " \"location\": {\"lat\": 43.4686, \"lon\": -3.7885}, \"capacity\": 410";

  @Test
  void theSampleCatalogLoadsWithItsCarParksAndStreetZones() {
    ParkingCatalogFile.Loaded loaded = ParkingCatalogFile.load(Repo.sampleParking());
    List<Facility> all = List.copyOf(loaded.catalog().facilities());
    assertThat(all.stream().filter(f -> f.type() == FacilityType.OFF_STREET)).hasSize(12);
    assertThat(all.stream().filter(f -> f.type() == FacilityType.ON_STREET)).hasSize(3);
    assertThat(loaded.catalog().spot("sdr-0417")).isPresent();
    assertThat(loaded.thresholds()).isEqualTo(StatusThresholds.defaults());
    Facility italia = loaded.catalog().facility("pz-italia").orElseThrow();
    assertThat(italia.capacity()).isEqualTo(410);
    assertThat(italia.categories()).containsEntry(SpaceCategory.DISABLED, 9);
    assertThat(italia.staleAfter()).isEqualTo(Duration.ofMinutes(30));
    Facility mexico = loaded.catalog().facility("mercado-mexico").orElseThrow();
    assertThat(mexico.hours().days().get(DayOfWeek.SUNDAY)).isEmpty();
    Facility castaneda = loaded.catalog().facility("zona-castaneda").orElseThrow();
    assertThat(castaneda.capacity()).isEqualTo(castaneda.spots().size()).isBetween(20, 40);
    assertThat(castaneda.categories()).containsEntry(SpaceCategory.DISABLED, 2);
  }

  @Test
  void openingHoursAcceptDaysRangesSpansAndOvernight() {
    ParkingCatalogFile.Loaded loaded =
        ParkingCatalogFile.parse(
            withFacility(
                CAR_PARK
                    + ", \"openingHours\": {\"mon-fri\": \"07:00-14:00,16:00-24:00\","
                    + " \"sat\": \"22:00-02:00\", \"sun\": \"closed\"}, \"staleAfter\": \"10m\"}"));
    Facility f = loaded.catalog().facility("pz-italia").orElseThrow();
    WeeklyHours h = f.hours();
    assertThat(f.staleAfter()).isEqualTo(Duration.ofMinutes(10));
    // Monday 30 November 2026
    assertThat(h.isOpen(Instant.parse("2026-11-30T12:30:00Z").atZone(MADRID))).isTrue();
    assertThat(h.isOpen(Instant.parse("2026-11-30T14:30:00Z").atZone(MADRID))).isFalse();
    assertThat(h.isOpen(Instant.parse("2026-11-30T22:59:00Z").atZone(MADRID))).isTrue();
    // Saturday 28 at 23:30 and Sunday 29 at 01:30
    assertThat(h.isOpen(Instant.parse("2026-11-28T22:30:00Z").atZone(MADRID))).isTrue();
    assertThat(h.isOpen(Instant.parse("2026-11-29T00:30:00Z").atZone(MADRID))).isTrue();
    assertThat(h.isOpen(Instant.parse("2026-11-29T11:00:00Z").atZone(MADRID))).isFalse();
  }

  @Test
  void errorsNameTheFacilityAndTheField() {
    assertFails(withFacility(CAR_PARK.replace("410", "0") + "}"))
        .hasMessage("facilities[0] (pz-italia).capacity: must be an integer 1..100000");
    assertFails(withFacility(CAR_PARK.replace("offStreet", "garage") + "}"))
        .hasMessageContaining("(pz-italia).type: must be offStreet or onStreet");
    assertFails(withFacility(CAR_PARK.replace("43.4686", "93") + "}"))
        .hasMessageContaining("(pz-italia).location.lat");
    assertFails(withFacility(CAR_PARK + ", \"capacty\": 3}"))
        .hasMessageContaining("(pz-italia).capacty: unknown field");
    assertFails(withFacility(CAR_PARK + ", \"openingHours\": {\"mon\": \"7-14\"}}"))
        .hasMessageContaining("(pz-italia).openingHours.mon");
    assertFails(
            withFacility(
                CAR_PARK + ", \"openingHours\": {\"daily\": \"24h\", \"sun\": \"closed\"}}"))
        .hasMessageContaining("sunday is given twice");
    assertFails(withFacility(CAR_PARK + ", \"categories\": {\"vip\": 3}}"))
        .hasMessageContaining("(pz-italia).categories.vip: unknown category");
    assertFails(withFacility(CAR_PARK + ", \"staleAfter\": \"soon\"}"))
        .hasMessageContaining("(pz-italia).staleAfter");
    assertFails(withFacility(CAR_PARK + "}, " + CAR_PARK + "}"))
        .hasMessageContaining("facility pz-italia is listed twice");
    String zone =
        "{\"id\": \"z\", \"name\": \"Zona\", \"type\": \"onStreet\","
            + " \"location\": {\"lat\": 43.47, \"lon\": -3.78}, \"spots\": ";
    assertFails(withFacility(zone + "[]}")).hasMessageContaining("(z).spots: is required");
    assertFails(withFacility(zone + "[\"a-1\", \"a-1\"]}"))
        .hasMessageContaining("(z): spot a-1 is listed twice");
    assertFails(withFacility(zone + "[{\"id\": \"a-1\", \"category\": \"vip\"}]}"))
        .hasMessageContaining("(z).spots[0].category: unknown category");
    assertFails(
            "{\"facilities\": [], \"almostFull\": {\"enterBelowPercent\": 20, \"leaveAbovePercent\": 10}}")
        .hasMessageContaining("almostFull");
    assertFails("{\"facilities\": [").hasMessageStartingWith("invalid JSON");
    assertFails("{}").hasMessage("facilities: is required, an array");
  }

  private static org.assertj.core.api.AbstractThrowableAssert<?, ? extends Throwable> assertFails(
      String text) {
    return assertThatThrownBy(() -> ParkingCatalogFile.parse(text))
        .isInstanceOf(CatalogException.class);
  }
}
