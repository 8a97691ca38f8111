package dev.pulse.server.analytics;

import java.time.LocalDate;
import java.util.LinkedHashMap;
import java.util.Map;

/** One day of an error fingerprint's trend: reports, and installs that reported it. */
public record ErrorTrendRow(LocalDate day, long reports, long installs) implements AnalysisRow {

  @Override
  public Map<String, Object> fields() {
    Map<String, Object> fields = new LinkedHashMap<>();
    fields.put("day", day.toString());
    fields.put("reports", reports);
    fields.put("installs", installs);
    return fields;
  }
}
