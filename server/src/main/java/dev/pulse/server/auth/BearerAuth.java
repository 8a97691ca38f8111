package dev.pulse.server.auth;

import dev.pulse.server.auth.ApiTokens.Grant;
import dev.pulse.server.web.ErrorMessages;
import dev.pulse.server.web.HttpProblem;
import dev.pulse.server.web.TrustedProxies;
import io.javalin.http.Context;
import io.javalin.http.Handler;
import io.javalin.http.HandlerType;
import java.util.OptionalLong;

/**
 * Guards a path: the request must carry {@code Authorization: Bearer <admin token>}, or the read token
 * for a {@code GET} or {@code HEAD}; otherwise it is answered 401 with {@code WWW-Authenticate: Bearer}
 * and a JSON error (403 {@code READ_ONLY_TOKEN} for the read token on a write). Wrong tokens are
 * throttled per client address ({@link AuthThrottle}): delayed; past the bound the address is blocked,
 * and while it is, every token it sends, the right one included, is refused with 429 and {@code
 * Retry-After} before it is looked at. Outside a block a right token is accepted at once. The address
 * is the client's through the {@link TrustedProxies}.
 * Thread-safe.
 */
public final class BearerAuth implements Handler {

  private static final String PREFIX = "Bearer ";
  private static final String WRITE_WITH_READ_TOKEN = "pulse.writeWithReadToken";

  private final ApiTokens tokens;
  private final AuthThrottle throttle;
  private final TrustedProxies proxies;

  /**
   * A guard sharing {@code throttle}, e.g. with the dashboard's sign-in, counting wrong tokens by the
   * client address {@code proxies} give.
   */
  public BearerAuth(ApiTokens tokens, AuthThrottle throttle, TrustedProxies proxies) {
    this.tokens = tokens;
    this.throttle = throttle;
    this.proxies = proxies;
  }

  @Override
  public void handle(Context ctx) {
    String header = ctx.header("Authorization");
    if (header != null && !noToken(header)) {
      String address = proxies.clientAddress(ctx);
      // A blocked address is refused whatever it sends: were the right token let through, a guesser
      // would go on guessing at full speed, each wrong guess a 429, and the block would bound nothing.
      refuseIfBlocked(ctx, throttle, address);
      boolean bearer = header.regionMatches(true, 0, PREFIX, 0, PREFIX.length());
      Grant grant = bearer ? tokens.grant(header.substring(PREFIX.length()).trim()) : Grant.NONE;
      if (grant != Grant.NONE) {
        throttle.succeeded(address); // never delayed; the count starts over
        if (grant == Grant.READ && !reads(ctx)) {
          // Refused once a route matched (refuseWriteWithReadToken): a path or method no route takes
          // is 404 or 405 for every token, not "needs the admin token".
          ctx.attribute(WRITE_WITH_READ_TOKEN, Boolean.TRUE);
        }
        return;
      }
      throttle.failed(address);
    }
    ctx.header("WWW-Authenticate", "Bearer realm=\"pulse\"");
    throw new HttpProblem(401, "UNAUTHORIZED", refusal(header, reads(ctx)));
  }

  private String refusal(String header, boolean read) {
    if (header == null) {
      return "this resource needs Authorization: Bearer <admin token>"
          + (read && tokens.hasReadToken() ? " (or the read token)" : "");
    }
    if (noToken(header)) {
      return "the Authorization header holds no token: send Authorization: Bearer <token>";
    }
    if (!header.regionMatches(true, 0, PREFIX, 0, PREFIX.length())) {
      return "the Authorization header must be Bearer <token>, not " + scheme(header);
    }
    return tokens.hasReadToken()
        ? "the bearer token is neither the admin token nor the read token"
        : "the bearer token is not the admin token";
  }

  /** Whether {@code header} offers no credential at all (empty, or "Bearer" alone): no wrong token to count. */
  private static boolean noToken(String header) {
    return header.isBlank() || header.strip().equalsIgnoreCase(PREFIX.strip());
  }

  /** The scheme a header names, never its credentials: "the Basic scheme", or "a value without a scheme". */
  private static String scheme(String header) {
    String first = header.strip().split("\\s+", 2)[0];
    return header.strip().contains(" ") && first.matches("[A-Za-z][A-Za-z0-9-]{0,19}")
        ? "the " + first + " scheme" : "a value without a scheme";
  }

  /**
   * Answers 403 to a request that passed with the read token and asks to change something, once a
   * route has matched it (Javalin's {@code beforeMatched}).
   */
  public static void refuseWriteWithReadToken(Context ctx) {
    if (Boolean.TRUE.equals(ctx.attribute(WRITE_WITH_READ_TOKEN))) {
      throw new HttpProblem(403, "READ_ONLY_TOKEN", "the read token may only read; "
          + ctx.method() + " " + ErrorMessages.cutSegments(ctx.path()) + " needs the admin token");
    }
  }

  private static boolean reads(Context ctx) {
    return ctx.method() == HandlerType.GET || ctx.method() == HandlerType.HEAD;
  }

  /** Answers 429 with {@code Retry-After} when {@code address} is refused for now. */
  private static void refuseIfBlocked(Context ctx, AuthThrottle throttle, String address) {
    OptionalLong wait = throttle.blockedSeconds(address);
    if (wait.isEmpty()) {
      return;
    }
    ctx.header("Retry-After", Long.toString(wait.getAsLong()));
    throw new HttpProblem(429, "TOO_MANY_WRONG_TOKENS", "this address is blocked after too many wrong"
        + " tokens: every token from it, the right one too, is refused until the block ends; retry in "
        + wait.getAsLong() + " s");
  }
}
