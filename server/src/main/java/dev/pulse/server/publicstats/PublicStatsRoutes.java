package dev.pulse.server.publicstats;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.pulse.server.analytics.BadParameterException;
import dev.pulse.server.web.ParameterErrors;
import dev.pulse.server.web.Routes;
import dev.pulse.server.web.ServerServices;
import io.javalin.Javalin;
import io.javalin.http.Context;
import java.util.Map;
import java.util.function.Function;

/**
 * {@code GET /public} (a page), {@code GET /api/public/v1/{installs,versions,features}} (JSON) and
 * {@code GET /api/public/v1/badge/installs} (a Shields.io endpoint badge), with no token: registered
 * only when public statistics are on, so that otherwise they answer 404. The
 * server's token check on {@code /api/} skips {@link #API_PREFIX}.
 */
public final class PublicStatsRoutes implements Routes {

  /** The prefix of the public JSON, outside the token check. */
  public static final String API_PREFIX = "/api/public/";

  private static final ObjectMapper JSON = new ObjectMapper();
  private static final String CACHE_CONTROL = "public, max-age=" + PublicStats.FRESH_FOR.toSeconds();

  private final PublicStats stats;

  /** The page and the JSON routes over {@code stats}. */
  public PublicStatsRoutes(PublicStats stats) {
    this.stats = stats;
  }

  @Override
  public void register(Javalin app, ServerServices services) {
    json(app, "installs", stats::installs);
    json(app, "versions", stats::versions);
    json(app, "features", stats::features);
    json(app, "badge/installs", period -> InstallsBadge.of(stats.installs(period)));
    app.get("/public", ctx -> {
      String period = ctx.queryParam("period");
      try {
        String page = PublicPage.render(stats.installs(period), stats.versions(period), stats.features(period));
        headers(ctx).contentType("text/html; charset=utf-8").result(page);
      } catch (BadParameterException e) {
        ctx.status(400).contentType("text/plain; charset=utf-8").result(e.getMessage());
      }
    });
  }

  private static void json(Javalin app, String name, Function<String, Map<String, Object>> answer) {
    app.get(API_PREFIX + "v1/" + name, ctx -> {
      Map<String, Object> body;
      try {
        body = answer.apply(ctx.queryParam("period"));
      } catch (BadParameterException e) {
        // Readable by any page, like the answer, but never cached: the mistake is the caller's to fix.
        ctx.status(400).header("Access-Control-Allow-Origin", "*").contentType("application/json")
            .result(write(ParameterErrors.body(e.reason(), e.parameter())));
        return;
      }
      headers(ctx).contentType("application/json").result(write(body));
    });
  }

  private static Context headers(Context ctx) {
    return ctx.header("Cache-Control", CACHE_CONTROL)
        .header("Access-Control-Allow-Origin", "*")
        .header("X-Content-Type-Options", "nosniff");
  }

  private static String write(Object value) {
    try {
      return JSON.writeValueAsString(value);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("a map of strings is always JSON", e);
    }
  }
}
