package dev.pulse.server.analytics;

import java.time.LocalDate;
import java.util.LinkedHashMap;
import java.util.Map;

/** The share of a weekly cohort active in week {@code weekOffset} (1..12) after its first week. */
public record RetentionRow(LocalDate cohortWeek, long cohortSize, int weekOffset, long active, double share)
    implements AnalysisRow {

  @Override
  public Map<String, Object> fields() {
    Map<String, Object> fields = new LinkedHashMap<>();
    fields.put("cohortWeek", cohortWeek.toString());
    fields.put("cohortSize", cohortSize);
    fields.put("weekOffset", weekOffset);
    fields.put("active", active);
    fields.put("share", share);
    return fields;
  }
}
