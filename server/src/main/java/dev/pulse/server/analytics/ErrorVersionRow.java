package dev.pulse.server.analytics;

import java.time.LocalDate;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * An error fingerprint on one version over the range.
 *
 * @param activeInstalls installs active on the version in the range
 * @param rate {@code installs / activeInstalls}: the share of the version's installs reporting it
 * @param firstSeen the first day (of all time) it was reported on this version
 * @param newInVersion whether this version is where it was first reported at all
 */
public record ErrorVersionRow(
    String version, long reports, long installs, long activeInstalls, double rate, LocalDate firstSeen,
    boolean newInVersion) implements AnalysisRow {

  @Override
  public Map<String, Object> fields() {
    Map<String, Object> fields = new LinkedHashMap<>();
    fields.put("version", version);
    fields.put("reports", reports);
    fields.put("installs", installs);
    fields.put("activeInstalls", activeInstalls);
    fields.put("rate", rate);
    fields.put("firstSeen", firstSeen.toString());
    fields.put("newInVersion", newInVersion);
    return fields;
  }
}
