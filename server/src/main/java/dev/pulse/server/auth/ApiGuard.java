package dev.pulse.server.auth;

import dev.pulse.server.web.Routes;
import dev.pulse.server.web.ServerServices;
import io.javalin.Javalin;
import io.javalin.http.Handler;
import java.util.Objects;

/**
 * The guard of {@code /api/}: every request under it passes {@code check} (the bearer token, or the
 * dashboard's session for reads) except those under the public prefix, which need no token; a
 * request the read token passed that would change something is refused once a route matched it.
 */
public final class ApiGuard implements Routes {

  private final Handler check;
  private final String publicPrefix;

  /**
   * @param check answers a request that may not pass (401, 429) and lets the others through
   * @param publicPrefix the paths under {@code /api/} open to anyone, e.g. {@code /api/public/}
   */
  public ApiGuard(Handler check, String publicPrefix) {
    this.check = Objects.requireNonNull(check, "check");
    this.publicPrefix = Objects.requireNonNull(publicPrefix, "publicPrefix");
  }

  @Override
  public void register(Javalin app, ServerServices services) {
    app.before("/api/*", ctx -> {
      if (!ctx.path().startsWith(publicPrefix)) {
        check.handle(ctx);
      }
    });
    app.beforeMatched("/api/*", BearerAuth::refuseWriteWithReadToken);
  }
}
