package dev.pulse.server.dashboard;

import io.javalin.http.Context;
import io.javalin.http.Handler;
import io.javalin.http.HandlerType;
import java.util.Objects;

/**
 * The one hook the {@code /api/} auth filter needs to let the dashboard read the API: a request is
 * authenticated by its session cookie when it reads ({@code GET} or {@code HEAD}) and the cookie
 * names a live session.
 *
 * <p>Writes ({@code POST /api/v1/import} and the like) still need the bearer token, so that no
 * browser session can change data, whatever a page or another site makes the browser send.
 */
public final class SessionAuth {

  private SessionAuth() {}

  /** Whether {@code ctx} is a read carrying the cookie of a live session in {@code sessions}. */
  public static boolean isAuthenticated(Context ctx, SessionStore sessions) {
    HandlerType method = ctx.method();
    if (method != HandlerType.GET && method != HandlerType.HEAD) {
      return false;
    }
    return sessions.isValid(SessionCookie.read(ctx));
  }

  /**
   * The {@code /api/} guard with sessions: a read with a live session passes, anything else goes to
   * {@code otherwise} (the bearer-token check). Wiring: {@code app.before("/api/*",
   * SessionAuth.orElse(sessions, new BearerAuth(tokens, throttle, proxies)))}.
   */
  public static Handler orElse(SessionStore sessions, Handler otherwise) {
    Objects.requireNonNull(sessions, "sessions");
    Objects.requireNonNull(otherwise, "otherwise");
    return ctx -> {
      if (!isAuthenticated(ctx, sessions)) {
        otherwise.handle(ctx);
      }
    };
  }
}
