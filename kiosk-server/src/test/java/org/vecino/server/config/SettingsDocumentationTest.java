package org.vecino.server.config;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * The README's settings table and {@code config/vecino.conf} name exactly the declared settings
 * ({@link Settings#DECLARED}), with the declared defaults.
 */
class SettingsDocumentationTest {
  private static final Pattern KEY = Pattern.compile("VECINO_[A-Z0-9_]+");
  private static final Pattern CONF_LINE =
      Pattern.compile("(?m)^(#?)\\s*(VECINO_[A-Z0-9_]+)\\s*=(.*)$");

  private static Set<String> declaredKeys() {
    Set<String> keys = new LinkedHashSet<>();
    Settings.DECLARED.forEach(s -> keys.add(s.key()));
    return keys;
  }

  /** The rows of the README's settings table: first column's names → last column. */
  private static Map<List<String>, String> readmeRows() throws IOException {
    String readme = Files.readString(SettingsLoaderTest.repositoryRoot().resolve("README.md"));
    Map<List<String>, String> rows = new LinkedHashMap<>();
    for (String line : readme.split("\n")) {
      if (!line.startsWith("| `VECINO_")) {
        continue;
      }
      String[] cells = line.split("\\|");
      List<String> keys = KEY.matcher(cells[1]).results().map(m -> m.group()).toList();
      rows.put(keys, cells[cells.length - 1].strip());
    }
    return rows;
  }

  @Test
  void everySettingIsDeclaredOnceWithHelp() {
    assertThat(Settings.DECLARED).extracting(Setting::key).doesNotHaveDuplicates();
    assertThat(SettingsLoader.KNOWN_KEYS).containsExactlyElementsOf(declaredKeys());
    for (Setting<?> s : Settings.DECLARED) {
      assertThat(s.help()).as(s.key()).isNotBlank();
      assertThat(s.allowed()).as(s.key()).isNotBlank();
    }
  }

  @Test
  void theReadmeTableNamesExactlyTheDeclaredSettings() throws IOException {
    Set<String> documented = new LinkedHashSet<>();
    readmeRows().keySet().forEach(documented::addAll);
    assertThat(documented).containsExactlyInAnyOrderElementsOf(declaredKeys());
  }

  @Test
  void theReadmeTableShowsTheDeclaredDefaults() throws IOException {
    for (Map.Entry<List<String>, String> row : readmeRows().entrySet()) {
      if (row.getKey().size() != 1) {
        continue;
      }
      Setting<?> setting = declared(row.getKey().get(0));
      if (setting.defaultValue() != null) {
        assertThat(row.getValue()).as(setting.key()).isEqualTo("`" + setting.defaultValue() + "`");
      }
    }
  }

  @Test
  void theShippedFileNamesExactlyTheDeclaredSettingsWithTheirDefaults() throws IOException {
    Path conf = SettingsLoaderTest.repositoryRoot().resolve("config/vecino.conf");
    Matcher m = CONF_LINE.matcher(Files.readString(conf));
    Set<String> documented = new LinkedHashSet<>();
    while (m.find()) {
      String key = m.group(2);
      assertThat(documented.add(key)).as(key + " documented once").isTrue();
      Setting<?> setting = declared(key);
      boolean commented = !m.group(1).isEmpty();
      if (setting.defaultValue() == null) {
        assertThat(commented).as(key + " has no default, so its example is commented").isTrue();
      } else {
        assertThat(commented).as(key + " shows its default").isFalse();
        assertThat(m.group(3).strip()).as(key).isEqualTo(setting.defaultValue());
      }
    }
    assertThat(documented).containsExactlyInAnyOrderElementsOf(declaredKeys());
  }

  private static Setting<?> declared(String key) {
    return Settings.DECLARED.stream()
        .filter(s -> s.key().equals(key))
        .findFirst()
        .orElseThrow(() -> new AssertionError(key + " is documented but not declared"));
  }
}
