package dev.pulse.server.analytics.api;

import dev.pulse.server.analytics.BadParameterException;
import dev.pulse.server.analytics.Breakdown;
import dev.pulse.server.analytics.Period;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;

/**
 * Every analysis of the API ({@code docs/api.md}, "Analytics API"), in the contract's order: its
 * name, where it lives under {@code /api/v1/}, the parameters it takes besides the filters, and its
 * columns. The one list the HTTP routes, {@code pulse query} and the dashboard read.
 */
public enum Analysis {
  ACTIVE_INSTALLS("active-installs", Parameter.BY),
  NEW_INSTALLS("new-installs", Parameter.PERIOD),
  RETENTION("retention"),
  VERSIONS("versions"),
  FEATURES("features"),
  CLI("cli"),
  ERRORS("errors"),
  ERROR("error", "errors/{fingerprint}", Parameter.FINGERPRINT),
  LIFECYCLE("lifecycle", Parameter.PERIOD),
  STICKINESS("stickiness", Parameter.PERIOD),
  RELEASES("releases"),
  RELEASE_ADOPTION("release-adoption"),
  ERROR_TREND("error-trend", "errors/{fingerprint}/trend", Parameter.FINGERPRINT),
  ERROR_VERSIONS("error-versions", "errors/{fingerprint}/versions", Parameter.FINGERPRINT);

  /** A parameter an analysis may take besides {@code from}, {@code to}, {@code component}, {@code version}. */
  public enum Parameter {
    BY,
    PERIOD,
    FINGERPRINT;

    /** Its name in a query string, e.g. {@code by}. */
    public String key() {
      return name().toLowerCase(Locale.ROOT);
    }
  }

  /** The API names, in the contract's order. */
  public static final List<String> NAMES = Arrays.stream(values()).map(Analysis::apiName).toList();

  private static final List<String> ERROR_COLUMNS = List.of(
      "fingerprint", "errorClass", "message", "count", "installs", "versions", "firstSeen", "lastSeen");

  private final String apiName;
  private final String path;
  private final Set<Parameter> parameters;

  Analysis(String apiName, Parameter... parameters) {
    this(apiName, apiName, parameters);
  }

  Analysis(String apiName, String path, Parameter... parameters) {
    this.apiName = apiName;
    this.path = path;
    this.parameters = Set.of(parameters);
  }

  /** The analysis named {@code name} in the API, if any. */
  public static Optional<Analysis> named(String name) {
    return Arrays.stream(values()).filter(a -> a.apiName.equals(name)).findFirst();
  }

  /** Its name in the API and in {@code pulse query}, e.g. {@code active-installs}. */
  public String apiName() {
    return apiName;
  }

  /** Where it lives under {@code /api/v1/}; {@code {fingerprint}} stands for the fingerprint. */
  public String path() {
    return path;
  }

  /** The parameters it takes besides the filters. */
  public Set<Parameter> parameters() {
    return parameters;
  }

  public boolean takes(Parameter parameter) {
    return parameters.contains(parameter);
  }

  /**
   * The names its query may carry: the filters, {@code format}, then {@code by} or {@code period}
   * when it takes them (the fingerprint is part of its path).
   */
  public List<String> queryParameters() {
    List<String> names = new ArrayList<>(List.of("from", "to", "component", "version", "format"));
    parameters.stream().filter(p -> p != Parameter.FINGERPRINT).sorted().forEach(p -> names.add(p.key()));
    return names;
  }

  /**
   * The period a {@code period} parameter asks for, {@code given} null when absent; null for an
   * analysis without periods.
   *
   * @throws BadParameterException for a period this analysis does not take
   */
  public Period period(String given) {
    return switch (this) {
      case NEW_INSTALLS -> Period.parse(given, Period.DAY, Period.DAY, Period.WEEK);
      case LIFECYCLE -> Period.parse(given, Period.WEEK, Period.DAY, Period.WEEK);
      case STICKINESS -> Period.parse(given, Period.WEEK, Period.WEEK, Period.MONTH);
      default -> null;
    };
  }

  /** Its columns, in order, for the breakdown and the period asked for (each ignored when not taken). */
  public List<String> columns(Breakdown by, Period period) {
    return switch (this) {
      case ACTIVE_INSTALLS -> by == Breakdown.NONE
          ? List.of("day", "active", "active7", "active28")
          : List.of("day", "key", "active", "active7", "active28");
      case NEW_INSTALLS -> List.of(period == Period.WEEK ? "week" : "day", "newInstalls");
      case RETENTION -> List.of("cohortWeek", "cohortSize", "weekOffset", "active", "share");
      case VERSIONS -> List.of("day", "version", "activeInstalls", "share");
      case FEATURES -> List.of("eventType", "kind", "installs", "total", "median", "p90", "max");
      case CLI -> List.of("noun", "verb", "modifiers", "version", "invocations", "installs");
      case ERRORS -> ERROR_COLUMNS;
      case ERROR -> withSample();
      case LIFECYCLE -> List.of(period.label(), "partial", "new", "returning", "resurrecting", "dormant");
      case STICKINESS -> List.of(period.label(), "partial", "days", "installs", "share");
      case RELEASES -> List.of("version", "firstSeen", "installsNow", "peak", "peakDay", "daysTo10",
          "daysTo50", "daysTo90");
      case RELEASE_ADOPTION -> List.of("version", "day", "installs");
      case ERROR_TREND -> List.of("day", "reports", "installs");
      case ERROR_VERSIONS -> List.of("version", "reports", "installs", "activeInstalls", "rate", "firstSeen",
          "newInVersion");
    };
  }

  private static List<String> withSample() {
    List<String> columns = new ArrayList<>(ERROR_COLUMNS);
    columns.add("sample");
    return List.copyOf(columns);
  }
}
