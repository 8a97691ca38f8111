package dev.pulse.server.analytics;

import java.time.LocalDate;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * One period of the lifecycle analysis: its installs that are new, returning or resurrecting (which
 * together are its active installs), and those gone dormant since the period before.
 *
 * @param start the period's first day (a Monday for weeks)
 * @param partial whether the range cuts the period (only its days within the range count)
 */
public record LifecycleRow(
    Period period, LocalDate start, boolean partial, long newInstalls, long returning, long resurrecting,
    long dormant) implements AnalysisRow {

  /** The lifecycle categories, as {@code docs/analytics.md} defines them. */
  public enum Category {
    /** First component event ever in the period. */
    NEW,
    /** Active in the period and in the one before. */
    RETURNING,
    /** Active in the period, not in the one before, first seen earlier. */
    RESURRECTING,
    /** Active in the period before, not in this one. */
    DORMANT
  }

  @Override
  public Map<String, Object> fields() {
    Map<String, Object> fields = new LinkedHashMap<>();
    fields.put(period.label(), start.toString());
    fields.put("partial", partial);
    fields.put("new", newInstalls);
    fields.put("returning", returning);
    fields.put("resurrecting", resurrecting);
    fields.put("dormant", dormant);
    return fields;
  }
}
