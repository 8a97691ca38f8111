package dev.pulse.server.analytics;

import dev.pulse.schema.EventCatalog;
import dev.pulse.schema.EventKind;
import dev.pulse.schema.EventType;
import dev.pulse.server.analytics.AnalyticsSource.CohortCount;
import dev.pulse.server.analytics.AnalyticsSource.DayCount;
import dev.pulse.server.analytics.AnalyticsSource.ErrorGroup;
import dev.pulse.server.analytics.AnalyticsSource.FeatureStats;
import dev.pulse.server.analytics.AnalyticsSource.VersionCount;
import dev.pulse.server.errorjson.ReportedErrorJson;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.TreeMap;

/**
 * The query layer the API, the dashboard and the CLI share: every analysis of {@code
 * docs/analytics.md}, computed from an {@link AnalyticsSource} with the event catalog's semantics.
 * Before answering it folds new raw records into the rollups (unless built without), so an answer
 * includes every record committed before the call. Thread-safe.
 */
public final class Analytics {

  /** Retention is followed for this many weeks after the cohort's week. */
  public static final int RETENTION_WEEKS = 12;

  private final AnalyticsSource source;
  private final EventCatalog catalog;
  private final boolean refreshBeforeQuery;

  /**
   * @param refreshBeforeQuery whether each analysis first folds new raw records into the rollups
   */
  public Analytics(AnalyticsSource source, EventCatalog catalog, boolean refreshBeforeQuery) {
    this.source = Objects.requireNonNull(source, "source");
    this.catalog = Objects.requireNonNull(catalog, "catalog");
    this.refreshBeforeQuery = refreshBeforeQuery;
  }

  /** Refreshing before every query, with the built-in catalog. */
  public static Analytics create(AnalyticsSource source) {
    return new Analytics(source, EventCatalog.builtIn(), true);
  }

  public EventCatalog catalog() {
    return catalog;
  }

  public AnalyticsSource source() {
    return source;
  }

  /** Active installs per day with rolling 7- and 28-day counts, optionally broken down. */
  public List<ActiveInstallsRow> activeInstalls(AnalyticsQuery query, Breakdown by) {
    refresh();
    return RollingWindows.rows(source.activeCoverage(query, by), query, by);
  }

  /** Installs first seen per day or per ISO week (weeks cut at the range's ends). */
  public List<NewInstallsRow> newInstalls(AnalyticsQuery query, Period period) {
    refresh();
    Map<LocalDate, Long> counts = new TreeMap<>();
    for (LocalDate day = query.from(); !day.isAfter(query.to()); day = day.plusDays(1)) {
      counts.put(start(day, period), 0L);
    }
    for (DayCount first : source.firstDays(query)) {
      counts.merge(start(first.day(), period), first.count(), Long::sum);
    }
    List<NewInstallsRow> rows = new ArrayList<>();
    counts.forEach((start, count) -> rows.add(new NewInstallsRow(period, start, count)));
    return rows;
  }

  /**
   * Weekly cohorts first seen in the range and their share active in each following week, up to
   * {@value #RETENTION_WEEKS} weeks and only for weeks that have begun by the data's last day.
   */
  public List<RetentionRow> retention(AnalyticsQuery query) {
    refresh();
    Optional<LocalDate> lastDay = source.lastDay();
    Map<LocalDate, long[]> cohorts = new TreeMap<>();
    for (CohortCount cell : source.cohorts(query)) {
      cohorts.computeIfAbsent(cell.cohortWeek(), w -> new long[RETENTION_WEEKS + 1])[cell.weekOffset()] =
          cell.installs();
    }
    List<RetentionRow> rows = new ArrayList<>();
    cohorts.forEach(
        (week, cells) -> {
          for (int offset = 1; offset <= RETENTION_WEEKS; offset++) {
            if (lastDay.isEmpty() || week.plusWeeks(offset).isAfter(lastDay.get())) {
              break;
            }
            double share = cells[0] == 0 ? 0 : (double) cells[offset] / cells[0];
            rows.add(new RetentionRow(week, cells[0], offset, cells[offset], share));
          }
        });
    return rows;
  }

  /** Per day, the installs on each version and their share of the day's active installs. */
  public List<VersionShareRow> versions(AnalyticsQuery query) {
    refresh();
    List<VersionCount> counts = source.versionCounts(query);
    Map<LocalDate, Long> totals = new HashMap<>();
    for (VersionCount count : counts) {
      if (count.version() == null) {
        totals.put(count.day(), count.installs());
      }
    }
    List<VersionShareRow> rows = new ArrayList<>();
    for (VersionCount count : counts) {
      if (count.version() != null) {
        rows.add(new VersionShareRow(count.day(), count.version(), count.installs(),
            totals.getOrDefault(count.day(), 0L)));
      }
    }
    rows.sort(Comparator.comparing(VersionShareRow::day).thenComparing(VersionShareRow::version));
    return rows;
  }

  /**
   * Every event type of the catalog (and any other seen), with installs using it and the figure its
   * kind allows; most used first.
   */
  public List<FeatureRow> features(AnalyticsQuery query) {
    refresh();
    Map<String, FeatureStats> stats = new LinkedHashMap<>();
    for (String eventType : catalog.entries().keySet()) {
      stats.put(eventType, new FeatureStats(eventType, 0, 0, 0, 0, 0, 0));
    }
    for (FeatureStats s : source.features(query)) {
      stats.put(s.eventType(), s);
    }
    List<FeatureRow> rows = new ArrayList<>();
    for (FeatureStats s : stats.values()) {
      rows.add(feature(s));
    }
    rows.sort(Comparator.comparingLong(FeatureRow::installs).reversed().thenComparing(FeatureRow::eventType));
    return rows;
  }

  /** CLI command paths by CLI version, most invoked first. */
  public List<CliUsageRow> cli(AnalyticsQuery query) {
    refresh();
    return source.cliUsage(query).stream()
        .map(u -> new CliUsageRow(u.noun(), u.verb(), String.join(" ", u.modifiers()), u.version(),
            u.invocations(), u.installs()))
        .toList();
  }

  /** Error groups by fingerprint, most reported first. */
  public List<ErrorGroupRow> errors(AnalyticsQuery query) {
    refresh();
    return source.errorGroups(query, Optional.empty()).stream().map(Analytics::group).toList();
  }

  /** One error group in the range with its latest sample; empty when it has no report in the range. */
  public Optional<ErrorDetailRow> error(AnalyticsQuery query, String fingerprint) {
    refresh();
    List<ErrorGroup> groups = source.errorGroups(query, Optional.of(fingerprint));
    Optional<String> sample = source.errorSample(fingerprint);
    if (groups.isEmpty() || sample.isEmpty()) {
      return Optional.empty();
    }
    return Optional.of(new ErrorDetailRow(group(groups.get(0)), ReportedErrorJson.read(sample.get())));
  }

  /**
   * Per day or ISO week of the range: installs that are new, returning, resurrecting and dormant
   * ({@code docs/analytics.md}, "Lifecycle").
   */
  public List<LifecycleRow> lifecycle(AnalyticsQuery query, Period period) {
    refresh();
    return Engagement.lifecycle(source, query, period);
  }

  /**
   * Per ISO week or month of the range: how many installs were active on exactly k of its days
   * ({@code docs/analytics.md}, "Stickiness").
   */
  public List<StickinessRow> stickiness(AnalyticsQuery query, Period period) {
    refresh();
    return Engagement.stickiness(source, query, period);
  }

  /**
   * Per version run in the range, latest first: first day, installs now, peak and days to 10%, 50% and
   * 90% of it ({@code docs/analytics.md}, "Releases").
   */
  public List<ReleaseRow> releases(AnalyticsQuery query) {
    refresh();
    return Releases.rows(source, query);
  }

  /** Installs per day since day 0 of the latest versions run in the range, for adoption curves. */
  public List<AdoptionRow> releaseAdoption(AnalyticsQuery query) {
    refresh();
    return Releases.adoption(source, query);
  }

  /**
   * One fingerprint's reports and reporting installs on every day of the range; empty, as {@link
   * #error}, when it has no report in the range.
   */
  public Optional<List<ErrorTrendRow>> errorTrend(AnalyticsQuery query, String fingerprint) {
    refresh();
    List<ErrorTrendRow> days = ErrorTrends.days(source, query, fingerprint);
    return days.stream().anyMatch(day -> day.reports() > 0) ? Optional.of(days) : Optional.empty();
  }

  /**
   * One fingerprint per version: reports, installs, error rate, and whether it is new in that version;
   * empty, as {@link #error}, when it has no report in the range.
   */
  public Optional<List<ErrorVersionRow>> errorVersions(AnalyticsQuery query, String fingerprint) {
    refresh();
    List<ErrorVersionRow> versions = ErrorTrends.versions(source, query, fingerprint);
    if (versions.isEmpty() && source.errorGroups(query, Optional.of(fingerprint)).isEmpty()) {
      return Optional.empty();
    }
    return Optional.of(versions);
  }

  private FeatureRow feature(FeatureStats s) {
    EventKind kind = catalog.kindOf(s.eventType()).orElse(EventKind.HEARTBEAT);
    switch (kind) {
      case LEVEL:
        boolean none = s.installs() == 0;
        return new FeatureRow(s.eventType(), kind, s.installs(), null, none ? null : round(s.median()),
            none ? null : round(s.p90()), none ? null : s.max());
      case DELTA:
        return new FeatureRow(s.eventType(), kind, s.installs(), s.total(), null, null, null);
      default:
        // Each STARTED event is one start, whatever count it carries: restarts are their number.
        Long starts = EventType.STARTED.name().equals(s.eventType()) ? s.events() : null;
        return new FeatureRow(s.eventType(), kind, s.installs(), starts, null, null, null);
    }
  }

  /** Levels are whole numbers; interpolated quantiles need no more than two decimals. */
  private static double round(double value) {
    return Math.round(value * 100) / 100.0;
  }

  private static ErrorGroupRow group(ErrorGroup g) {
    return new ErrorGroupRow(g.fingerprint(), g.errorClass(), g.message(), g.count(), g.installs(),
        String.join(",", g.versions()), g.firstSeen(), g.lastSeen());
  }

  private static LocalDate start(LocalDate day, Period period) {
    return period.start(day);
  }

  private void refresh() {
    if (refreshBeforeQuery) {
      source.refresh();
    }
  }
}
