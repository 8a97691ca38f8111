package dev.pulse.server.analytics;

import java.time.LocalDate;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * How many of a period's active installs were active on exactly {@code days} of its days.
 *
 * @param start the period's first day (a Monday for weeks, the 1st for months)
 * @param partial whether the range cuts the period (only its days within the range count)
 * @param share {@code installs} over the period's active installs (0 when it has none)
 */
public record StickinessRow(
    Period period, LocalDate start, boolean partial, int days, long installs, double share)
    implements AnalysisRow {

  @Override
  public Map<String, Object> fields() {
    Map<String, Object> fields = new LinkedHashMap<>();
    fields.put(period.label(), start.toString());
    fields.put("partial", partial);
    fields.put("days", days);
    fields.put("installs", installs);
    fields.put("share", share);
    return fields;
  }
}
