package dev.pulse.server.analytics;

import java.time.LocalDate;
import java.util.LinkedHashMap;
import java.util.Map;

/** Installs first seen in a period (a day, or the ISO week starting on {@code start}). */
public record NewInstallsRow(Period period, LocalDate start, long newInstalls) implements AnalysisRow {

  @Override
  public Map<String, Object> fields() {
    Map<String, Object> fields = new LinkedHashMap<>();
    fields.put(period == Period.WEEK ? "week" : "day", start.toString());
    fields.put("newInstalls", newInstalls);
    return fields;
  }
}
