package org.vecino.server.ingest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.vecino.server.db.Database;

class RejectionRepositoryTest {
  private static final Instant T0 = Instant.parse("2026-11-28T10:12:30.123456789Z");

  @TempDir Path dir;

  private Database db;
  private RejectionRepository repository;

  @BeforeEach
  void open() {
    db = Database.open(dir.resolve("vecino.db"));
    repository = new RejectionRepository(db);
  }

  @AfterEach
  void close() {
    db.close();
  }

  private void add(List<Rejection> rejections) {
    db.inTransaction(
        c -> {
          repository.add(c, rejections);
          return null;
        });
  }

  private void trim(int keep) {
    db.inTransaction(
        c -> {
          repository.trim(c, keep);
          return null;
        });
  }

  private static Rejection rejection(int i, RejectionReason reason) {
    return new Rejection(
        "city/transit/stops/" + i + "/arrivals", reason, "detail " + i, T0.plusSeconds(i), "{}");
  }

  @Test
  void recentReturnsTheNewestFirstWithEveryField() {
    Rejection withPayload =
        Rejection.of(
            "city/x",
            RejectionReason.UNKNOWN_TOPIC,
            "topic outside the contract: «x»",
            T0,
            "{\"texto\":\"ñandú\"}".getBytes(StandardCharsets.UTF_8));
    Rejection second = rejection(2, RejectionReason.INVALID_PAYLOAD);
    Rejection third = rejection(3, RejectionReason.OUT_OF_ORDER);
    add(List.of(withPayload, second));
    add(List.of(third));

    assertThat(repository.recent(10)).containsExactly(third, second, withPayload);
    assertThat(repository.recent(2)).containsExactly(third, second);
    assertThat(repository.recent(0)).isEmpty();
    assertThat(repository.recent(10).get(2).payload()).isEqualTo("{\"texto\":\"ñandú\"}");
    assertThatThrownBy(() -> repository.recent(-1)).isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void countsByReasonAddUpAndSurviveTrimAndRestart() {
    assertThat(repository.counts())
        .hasSize(RejectionReason.values().length)
        .allSatisfy((reason, count) -> assertThat(count).isZero());
    add(
        List.of(
            rejection(1, RejectionReason.INVALID_PAYLOAD),
            rejection(2, RejectionReason.INVALID_PAYLOAD),
            rejection(3, RejectionReason.TOO_LARGE)));
    add(List.of(rejection(4, RejectionReason.INVALID_PAYLOAD)));
    add(List.of());
    trim(0);
    assertThat(repository.recent(10)).isEmpty();

    db.close();
    db = Database.open(dir.resolve("vecino.db"));
    repository = new RejectionRepository(db);
    Map<RejectionReason, Long> counts = repository.counts();
    assertThat(counts.get(RejectionReason.INVALID_PAYLOAD)).isEqualTo(3);
    assertThat(counts.get(RejectionReason.TOO_LARGE)).isEqualTo(1);
    assertThat(counts.get(RejectionReason.UNKNOWN_ID)).isZero();
  }

  @Test
  void trimKeepsTheNewest() {
    List<Rejection> all = new ArrayList<>();
    for (int i = 0; i < 25; i++) {
      all.add(rejection(i, RejectionReason.UNKNOWN_ID));
    }
    add(all.subList(0, 10));
    add(all.subList(10, 25));

    trim(100);
    assertThat(repository.recent(100)).hasSize(25);
    trim(10);
    assertThat(repository.recent(100)).hasSize(10).first().isEqualTo(all.get(24));
    assertThat(repository.recent(100)).last().isEqualTo(all.get(15));

    // Ids keep growing after a trim: the newest is still first.
    Rejection later = rejection(99, RejectionReason.FUTURE_TIMESTAMP);
    add(List.of(later));
    assertThat(repository.recent(1)).containsExactly(later);
    assertThatThrownBy(
            () ->
                db.inTransaction(
                    c -> {
                      repository.trim(c, -1);
                      return null;
                    }))
        .isInstanceOf(IllegalArgumentException.class);
  }
}
