package dev.pulse.server.analytics;

import java.time.LocalDate;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * One version's release: when it appeared, how many installs run it now, and how fast it got there.
 *
 * @param firstSeen the first day any install ran it
 * @param installsNow installs on it on the range's last day with data
 * @param peak the most installs on it on one day, from its first day to now
 * @param daysTo10 days from {@code firstSeen} until it first reached 10% of {@code peak}; null when its
 *     first day lies before the data the analysis reads (400 days back from now)
 */
public record ReleaseRow(
    String version, LocalDate firstSeen, long installsNow, long peak, LocalDate peakDay, Integer daysTo10,
    Integer daysTo50, Integer daysTo90) implements AnalysisRow {

  @Override
  public Map<String, Object> fields() {
    Map<String, Object> fields = new LinkedHashMap<>();
    fields.put("version", version);
    fields.put("firstSeen", firstSeen.toString());
    fields.put("installsNow", installsNow);
    fields.put("peak", peak);
    fields.put("peakDay", peakDay == null ? null : peakDay.toString());
    fields.put("daysTo10", daysTo10);
    fields.put("daysTo50", daysTo50);
    fields.put("daysTo90", daysTo90);
    return fields;
  }
}
