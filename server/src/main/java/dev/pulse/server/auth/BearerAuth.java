package dev.pulse.server.auth;

import dev.pulse.server.web.HttpProblem;
import io.javalin.http.Context;
import io.javalin.http.Handler;
import java.util.OptionalLong;

/**
 * Guards a path: the request must carry {@code Authorization: Bearer <admin token>}, or it is answered
 * 401 with {@code WWW-Authenticate: Bearer} and a JSON error. Wrong tokens are throttled per client
 * address ({@link AuthThrottle}): delayed, then refused with 429 and {@code Retry-After}; the right
 * token is always accepted at once.
 * Thread-safe.
 */
public final class BearerAuth implements Handler {

  private static final String PREFIX = "Bearer ";

  private final AdminToken token;
  private final AuthThrottle throttle;

  /** A guard with a throttle of its own. */
  public BearerAuth(AdminToken token) {
    this(token, AuthThrottle.create());
  }

  /** A guard sharing {@code throttle}, e.g. with the dashboard's sign-in. */
  public BearerAuth(AdminToken token, AuthThrottle throttle) {
    this.token = token;
    this.throttle = throttle;
  }

  @Override
  public void handle(Context ctx) {
    String header = ctx.header("Authorization");
    if (header != null) {
      String address = ctx.ip();
      boolean bearer = header.regionMatches(true, 0, PREFIX, 0, PREFIX.length());
      // The right token is never slowed or refused: tokens are long and random, so the throttle is
      // there to make guessing costly, not to lock the operator out behind a shared address.
      if (bearer && token.matches(header.substring(PREFIX.length()).trim())) {
        if (!throttle.isBlocked(address)) {
          throttle.succeeded(address); // starts the count over, but never lifts a block
        }
        return;
      }
      refuseIfBlocked(ctx, throttle, address);
      throttle.failed(address);
    }
    ctx.header("WWW-Authenticate", "Bearer realm=\"pulse\"");
    throw new HttpProblem(
        401,
        "UNAUTHORIZED",
        header == null
            ? "this resource needs Authorization: Bearer <admin token>"
            : "the bearer token is not the admin token");
  }

  /** Answers 429 with {@code Retry-After} when {@code address} is refused for now. */
  private static void refuseIfBlocked(Context ctx, AuthThrottle throttle, String address) {
    OptionalLong wait = throttle.blockedSeconds(address);
    if (wait.isEmpty()) {
      return;
    }
    ctx.header("Retry-After", Long.toString(wait.getAsLong()));
    throw new HttpProblem(
        429,
        "TOO_MANY_WRONG_TOKENS",
        "too many wrong admin tokens from this address; retry in " + wait.getAsLong() + " s");
  }
}
