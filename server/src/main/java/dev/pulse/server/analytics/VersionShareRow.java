package dev.pulse.server.analytics;

import java.time.LocalDate;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Installs running a version on a day, and the day's active installs (each once, whatever its versions),
 * of which they are a {@link #share}.
 */
public record VersionShareRow(LocalDate day, String version, long activeInstalls, long dayInstalls)
    implements AnalysisRow {

  /** The installs on the version as a share of the day's active installs, 0 for a day without any. */
  public double share() {
    return dayInstalls == 0 ? 0 : (double) activeInstalls / dayInstalls;
  }

  @Override
  public Map<String, Object> fields() {
    Map<String, Object> fields = new LinkedHashMap<>();
    fields.put("day", day.toString());
    fields.put("version", version);
    fields.put("activeInstalls", activeInstalls);
    fields.put("share", share());
    return fields;
  }
}
