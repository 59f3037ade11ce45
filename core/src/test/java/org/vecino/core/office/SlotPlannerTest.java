package org.vecino.core.office;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Clock;
import java.time.DayOfWeek;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.vecino.core.kernel.GeoPoint;
import org.vecino.core.kernel.Lang;
import org.vecino.core.kernel.LocalizedText;

class SlotPlannerTest {
  private static final ZoneId MADRID = ZoneId.of("Europe/Madrid");
  private static final LocalDate TUESDAY = LocalDate.of(2026, 12, 1);

  /** Sunday 25 October 2026: clocks go back from 03:00 CEST to 02:00 CET. */
  private static final LocalDate AUTUMN_SUNDAY = LocalDate.of(2026, 10, 25);

  /** Sunday 28 March 2027: clocks go forward from 02:00 CET to 03:00 CEST. */
  private static final LocalDate SPRING_SUNDAY = LocalDate.of(2027, 3, 28);

  private static LocalizedText t(String s) {
    return LocalizedText.of(Lang.ES, s);
  }

  private static Office office(Map<DayOfWeek, List<TimeSpan>> week, Set<LocalDate> holidays) {
    return new Office(
        "of-cazona",
        t("Oficina Cazoña"),
        "Calle Río Ebro 2",
        new GeoPoint(43.45, -3.84),
        new OfficeHours(week, holidays));
  }

  private static final Office WEEKDAYS =
      office(
          Map.of(
              DayOfWeek.MONDAY, List.of(TimeSpan.parse("09:00-11:00")),
              DayOfWeek.TUESDAY,
                  List.of(TimeSpan.parse("09:00-10:00"), TimeSpan.parse("16:00-16:50"))),
          Set.of(LocalDate.of(2026, 12, 8)));

  private static Procedure procedure(int minutes, int capacity) {
    return new Procedure(
        "padron-certificate",
        t("Padrón"),
        t("s"),
        t("w"),
        List.of(t("DNI")),
        t("Gratuito"),
        Channel.APPOINTMENT,
        minutes,
        Map.of("of-cazona", capacity));
  }

  private static SlotPlanner at(String instant) {
    return new SlotPlanner(Clock.fixed(Instant.parse(instant), MADRID), MADRID);
  }

  @Test
  void aWinterDayIsCutIntoSlotsOfTheProcedureInLocalTime() {
    List<Slot> slots =
        at("2026-11-30T00:00:00Z").grid(WEEKDAYS, procedure(20, 2), TUESDAY, Map.of());
    assertThat(slots)
        .extracting(Slot::start)
        .containsExactly(
            Instant.parse("2026-12-01T08:00:00Z"),
            Instant.parse("2026-12-01T08:20:00Z"),
            Instant.parse("2026-12-01T08:40:00Z"),
            // 16:00-16:50 holds two 20-minute slots; 16:40 would end after closing.
            Instant.parse("2026-12-01T15:00:00Z"),
            Instant.parse("2026-12-01T15:20:00Z"));
    assertThat(slots.get(0).end()).isEqualTo(Instant.parse("2026-12-01T08:20:00Z"));
    assertThat(slots).allSatisfy(s -> assertThat(s.free()).isEqualTo(2));
  }

  @Test
  void fullAndPastSlotsAreNotFree() {
    SlotPlanner planner = at("2026-12-01T08:10:00Z"); // 09:10 in Santander
    Map<Instant, Integer> booked =
        Map.of(Instant.parse("2026-12-01T08:20:00Z"), 2, Instant.parse("2026-12-01T08:40:00Z"), 1);
    List<Slot> free = planner.freeSlots(WEEKDAYS, procedure(20, 2), TUESDAY, booked);
    assertThat(free)
        .extracting(Slot::start)
        .containsExactly(
            Instant.parse("2026-12-01T08:40:00Z"),
            Instant.parse("2026-12-01T15:00:00Z"),
            Instant.parse("2026-12-01T15:20:00Z"));
    assertThat(free.get(0).free()).isEqualTo(1);
  }

  @Test
  void closedWeekdaysAndHolidaysHaveNoSlots() {
    SlotPlanner planner = at("2026-11-30T00:00:00Z");
    assertThat(planner.grid(WEEKDAYS, procedure(15, 1), LocalDate.of(2026, 12, 5), Map.of()))
        .isEmpty();
    // Tuesday 8 December 2026 is the Immaculate Conception, a holiday.
    assertThat(planner.grid(WEEKDAYS, procedure(15, 1), LocalDate.of(2026, 12, 8), Map.of()))
        .isEmpty();
  }

  @Test
  void theAutumnDstDayKeepsTheLocalGridAtTheWinterOffset() {
    Office sundays =
        office(Map.of(DayOfWeek.SUNDAY, List.of(TimeSpan.parse("01:00-04:00"))), Set.of());
    List<Slot> slots =
        at("2026-10-24T00:00:00Z").grid(sundays, procedure(60, 1), AUTUMN_SUNDAY, Map.of());
    // 01:00 CEST = 23:00Z; 02:00 exists twice, the earlier one (CEST, 00:00Z) is the slot;
    // 03:00 CET = 02:00Z. The local grid stays 01:00, 02:00, 03:00.
    assertThat(slots)
        .extracting(Slot::start)
        .containsExactly(
            Instant.parse("2026-10-24T23:00:00Z"),
            Instant.parse("2026-10-25T00:00:00Z"),
            Instant.parse("2026-10-25T02:00:00Z"));
    // A 09:00 opening on the DST day is 08:00Z (winter), not 07:00Z.
    Office morning =
        office(Map.of(DayOfWeek.SUNDAY, List.of(TimeSpan.parse("09:00-09:30"))), Set.of());
    assertThat(at("2026-10-24T00:00:00Z").grid(morning, procedure(30, 1), AUTUMN_SUNDAY, Map.of()))
        .extracting(Slot::start)
        .containsExactly(Instant.parse("2026-10-25T08:00:00Z"));
  }

  @Test
  void theSpringDstDayHasNoSlotInTheMissingHour() {
    Office sundays =
        office(Map.of(DayOfWeek.SUNDAY, List.of(TimeSpan.parse("01:00-04:00"))), Set.of());
    List<Slot> slots =
        at("2027-03-27T00:00:00Z").grid(sundays, procedure(60, 1), SPRING_SUNDAY, Map.of());
    assertThat(slots)
        .extracting(Slot::start)
        .containsExactly(
            Instant.parse("2027-03-28T00:00:00Z"), // 01:00 CET
            Instant.parse("2027-03-28T01:00:00Z")); // 03:00 CEST; 02:00 does not exist
  }

  @Test
  void checkTellsWhyAStartCannotBeBooked() {
    SlotPlanner planner = at("2026-12-01T08:10:00Z");
    Procedure p = procedure(20, 2);
    assertThat(planner.check(WEEKDAYS, p, Instant.parse("2026-12-01T08:40:00Z")))
        .isEqualTo(
            new SlotPlanner.Bookable(
                new Slot(
                    Instant.parse("2026-12-01T08:40:00Z"),
                    Instant.parse("2026-12-01T09:00:00Z"),
                    2,
                    0)));
    assertThat(planner.check(WEEKDAYS, p, Instant.parse("2026-12-01T08:00:00Z")))
        .isEqualTo(new SlotPlanner.Refused(SlotPlanner.Refusal.IN_THE_PAST));
    assertThat(planner.check(WEEKDAYS, p, Instant.parse("2026-12-01T08:25:00Z")))
        .isEqualTo(new SlotPlanner.Refused(SlotPlanner.Refusal.OFF_GRID));
    assertThat(planner.check(WEEKDAYS, p, Instant.parse("2026-12-01T12:00:00Z")))
        .isEqualTo(new SlotPlanner.Refused(SlotPlanner.Refusal.OUTSIDE_HOURS));
    assertThat(planner.check(WEEKDAYS, p, Instant.parse("2026-12-01T15:40:00Z")))
        .as("16:40 would end after 16:50")
        .isEqualTo(new SlotPlanner.Refused(SlotPlanner.Refusal.OUTSIDE_HOURS));
    Procedure kioskOnly =
        new Procedure("x", t("x"), t("x"), t("x"), List.of(), t("x"), Channel.KIOSK, 15, Map.of());
    assertThat(planner.check(WEEKDAYS, kioskOnly, Instant.parse("2026-12-01T08:40:00Z")))
        .isEqualTo(new SlotPlanner.Refused(SlotPlanner.Refusal.NOT_BOOKABLE_HERE));
  }

  @Test
  void hoursSummaryGroupsEqualDays() {
    Office o =
        office(
            Map.of(
                DayOfWeek.MONDAY, List.of(TimeSpan.parse("09:00-14:00")),
                DayOfWeek.TUESDAY, List.of(TimeSpan.parse("09:00-14:00")),
                DayOfWeek.WEDNESDAY, List.of(TimeSpan.parse("09:00-14:00")),
                DayOfWeek.THURSDAY,
                    List.of(TimeSpan.parse("09:00-14:00"), TimeSpan.parse("16:00-18:30")),
                DayOfWeek.FRIDAY, List.of(TimeSpan.parse("09:00-14:00"))),
            Set.of());
    assertThat(o.hours().summary(Lang.ES))
        .isEqualTo("L-X 9:00-14:00; J 9:00-14:00, 16:00-18:30; V 9:00-14:00");
    assertThat(o.hours().summary(Lang.EN)).startsWith("Mon-Wed 9:00-14:00; Thu");
  }

  @Test
  void serviceAttributesAreChecked() {
    Open311Service s =
        new Open311Service(
            "streetlight",
            t("Farola"),
            t("d"),
            t("Alumbrado"),
            List.of("luz"),
            List.of(
                new ServiceAttribute(
                    "problem",
                    "singlevaluelist",
                    true,
                    t("¿Qué le pasa?"),
                    1,
                    List.of(
                        new ServiceAttribute.Value("off", t("Apagada")),
                        new ServiceAttribute.Value("blinking", t("Parpadea"))))));
    assertThat(s.check(Map.of("problem", "off"))).isEmpty();
    assertThat(s.check(Map.of()))
        .extracting(e -> e.field() + " " + e.message())
        .containsExactly("attribute[problem] is required");
    assertThat(s.check(Map.of("problem", "broken", "x", "1")))
        .extracting(e -> e.field())
        .containsExactly("attribute[problem]", "attribute[x]");
  }
}
