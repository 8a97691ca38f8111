package dev.pulse.server.analytics.api;

import static org.assertj.core.api.Assertions.assertThat;

import dev.pulse.server.analytics.AnalysisRow;
import dev.pulse.server.analytics.AnalyticsQuery;
import java.time.LocalDate;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class AnswerCsvTest {

  private static final AnalyticsQuery DAY = AnalyticsQuery.of(LocalDate.parse("2026-11-19"), LocalDate.parse("2026-11-19"));

  @Test
  void clientTextThatASpreadsheetWouldRunAsAFormulaStartsWithAQuoteAndNumbersStayNumbers() {
    Answer answer = new Answer("errors", DAY, List.of("message", "count"), List.of(
        row("=HYPERLINK(\"http://x\",\"see\")", -3),
        row("+1+1", 0),
        row("@SUM(A1)", 1),
        row("-2", 2),
        row("\tcmd", 3),
        row("failed, badly", 4)));

    assertThat(answer.csv()).isEqualTo("message,count\r\n"
        + "\"'=HYPERLINK(\"\"http://x\"\",\"\"see\"\")\",-3\r\n"
        + "'+1+1,0\r\n"
        + "'@SUM(A1),1\r\n"
        + "'-2,2\r\n"
        + "'\tcmd,3\r\n"
        + "\"failed, badly\",4\r\n");
    assertThat(answer.json()).contains("\"message\":\"=HYPERLINK(\\\"http://x\\\",\\\"see\\\")\"");
  }

  private static AnalysisRow row(String message, long count) {
    Map<String, Object> fields = new LinkedHashMap<>();
    fields.put("message", message);
    fields.put("count", count);
    return () -> fields;
  }
}
