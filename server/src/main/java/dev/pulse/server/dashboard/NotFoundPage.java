package dev.pulse.server.dashboard;

import dev.pulse.server.web.BasePath;
import io.javalin.Javalin;
import io.javalin.http.Context;

/**
 * The page a browser gets for a path nothing answers ({@code /nope}, {@code /errors/x/y}): HTML with
 * links back, status 404. Only for requests that accept HTML and are not under {@code /api/}: API
 * clients, scripts and style sheets keep the JSON error.
 */
final class NotFoundPage {

  /** A longer path is shown cut to this many characters, followed by an ellipsis. */
  static final int MAX_PATH_SHOWN = 200;

  private final String template;

  NotFoundPage(BasePath base) {
    template = Templates.read("not-found.html", base);
  }

  /** Answers the app's HTML 404s with this page, its links under {@code base}; call before the app starts. */
  static void register(Javalin app, BasePath base) {
    NotFoundPage page = new NotFoundPage(base);
    app.error(404, "html", page::answer);
  }

  private void answer(Context ctx) {
    if (ctx.path().startsWith("/api/")) {
      return;
    }
    String html = render(BasePath.pathAsSent(ctx));
    DashboardRoutes.sendHtml(ctx, html);
  }

  String render(String path) {
    String shown = path.length() > MAX_PATH_SHOWN ? path.substring(0, MAX_PATH_SHOWN) + "…" : path;
    return template.replace("{{path}}", Templates.escapeHtml(shown));
  }
}
