package org.vecino.server.office;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.vecino.core.office.RequestStatus;
import org.vecino.core.office.ServiceRequest;
import org.vecino.server.db.Database;

/**
 * The Open311 request search on a real SQLite file with 20,000 requests: the filters, the newest
 * first order and the limit run in SQL on the window index, so the answer is right and only the
 * rows of the answer are read and mapped, whatever the size of the table.
 */
class ServiceRequestSearchTest {
  private static final int N = 20_000;
  private static final Instant NOW = Instant.parse("2026-11-30T09:00:00Z");
  private static final List<String> CODES = List.of("graffiti", "streetlight", "broken-bench");

  @TempDir static Path dir;
  private static Database db;
  private static ServiceRequestRepository repository;

  /** Request {@code i} (id {@code 1001 + i}) was filed {@code i} minutes before now. */
  @BeforeAll
  static void fill() {
    db = Database.open(dir.resolve("vecino.db"));
    repository = new ServiceRequestRepository(db);
    List<Function<String, ServiceRequest>> builds = new ArrayList<>();
    for (int i = 0; i < N; i++) {
      int n = i;
      Instant at = NOW.minus(Duration.ofMinutes(n));
      builds.add(
          id ->
              new ServiceRequest(
                  id,
                  CODES.get(n % 3),
                  "request " + n,
                  null,
                  "Calle " + n,
                  Map.of(),
                  null,
                  "es",
                  n % 10 == 0 ? RequestStatus.CLOSED : RequestStatus.OPEN,
                  null,
                  null,
                  at,
                  at));
    }
    int stored = repository.insertAll(builds, RequestContact.open311("key-test").build());
    assertThat(stored).isEqualTo(N);
  }

  @AfterAll
  static void close() {
    db.close();
  }

  private static List<String> ids(List<StoredRequest> found) {
    return found.stream().map(s -> s.request().id()).toList();
  }

  private static List<String> expected(IntStream indexes) {
    return indexes.mapToObj(i -> Integer.toString(1001 + i)).toList();
  }

  private static final Instant FROM = NOW.minus(Duration.ofDays(90));

  @Test
  void theNewestComeFirstAndTheLimitHolds() {
    assertThat(ids(repository.search(FROM, NOW, Set.of(), Set.of(), 1))).containsExactly("1001");
    List<StoredRequest> thousand = repository.search(FROM, NOW, Set.of(), Set.of(), 1000);
    assertThat(ids(thousand)).isEqualTo(expected(IntStream.range(0, 1000)));
    assertThat(thousand.get(999).request().description()).isEqualTo("request 999");
  }

  @Test
  void theFiltersAndTheWindowAreApplied() {
    // streetlight (i % 3 == 1) and closed (i % 10 == 0): i = 10, 40, 70...
    assertThat(
            ids(
                repository.search(
                    FROM, NOW, Set.of("streetlight"), Set.of(RequestStatus.CLOSED), 5)))
        .isEqualTo(expected(IntStream.iterate(10, i -> i + 30).limit(5)));
    assertThat(
            ids(
                repository.search(
                    FROM,
                    NOW,
                    Set.of("graffiti", "broken-bench"),
                    Set.of(RequestStatus.OPEN, RequestStatus.CLOSED),
                    4)))
        .isEqualTo(expected(IntStream.of(0, 2, 3, 5)));
    // A window of one hour, a day ago: i in [1440, 1500].
    Instant to = NOW.minus(Duration.ofMinutes(1440));
    Instant from = to.minus(Duration.ofHours(1));
    assertThat(ids(repository.search(from, to, Set.of(), Set.of(), 1000)))
        .isEqualTo(expected(IntStream.rangeClosed(1440, 1500)));
    assertThat(
            repository.search(
                NOW.minus(Duration.ofDays(90)),
                NOW.minus(Duration.ofDays(60)),
                Set.of(),
                Set.of(),
                1000))
        .isEmpty();
    assertThat(repository.search(FROM, NOW, Set.of("no-such"), Set.of(), 10)).isEmpty();
  }

  @Test
  void theQueryWalksTheWindowIndexAndStopsAtTheLimitWithoutSorting() {
    for (List<String> plan :
        List.of(
            repository.searchPlan(FROM, NOW, Set.of(), Set.of(), 1),
            repository.searchPlan(
                FROM, NOW, Set.of("graffiti", "streetlight"), Set.of(RequestStatus.OPEN), 10))) {
      String text = String.join("\n", plan);
      assertThat(text).contains("service_requests_window");
      // No temporary B-tree: the rows are not gathered and sorted, the scan stops at the limit.
      assertThat(text).doesNotContain("TEMP B-TREE").doesNotContain("SCAN service_requests\n");
    }
  }
}
