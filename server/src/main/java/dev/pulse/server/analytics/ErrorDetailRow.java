package dev.pulse.server.analytics;

import dev.pulse.schema.ReportedError;
import dev.pulse.server.errorjson.ReportedErrorJson;
import java.util.Map;

/** One error group plus its latest report as sent, cause chain and stack included. */
public record ErrorDetailRow(ErrorGroupRow group, ReportedError sample) implements AnalysisRow {

  /** The fields of {@code errors} plus {@code sample}, a JSON tree in the wire's shape. */
  @Override
  public Map<String, Object> fields() {
    Map<String, Object> fields = group.fields();
    fields.put("sample", ReportedErrorJson.toTree(sample));
    return fields;
  }
}
