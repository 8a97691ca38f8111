package dev.pulse.server.publicstats;

import dev.pulse.schema.Suggestions;
import dev.pulse.server.analytics.ActiveInstallsRow;
import dev.pulse.server.analytics.Analytics;
import dev.pulse.server.analytics.AnalyticsQuery;
import dev.pulse.server.analytics.BadParameterException;
import dev.pulse.server.analytics.Breakdown;
import dev.pulse.server.analytics.FeatureRow;
import dev.pulse.server.analytics.VersionShareRow;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The public aggregates ({@code docs/analytics.md}, "Public statistics"): weekly active installs over
 * time, the share of each version and the installs using each feature, over the last 30, 90 or 365
 * days of data. Only aggregates, each under k-anonymity; no contextId, instance id, error text or CLI
 * data. Answers are computed from the rollups as they are (no refresh: the background task keeps them
 * fresh) and kept for {@link #FRESH_FOR}, so unauthenticated traffic cannot make the server work.
 * Thread-safe.
 */
public final class PublicStats {

  /** How long a computed answer is served before it is computed again. */
  public static final Duration FRESH_FOR = Duration.ofMinutes(5);

  /** The periods offered, by their parameter value. */
  static final Map<String, Integer> PERIODS = Map.of("30d", 30, "90d", 90, "365d", 365);

  private record Cached(Instant at, Map<String, Object> answer) {}

  private final Analytics analytics;
  private final int k;
  private final Clock clock;
  private final Map<String, Cached> cache = new ConcurrentHashMap<>();

  public PublicStats(Analytics analytics, PublicStatsSettings settings, Clock clock) {
    this.analytics = analytics;
    this.k = settings.minInstalls();
    this.clock = clock;
  }

  /** Weekly active installs per day; days under k show {@code null}. */
  public Map<String, Object> installs(String period) {
    return cached("installs", period, query -> {
      List<Map<String, Object>> rows = new ArrayList<>();
      for (ActiveInstallsRow row : analytics.activeInstalls(query, Breakdown.NONE)) {
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("day", row.day().toString());
        out.put("weeklyActive", row.active7() < k ? null : row.active7());
        rows.add(out);
      }
      return rows;
    });
  }

  /**
   * Installs on each version on the period's last day, and their share of that day's active installs;
   * versions under k are merged into {@code "other"}, which is left out when it is under k too.
   * {@code "other"} counts the installs certainly on a version under k, each once: at least those of the
   * largest such version, and every install on no version named. A sum of the small versions' counts
   * would count an install on two of them (two components, an upgrade that day) twice, and could show a
   * group of fewer than k installs.
   */
  public Map<String, Object> versions(String period) {
    return cached("versions", period, query -> {
      AnalyticsQuery lastDay = AnalyticsQuery.of(query.to(), query.to());
      List<Map<String, Object>> rows = new ArrayList<>();
      long dayInstalls = 0;
      long named = 0;
      long largestOther = 0;
      for (VersionShareRow row : analytics.versions(lastDay)) {
        dayInstalls = Math.max(dayInstalls, row.dayInstalls());
        if (row.activeInstalls() < k) {
          largestOther = Math.max(largestOther, row.activeInstalls());
        } else {
          named += row.activeInstalls();
          rows.add(versionRow(row.version(), row.activeInstalls(), row.share()));
        }
      }
      rows.sort((a, b) -> Long.compare((Long) b.get("installs"), (Long) a.get("installs")));
      long other = largestOther == 0 ? 0 : Math.max(largestOther, dayInstalls - named);
      if (other >= k) {
        rows.add(versionRow("other", other, (double) other / dayInstalls)); // dayInstalls > 0: a version had installs
      }
      return rows;
    });
  }

  /** Installs that used each feature in the period; features used by fewer than k are left out. */
  public Map<String, Object> features(String period) {
    return cached("features", period, query -> {
      List<Map<String, Object>> rows = new ArrayList<>();
      for (FeatureRow row : analytics.features(query)) {
        if (row.installs() >= k) {
          Map<String, Object> out = new LinkedHashMap<>();
          out.put("eventType", row.eventType());
          out.put("installs", row.installs());
          rows.add(out);
        }
      }
      return rows;
    });
  }

  private static Map<String, Object> versionRow(String version, long installs, double share) {
    Map<String, Object> out = new LinkedHashMap<>();
    out.put("version", version);
    out.put("installs", installs);
    out.put("share", Math.round(share * 10_000) / 10_000.0);
    return out;
  }

  private interface Rows {
    List<Map<String, Object>> of(AnalyticsQuery query);
  }

  private Map<String, Object> cached(String what, String period, Rows rows) {
    int days = days(period);
    String key = what + "/" + days;
    Instant now = clock.instant();
    Cached hit = cache.get(key);
    if (hit != null && hit.at().plus(FRESH_FOR).isAfter(now)) {
      return hit.answer();
    }
    LocalDate to = analytics.source().lastDay().orElse(LocalDate.ofInstant(now, clock.getZone()));
    AnalyticsQuery query = AnalyticsQuery.of(to.minusDays(days - 1L), to);
    Map<String, Object> answer = new LinkedHashMap<>();
    answer.put("period", days + "d");
    answer.put("from", query.from().toString());
    answer.put("to", query.to().toString());
    answer.put("minInstalls", k);
    answer.put("rows", rows.of(query));
    cache.put(key, new Cached(now, answer));
    return answer;
  }

  private static int days(String period) {
    if (period == null || period.isBlank()) {
      return 30;
    }
    Integer days = PERIODS.get(period.strip());
    if (days == null) {
      throw new BadParameterException("period", "must be 30d, 90d or 365d, not "
          + BadParameterException.quoted(period.strip()) + Suggestions.question(period.strip(), PERIODS.keySet()));
    }
    return days;
  }
}
