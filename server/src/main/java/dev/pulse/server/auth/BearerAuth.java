package dev.pulse.server.auth;

import dev.pulse.server.http.HttpProblem;
import io.javalin.http.Context;
import io.javalin.http.Handler;

/**
 * Guards a path: the request must carry {@code Authorization: Bearer <admin token>}, or it is answered
 * 401 with {@code WWW-Authenticate: Bearer} and a JSON error. Thread-safe.
 */
public final class BearerAuth implements Handler {

  private static final String PREFIX = "Bearer ";

  private final AdminToken token;

  public BearerAuth(AdminToken token) {
    this.token = token;
  }

  @Override
  public void handle(Context ctx) {
    String header = ctx.header("Authorization");
    if (header != null
        && header.regionMatches(true, 0, PREFIX, 0, PREFIX.length())
        && token.matches(header.substring(PREFIX.length()).trim())) {
      return;
    }
    ctx.header("WWW-Authenticate", "Bearer realm=\"pulse\"");
    throw new HttpProblem(
        401,
        "UNAUTHORIZED",
        header == null
            ? "this resource needs Authorization: Bearer <admin token>"
            : "the bearer token is not the admin token");
  }
}
