package org.vecino.core.transit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.tuple;

import java.util.List;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.vecino.core.kernel.GeoPoint;
import org.vecino.core.testing.FakeTimetable;

class StopSearchTest {
  static final GeoPoint ITALIA = new GeoPoint(43.4686, -3.7885);

  static Stop stop(String id, String name, double lat, double lon) {
    return new Stop(id, null, name, new GeoPoint(lat, lon));
  }

  final StopSearch search =
      new StopSearch(
          FakeTimetable.builder()
              .stop(new Stop("47", "147", "PLAZA DE ITALIA", ITALIA))
              .stop(stop("10", "Italia", 43.4697, -3.7885)) // ~122 m north
              .stop(stop("11", "Italia (Hospital)", 43.4716, -3.7885)) // ~334 m north
              .stop(stop("12", "Avenida de Italia Norte", 43.4686, -3.7835)) // ~403 m east
              .stop(stop("20", "Corbán", 43.4786, -3.7885)) // ~1112 m north
              .stop(stop("21", "Valdenoja", 43.4586, -3.7885)) // ~1112 m south
              .stop(stop("22", "Jardines de Pereda", 43.4610, -3.8050))
              .build());

  static List<String> ids(List<StopMatch> matches) {
    return matches.stream().map(m -> m.stop().id()).toList();
  }

  @Nested
  class ByName {
    @Test
    void accentsAndCaseAreIgnored() {
      assertThat(ids(search.byName("corban", 10))).containsExactly("20");
      assertThat(ids(search.byName("CORBÁN", 10))).containsExactly("20");
      assertThat(ids(search.byName("plaza de italia", 10))).containsExactly("47");
    }

    @Test
    void exactThenPrefixThenOthersThenByName() {
      assertThat(ids(search.byName("italia", 10))).containsExactly("10", "11", "12", "47");
      assertThat(ids(search.byName("ITÁLIA", 10))).containsExactly("10", "11", "12", "47");
    }

    @Test
    void everyWordMustAppearSomewhereInTheName() {
      assertThat(ids(search.byName("plaza italia", 10))).containsExactly("47");
      assertThat(ids(search.byName("  Italia   norte ", 10))).containsExactly("12");
      assertThat(ids(search.byName("ital hosp", 10))).containsExactly("11");
      assertThat(search.byName("italia sardinero", 10)).isEmpty();
    }

    @Test
    void aStopCodeFindsItsStopFirst() {
      assertThat(ids(search.byName("147", 10))).containsExactly("47");
      // A stop without a code of its own has its id as code.
      assertThat(ids(search.byName("22", 10))).containsExactly("22");
    }

    @Test
    void nameMatchesHaveNoDistance() {
      assertThat(search.byName("corban", 10))
          .extracting(StopMatch::distanceMeters)
          .containsOnlyNulls();
    }

    @Test
    void limitAndBlankQueries() {
      assertThat(ids(search.byName("italia", 2))).containsExactly("10", "11");
      assertThat(search.byName("   ", 10)).isEmpty();
      assertThat(search.byName(null, 10)).isEmpty();
      assertThatThrownBy(() -> search.byName("italia", 0))
          .isInstanceOf(IllegalArgumentException.class);
    }
  }

  @Nested
  class Near {
    @Test
    void withinTheRadiusNearestFirstInWholeMetres() {
      assertThat(search.near(ITALIA, 500, 10))
          .extracting(m -> m.stop().id(), StopMatch::distanceMeters)
          .containsExactly(tuple("47", 0), tuple("10", 122), tuple("11", 334), tuple("12", 403));
    }

    @Test
    void theRadiusIsInclusiveAndTheLimitCuts() {
      int toHospital = search.near(ITALIA, 500, 10).get(2).distanceMeters();
      double exact = ITALIA.distanceMeters(new GeoPoint(43.4716, -3.7885));
      assertThat(ids(search.near(ITALIA, exact, 10))).containsExactly("47", "10", "11");
      assertThat(ids(search.near(ITALIA, exact - 0.01, 10))).containsExactly("47", "10");
      assertThat(toHospital).isEqualTo((int) Math.round(exact));
      assertThat(ids(search.near(ITALIA, 5000, 2))).containsExactly("47", "10");
    }

    @Test
    void farAwayFindsNothing() {
      assertThat(search.near(new GeoPoint(40.4168, -3.7038), 1000, 10)).isEmpty();
    }

    @Test
    void theBoundingBoxKeepsStopsAtHighLatitudeAndAcrossTheAntimeridian() {
      StopSearch north =
          new StopSearch(
              FakeTimetable.builder()
                  .stop(stop("east", "Este", 80.0, 179.999))
                  .stop(stop("west", "Oeste", 80.0, -179.999))
                  .stop(stop("far", "Lejos", 80.0, 179.9))
                  .build());
      GeoPoint p = new GeoPoint(80.0, 179.9995);
      assertThat(north.near(p, 100, 10))
          .extracting(m -> m.stop().id(), StopMatch::distanceMeters)
          .containsExactly(tuple("east", 10), tuple("west", 29));
      // Every longitude is within reach at the pole.
      assertThat(ids(north.near(new GeoPoint(90, 0), 1_200_000, 10)))
          .containsExactlyInAnyOrder("east", "west", "far");
    }

    @Test
    void invalidArgumentsAreRejected() {
      assertThatThrownBy(() -> search.near(ITALIA, 0, 10))
          .isInstanceOf(IllegalArgumentException.class);
      assertThatThrownBy(() -> search.near(ITALIA, Double.NaN, 10))
          .isInstanceOf(IllegalArgumentException.class);
      assertThatThrownBy(() -> search.near(ITALIA, 100, 0))
          .isInstanceOf(IllegalArgumentException.class);
    }
  }
}
