package org.vecino.server.privacy;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Pattern;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.vecino.server.db.Database;
import org.vecino.server.testing.Repo;

/**
 * Every table of the migrated schema is in {@link RetentionRules}: in a rule, or among the tables
 * without personal data. A table with a column named like personal data (a phone, its hash, free
 * text, an address) must have a rule, so a migration that adds one fails here until its rule is
 * written (and documented in {@code docs/SECURITY.md}).
 */
class RetentionRulesTest {
  /** Column names that hold personal data wherever they appear. */
  private static final Pattern PERSONAL =
      Pattern.compile(
          "(.*_)?(.*phone.*|description|address|text|email|first_name|last_name|media_url"
              + "|subject|place)");

  private static final List<RetentionRule> RULES = RetentionRules.of(Duration.ofDays(30));

  @TempDir static Path dir;
  private static Map<String, List<String>> schema;

  @BeforeAll
  static void migrate() {
    try (Database db = Database.open(dir.resolve("vecino.db"))) {
      schema = columnsByTable(db);
    }
  }

  @Test
  void everyTableIsInARuleOrJudgedNotPersonal() {
    Set<String> ruled = RetentionRules.tables(RULES);
    for (String table : schema.keySet()) {
      assertThat(ruled.contains(table) || RetentionRules.NOT_PERSONAL.containsKey(table))
          .as("table %s has no retention rule and is not listed as holding no personal data", table)
          .isTrue();
      assertThat(ruled.contains(table) && RetentionRules.NOT_PERSONAL.containsKey(table))
          .as("table %s both has a rule and is listed as not personal", table)
          .isFalse();
    }
    assertThat(schema.keySet())
        .containsAll(ruled)
        .containsAll(RetentionRules.NOT_PERSONAL.keySet());
  }

  @Test
  void everyTableWithAPersonalLookingColumnHasARule() {
    Set<String> ruled = RetentionRules.tables(RULES);
    List<String> unruled = new ArrayList<>();
    schema.forEach(
        (table, columns) -> {
          for (String column : columns) {
            String key = table + "." + column;
            if (PERSONAL.matcher(column).matches()
                && !ruled.contains(table)
                && !RetentionRules.NOT_PERSONAL_COLUMNS.containsKey(key)) {
              unruled.add(key);
            }
          }
        });
    assertThat(unruled).as("personal-looking columns in tables without a retention rule").isEmpty();
    assertThat(RetentionRules.NOT_PERSONAL_COLUMNS.keySet())
        .allSatisfy(
            key ->
                assertThat(schema.get(key.substring(0, key.indexOf('.'))))
                    .contains(key.substring(key.indexOf('.') + 1)));
  }

  @Test
  void theSpotChecksOfThePatternHold() {
    // The pattern sees the columns the rules were written for.
    assertThat(PERSONAL.matcher("phone").matches()).isTrue();
    assertThat(PERSONAL.matcher("phone_hash").matches()).isTrue();
    assertThat(PERSONAL.matcher("citizen_phone").matches()).isTrue();
    assertThat(PERSONAL.matcher("description").matches()).isTrue();
    assertThat(PERSONAL.matcher("home_address").matches()).isTrue();
    assertThat(PERSONAL.matcher("text").matches()).isTrue();
    assertThat(PERSONAL.matcher("status").matches()).isFalse();
    assertThat(PERSONAL.matcher("starts_at").matches()).isFalse();
  }

  @Test
  void rulesHaveUniqueNamesAndSecurityMdShowsEveryRuledTable() throws Exception {
    Set<String> names = new TreeSet<>();
    for (RetentionRule r : RULES) {
      assertThat(names.add(r.name())).as("rule %s twice", r.name()).isTrue();
    }
    String security = Files.readString(Repo.root().resolve("docs/SECURITY.md"));
    for (String table : RetentionRules.tables(RULES)) {
      assertThat(security).as("docs/SECURITY.md names `%s`", table).contains("`" + table + "`");
    }
  }

  private static Map<String, List<String>> columnsByTable(Database db) {
    return db.read(
        c -> {
          Map<String, List<String>> out = new LinkedHashMap<>();
          List<String> tables = new ArrayList<>();
          try (PreparedStatement ps =
                  c.prepareStatement(
                      "SELECT name FROM sqlite_master WHERE type = 'table'"
                          + " AND name NOT LIKE 'sqlite_%' ORDER BY name");
              ResultSet rs = ps.executeQuery()) {
            while (rs.next()) {
              tables.add(rs.getString(1));
            }
          }
          for (String table : tables) {
            List<String> columns = new ArrayList<>();
            try (PreparedStatement ps =
                c.prepareStatement("SELECT name FROM pragma_table_info(?)"); ) {
              ps.setString(1, table);
              try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                  columns.add(rs.getString(1));
                }
              }
            }
            out.put(table, columns);
          }
          return out;
        });
  }
}
