package dev.pulse.server.analytics.api;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.StreamWriteConstraints;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.pulse.server.analytics.AnalysisRow;
import dev.pulse.server.analytics.AnalyticsQuery;
import dev.pulse.server.errorjson.ReportedErrorJson;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * One analysis answer: the envelope of {@code docs/analytics-api-contract.md} as JSON, or its rows as
 * CSV (header = row keys; the columns are known even when there are no rows). Immutable.
 */
public record Answer(String analysis, AnalyticsQuery query, List<String> columns, List<? extends AnalysisRow> rows) {

  /** The levels around a row's value: the envelope, {@code rows}, the row, and room to spare. */
  private static final int ENVELOPE_NESTING = 8;

  /**
   * Writes an error sample as deep as a store keeps ({@link ReportedErrorJson#MAX_NESTING}) inside the
   * envelope: the sample is written one error after the other ({@code ErrorSample}), never recursively,
   * so only Jackson's nesting bound (1,000 by default) stood in its way.
   */
  private static final ObjectMapper JSON = new ObjectMapper(JsonFactory.builder()
      .streamWriteConstraints(StreamWriteConstraints.builder()
          .maxNestingDepth(ReportedErrorJson.MAX_NESTING + ENVELOPE_NESTING).build())
      .build());

  /** What a spreadsheet reads as the start of a formula (OWASP's list for CSV injection). */
  private static final String FORMULA_STARTS = "=+-@\t\r";

  public Answer {
    columns = List.copyOf(columns);
    rows = List.copyOf(rows);
  }

  /** The JSON envelope. */
  public String json() {
    Map<String, Object> envelope = new LinkedHashMap<>();
    envelope.put("analysis", analysis);
    envelope.put("from", query.from().toString());
    envelope.put("to", query.to().toString());
    envelope.put("component", query.component().map(Enum::name).orElse(null));
    envelope.put("version", query.version().orElse(null));
    envelope.put("columns", columns); // known even when there are no rows
    List<Map<String, Object>> fields = new ArrayList<>();
    for (AnalysisRow row : rows) {
      fields.add(row.fields());
    }
    envelope.put("rows", fields);
    try {
      return JSON.writeValueAsString(envelope);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("cannot write the answer of " + analysis, e);
    }
  }

  /**
   * The rows as CSV (RFC 4180: CRLF line ends, fields quoted when needed). A text cell that a
   * spreadsheet would run as a formula ({@code =}, {@code +}, {@code -}, {@code @}, a tab or a CR
   * first) starts with {@code '}, so it shows as text; the JSON answer has the text as stored.
   */
  public String csv() {
    StringBuilder csv = new StringBuilder();
    csv.append(String.join(",", columns)).append("\r\n");
    for (AnalysisRow row : rows) {
      Map<String, Object> fields = row.fields();
      List<String> cells = new ArrayList<>();
      for (String column : columns) {
        cells.add(cell(fields.get(column)));
      }
      csv.append(String.join(",", cells)).append("\r\n");
    }
    return csv.toString();
  }

  private static String cell(Object value) {
    if (value == null) {
      return "";
    }
    String text = value.toString();
    if (value instanceof CharSequence && !text.isEmpty() && FORMULA_STARTS.indexOf(text.charAt(0)) >= 0) {
      // Text a client sent (an error message) must not run as a formula in the spreadsheet that opens this.
      text = "'" + text;
    }
    if (text.contains(",") || text.contains("\"") || text.contains("\n") || text.contains("\r")) {
      return "\"" + text.replace("\"", "\"\"") + "\"";
    }
    return text;
  }
}
