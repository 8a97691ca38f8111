package dev.pulse.server.analytics;

import java.time.LocalDate;
import java.util.LinkedHashMap;
import java.util.Map;

/** Installs running a version on a day, and their share of the day's active installs. */
public record VersionShareRow(LocalDate day, String version, long activeInstalls, double share)
    implements AnalysisRow {

  @Override
  public Map<String, Object> fields() {
    Map<String, Object> fields = new LinkedHashMap<>();
    fields.put("day", day.toString());
    fields.put("version", version);
    fields.put("activeInstalls", activeInstalls);
    fields.put("share", share);
    return fields;
  }

  /** The day's active installs (each once, whatever its versions) that {@link #share} is a share of. */
  public long dayInstalls() {
    return share == 0 ? 0 : Math.round(activeInstalls / share);
  }
}
