package org.vecino.bench;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.vecino.bench.BenchArgs.StopEntry;
import org.vecino.bench.CityFeedGenerator.Scale;
import org.vecino.bench.CityFeedGenerator.Summary;
import org.vecino.core.transit.gtfs.GtfsFeed;
import org.vecino.core.transit.gtfs.GtfsLoader;

class CityFeedGeneratorTest {
  @TempDir Path dir;

  @Test
  void sameSeedWritesTheSameBytes() throws IOException {
    Path a = dir.resolve("a");
    Path b = dir.resolve("b");
    CityFeedGenerator.generate(a, dir.resolve("a-stops.txt"), Scale.SMALL, CityFeedGenerator.SEED);
    CityFeedGenerator.generate(b, dir.resolve("b-stops.txt"), Scale.SMALL, CityFeedGenerator.SEED);

    List<String> files = names(a);
    assertThat(files)
        .containsExactly(
            "agency.txt",
            "calendar.txt",
            "calendar_dates.txt",
            "frequencies.txt",
            "routes.txt",
            "stop_times.txt",
            "stops.txt",
            "trips.txt");
    assertThat(names(b)).isEqualTo(files);
    for (String f : files) {
      assertThat(Files.mismatch(a.resolve(f), b.resolve(f))).as(f).isEqualTo(-1L);
    }
    assertThat(Files.mismatch(dir.resolve("a-stops.txt"), dir.resolve("b-stops.txt")))
        .isEqualTo(-1L);
  }

  @Test
  void loadsWithoutProblemsAndListsTheServedStops() throws IOException {
    Path feedDir = dir.resolve("feed");
    Path list = dir.resolve("stops.txt");
    Summary summary = CityFeedGenerator.generate(feedDir, list, Scale.SMALL, 7L);

    GtfsFeed feed = GtfsLoader.load(feedDir);

    assertThat(feed.problems()).isEmpty();
    assertThat(feed.stops()).hasSize(summary.stops()).hasSize(2 * 6 * 8);
    assertThat(feed.routes()).hasSize(Scale.SMALL.lines());
    List<StopEntry> served = BenchArgs.readStops(list);
    assertThat(served).hasSize(summary.servedStops());
    for (StopEntry s : served) {
      assertThat(feed.linesAt(s.id())).as(s.id()).isEqualTo(Set.copyOf(s.lines()));
    }
    String stopTimes = Files.readString(feedDir.resolve("stop_times.txt"));
    assertThat(stopTimes.split("\n")).hasSize((int) summary.stopTimes() + 1);
    assertThat(Pattern.compile(",2[4-9]:\\d\\d:00,").matcher(stopTimes).find())
        .as("some trips run past midnight")
        .isTrue();
    assertThat(Files.readAllLines(feedDir.resolve("frequencies.txt"))).hasSizeGreaterThan(1);
  }

  private static List<String> names(Path dir) throws IOException {
    try (Stream<Path> s = Files.list(dir)) {
      return s.map(p -> p.getFileName().toString()).sorted().toList();
    }
  }
}
