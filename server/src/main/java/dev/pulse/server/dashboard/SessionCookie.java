package dev.pulse.server.dashboard;

import io.javalin.http.Context;
import java.time.Duration;

/**
 * The dashboard's session cookie: {@code Secure; HttpOnly; SameSite=Strict; Path=/}.
 *
 * <p>Secure means browsers send it only over HTTPS, or to {@code localhost}; HttpOnly keeps it from
 * page scripts; SameSite=Strict keeps it off requests that other sites start, which is what makes a
 * session cookie safe to accept on the API without a CSRF token.
 */
final class SessionCookie {

  static final String NAME = "pulse_session";

  private SessionCookie() {}

  static String read(Context ctx) {
    return ctx.cookie(NAME);
  }

  // Written by hand: the header is short and every attribute is visible in one place.
  static void set(Context ctx, String sessionId, Duration ttl) {
    ctx.header(
        "Set-Cookie",
        NAME
            + "="
            + sessionId
            + "; Path=/; Max-Age="
            + ttl.toSeconds()
            + "; Secure; HttpOnly; SameSite=Strict");
  }

  static void clear(Context ctx) {
    ctx.header("Set-Cookie", NAME + "=; Path=/; Max-Age=0; Secure; HttpOnly; SameSite=Strict");
  }
}
