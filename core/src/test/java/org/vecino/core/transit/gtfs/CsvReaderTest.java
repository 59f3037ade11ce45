package org.vecino.core.transit.gtfs;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.StringReader;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class CsvReaderTest {

  private record Row(long line, List<String> fields) {}

  private static List<Row> read(String text, boolean[] keep) throws IOException {
    List<Row> rows = new ArrayList<>();
    try (CsvReader csv = new CsvReader(new StringReader(text))) {
      csv.keepOnly(keep);
      while (csv.next()) {
        List<String> fields = new ArrayList<>();
        for (int i = 0; i < csv.size(); i++) {
          fields.add(csv.field(i));
        }
        rows.add(new Row(csv.line(), fields));
      }
    }
    return rows;
  }

  private static List<Row> read(String text) throws IOException {
    return read(text, null);
  }

  @Test
  void readsPlainRecordsWithLineNumbers() throws IOException {
    assertThat(read("a,b,c\n1,2,3\n4,5,6"))
        .containsExactly(
            new Row(1, List.of("a", "b", "c")),
            new Row(2, List.of("1", "2", "3")),
            new Row(3, List.of("4", "5", "6")));
  }

  @Test
  void quotedFieldsHoldCommasDoubledQuotesAndLineBreaks() throws IOException {
    String text =
        "id,name\n1,\"Paseo de Pereda, 20\"\n2,\"Calle \"\"La Marina\"\"\"\n"
            + "3,\"two\nlines\"\n4,after\n";
    assertThat(read(text))
        .containsExactly(
            new Row(1, List.of("id", "name")),
            new Row(2, List.of("1", "Paseo de Pereda, 20")),
            new Row(3, List.of("2", "Calle \"La Marina\"")),
            new Row(4, List.of("3", "two\nlines")),
            new Row(6, List.of("4", "after")));
  }

  @Test
  void toleratesBomCrlfBlankLinesAndWhitespace() throws IOException {
    String text =
        "\uFEFFid , name\r\n\r\n  1 ,  \"Sardinero\"  \r\n2,\"a\r\nb\"\r\n   \r\n,,\r\n3,x\r\n\r\n";
    assertThat(read(text))
        .containsExactly(
            new Row(1, List.of("id", "name")),
            new Row(3, List.of("1", "Sardinero")),
            new Row(4, List.of("2", "a\r\nb")),
            new Row(8, List.of("3", "x")));
  }

  @Test
  void loneCarriageReturnsEndLinesToo() throws IOException {
    assertThat(read("a\rb\rc")).extracting(Row::line).containsExactly(1L, 2L, 3L);
  }

  @Test
  void emptyFieldsAndShortRows() throws IOException {
    assertThat(read("a,,c,\nx"))
        .containsExactly(new Row(1, List.of("a", "", "c", "")), new Row(2, List.of("x")));
  }

  @Test
  void fieldsNotKeptAreNull() throws IOException {
    List<Row> rows = read("a,\"b,b\",c\n", new boolean[] {false, true});
    assertThat(rows.get(0).fields()).containsExactly(null, "b,b", null);
  }

  @Test
  void emptyInputHasNoRecords() throws IOException {
    assertThat(read("")).isEmpty();
    assertThat(read("\uFEFF")).isEmpty();
    assertThat(read("\n\r\n  \n")).isEmpty();
  }
}
