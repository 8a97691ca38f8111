package dev.pulse.server.analytics;

import java.util.LinkedHashMap;
import java.util.Map;

/** Installs on a version {@code day} days after its first day (day 0), for adoption curves. */
public record AdoptionRow(String version, int day, long installs) implements AnalysisRow {

  @Override
  public Map<String, Object> fields() {
    Map<String, Object> fields = new LinkedHashMap<>();
    fields.put("version", version);
    fields.put("day", day);
    fields.put("installs", installs);
    return fields;
  }
}
