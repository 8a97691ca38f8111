package dev.pulse.server.analytics.api;

import dev.pulse.server.analytics.Analytics;
import dev.pulse.server.analytics.AnalyticsQuery;
import dev.pulse.server.analytics.BadParameterException;
import dev.pulse.server.analytics.Breakdown;
import dev.pulse.server.analytics.ErrorDetailRow;
import dev.pulse.server.analytics.Period;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Runs an analysis by its API name with its extra parameters ({@code by}, {@code period},
 * {@code fingerprint}): the one dispatch the HTTP routes and {@code pulse query} share.
 */
public final class AnalysisRunner {

  /** The analyses by their API names, in the contract's order. */
  public static final List<String> NAMES = List.of(
      "active-installs", "new-installs", "retention", "versions", "features", "cli", "errors", "error",
      "lifecycle", "stickiness", "releases", "release-adoption", "error-trend", "error-versions");

  /** Where an analysis lives under {@code /api/v1/}: its name, or a path holding its fingerprint. */
  public static String path(String name) {
    switch (name) {
      case "error":
        return "errors/{fingerprint}";
      case "error-trend":
        return "errors/{fingerprint}/trend";
      case "error-versions":
        return "errors/{fingerprint}/versions";
      default:
        return name;
    }
  }

  private static final List<String> ERROR_COLUMNS = List.of(
      "fingerprint", "errorClass", "message", "count", "installs", "versions", "firstSeen", "lastSeen");

  private final Analytics analytics;

  public AnalysisRunner(Analytics analytics) {
    this.analytics = analytics;
  }

  /**
   * Runs one analysis. {@code extra} holds {@code by}, {@code period} or {@code fingerprint} when
   * given. Empty only for {@code error} when the fingerprint has no report in the range.
   *
   * @throws BadParameterException for an unknown analysis or a bad extra parameter
   */
  public Optional<Answer> run(String name, AnalyticsQuery query, Map<String, String> extra) {
    switch (name) {
      case "active-installs": {
        Breakdown by = Breakdown.parse(extra.get("by"));
        List<String> columns = by == Breakdown.NONE
            ? List.of("day", "active", "active7", "active28")
            : List.of("day", "key", "active", "active7", "active28");
        return answer(name, query, columns, analytics.activeInstalls(query, by));
      }
      case "new-installs": {
        Period period = Period.parse(extra.get("period"));
        return answer(name, query, List.of(period == Period.WEEK ? "week" : "day", "newInstalls"),
            analytics.newInstalls(query, period));
      }
      case "retention":
        return answer(name, query, List.of("cohortWeek", "cohortSize", "weekOffset", "active", "share"),
            analytics.retention(query));
      case "versions":
        return answer(name, query, List.of("day", "version", "activeInstalls", "share"), analytics.versions(query));
      case "features":
        return answer(name, query, List.of("eventType", "kind", "installs", "total", "median", "p90", "max"),
            analytics.features(query));
      case "cli":
        return answer(name, query, List.of("noun", "verb", "modifiers", "version", "invocations", "installs"),
            analytics.cli(query));
      case "errors":
        return answer(name, query, ERROR_COLUMNS, analytics.errors(query));
      case "error":
        return error(query, extra.get("fingerprint"));
      case "error-trend":
        return answer(name, query, List.of("day", "reports", "installs"),
            analytics.errorTrend(query, fingerprint(extra)));
      case "error-versions":
        return answer(name, query, List.of("version", "reports", "installs", "activeInstalls", "rate", "firstSeen",
            "newInVersion"), analytics.errorVersions(query, fingerprint(extra)));
      case "lifecycle": {
        Period period = Period.parse(extra.get("period"), Period.WEEK, Period.DAY, Period.WEEK);
        return answer(name, query, List.of(period.label(), "partial", "new", "returning", "resurrecting", "dormant"),
            analytics.lifecycle(query, period));
      }
      case "releases":
        return answer(name, query, List.of("version", "firstSeen", "installsNow", "peak", "peakDay", "daysTo10",
            "daysTo50", "daysTo90"), analytics.releases(query));
      case "release-adoption":
        return answer(name, query, List.of("version", "day", "installs"), analytics.releaseAdoption(query));
      case "stickiness": {
        Period period = Period.parse(extra.get("period"), Period.WEEK, Period.WEEK, Period.MONTH);
        return answer(name, query, List.of(period.label(), "partial", "days", "installs", "share"),
            analytics.stickiness(query, period));
      }
      default:
        throw new BadParameterException("analysis", "unknown analysis " + name + "; one of " + NAMES);
    }
  }

  private static String fingerprint(Map<String, String> extra) {
    return fingerprint(extra.get("fingerprint"));
  }

  private static String fingerprint(String fingerprint) {
    if (fingerprint == null || fingerprint.isBlank()) {
      throw new BadParameterException("fingerprint", "required");
    }
    return fingerprint.strip();
  }

  private Optional<Answer> error(AnalyticsQuery query, String given) {
    String fingerprint = fingerprint(given);
    Optional<ErrorDetailRow> detail = analytics.error(query, fingerprint);
    List<String> columns = new ArrayList<>(ERROR_COLUMNS);
    columns.add("sample");
    return detail.map(d -> new Answer("errors/" + fingerprint.strip(), query, columns, List.of(d)));
  }

  private static Optional<Answer> answer(String name, AnalyticsQuery query, List<String> columns,
      List<? extends dev.pulse.server.analytics.AnalysisRow> rows) {
    return Optional.of(new Answer(name, query, columns, rows));
  }
}
