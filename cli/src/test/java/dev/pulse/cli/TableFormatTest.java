package dev.pulse.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class TableFormatTest {

  @Test
  void aClientsControlCharactersAreWrittenOutNotSentToTheTerminal() {
    Map<String, Object> row = new LinkedHashMap<>();
    row.put("message", "failed\n\u001b[2Jcleared\u009b\ttab\u007f");
    row.put("count", 3L);

    String table = TableFormat.render(List.of("message", "count"), List.of(row));

    assertThat(table).doesNotContain("\u001b", "\u009b", "\t", "\u007f")
        .contains("failed\\n\\u001b[2Jcleared\\u009b\\ttab\\u007f");
    assertThat(table.lines()).hasSize(2);
  }

  @Test
  void plainTextIsLeftAsItIs() {
    assertThat(TableFormat.visible("café, naïve — 日本")).isEqualTo("café, naïve — 日本");
  }
}
