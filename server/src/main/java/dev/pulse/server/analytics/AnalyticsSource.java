package dev.pulse.server.analytics;

import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Optional;

/**
 * The port the analytics core owns: what it needs from storage, answered from daily rollups (or, for
 * comparison, by scanning raw records). Storage adapters implement it ({@code store.duckdb}); the core
 * turns its answers into the analyses ({@link Analytics}). Every method honours the query's day range,
 * component and version filters as {@code docs/analytics.md} defines them.
 *
 * <p>Implementations are thread-safe.
 */
public interface AnalyticsSource {

  /**
   * Folds every raw record committed since the last refresh into the rollups, in one transaction with
   * the watermark. Returns how many raw records were folded in (0 when up to date). Cheap when nothing
   * is new.
   */
  long refresh();

  /** The last UTC day with a component event, if any (the data's "now"). */
  Optional<LocalDate> lastDay();

  /**
   * Changes in the number of installs covered by 1-, 7- and 28-day windows, per breakdown key, for
   * every day at which a count changes, starting up to 27 days before {@code from}. The running sum of
   * the changes up to day d is the count on d.
   */
  List<CoverageChange> activeCoverage(AnalyticsQuery query, Breakdown by);

  /** Per day of the range: how many installs had their first (filtered) component event that day. */
  List<DayCount> firstDays(AnalyticsQuery query);

  /**
   * Per weekly cohort (Monday of the ISO week of first activity, within the range) and week offset
   * 1..12: installs of the cohort active in that week. Offset 0 holds the cohort's size.
   */
  List<CohortCount> cohorts(AnalyticsQuery query);

  /** Per day and version: distinct active installs; version {@code null} rows hold the day's total. */
  List<VersionCount> versionCounts(AnalyticsQuery query);

  /** Per event type seen in the range: installs, events, count totals and per-install level stats. */
  List<FeatureStats> features(AnalyticsQuery query);

  /** Per noun, verb, modifiers and CLI version: invocations and distinct CLI contexts. */
  List<CliUsage> cliUsage(AnalyticsQuery query);

  /** Error groups in the range, most reports first; only {@code fingerprint} when given. */
  List<ErrorGroup> errorGroups(AnalyticsQuery query, Optional<String> fingerprint);

  /** The latest report of a fingerprint, as the Error input's JSON text. */
  Optional<String> errorSample(String fingerprint);

  /**
   * Per period (a day or an ISO week) from the one holding {@code query.from()} through {@code
   * query.to()}, and per lifecycle category: how many installs fall in it (see {@code
   * docs/analytics.md}, "Lifecycle"). Categories with no install may be absent.
   */
  List<LifecycleCount> lifecycle(AnalyticsQuery query, Period period);

  /**
   * Per period (an ISO week or a month) from the one holding {@code query.from()}, and per number of
   * days: how many installs were active on exactly that many of the period's days within the range.
   */
  List<ActiveDaysCount> stickiness(AnalyticsQuery query, Period period);

  /**
   * Per version (of the query's component type and version, when given; whatever the range): the
   * first day an install ran it.
   */
  List<VersionFirstDay> versionFirstDays(AnalyticsQuery query);

  /** Per day of the range with a report of the fingerprint: reports and installs reporting it. */
  List<ErrorDay> errorDays(AnalyticsQuery query, String fingerprint);

  /**
   * Per version the fingerprint was reported on in the range: reports, installs reporting it, installs
   * active on the version in the range, and the first days (of all time) it was reported on the version
   * and at all.
   */
  List<ErrorVersion> errorVersions(AnalyticsQuery query, String fingerprint);

  /** One day's reports of a fingerprint. */
  record ErrorDay(LocalDate day, long reports, long installs) {}

  /** A fingerprint's reports on one version. */
  record ErrorVersion(
      String version, long reports, long installs, long activeInstalls, LocalDate firstSeen,
      LocalDate fingerprintFirstSeen) {}

  /** The first day any install ran a version. */
  record VersionFirstDay(String version, LocalDate day) {}

  /** Installs in one lifecycle category in the period starting on {@code start}. */
  record LifecycleCount(LocalDate start, LifecycleRow.Category category, long installs) {}

  /** Installs active on exactly {@code days} days of the period starting on {@code start}. */
  record ActiveDaysCount(LocalDate start, int days, long installs) {}

  /** At {@code day}, the count of {@code key} changes by these amounts, for 1-, 7- and 28-day windows. */
  record CoverageChange(String key, LocalDate day, long active, long active7, long active28) {}

  /** A count for one day. */
  record DayCount(LocalDate day, long count) {}

  /** Installs of a cohort active in week {@code weekOffset} after it (0: the cohort's size). */
  record CohortCount(LocalDate cohortWeek, int weekOffset, long installs) {}

  /** Distinct installs on a day running a version (or in total when {@code version} is null). */
  record VersionCount(LocalDate day, String version, long installs) {}

  /**
   * Raw figures of one event type over the range.
   *
   * @param events number of events
   * @param total sum of counts
   * @param median median over installs of the per-install level (see {@code docs/analytics.md})
   */
  record FeatureStats(
      String eventType, long installs, long events, long total, double median, double p90, long max) {}

  /** CLI usage of one command path and CLI version. */
  record CliUsage(
      String noun, String verb, List<String> modifiers, String version, long invocations, long installs) {}

  /** One fingerprint's reports over the range. */
  record ErrorGroup(
      String fingerprint,
      String errorClass,
      String message,
      long count,
      long installs,
      List<String> versions,
      Instant firstSeen,
      Instant lastSeen) {}
}
