package org.vecino.server.office;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.DayOfWeek;
import java.time.LocalDate;
import java.util.Set;
import java.util.function.Consumer;
import java.util.function.Predicate;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.vecino.core.kernel.Lang;
import org.vecino.core.office.Channel;
import org.vecino.core.office.OfficeCatalog;
import org.vecino.core.office.Procedure;
import org.vecino.server.testing.Repo;

/** The office catalog file: the shipped one loads; each kind of mistake gives one clear line. */
class OfficeCatalogFileTest {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final Set<String> STOPS = Set.of("80", "63", "175", "181", "198", "160");
  private static final Set<String> PARKING = Set.of("valdecilla", "sardinero");
  private static final Predicate<String> STOP = STOPS::contains;
  private static final Predicate<String> PARK = PARKING::contains;

  @TempDir Path dir;

  @Test
  void theShippedCatalogLoads() {
    OfficeCatalog c = OfficeCatalogFile.load(Repo.officeCatalog(), STOP, PARK);
    assertThat(c.procedures()).hasSize(10);
    assertThat(c.offices())
        .extracting(o -> o.id())
        .containsExactly("of-cazona", "of-alisal", "of-monte");
    assertThat(c.kiosks())
        .extracting(k -> k.id())
        .containsExactly("k-cazona", "k-alisal", "k-monte");
    assertThat(c.services()).hasSize(8);
    Procedure ola = c.procedure("ola-resident-permit").orElseThrow();
    assertThat(ola.channel()).isEqualTo(Channel.APPOINTMENT);
    assertThat(ola.capacityAt("of-cazona")).hasValue(1);
    assertThat(ola.name().get(Lang.EN)).isEqualTo("Resident parking permit (OLA)");
    // City holidays and an office's own closed dates.
    assertThat(c.office("of-cazona").orElseThrow().hours().spansOn(LocalDate.of(2026, 12, 8)))
        .isEmpty();
    assertThat(c.office("of-alisal").orElseThrow().hours().spansOn(LocalDate.of(2026, 12, 24)))
        .isEmpty();
    assertThat(c.office("of-cazona").orElseThrow().hours().spansOn(LocalDate.of(2026, 12, 24)))
        .hasSize(2);
    assertThat(c.office("of-cazona").orElseThrow().hours().week().get(DayOfWeek.THURSDAY))
        .hasSize(2);
    assertThat(c.service("streetlight").orElseThrow().attributes().get(0).datatype())
        .isEqualTo("singlevaluelist");
  }

  private String loadBroken(Consumer<ObjectNode> edit) throws IOException {
    ObjectNode root = (ObjectNode) JSON.readTree(Repo.officeCatalog().toFile());
    edit.accept(root);
    Path file = dir.resolve("office.json");
    Files.writeString(file, JSON.writeValueAsString(root));
    try {
      OfficeCatalogFile.load(file, STOP, PARK);
    } catch (OfficeCatalogFile.CatalogFileException e) {
      assertThat(e.getMessage()).doesNotContain("\n");
      return e.getMessage();
    }
    throw new AssertionError("the broken catalog loaded");
  }

  private static ObjectNode at(ObjectNode root, String list, int i) {
    return (ObjectNode) root.get(list).get(i);
  }

  @Test
  void eachMistakeNamesItsEntryAndField() throws IOException {
    assertThat(loadBroken(r -> at(r, "procedures", 1).put("slotMinutes", 0)))
        .isEqualTo("procedures[1] (padron-registration).slotMinutes: must be an integer 5..240");
    assertThat(loadBroken(r -> at(r, "procedures", 1).put("channel", "post")))
        .isEqualTo(
            "procedures[1] (padron-registration).channel: must be kiosk, appointment or townHall");
    assertThat(
            loadBroken(
                r -> ((ObjectNode) at(r, "procedures", 1).get("capacity")).put("of-mars", 1)))
        .isEqualTo("procedures[1] (padron-registration).capacity.of-mars: no office has this id");
    assertThat(loadBroken(r -> at(r, "procedures", 1).putObject("capacity")))
        .contains("procedures[1] (padron-registration).capacity: an appointment procedure needs");
    assertThat(loadBroken(r -> ((ObjectNode) at(r, "procedures", 0).get("name")).remove("en")))
        .isEqualTo(
            "procedures[0] (padron-certificate).name.en: must be a text of 1..1000 characters");
    assertThat(loadBroken(r -> at(r, "procedures", 2).put("id", "padron-certificate")))
        .isEqualTo("procedures[2] (padron-certificate): id is listed twice");
    assertThat(loadBroken(r -> at(r, "procedures", 0).put("colour", "red")))
        .startsWith("procedures[0] (padron-certificate).colour: unknown field");
    assertThat(
            loadBroken(
                r ->
                    ((ArrayNode) at(r, "offices", 0).with("hours").withArray("mon"))
                        .removeAll()
                        .add("14:00-09:00")))
        .startsWith("offices[0] (of-cazona).hours.mon: a span must end after it starts");
    assertThat(
            loadBroken(
                r -> at(r, "offices", 0).with("hours").putArray("funday").add("09:00-10:00")))
        .startsWith("offices[0] (of-cazona).hours.funday: unknown weekday");
    assertThat(loadBroken(r -> ((ArrayNode) r.get("holidays")).add("2026-02-30")))
        .isEqualTo("holidays: \"2026-02-30\" is not a date YYYY-MM-DD");
    assertThat(loadBroken(r -> at(r, "offices", 1).with("location").put("lat", 123)))
        .startsWith("offices[1] (of-alisal).location: lat must be -90..90");
    assertThat(loadBroken(r -> at(r, "kiosks", 2).put("officeId", "of-mars")))
        .isEqualTo("kiosks[2] (k-monte).officeId: no office has the id \"of-mars\"");
    assertThat(loadBroken(r -> ((ArrayNode) at(r, "kiosks", 0).get("parking")).add("pz-mars")))
        .isEqualTo(
            "kiosks[0] (k-cazona).parking: no car park or zone has the id \"pz-mars\" in the parking catalog");
    assertThat(
            loadBroken(
                r ->
                    ((ObjectNode) at(r, "services", 0).get("attributes").get(0))
                        .put("datatype", "colour")))
        .startsWith("services[0] (streetlight).attributes[0].datatype: must be one of");
    assertThat(
            loadBroken(
                r -> ((ObjectNode) at(r, "services", 0).get("attributes").get(0)).remove("values")))
        .isEqualTo("services[0] (streetlight).attributes[0]: a list attribute needs values");
    assertThat(loadBroken(r -> r.putArray("kiosks")))
        .isEqualTo("kiosks: must be a non-empty array");
  }

  @Test
  void unreadableFilesAreReportedToo() throws IOException {
    Path missing = dir.resolve("none.json");
    assertThatThrownBy(() -> OfficeCatalogFile.load(missing, STOP, PARK))
        .hasMessage("no such file");
    Path broken = Files.writeString(dir.resolve("broken.json"), "{\"offices\": [\n}");
    assertThatThrownBy(() -> OfficeCatalogFile.load(broken, STOP, PARK))
        .hasMessageStartingWith("not valid JSON at line 2");
    Path twice = Files.writeString(dir.resolve("twice.json"), "{\"offices\": [], \"offices\": []}");
    assertThatThrownBy(() -> OfficeCatalogFile.load(twice, STOP, PARK))
        .hasMessageContaining("Duplicate field 'offices'");
  }
}
