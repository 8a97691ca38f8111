package dev.pulse.server.analytics;

import dev.pulse.schema.EventKind;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Use of one event type over the range, with the catalog's semantics: {@code total} for DELTA (sum of
 * counts) and STARTED (number of starts), else null; {@code median}, {@code p90}, {@code max} of the
 * per-install level for LEVEL, else null.
 */
public record FeatureRow(
    String eventType, EventKind kind, long installs, Long total, Double median, Double p90, Long max)
    implements AnalysisRow {

  @Override
  public Map<String, Object> fields() {
    Map<String, Object> fields = new LinkedHashMap<>();
    fields.put("eventType", eventType);
    fields.put("kind", kind.name());
    fields.put("installs", installs);
    fields.put("total", total);
    fields.put("median", median);
    fields.put("p90", p90);
    fields.put("max", max);
    return fields;
  }
}
