package dev.pulse.server.analytics;

import java.time.LocalDate;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Active installs on a day: that day, and over the 7 and 28 days ending that day.
 *
 * @param key the component type or version of a breakdown, or null without one
 */
public record ActiveInstallsRow(LocalDate day, String key, long active, long active7, long active28)
    implements AnalysisRow {

  @Override
  public Map<String, Object> fields() {
    Map<String, Object> fields = new LinkedHashMap<>();
    fields.put("day", day.toString());
    if (key != null) {
      fields.put("key", key);
    }
    fields.put("active", active);
    fields.put("active7", active7);
    fields.put("active28", active28);
    return fields;
  }
}
