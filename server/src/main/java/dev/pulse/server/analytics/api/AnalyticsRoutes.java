package dev.pulse.server.analytics.api;

import dev.pulse.schema.Suggestions;
import dev.pulse.server.analytics.Analytics;
import dev.pulse.server.analytics.AnalyticsQuery;
import dev.pulse.server.analytics.BadParameterException;
import dev.pulse.server.web.ParameterErrors;
import dev.pulse.server.web.QueryParameters;
import dev.pulse.server.web.Routes;
import dev.pulse.server.web.ServerServices;
import io.javalin.Javalin;
import io.javalin.http.Context;
import java.time.Clock;
import java.time.LocalDate;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The analytics API under {@code /api/v1/} ({@code docs/api.md}, "Analytics API"): one GET route per
 * {@link Analysis}, JSON or {@code ?format=csv}, 400 {@code {"error","parameter"}} for a bad
 * parameter, one the analysis does not take, or one given twice. Authentication is the {@code /api/}
 * guard's job, not this.
 */
public final class AnalyticsRoutes implements Routes {

  private static final String PREFIX = "/api/v1/";

  private final AnalysisRunner runner;
  private final Clock clock;

  /**
   * The routes over {@code analytics}.
   *
   * @param clock says what "today" is, the default end of a range
   */
  public AnalyticsRoutes(Analytics analytics, Clock clock) {
    this.runner = new AnalysisRunner(analytics);
    this.clock = clock;
  }

  @Override
  public void register(Javalin app, ServerServices services) {
    for (Analysis analysis : Analysis.values()) {
      boolean fingerprint = analysis.takes(Analysis.Parameter.FINGERPRINT);
      app.get(PREFIX + analysis.path(), ctx -> analysis(ctx, analysis,
          fingerprint ? Map.of("fingerprint", ctx.pathParam("fingerprint")) : Map.of()));
    }
  }

  private void analysis(Context ctx, Analysis analysis, Map<String, String> pathParams) {
    try {
      Optional<QueryParameters.Refusal> refusal =
          QueryParameters.refusal(ctx, analysis.queryParameters(), analysis.apiName());
      if (refusal.isPresent()) {
        error(ctx, 400, refusal.get().reason(), refusal.get().parameter());
        return;
      }
      boolean csv = csv(ctx.queryParam("format"));
      AnalyticsQuery query = AnalyticsQuery.parse(ctx.queryParam("from"), ctx.queryParam("to"),
          ctx.queryParam("component"), ctx.queryParam("version"), LocalDate.now(clock));
      Map<String, String> extra = new HashMap<>(pathParams);
      putIfPresent(extra, "by", ctx.queryParam("by"));
      putIfPresent(extra, "period", ctx.queryParam("period"));
      Optional<Answer> answer = runner.run(analysis, query, extra);
      if (answer.isEmpty()) {
        error(ctx, 404, "no report of this fingerprint in the range", "fingerprint");
      } else if (csv) {
        ctx.contentType("text/csv; charset=utf-8").result(answer.get().csv());
      } else {
        ctx.contentType("application/json").result(answer.get().json());
      }
    } catch (BadParameterException e) {
      error(ctx, 400, e.reason(), e.parameter());
    }
  }

  /**
   * Read as {@code by} and {@code period} are: surrounding spaces are not part of the value, and one
   * given empty is left out.
   */
  private static boolean csv(String format) {
    if (format == null || format.isBlank() || format.strip().equalsIgnoreCase("json")) {
      return false;
    }
    if (format.strip().equalsIgnoreCase("csv")) {
      return true;
    }
    throw new BadParameterException("format", "must be json or csv, not " + BadParameterException.quoted(format.strip())
        + Suggestions.question(format.strip(), List.of("json", "csv")));
  }

  private static void putIfPresent(Map<String, String> map, String key, String value) {
    if (value != null) {
      map.put(key, value);
    }
  }

  private static void error(Context ctx, int status, String message, String parameter) {
    ctx.status(status).json(ParameterErrors.body(message, parameter));
  }
}
