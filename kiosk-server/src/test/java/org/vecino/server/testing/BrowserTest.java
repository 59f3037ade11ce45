package org.vecino.server.testing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.opentest4j.TestAbortedException;

/** The rule for a missing browser: fail under {@code CI=true}, skip elsewhere. */
class BrowserTest {
  private static final Path MISSING = Path.of("/nonexistent/vecino/chromedriver");
  private static final Path PRESENT = Path.of("/bin/sh"); // any executable

  @Test
  void aMissingBrowserOrDriverFailsUnderCi() {
    assertThatThrownBy(() -> Browser.require(true, PRESENT, MISSING))
        .isInstanceOf(AssertionError.class)
        .hasMessageContaining("CI=true")
        .hasMessageContaining("ChromeDriver at " + MISSING);
    assertThatThrownBy(() -> Browser.require(true, MISSING, PRESENT))
        .isInstanceOf(AssertionError.class)
        .hasMessageContaining("Chromium at " + MISSING);
  }

  @Test
  void aMissingBrowserOrDriverSkipsWithAClearMessageOutsideCi() {
    assertThatThrownBy(() -> Browser.require(false, PRESENT, MISSING))
        .isInstanceOf(TestAbortedException.class)
        .hasMessageContaining("ChromeDriver at " + MISSING)
        .hasMessageContaining("apt-get install chromium chromium-driver");
  }

  @Test
  void bothPresentIsFineEverywhere() {
    assertThatCode(() -> Browser.require(true, PRESENT, PRESENT)).doesNotThrowAnyException();
    assertThatCode(() -> Browser.require(false, PRESENT, PRESENT)).doesNotThrowAnyException();
  }

  @Test
  void ciMeansTheVariableIsTrue() {
    assertThat(Browser.onCi(Map.of("CI", "true"))).isTrue();
    assertThat(Browser.onCi(Map.of("CI", "TRUE"))).isTrue();
    assertThat(Browser.onCi(Map.of())).isFalse();
    assertThat(Browser.onCi(Map.of("CI", "false"))).isFalse();
    assertThat(Browser.onCi(Map.of("CI", ""))).isFalse();
  }

  @Test
  void theBinariesCanBeMovedByEnvironmentVariables() {
    assertThat(Browser.binary(Map.of(), "CHROMEDRIVER", "/usr/bin/chromedriver"))
        .isEqualTo(Path.of("/usr/bin/chromedriver"));
    assertThat(Browser.binary(Map.of("CHROMEDRIVER", "/opt/cd"), "CHROMEDRIVER", "/usr/bin/x"))
        .isEqualTo(Path.of("/opt/cd"));
  }
}
