package dev.pulse.server.analytics.api;

import dev.pulse.server.analytics.AnalysisRow;
import dev.pulse.server.analytics.Analytics;
import dev.pulse.server.analytics.AnalyticsQuery;
import dev.pulse.server.analytics.BadParameterException;
import dev.pulse.server.analytics.Breakdown;
import dev.pulse.server.analytics.Period;
import dev.pulse.server.analytics.api.Analysis.Parameter;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Runs an {@link Analysis} with its extra parameters ({@code by}, {@code period},
 * {@code fingerprint}): the one dispatch the HTTP routes and {@code pulse query} share.
 */
public final class AnalysisRunner {

  /** What a missing fingerprint is told, here and by {@code pulse query} before it asks a server. */
  public static final String FINGERPRINT_REQUIRED =
      "required: the error's fingerprint, as the errors analysis lists it";

  private final Analytics analytics;

  public AnalysisRunner(Analytics analytics) {
    this.analytics = analytics;
  }

  /**
   * Runs one analysis. {@code extra} holds {@code by}, {@code period} or {@code fingerprint} when
   * given; those the analysis does not take are ignored. Empty only for the analyses of one
   * fingerprint ({@link Analysis#ERROR}, its trend and its versions) when it has no report in the range.
   *
   * @throws BadParameterException for a bad extra parameter
   */
  public Optional<Answer> run(Analysis analysis, AnalyticsQuery query, Map<String, String> extra) {
    Breakdown by = analysis.takes(Parameter.BY) ? Breakdown.parse(extra.get("by")) : Breakdown.NONE;
    Period period = analysis.period(extra.get("period"));
    String fingerprint = analysis.takes(Parameter.FINGERPRINT) ? fingerprint(extra.get("fingerprint")) : null;
    List<? extends AnalysisRow> rows = switch (analysis) {
      case ACTIVE_INSTALLS -> analytics.activeInstalls(query, by);
      case NEW_INSTALLS -> analytics.newInstalls(query, period);
      case RETENTION -> analytics.retention(query);
      case VERSIONS -> analytics.versions(query);
      case FEATURES -> analytics.features(query);
      case CLI -> analytics.cli(query);
      case ERRORS -> analytics.errors(query);
      case ERROR -> analytics.error(query, fingerprint).map(List::of).orElse(null);
      case LIFECYCLE -> analytics.lifecycle(query, period);
      case STICKINESS -> analytics.stickiness(query, period);
      case RELEASES -> analytics.releases(query);
      case RELEASE_ADOPTION -> analytics.releaseAdoption(query);
      case ERROR_TREND -> analytics.errorTrend(query, fingerprint).orElse(null);
      case ERROR_VERSIONS -> analytics.errorVersions(query, fingerprint).orElse(null);
    };
    if (rows == null) {
      return Optional.empty();
    }
    // The one analysis of a single error is named after the error it shows.
    String name = analysis == Analysis.ERROR ? "errors/" + fingerprint : analysis.apiName();
    return Optional.of(new Answer(name, query, analysis.columns(by, period), rows));
  }

  private static String fingerprint(String fingerprint) {
    if (fingerprint == null || fingerprint.isBlank()) {
      throw new BadParameterException("fingerprint", FINGERPRINT_REQUIRED);
    }
    return fingerprint.strip();
  }
}
