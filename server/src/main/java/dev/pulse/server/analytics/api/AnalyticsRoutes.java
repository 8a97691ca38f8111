package dev.pulse.server.analytics.api;

import dev.pulse.server.Routes;
import dev.pulse.server.analytics.Analytics;
import dev.pulse.server.analytics.AnalyticsQuery;
import dev.pulse.server.analytics.AnalyticsSource;
import dev.pulse.server.analytics.BadParameterException;
import dev.pulse.server.analytics.RollupMaintenance;
import dev.pulse.server.imports.ImportException;
import dev.pulse.server.imports.ImportResult;
import dev.pulse.server.imports.NdjsonImporter;
import dev.pulse.server.store.EventStore;
import dev.pulse.server.store.RecordKind;
import io.javalin.Javalin;
import io.javalin.http.Context;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.LocalDate;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;

/**
 * The analytics API under {@code /api/v1/} ({@code docs/api.md}, "Analytics API"): one GET route per
 * analysis, JSON or {@code ?format=csv}, 400 {@code {"error","parameter"}} for a bad parameter, and
 * {@code POST /api/v1/import}. Authentication is the server's filter on {@code /api/}, not this.
 */
public final class AnalyticsRoutes {

  /** The largest import body accepted, in bytes; larger imports go through {@code pulse import}. */
  public static final long MAX_IMPORT_BYTES = 64L * 1024 * 1024;

  private static final String PREFIX = "/api/v1/";

  private final AnalysisRunner runner;
  private final Clock clock;

  private AnalyticsRoutes(Analytics analytics, Clock clock) {
    this.runner = new AnalysisRunner(analytics);
    this.clock = clock;
  }

  /**
   * The analytics as server routes: each server start builds the analytics over the server's store
   * with {@code sources} (e.g. {@code store -> storage.analytics()}), starts the background rollup
   * maintenance (stopped with the server) and registers every route, import included.
   */
  public static Routes routes(Function<EventStore, AnalyticsSource> sources, RollupMaintenance.Settings settings) {
    return (app, services) -> {
      AnalyticsSource source = sources.apply(services.store());
      RollupMaintenance maintenance = RollupMaintenance.start(source, settings);
      app.events(events -> events.serverStopping(maintenance::close));
      register(app, Analytics.create(source), services.store(), Clock.systemUTC());
    };
  }

  /**
   * Routes for a store without analytics: every analysis answers 501 with a message saying so, rather
   * than a misleading 404.
   */
  public static Routes unavailable() {
    return (app, services) -> {
      for (String name : AnalysisRunner.NAMES) {
        String path = PREFIX + AnalysisRunner.path(name);
        app.get(path, ctx -> ctx.status(501).json(Map.of(
            "error", "analytics are not available on this store yet; they run on the embedded DuckDB store",
            "analysis", name)));
      }
    };
  }

  /** Registers every analysis route (no import). */
  public static void register(Javalin app, Analytics analytics) {
    register(app, analytics, null, Clock.systemUTC());
  }

  /** Registers every analysis route and, with a store, {@code POST /api/v1/import}. */
  public static void register(Javalin app, Analytics analytics, EventStore store) {
    register(app, analytics, store, Clock.systemUTC());
  }

  /** As {@link #register(Javalin, Analytics, EventStore)}, with the clock that says what "today" is. */
  public static void register(Javalin app, Analytics analytics, EventStore store, Clock clock) {
    AnalyticsRoutes routes = new AnalyticsRoutes(analytics, clock);
    for (String name : AnalysisRunner.NAMES) {
      String path = AnalysisRunner.path(name);
      app.get(PREFIX + path, ctx -> routes.analysis(ctx, name,
          path.contains("{fingerprint}") ? Map.of("fingerprint", ctx.pathParam("fingerprint")) : Map.of()));
    }
    if (store != null) {
      app.post(PREFIX + "import", ctx -> importRecords(ctx, store));
    }
  }

  private void analysis(Context ctx, String name, Map<String, String> pathParams) {
    try {
      boolean csv = csv(ctx.queryParam("format"));
      AnalyticsQuery query = AnalyticsQuery.parse(ctx.queryParam("from"), ctx.queryParam("to"),
          ctx.queryParam("component"), ctx.queryParam("version"), LocalDate.now(clock));
      Map<String, String> extra = new HashMap<>(pathParams);
      putIfPresent(extra, "by", ctx.queryParam("by"));
      putIfPresent(extra, "period", ctx.queryParam("period"));
      Optional<Answer> answer = runner.run(name, query, extra);
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

  private static void importRecords(Context ctx, EventStore store) {
    RecordKind kind;
    try {
      kind = RecordKind.parse(ctx.queryParam("kind"));
    } catch (IllegalArgumentException e) {
      error(ctx, 400, e.getMessage(), "kind");
      return;
    }
    long length = ctx.req().getContentLengthLong();
    if (length > MAX_IMPORT_BYTES) {
      error(ctx, 413, "the body has " + length + " bytes; at most " + MAX_IMPORT_BYTES
          + " are accepted (use pulse import for larger files)", "body");
      return;
    }
    try (BufferedReader lines = new BufferedReader(new InputStreamReader(
        new BoundedInputStream(ctx.bodyInputStream(), MAX_IMPORT_BYTES), StandardCharsets.UTF_8))) {
      // One batch: an import over HTTP is all or nothing.
      ImportResult result = new NdjsonImporter(store, Integer.MAX_VALUE).importFrom(lines, kind);
      ctx.contentType("application/json")
          .result("{\"imported\":" + result.imported() + ",\"skipped\":" + result.skipped() + "}");
    } catch (ImportException e) {
      error(ctx, 400, e.getMessage(), "body");
    } catch (java.io.IOException | java.io.UncheckedIOException e) {
      if (e.getCause() instanceof BoundedInputStream.TooLargeException) {
        error(ctx, 413, "the body exceeds " + MAX_IMPORT_BYTES + " bytes (use pulse import for larger files)",
            "body");
      } else {
        error(ctx, 400, "reading the body failed: " + e.getMessage(), "body");
      }
    }
  }

  private static boolean csv(String format) {
    if (format == null || format.isBlank() || format.equalsIgnoreCase("json")) {
      return false;
    }
    if (format.equalsIgnoreCase("csv")) {
      return true;
    }
    throw new BadParameterException("format", "must be json or csv, not " + format);
  }

  private static void putIfPresent(Map<String, String> map, String key, String value) {
    if (value != null) {
      map.put(key, value);
    }
  }

  private static void error(Context ctx, int status, String message, String parameter) {
    Map<String, String> body = new LinkedHashMap<>();
    body.put("error", message);
    body.put("parameter", parameter);
    ctx.status(status).json(body);
  }
}
