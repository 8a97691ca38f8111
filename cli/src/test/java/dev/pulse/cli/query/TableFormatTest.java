package dev.pulse.cli.query;

import static org.assertj.core.api.Assertions.assertThat;

import dev.pulse.cli.generate.GenerateProgress;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
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

  @Test
  void figuresUseAsciiDigitsWhateverTheLocale() {
    Locale before = Locale.getDefault();
    Locale.setDefault(Locale.forLanguageTag("ar")); // formats numbers with Arabic-Indic digits
    try {
      String table = TableFormat.render(List.of("share"), List.of(Map.of("share", 0.5)));
      String progress = GenerateProgress.line(3, 90, 1_234_567, 2.0);

      assertThat(table).endsWith("0.50\n");
      assertThat(progress).endsWith("3/90 days, 1,234,567 records, 617,284 records/s");
    } finally {
      Locale.setDefault(before);
    }
  }
}
