package dev.pulse.server.analytics;

import dev.pulse.schema.ReportedError;
import dev.pulse.server.errorjson.ErrorSample;
import java.util.Map;

/** One error group plus its latest report as sent, cause chain and stack included. */
public record ErrorDetailRow(ErrorGroupRow group, ReportedError sample) implements AnalysisRow {

  /**
   * The fields of {@code errors} plus {@code sample}, the error in the wire's shape: written as JSON one
   * error after the other, however deep its chain, and its {@code toString} the same JSON text.
   */
  @Override
  public Map<String, Object> fields() {
    Map<String, Object> fields = group.fields();
    fields.put("sample", new ErrorSample(sample));
    return fields;
  }
}
